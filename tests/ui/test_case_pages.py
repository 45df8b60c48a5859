"""Sign-in, roles and the case record's pages, driven by Streamlit's AppTest.

AppTest runs the app in this process; the sign-in form's own round trip through the browser's
cookie is tested in test_browser.py. Each test's case record is a fresh SQLite file
(conftest.app_environment); the case is the tiny scenario, whose clinical fields carry markers.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rtw_scheduler.cases.store import CaseStore
from tests.ui.case_helpers import open_page, page_text
from tests.ui.conftest import PASSWORD, SMALL_SCENARIO_YAML, signed_in

TIMEOUT = 120


def test_without_a_users_file_the_app_says_how_to_add_a_user(app_path: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RTW_UI_USERS", str(tmp_path / "none.yaml"))
    app = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    assert "nobody can sign in" in app.error[0].value and "rtw user add" in app.code[0].value
    assert not app.button and not app.tabs


def test_nothing_but_the_sign_in_form_shows_before_sign_in(app_path: Path) -> None:
    app = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    assert [field.label for field in app.text_input] == ["Username", "Password"]
    assert not app.tabs and not app.sidebar.radio


def test_a_wrong_password_is_refused(app_path: Path) -> None:
    app = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    app.text_input[0].input("ana")
    app.text_input[1].input(PASSWORD + "x")
    app.button[0].click().run()
    assert "incorrect" in app.error[0].value and not app.sidebar.radio


def test_the_right_password_signs_in_as_the_users_role(app_path: Path) -> None:
    app = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    app.text_input[0].input("sue")
    app.text_input[1].input(PASSWORD)
    app.button[0].click().run()
    assert app.sidebar.radio(key="page").options == ["Cases", "History"]


def test_only_the_clinician_has_the_editor_and_the_progress_page(app_path: Path) -> None:
    assert signed_in(app_path, "ana").sidebar.radio(key="page").options == [
        "Plan a scenario", "Cases", "Progress", "History"]
    for username in ("sue", "hal", "sam"):
        assert signed_in(app_path, username).sidebar.radio(key="page").options == ["Cases", "History"]


def test_the_clinician_sees_the_clinical_record(app_path: Path, case_record: CaseStore) -> None:
    """Also the proof that `page_text` reads the plan document shown on the page."""
    app = signed_in(app_path, "ana")
    assert "SECRET-DIAGNOSIS" in page_text(open_page(app, "Cases"))
    text = page_text(open_page(app, "History"))
    assert "PAIN-NOTE" in text and "progress.logged" in text


def test_a_worker_sees_only_their_own_case(app_path: Path, case_record: CaseStore) -> None:
    app = open_page(signed_in(app_path, "sam"), "Cases")
    assert app.selectbox(key="case_id").options == ["case 1: worker W-7, version 1"]
    assert "OTHER-9" not in page_text(app)


def test_signing_records_the_users_party(app_path: Path, case_record: CaseStore) -> None:
    app = open_page(signed_in(app_path, "sue"), "History")
    app.button(key="sign").click().run()
    assert "Signed by the employer, Sue Supervisor" in app.success[0].value
    assert [s.role for s in case_record.version(1, 1).sign_offs] == ["employer"]


def test_a_logged_week_shows_its_rule_and_a_re_plan_issues_the_next_version(
        app_path: Path, case_record: CaseStore) -> None:
    app = open_page(signed_in(app_path, "ana"), "Progress")
    assert app.number_input(key="log_week").value == 2  # the week after the last logged
    app.slider(key="log_during").set_value(7)
    app.button[0].click().run()  # the form's submit button
    assert app.success[0].value.startswith("Week 2: step back to the week before's load")
    app.text_input(key="replan_reason").input("pain above 5 in week 2").run()
    app.button(key="replan").click().run()
    assert "Issued version 2" in app.success[0].value
    assert case_record.case(1).latest_version == 2


def test_a_case_opens_from_the_plan_made_in_the_editor(app_path: Path, small_examples: Path,
                                                       store: CaseStore) -> None:
    app = signed_in(app_path, "ana")
    app.button(key="plan").click().run()
    app = open_page(app, "Cases")
    app.button(key="open_case").click().run()
    assert [case.worker_id for case in store.cases()] == ["W-7"]


def test_opening_another_page_keeps_the_editors_edits(app_path: Path, small_examples: Path) -> None:
    app = signed_in(app_path, "ana")
    hours = next(box for box in app.number_input if box.label == "Contracted hours per week")
    hours.set_value(30.0).run()
    open_page(open_page(app, "Cases"), "Plan a scenario")
    assert next(box for box in app.number_input if box.label == "Contracted hours per week").value == 30.0


def test_a_bad_users_file_is_named_with_its_field_on_the_sign_in_page(app_path: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "users.yaml"
    bad.write_text("cookie: {key: too-short}\n", encoding="utf-8")
    monkeypatch.setenv("RTW_UI_USERS", str(bad))
    app = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    assert not app.exception and f"{bad}: cookie.key" in app.code[0].value
    assert not app.text_input and not app.sidebar.radio


def test_a_case_opens_from_an_uploaded_scenario_file(app_path: Path, case_record: CaseStore) -> None:
    app = open_page(signed_in(app_path, "ana"), "Cases")
    app.file_uploader(key="open_upload").upload("packer.yaml", SMALL_SCENARIO_YAML.encode(), "application/x-yaml")
    app.run()
    app.button(key="open_upload_case").click().run()
    assert not app.exception and app.success[0].value.startswith("Opened case 3 for worker W-7: version 1")
    assert app.selectbox(key="case_id").value == 3 and case_record.case(3).latest_version == 1


def test_an_uploaded_file_that_is_not_a_scenario_opens_no_case(app_path: Path, store: CaseStore) -> None:
    app = open_page(signed_in(app_path, "ana"), "Cases")
    app.file_uploader(key="open_upload").upload("packer.yaml", b"id: x\nschema_version: 1\n", "application/x-yaml")
    app.run()
    app.button(key="open_upload_case").click().run()
    assert "packer.yaml: worker: Field required" in app.code[0].value and store.cases() == []
