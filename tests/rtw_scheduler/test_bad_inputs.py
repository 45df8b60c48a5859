"""The bad-input catalogue: every file in tests/fixtures/bad_inputs gives exactly its field errors.

Each file holds one case (YAML files say in a comment what is wrong; tests/fixtures/bad_inputs/
README.md lists the JSON ones). The same problems, `PATH: REASON` each, must come from
`load_scenario` (CLI), `read_upload` (the app) and `rtw plan` (exit 2, no output, no traceback).
Below the catalogue: valid inputs that used to give wrong results, and validation in linear time.
"""

import contextlib
import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import pytest

from models.base import EARLIEST_DATE, LATEST_DATE
from models.calendar import whole_slot_minutes
from models.scenario import Scenario
from rtw_scheduler.cli import main
from rtw_scheduler.compare import load_variants
from rtw_scheduler.scenario_io import InputError, Problem, load_scenario, parse_scenario
from ui.editing import read_upload

BAD_INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"

UTC_OFFSET = "has a UTC offset: write the wall-clock time alone, e.g. \"{}\" (times are read in worker.time_zone)"
DATE_RANGE = "must be from 2000-01-01 to 2100-12-31"
NOT_NEGATIVE = "Input should be greater than or equal to 0"
AT_MOST = "Input should be less than or equal to {}"

EXPECTED: dict[str, list[tuple[str, str]]] = {
    "shift_start_utc_z.yaml": [("worker.shift_pattern.shifts.D.start", UTC_OFFSET.format("08:00"))],
    "shift_end_utc_offset.yaml": [("worker.shift_pattern.shifts.D.end", UTC_OFFSET.format("12:30"))],
    "break_utc_offset.yaml": [("worker.shift_pattern.shifts.D.breaks[0].start", UTC_OFFSET.format("10:00"))],
    "appointment_utc_offset.yaml": [("availability.appointments[0].start", UTC_OFFSET.format("09:00")),
                                    ("availability.appointments[0].end", UTC_OFFSET.format("10:00"))],
    "time_with_seconds.yaml": [("worker.shift_pattern.shifts.D.start", "has seconds: write whole minutes, \"HH:MM\"")],
    "overlapping_breaks.yaml": [("worker.shift_pattern.shifts.D", "breaks[1] overlaps breaks[0]")],
    "plan_start_year_9999.yaml": [("worker.plan_start_date", DATE_RANGE)],
    "plan_start_monrovia_1971.yaml": [("worker.plan_start_date", DATE_RANGE)],
    "date_as_number.yaml": [("worker.plan_start_date", "write dates as YYYY-MM-DD (a number is not a date)")],
    "allowance_1e300.yaml": [("policy.increments.lifting.allowance", AT_MOST.format(1000000000))],
    "exposure_rate_1e18.yaml": [("tasks[1].exposure_per_hour.lifting", AT_MOST.format(1000000))],
    "hours_true.yaml": [("worker.contracted_hours_per_week", "Input should be a valid number")],
    "warm_up_number.yaml": [("tasks[0].warm_up", "Input should be a valid boolean")],
    "slot_minutes_text.json": [("policy.slot_minutes", "Input should be a valid integer")],
    "negative_target.yaml": [("policy.target.weekly_exposure.lifting", NOT_NEGATIVE)],
    "negative_ceiling.yaml": [("policy.phases[0].weekly_ceiling.lifting", NOT_NEGATIVE)],
    "negative_heavy_day_threshold.yaml": [("policy.recovery.heavy_day_threshold.lifting", NOT_NEGATIVE)],
    "entry_share_above_1.yaml": [("policy.phases[1].entry_criteria.lifting", AT_MOST.format(1))],
    "target_load_1e300.yaml": [("policy.target.heaviest_load_kg", AT_MOST.format(200))],
    "not_a_number.yaml": [("worker.baseline.heaviest_load_kg", "Input should be a finite number")],
    "infinity.json": [("worker.baseline.heaviest_load_kg", "Input should be a finite number")],
    "duplicate_key.yaml": [("line 9, column 3", "YAML duplicate key 'contracted_hours_per_week'")],
    "duplicate_key.json": [("worker", "JSON duplicate key 'contracted_hours_per_week'")],
    "two_problems.yaml": [("worker.contracted_hours_per_week", "Input should be a valid number"),
                          ("policy.target.weekly_exposure.lifting", NOT_NEGATIVE)],
}
"""Per scenario file of the catalogue, its problems as (field path or line, reason), in order."""


def _lines(file: str, name: str) -> list[str]:
    return [Problem(path, reason).render(file) for path, reason in EXPECTED[name]]


