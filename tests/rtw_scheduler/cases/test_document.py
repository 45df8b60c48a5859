"""The plan document: what each audience's copy says, and that the PDF reads back."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from models.plan import Plan
from models.restrictions import Review
from models.scenario import Scenario
from rtw_scheduler.cases.document import plan_document_html, plan_document_pdf
from rtw_scheduler.cases.store import CaseStore, Version


@pytest.fixture
def version(tmp_path: Path, small_scenario: Scenario, small_plan: Plan) -> Version:
    store = CaseStore(f"sqlite:///{tmp_path / 'cases.sqlite'}")
    case = store.open_case(small_scenario, small_plan, "ana")
    store.sign_off(case.id, 1, "worker", "Sam Worker", "ana")
    return store.version(case.id, 1)


@pytest.mark.parametrize("audience", ["worker", "supervisor", "hr"])
def test_no_copy_but_the_clinicians_holds_the_clinical_record(
        audience: str, small_scenario: Scenario, small_plan: Plan, version: Version,
        clinical_markers: tuple[str, ...]) -> None:
    html = plan_document_html(small_scenario, small_plan, version, audience)  # type: ignore[arg-type]
    assert not [marker for marker in clinical_markers if marker in html]


def test_the_clinicians_copy_holds_the_clinical_record(small_scenario: Scenario, small_plan: Plan,
                                                       version: Version) -> None:
    html = plan_document_html(small_scenario, small_plan, version, "clinician")
    assert "SECRET-DIAGNOSIS" in html and "smoking" in html


def test_the_pdf_reads_back_with_goal_weeks_and_signatures(small_scenario: Scenario, small_plan: Plan,
                                                           version: Version) -> None:
    pdf = plan_document_pdf(plan_document_html(small_scenario, small_plan, version, "supervisor"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Return-to-work plan" in text and f"in week {small_plan.full_duty_week}" in text
    assert "Sam Worker" in text and "Employer" in text
    assert all(task.name.split()[0] in text for task in small_scenario.tasks if not task.warm_up)


def test_hr_reads_hours_and_days_not_duties(small_scenario: Scenario, small_plan: Plan, version: Version) -> None:
    html = plan_document_html(small_scenario, small_plan, version, "hr")
    assert "Hours per week" in html and "Duties (hours a day)" not in html and "Restrictions" not in html


def test_a_reviewers_name_goes_to_the_worker_not_the_supervisor(small_scenario: Scenario, small_plan: Plan,
                                                               version: Version) -> None:
    reviewed = small_plan.model_copy(update={"reviews": [Review(date=small_plan.weeks[1].start_date,
                                                                by="Dr Reviewer")]})
    assert "Dr Reviewer" in plan_document_html(small_scenario, reviewed, version, "worker")
    supervisor = plan_document_html(small_scenario, reviewed, version, "supervisor")
    assert "Dr Reviewer" not in supervisor and small_plan.weeks[1].start_date.isoformat() in supervisor


def test_text_from_the_scenario_is_escaped(small_scenario: Scenario, small_plan: Plan, version: Version) -> None:
    named = small_scenario.model_copy(deep=True)
    named.worker.display_name = "<script>alert(1)</script>"
    html = plan_document_html(named, small_plan, version, "worker")
    assert "<script>" not in html and "&lt;script&gt;" in html
