"""The app's main flow, driven by Streamlit's AppTest (no browser): open, edit, plan, see.

AppTest cannot drive `st.file_uploader`, so the upload path is specified through the
function the app calls with the uploaded bytes (`ui.editing.read_upload`); the same
field-named rendering is checked in the app itself through an invalid edit.
"""

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from rtw_scheduler.scenario_io import parse_scenario
from tests.ui.conftest import signed_in
from ui import availability_tables, editing

TIMEOUT = 120


@pytest.fixture
def app(small_examples: Path, app_path: Path) -> AppTest:
    return signed_in(app_path, timeout=TIMEOUT)


def number_input(app: AppTest, label: str):  # noqa: ANN201 (AppTest element)
    return next(widget for widget in app.number_input if widget.label == label)


def summary(app: AppTest) -> str:
    return next(m.value for m in app.markdown if "**Status:**" in m.value)


def test_the_app_opens_the_example_ready_to_plan(app: AppTest) -> None:
    assert not app.exception
    assert not app.error
    assert any(c.value == "Editing: small_packer.yaml" for c in app.caption)
    assert number_input(app, "Horizon (weeks)").value == 4
    assert not app.button(key="plan").disabled


def test_planning_shows_the_summary_and_the_checker_verdict(app: AppTest) -> None:
    app.button(key="plan").click().run()
    assert not app.exception
    text = summary(app)
    assert "**Full duty:** week" in text
    assert "**Weeks planned:** 5 of a 5-week horizon" in text  # 4 weeks / 0.9 (smoking)
    assert "**Independent checker:** no violations" in text


def test_an_edit_marks_the_plan_stale_and_planning_again_changes_the_summary(app: AppTest) -> None:
    app.button(key="plan").click().run()
    number_input(app, "Horizon (weeks)").set_value(5).run()
    assert any("press Plan to plan it again" in w.value for w in app.warning)
    app.button(key="plan").click().run()
    assert not app.exception
    assert "**Weeks planned:** 6 of a 6-week horizon" in summary(app)
    assert not app.warning


def test_an_invalid_edit_names_the_field_and_disables_plan(app: AppTest) -> None:
    number_input(app, "Contracted hours per week").set_value(0.0).run()
    assert "worker.contracted_hours_per_week: Input should be greater than 0" in app.code[0].value
    assert app.button(key="plan").disabled


def test_an_invalid_upload_gives_one_field_named_line_per_problem(small_yaml: str) -> None:
    data = yaml.safe_load(small_yaml)
    data["availability"]["offers"][0]["task_id"] = "forklift"
    data["worker"]["contracted_hours_per_week"] = -1
    scenario, problems = editing.read_upload("bad.yaml", yaml.safe_dump(data).encode())
    assert scenario is None
    assert "bad.yaml: worker.contracted_hours_per_week: Input should be greater than 0" in problems


def test_an_upload_with_a_yaml_syntax_error_names_the_line() -> None:
    scenario, problems = editing.read_upload("broken.yaml", b"worker: [unclosed\n")
    assert scenario is None
    assert len(problems) == 1 and problems[0].startswith("broken.yaml: line ")


def test_an_upload_over_one_megabyte_is_refused() -> None:
    scenario, problems = editing.read_upload("huge.json", b" " * (editing.MAX_UPLOAD_BYTES + 1))
    assert scenario is None
    assert problems == ["huge.json: file is larger than the 1 MB upload limit"]


def test_a_valid_upload_is_read_like_a_file(small_yaml: str) -> None:
    scenario, problems = editing.read_upload("small.yaml", small_yaml.encode())
    assert problems == []
    assert scenario is not None and scenario.id == "small-packer"


def test_the_downloaded_scenario_reads_back_as_the_same_scenario(small_yaml: str) -> None:
    scenario = parse_scenario(small_yaml, "small.yaml")
    text = editing.scenario_yaml(editing.scenario_data(scenario))
    assert parse_scenario(text, "edited.yaml") == scenario


def test_the_availability_grid_rewrites_offers_only_when_edited(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    offers = data["availability"]["offers"]
    grid = availability_tables.availability_grid(data)
    availability_tables.apply_grid(data, grid.copy())
    assert data["availability"]["offers"] == offers
    grid.loc["pack", "fri"] = 0.0  # an offer without weekdays covers every day
    availability_tables.apply_grid(data, grid)
    scenario, problems = editing.validate(data)
    assert problems == []
    assert scenario is not None
    pack = [o for o in scenario.availability.offers if o.task_id == "pack"]
    assert [str(day) for o in pack for day in (o.weekdays or [])] == ["mon", "tue", "wed", "thu", "sat", "sun"]


def test_without_a_test_folder_the_app_opens_the_bundled_warehouse_example(
        monkeypatch: pytest.MonkeyPatch, app_path: Path) -> None:
    monkeypatch.delenv("RTW_UI_SCENARIO_DIR", raising=False)
    app = signed_in(app_path, timeout=TIMEOUT)
    assert not app.exception
    assert app.selectbox(key="example").value == "warehouse_order_picker.yaml"
    assert not app.error


def test_an_invalid_deload_names_the_field_and_disables_plan(app: AppTest) -> None:
    next(box for box in app.checkbox if box.label == "Deload weeks").check().run()
    assert not app.code and not app.button(key="plan").disabled
    number_input(app, "Deload: every N weeks").set_value(1).run()
    assert "policy.recovery.deload.every_weeks: Input should be greater than or equal to 2" in app.code[0].value
    assert app.button(key="plan").disabled


def test_pain_thresholds_out_of_order_name_the_field_and_disable_plan(app: AppTest) -> None:
    number_input(app, "Safe pain during work, at most").set_value(6.0).run()
    assert "policy.monitoring" in app.code[0].value and "safe_pain_max must not exceed" in app.code[0].value
    assert app.button(key="plan").disabled
