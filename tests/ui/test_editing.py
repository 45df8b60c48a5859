"""The app's editors: tables built from the scenario, and the scenario rebuilt from them."""

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from rtw_scheduler.scenario_io import load_scenario, parse_scenario
from ui import editing

BUNDLED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def through_every_editor(data: dict[str, Any]) -> dict[str, Any]:
    """`data` after each editor's table is read back unchanged, as the app does on every run."""
    data = copy.deepcopy(data)
    exposure_dims = [d["id"] for d in data["dimensions"]]
    dims = ["work_hours", *exposure_dims]
    data["worker"]["baseline"]["weekly_exposure"] = editing.baseline_from(editing.baseline_frame(data, dims))
    editing.apply_tasks(data, editing.tasks_frame(data, exposure_dims), exposure_dims)
    editing.apply_grid(data, editing.availability_grid(data))
    data["availability"]["blackouts"] = editing.blackouts_from(editing.blackouts_frame(data))
    data["policy"]["target"]["weekly_exposure"] = editing.target_from(editing.target_frame(data, exposure_dims))
    data["policy"]["increments"] = editing.increments_from(editing.increments_frame(data, dims), data["policy"], {})
    data["policy"]["phases"] = editing.phases_from(editing.phases_frame(data), data)
    pattern = data["worker"]["shift_pattern"]
    pattern["shifts"], found = editing.shifts_from(editing.shifts_frame(data))
    assert found == []
    if pattern["kind"] == "weekly":
        pattern["week"] = editing.week_from(editing.week_frame(data))
    else:
        pattern["cycle"] = editing.cycle_from(editing.cycle_text(pattern["cycle"]))
    editing.apply_other_offers(data, editing.other_offers_frame(data))
    data["availability"]["appointments"] = editing.appointments_from(editing.appointments_frame(data))
    for field in ("weekly_ceiling", "entry_criteria"):
        editing.apply_phase_limits(data, editing.phase_limits_frame(data, field, dims), field, dims)
    recovery = data["policy"]["recovery"]
    recovery["heavy_day_threshold"] = editing.per_dimension_from(
        editing.per_dimension_frame(recovery["heavy_day_threshold"], dims, "threshold"), "threshold")
    data["policy"]["risk_factor_adjustments"] = editing.risk_factors_from(editing.risk_factors_frame(data))
    deload = recovery["deload"] or editing.DEFAULT_DELOAD
    recovery["deload"] = editing.deload_value(recovery["deload"] is not None, deload["every_weeks"],
                                              deload["max_percent_of_previous"])
    return data


def small(small_yaml: str) -> dict[str, Any]:
    return editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))


def problems_of(data: dict[str, Any], found: list[str] | None = None) -> list[str]:
    scenario, problems = editing.validate(data, found)
    assert (scenario is None) == bool(problems)
    return problems


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_untouched_editors_leave_a_bundled_scenario_unchanged(path: Path) -> None:
    data = editing.scenario_data(load_scenario(path))
    assert through_every_editor(data) == data


def test_the_bundled_scenarios_include_a_rotating_pattern_deload_and_date_bound_offers() -> None:
    """The round trip above covers every editor only if the examples use these features."""
    scenarios = [load_scenario(path) for path in BUNDLED]
    assert any(s.worker.shift_pattern.kind == "rotating" for s in scenarios)
    assert any(s.policy.recovery.deload is not None for s in scenarios)
    assert any(o.shift_kinds and o.from_date for s in scenarios for o in s.availability.offers)
    assert any(p.entry_criteria for s in scenarios for p in s.policy.phases)


