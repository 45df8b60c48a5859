"""No page or download a supervisor, HR officer or worker can reach holds clinical text.

Each role signs in (AppTest, from session state: conftest.signed_in), opens every page it is
offered, and every element of each page is read; the plan documents the pages offer (HTML, and
the PDF once prepared, its text read back with pypdf) are taken where the page hands them to
Streamlit. The case is the tiny scenario, whose diagnosis, history, notes and risk factor carry
markers, with a week logged (pain, fatigue, notes): tests/ui/case_helpers.CLINICAL.
"""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from rtw_scheduler.cases.store import CaseStore
from tests.ui.case_helpers import capture_downloads, clinical_in, open_page, page_text
from tests.ui.conftest import signed_in

NON_CLINICIANS = [("sue", "supervisor"), ("hal", "hr"), ("sam", "worker")]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("username", [username for username, _ in NON_CLINICIANS])
def test_no_page_a_non_clinician_reaches_holds_clinical_text(app_path: Path, case_record: CaseStore,
                                                              username: str) -> None:
    app = signed_in(app_path, username)
    pages = app.sidebar.radio(key="page").options
    for page in pages:
        text = page_text(open_page(app, page))
        assert "case 1" in text, page
        assert clinical_in(text) == [], (username, page)


@pytest.mark.parametrize("username,audience", NON_CLINICIANS)
def test_a_non_clinicians_downloads_are_their_own_audiences_and_hold_no_clinical_text(
        app_path: Path, case_record: CaseStore, monkeypatch: pytest.MonkeyPatch, username: str,
        audience: str) -> None:
    offered = capture_downloads(monkeypatch)
    app = open_page(signed_in(app_path, username), "Cases")
    app.button(key=f"prepare_case-1-v1-{audience}").click().run()
    assert sorted(offered) == [f"case-1-v1-{audience}.html", f"case-1-v1-{audience}.pdf"]
    html, pdf = offered[f"case-1-v1-{audience}.html"].decode(), pdf_text(offered[f"case-1-v1-{audience}.pdf"])
    assert "Duties and hours per week" in html or audience == "hr"
    assert clinical_in(html) == [] and clinical_in(pdf) == []


def test_the_clinicians_download_holds_the_clinical_record(app_path: Path, case_record: CaseStore,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The proof that the downloads scanned above are the documents the page offers."""
    offered = capture_downloads(monkeypatch)
    open_page(signed_in(app_path, "ana"), "Cases")
    assert "SECRET-DIAGNOSIS" in offered["case-1-v1-clinician.html"].decode()


def test_the_clinicians_history_shows_the_pain_scores_the_others_never_see(app_path: Path,
                                                                            case_record: CaseStore) -> None:
    """The proof that the pain and fatigue markers match how the pages word them."""
    found = clinical_in(page_text(open_page(signed_in(app_path, "ana"), "History")))
    assert {"PAIN-NOTE", "FATIGUE-NOTE", "pain during", "pain next morning"} <= set(found)
