"""What leaves the clinician's view: nothing from which a diagnosis or a risk factor can be inferred.

The small scenario has a diagnosis, history and notes with SECRET-* markers and the risk
factor `smoking` (x0.9); here it also gets an appointment whose kind is a marker. The
employer-bound files (plan.json, plan.csv, weekly.csv, binding.json) and the calendar-level
fields of every calendar must hold none of it; a plan the checker rejects never becomes a
calendar.
"""

from pathlib import Path
from typing import Any

import icalendar
import pytest

from models.applied import ADJUSTED_NOTE, AppliedValue
from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.calendars import calendar_for, team_zip
from rtw_scheduler.cli import main
from rtw_scheduler.exports import plan_output_files
from rtw_scheduler.privacy import clinical_words_in_ids
from tests.rtw_scheduler.conftest import CLINICAL_MARKERS, FAST_SOLVE_SECONDS, small_scenario_data

APPOINTMENT_KIND = "ZZ-KIND-4471 physiotherapy"
MARKERS = (*CLINICAL_MARKERS, "ZZ-KIND-4471", "physiotherapy", "x0.9", "risk factor")


@pytest.fixture(scope="module")
def clinical_scenario() -> Scenario:
    data = small_scenario_data()
    data["availability"]["appointments"] = [
        {"date": "2027-01-19", "start": "08:00", "end": "10:00", "kind": APPOINTMENT_KIND}]
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def clinical_plan(planning_ready: None, clinical_scenario: Scenario) -> Plan:
    from rtw_scheduler.planning import make_plan
    from solver.solve import SolverParameters

    result = make_plan(clinical_scenario, SolverParameters(deterministic_time_per_stage=FAST_SOLVE_SECONDS))
    assert result.has_plan, result.plan.solve
    return result.plan


def leaks(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker.lower() in text.lower()]


# --- employer-bound files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan.json", "plan.csv", "weekly.csv", "binding.json"])
def test_an_employer_file_holds_no_diagnosis_risk_factor_multiplier_or_appointment_kind(
        clinical_scenario: Scenario, clinical_plan: Plan, name: str) -> None:
    text = plan_output_files(clinical_scenario, clinical_plan)[name].decode("utf-8")

    assert leaks(text) == []


def test_the_plan_says_only_that_limits_were_adjusted_by_the_clinician(clinical_plan: Plan) -> None:
    adjusted = [value for value in clinical_plan.applied_policy if value.source == "clinician adjustment"]

    assert adjusted  # the risk factor did change values
    assert {value.note for value in adjusted} == {ADJUSTED_NOTE}


def test_a_day_an_appointment_shortens_names_its_time_not_its_kind(clinical_plan: Plan) -> None:
    notes = [day.shortened_by for week in clinical_plan.weeks for day in week.days if day.shortened_by]

    assert notes and all(note.startswith("appointment ") and "ZZ-KIND" not in note for note in notes)


# --- calendars -------------------------------------------------------------------------------------


def calendar_level_text(data: bytes) -> list[str]:
    """The VCALENDAR's own properties (name, description...), which a shared calendar shows to all."""
    calendar = icalendar.Calendar.from_ical(data)
    return [str(value) for value in calendar.values()]


def test_the_clinician_calendar_keeps_clinical_text_out_of_its_calendar_level_fields(
        clinical_scenario: Scenario, clinical_plan: Plan) -> None:
    texts = calendar_level_text(calendar_for(clinical_scenario, clinical_plan, "clinician"))

    assert [text for text in texts if leaks(text)] == []


def test_the_clinician_team_calendar_keeps_clinical_text_out_of_its_calendar_level_fields(
        clinical_scenario: Scenario, clinical_plan: Plan) -> None:
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(team_zip([(clinical_scenario, clinical_plan)], "clinician")))

    assert [text for text in calendar_level_text(archive.read("team.ics")) if leaks(text)] == []


def test_the_clinician_reads_the_record_in_the_private_review_events(
        clinical_scenario: Scenario, clinical_plan: Plan) -> None:
    calendar = icalendar.Calendar.from_ical(calendar_for(clinical_scenario, clinical_plan, "clinician"))
    reviews = [event for event in calendar.walk("VEVENT") if "review@" in str(event["UID"])]

    assert reviews and all("SECRET-DIAGNOSIS" in str(event["DESCRIPTION"]) for event in reviews)
    assert all(str(event["CLASS"]) == "PRIVATE" for event in reviews)


# --- ids that travel -------------------------------------------------------------------------------


def with_ids(scenario_id: str, worker_id: str) -> Scenario:
    data: dict[str, Any] = small_scenario_data()
    data["id"], data["worker"]["id"] = scenario_id, worker_id
    return Scenario.model_validate(data)


def test_a_scenario_id_naming_the_diagnosis_gets_a_warning() -> None:
    warnings = clinical_words_in_ids(with_ids("packer-lumbar-strain", "W-7"))

    assert len(warnings) == 1
    assert "scenario id 'packer-lumbar-strain'" in warnings[0] and "'lumbar', 'strain'" in warnings[0]


def test_a_worker_id_naming_a_risk_factor_gets_a_warning() -> None:
    assert ["worker id 'smoking-7'" in w for w in clinical_words_in_ids(with_ids("p-1", "smoking-7"))] == [True]


def test_opaque_ids_get_no_warning() -> None:
    assert clinical_words_in_ids(with_ids("small-packer", "W-7")) == []


# --- export-ics runs the checker -------------------------------------------------------------------


@pytest.fixture
def rejected_plan_file(small_plan: Plan, tmp_path: Path) -> Path:
    """The small plan with week 1 reporting 10 h more than its blocks hold."""
    plan = small_plan.model_copy(deep=True)
    plan.weeks[0].exposure["work_hours"] += 10
    path = tmp_path / "plan.json"
    path.write_text(plan.model_dump_json(), encoding="utf-8")
    return path


def test_export_ics_refuses_a_plan_the_checker_rejects(
        small_scenario_file: Path, rejected_plan_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "worker.ics"

    code = main(["export-ics", str(small_scenario_file), str(rejected_plan_file), "-o", str(target),
                 "--audience", "worker"])

    err = capsys.readouterr().err
    assert code == 1
    assert "the independent checker rejects this plan" in err and "reported_totals" in err
    assert not target.exists()


def test_export_team_refuses_a_plan_the_checker_rejects(
        small_scenario_file: Path, rejected_plan_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "team.zip"

    code = main(["export-team", "-o", str(target), "--audience", "hr", str(small_scenario_file),
                 str(rejected_plan_file)])

    assert code == 1, capsys.readouterr().err
    assert not target.exists()


def test_a_restriction_source_naming_the_diagnosis_gets_a_warning() -> None:
    data: dict[str, Any] = small_scenario_data()
    data["restrictions"] = [{"source": "GP certificate for lumbar strain", "max_hours_per_day": 4}]

    warnings = clinical_words_in_ids(Scenario.model_validate(data))

    assert ["source of restrictions[0]" in w and "'lumbar', 'strain'" in w for w in warnings] == [True]


def test_a_plan_written_before_the_source_was_renamed_still_loads() -> None:
    value = AppliedValue.model_validate({"name": "heaviest_load_step_kg", "value": 2.25, "source": "risk adjustment"})

    assert value.source == "clinician adjustment"