def test_an_edited_exposure_rate_reaches_the_scenario(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    frame = editing.tasks_frame(data, ["lifting", "standing"])
    frame.loc[frame["id"] == "pack", "lifting"] = 120.0
    editing.apply_tasks(data, frame, ["lifting", "standing"])
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.task("pack").exposure_per_hour["lifting"] == 120.0


def test_an_emptied_phase_cap_is_named_by_field(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    frame = editing.phases_frame(data)
    frame.loc[0, "daily_hours_cap"] = None
    data["policy"]["phases"] = editing.phases_from(frame, data)
    scenario, problems = editing.validate(data)
    assert scenario is None
    assert any(line.startswith("policy.phases[0].daily_hours_cap: ") for line in problems)


def test_every_policy_value_shows_its_source_and_default(small_yaml: str) -> None:
    table = editing.provenance_frame(parse_scenario(small_yaml, "small.yaml")).set_index("value name")
    assert table.loc["horizon_weeks", "source"] == "scenario"
    assert table.loc["horizon_weeks", "default"] == "12"
    assert table.loc["acwr_max", "default"] == "off"
    assert table.loc["increments.lifting.percent", "default"] == "15"


# --- shift pattern ---------------------------------------------------------------------------


def test_an_edited_shift_with_breaks_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.shifts_frame(data)
    assert frame.loc[0, "start"] == "08:00" and frame.loc[0, "breaks"] == "10:00+30"
    frame.loc[0, ["end", "breaks"]] = ["13:00", "9:30+15, 11:00+20"]
    data["worker"]["shift_pattern"]["shifts"], found = editing.shifts_from(frame)
    scenario, problems = editing.validate(data, found)
    assert problems == [] and scenario is not None
    shift = scenario.worker.shift_pattern.shifts["D"]
    assert shift.end == dt.time(13, 0)
    assert [(b.start, b.minutes) for b in shift.breaks] == [(dt.time(9, 30), 15), (dt.time(11, 0), 20)]


def test_a_shift_time_that_is_not_hh_mm_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.shifts_frame(data)
    frame.loc[0, "start"] = "8h"
    data["worker"]["shift_pattern"]["shifts"], found = editing.shifts_from(frame)
    assert any(line.startswith("worker.shift_pattern.shifts.D.start: ") for line in problems_of(data, found))


def test_a_break_without_minutes_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.shifts_frame(data)
    frame.loc[0, "breaks"] = "10:00"
    data["worker"]["shift_pattern"]["shifts"], found = editing.shifts_from(frame)
    assert any(line.startswith("worker.shift_pattern.shifts.D.breaks[0].minutes: ")
               for line in problems_of(data, found))


def test_a_shift_code_given_twice_is_a_problem(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.shifts_frame(data)
    frame = pd.concat([frame, frame], ignore_index=True)
    data["worker"]["shift_pattern"]["shifts"], found = editing.shifts_from(frame)
    assert problems_of(data, found) == ["worker.shift_pattern.shifts.D: the code is used by two shifts"]


def test_a_new_shift_on_saturday_reaches_the_weekly_roster(small_yaml: str) -> None:
    data = small(small_yaml)
    shifts = editing.shifts_frame(data)
    shifts.loc[1] = ["S", "Saturday", "day", "08:00", "11:00", ""]
    week = editing.week_frame(data)
    week.loc[week["weekday"] == "sat", "shift"] = "S"
    pattern = data["worker"]["shift_pattern"]
    pattern["shifts"], found = editing.shifts_from(shifts)
    pattern["week"] = editing.week_from(week)
    scenario, problems = editing.validate(data, found)
    assert problems == [] and scenario is not None
    assert scenario.worker.shift_pattern.code_on(dt.date(2027, 1, 9)) == "S"  # a Saturday


def test_a_weekday_on_an_undefined_shift_code_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    week = editing.week_frame(data)
    week.loc[week["weekday"] == "sun", "shift"] = "N"
    data["worker"]["shift_pattern"]["week"] = editing.week_from(week)
    assert problems_of(data) == ["worker.shift_pattern: week uses undefined shift codes ['N']"]


def test_switching_to_rotating_rosters_the_same_days(small_yaml: str) -> None:
    data = small(small_yaml)
    weekly = parse_scenario(small_yaml, "small.yaml").worker.shift_pattern
    data["worker"]["shift_pattern"] = editing.switch_pattern(data["worker"]["shift_pattern"], "rotating",
                                                             data["worker"]["plan_start_date"])
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    rotating = scenario.worker.shift_pattern
    days = [dt.date(2027, 1, 4) + dt.timedelta(days=n) for n in range(21)]
    assert [rotating.code_on(day) for day in days] == [weekly.code_on(day) for day in days]


def test_an_edited_cycle_with_days_off_reaches_the_scenario() -> None:
    nurse = next(path for path in BUNDLED if path.stem == "hospital_nurse_rotator_cuff")
    data = editing.scenario_data(load_scenario(nurse))
    assert editing.cycle_text(data["worker"]["shift_pattern"]["cycle"]) == "LD, LD, N, N, off, off, off, off"
    data["worker"]["shift_pattern"]["cycle"] = editing.cycle_from("LD, off, N, OFF")
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.worker.shift_pattern.cycle == ["LD", None, "N", None]


def test_a_cycle_with_an_undefined_code_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    data["worker"]["shift_pattern"] = editing.switch_pattern(data["worker"]["shift_pattern"], "rotating",
                                                             data["worker"]["plan_start_date"])
    data["worker"]["shift_pattern"]["cycle"] = editing.cycle_from("D, X, off")
    assert problems_of(data) == ["worker.shift_pattern: cycle uses undefined shift codes ['X']"]


# --- availability ----------------------------------------------------------------------------


def test_an_added_appointment_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.appointments_frame(data)
    frame.loc[0] = [dt.date(2027, 1, 6), "9:00", "10:30", ""]
    data["availability"]["appointments"] = editing.appointments_from(frame)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    [appointment] = scenario.availability.appointments
    assert (appointment.date, appointment.start, appointment.end, appointment.kind) == (
        dt.date(2027, 1, 6), dt.time(9, 0), dt.time(10, 30), "appointment")


def test_an_appointment_ending_before_it_starts_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.appointments_frame(data)
    frame.loc[0] = [dt.date(2027, 1, 6), "11:00", "10:30", "physiotherapy"]
    data["availability"]["appointments"] = editing.appointments_from(frame)
    assert problems_of(data) == ["availability.appointments[0]: end must be after start"]


def test_an_offer_by_shift_kind_and_date_range_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.other_offers_frame(data)
    frame.loc[0] = ["pack", 2.0, "mon, wed", "day", "", dt.date(2027, 1, 11), None]
    editing.apply_other_offers(data, frame)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    offer = scenario.availability.offers[-1]
    assert (offer.task_id, offer.hours_per_day, offer.weekdays, offer.shift_kinds, offer.dates, offer.from_date,
            offer.until_date) == ("pack", 2.0, ["mon", "wed"], ["day"], None, dt.date(2027, 1, 11), None)
    assert len(scenario.availability.offers) == 3  # the grid's offers are kept


def test_an_offer_on_an_unknown_shift_kind_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.other_offers_frame(data)
    frame.loc[0] = ["pack", 2.0, "", "late", "", None, None]
    editing.apply_other_offers(data, frame)
    assert any(line.startswith("availability.offers[2].shift_kinds[0]: ") for line in problems_of(data))


# --- policy ----------------------------------------------------------------------------------


def test_a_phase_ceiling_and_entry_criterion_reach_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    dims = ["work_hours", "lifting", "standing"]
    ceilings = editing.phase_limits_frame(data, "weekly_ceiling", dims)
    ceilings.loc[0, "lifting"] = 900.0
    editing.apply_phase_limits(data, ceilings, "weekly_ceiling", dims)
    entry = editing.phase_limits_frame(data, "entry_criteria", dims)
    entry.loc[1, "work_hours"] = 0.5
    editing.apply_phase_limits(data, entry, "entry_criteria", dims)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.phases[0].weekly_ceiling == {"lifting": 900.0}
    assert scenario.policy.phases[1].entry_criteria == {"work_hours": 0.5}


def test_an_emptied_phase_ceiling_is_removed() -> None:
    knee = next(path for path in BUNDLED if path.stem == "construction_labourer_knee")
    data = editing.scenario_data(load_scenario(knee))
    dims = ["work_hours", *(d["id"] for d in data["dimensions"])]
    ceilings = editing.phase_limits_frame(data, "weekly_ceiling", dims)
    ceilings.loc[0, "kneeling"] = None
    editing.apply_phase_limits(data, ceilings, "weekly_ceiling", dims)
    assert data["policy"]["phases"][0]["weekly_ceiling"] == {"ladder_climbs": 40.0}


def test_a_phase_lifting_index_of_zero_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.phases_frame(data)
    frame.loc[0, "max_lifting_index"] = 0.0
    data["policy"]["phases"] = editing.phases_from(frame, data)
    assert any(line.startswith("policy.phases[0].max_lifting_index: ") for line in problems_of(data))


def test_a_phase_rest_day_override_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.phases_frame(data)
    frame.loc[0, "min_rest_days_per_week"] = 3.0
    data["policy"]["phases"] = editing.phases_from(frame, data)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.phases[0].min_rest_days_per_week == 3


def test_deload_switched_on_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    data["policy"]["recovery"]["deload"] = editing.deload_value(True, 3, 70.0)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    deload = scenario.policy.recovery.deload
    assert deload is not None and (deload.every_weeks, deload.max_percent_of_previous) == (3, 70.0)


def test_deload_switched_off_is_none() -> None:
    assert editing.deload_value(False, 4, 80.0) is None


def test_a_deload_every_week_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    data["policy"]["recovery"]["deload"] = editing.deload_value(True, 1, 80.0)
    assert any(line.startswith("policy.recovery.deload.every_weeks: ") for line in problems_of(data))


def test_a_heavy_day_threshold_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.per_dimension_frame({}, ["work_hours", "lifting", "standing"], "threshold")
    frame.loc[1, "threshold"] = 400.0
    data["policy"]["recovery"]["heavy_day_threshold"] = editing.per_dimension_from(frame, "threshold")
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.recovery.heavy_day_threshold == {"lifting": 400.0}


@pytest.mark.parametrize(("field", "value", "line"), [
    ("warm_up_minutes", 7, "policy: warm_up_minutes must be a multiple of slot_minutes"),
    ("min_hours_per_worked_day", 5.0, "policy: min_hours_per_worked_day is above the first phase's daily hours cap"),
    ("increment_lookback_weeks", 5, "policy.increment_lookback_weeks: Input should be less than or equal to 4"),
], ids=["warm_up_minutes", "min_hours_per_worked_day", "increment_lookback_weeks"])
def test_a_bad_policy_number_is_named_by_field(small_yaml: str, field: str, value: float, line: str) -> None:
    data = small(small_yaml)
    data["policy"][field] = value
    assert problems_of(data) == [line]


def test_a_ceiling_margin_above_100_percent_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    data["policy"]["target"]["ceiling_margin_percent"] = 150.0
    assert problems_of(data) == ["policy.target.ceiling_margin_percent: Input should be less than or equal to 100"]


def test_a_new_risk_factor_reaches_the_scenario_and_can_be_given_to_the_worker(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.risk_factors_frame(data)
    frame.loc[1] = ["night_work", 0.85]
    data["policy"]["risk_factor_adjustments"] = editing.risk_factors_from(frame)
    data["worker"]["risk_factors"] = ["smoking", "night_work"]
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.risk_factor_adjustments == {"smoking": 0.9, "night_work": 0.85}


def test_a_risk_multiplier_above_one_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = editing.risk_factors_frame(data)
    frame.loc[0, "multiplier"] = 1.5
    data["policy"]["risk_factor_adjustments"] = editing.risk_factors_from(frame)
    assert problems_of(data) == ["policy: risk_factor_adjustments.smoking must be in (0, 1]"]