def test_every_scenario_file_of_the_catalogue_has_its_expected_problems() -> None:
    files = {path.name for path in BAD_INPUTS.iterdir() if path.suffix in (".yaml", ".json")}
    assert files - {"variants_duplicate_key.yaml"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_scenario_names_field_and_reason(name: str) -> None:
    path = BAD_INPUTS / name
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert str(caught.value).splitlines() == _lines(str(path), name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_app_shows_the_same_problems(name: str) -> None:
    scenario, problems = read_upload(name, (BAD_INPUTS / name).read_bytes())
    assert scenario is None
    assert problems == _lines(name, name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rtw_plan_exits_2_with_the_problems_and_writes_nothing(name: str, tmp_path: Path) -> None:
    path, outdir = BAD_INPUTS / name, tmp_path / "out"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["plan", str(path), "-o", str(outdir), "--no-suggestions"])
    assert code == 2
    assert err.getvalue().splitlines() == _lines(str(path), name)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert not outdir.exists()


def test_a_variants_file_refuses_a_change_given_twice(small_scenario_file: Path, tmp_path: Path) -> None:
    path = BAD_INPUTS / "variants_duplicate_key.yaml"
    expected = f"{path}: line 5, column 5: YAML duplicate key 'policy.increments.lifting.percent'"
    with pytest.raises(InputError) as caught:
        load_variants(path)
    assert str(caught.value) == expected
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["compare", str(small_scenario_file), "--variants", str(path), "-o", str(tmp_path / "out")])
    assert (code, err.getvalue().strip()) == (2, expected)


def test_json_duplicate_keys_are_named_at_every_depth() -> None:
    text = '{"id": "a", "id": "b", "worker": {"baseline": {"x": 1, "x": 2}}, "tasks": [{"q": 1, "q": 2}]}'
    with pytest.raises(InputError) as caught:
        parse_scenario(text, "d.json")
    assert str(caught.value).splitlines() == [
        "d.json: JSON duplicate key 'id'",
        "d.json: worker.baseline: JSON duplicate key 'x'",
        "d.json: tasks[0]: JSON duplicate key 'q'"]


# --- valid input that used to give a wrong result -------------------------------------------


def test_every_time_zone_has_whole_minute_offsets_over_the_date_range() -> None:
    """Why dates before 2000 are refused: offsets with seconds (Liberia until 1972) would write
    plan times its own checker rejects. Since then every zone's offset is whole minutes (sampled
    twice a year, past the last date by a longest horizon)."""
    instants = [dt.datetime(year, month, 15) for year in range(EARLIEST_DATE.year, LATEST_DATE.year + 3)
                for month in (1, 7)]
    odd = [(zone, instant.year) for zone in sorted(available_timezones()) for instant in instants
           if (offset := ZoneInfo(zone).utcoffset(instant)) is not None and offset.total_seconds() % 60]
    assert odd == []


def test_a_daily_cap_counts_in_whole_slots_rounded_down() -> None:
    assert whole_slot_minutes(7.75, 30) == 450
    assert whole_slot_minutes(7.75, 15) == 465
    assert whole_slot_minutes(4.1, 1) == 246


def test_thirty_minute_slots_and_a_7_75_hour_cap_give_a_plan_the_checker_accepts(
        planning_ready: None, scenario_data: dict[str, Any], fast_solve_seconds: float) -> None:
    """The planner holds a 7.75 h cap to 7.5 h (whole 30-minute slots); the checker used to
    measure the full-duty week against 7.75 h a day and rejected the planner's own plan."""
    from rtw_scheduler.planning import make_plan
    from solver.solve import SolverParameters

    policy = scenario_data["policy"]
    policy.update(slot_minutes=30, warm_up_minutes=0, variability={"max_share_of_day": 1, "max_share_of_week": 1})
    policy["phases"][1]["daily_hours_cap"] = 7.75
    policy["increments"]["work_hours"] = {"percent": 100, "allowance": 20}
    scenario_data["tasks"][0]["warm_up"] = False
    for task in scenario_data["tasks"]:
        task["min_block_minutes"] = 30
    worker = scenario_data["worker"]
    worker["contracted_hours_per_week"] = 38.75
    worker["shift_pattern"]["shifts"]["D"].update(start="08:00", end="16:00", breaks=[])
    scenario_data["availability"]["offers"] = [{"task_id": "label", "hours_per_day": 8},
                                               {"task_id": "pack", "hours_per_day": 8}]

    result = make_plan(Scenario.model_validate(scenario_data),
                       SolverParameters(deterministic_time_per_stage=fast_solve_seconds))

    assert result.has_plan and result.violations == []
    assert max(week.day_length_minutes for week in result.plan.weeks) == 450


# --- validation in linear time ---------------------------------------------------------------


def _tasks_json(scenario_data: dict[str, Any], count: int) -> str:
    data = json.loads(json.dumps(scenario_data, default=str))
    data["tasks"] += [{"id": f"t{i}", "name": f"Task {i}", "exposure_per_hour": {"lifting": 10}}
                      for i in range(count)]
    return json.dumps(data)


def _validation_seconds(text: str) -> float:
    start = time.perf_counter()
    parse_scenario(text, "tasks.json")
    return time.perf_counter() - start


def test_validation_time_grows_linearly_with_the_number_of_tasks(scenario_data: dict[str, Any]) -> None:
    """A quadratic duplicate-id check took 198 s on 5 MB of tasks: 20,000 tasks now take well under a
    second, and ten times the tasks take about ten times as long (best of three, on a shared machine)."""
    small, large = _tasks_json(scenario_data, 2_000), _tasks_json(scenario_data, 20_000)
    small_s = min(_validation_seconds(small) for _ in range(3))
    large_s = min(_validation_seconds(large) for _ in range(2))
    assert large_s < 10
    assert large_s < 30 * small_s
