"""The worker's tables: edited shifts, weekly rosters and rotating cycles reach the scenario, or are named."""

import datetime as dt

import pandas as pd

from rtw_scheduler.scenario_io import load_scenario, parse_scenario
from tests.ui.editor_helpers import BUNDLED, problems_of, small
from ui import editing, worker_tables


def test_an_edited_shift_with_breaks_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = worker_tables.shifts_frame(data)
    assert frame.loc[0, "start"] == "08:00" and frame.loc[0, "breaks"] == "10:00+30"
    frame.loc[0, ["end", "breaks"]] = ["13:00", "9:30+15, 11:00+20"]
    data["worker"]["shift_pattern"]["shifts"], found = worker_tables.shifts_from(frame)
    scenario, problems = editing.validate(data, found)
    assert problems == [] and scenario is not None
    shift = scenario.worker.shift_pattern.shifts["D"]
    assert shift.end == dt.time(13, 0)
    assert [(b.start, b.minutes) for b in shift.breaks] == [(dt.time(9, 30), 15), (dt.time(11, 0), 20)]


def test_a_shift_time_that_is_not_hh_mm_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = worker_tables.shifts_frame(data)
    frame.loc[0, "start"] = "8h"
    data["worker"]["shift_pattern"]["shifts"], found = worker_tables.shifts_from(frame)
    assert any(line.startswith("worker.shift_pattern.shifts.D.start: ") for line in problems_of(data, found))


def test_a_break_without_minutes_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = worker_tables.shifts_frame(data)
    frame.loc[0, "breaks"] = "10:00"
    data["worker"]["shift_pattern"]["shifts"], found = worker_tables.shifts_from(frame)
    assert any(line.startswith("worker.shift_pattern.shifts.D.breaks[0].minutes: ")
               for line in problems_of(data, found))


def test_a_shift_code_given_twice_is_a_problem(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = worker_tables.shifts_frame(data)
    frame = pd.concat([frame, frame], ignore_index=True)
    data["worker"]["shift_pattern"]["shifts"], found = worker_tables.shifts_from(frame)
    assert problems_of(data, found) == ["worker.shift_pattern.shifts.D: the code is used by two shifts"]


def test_a_new_shift_on_saturday_reaches_the_weekly_roster(small_yaml: str) -> None:
    data = small(small_yaml)
    shifts = worker_tables.shifts_frame(data)
    shifts.loc[1] = ["S", "Saturday", "day", "08:00", "11:00", ""]
    week = worker_tables.week_frame(data)
    week.loc[week["weekday"] == "sat", "shift"] = "S"
    pattern = data["worker"]["shift_pattern"]
    pattern["shifts"], found = worker_tables.shifts_from(shifts)
    pattern["week"] = worker_tables.week_from(week)
    scenario, problems = editing.validate(data, found)
    assert problems == [] and scenario is not None
    assert scenario.worker.shift_pattern.code_on(dt.date(2027, 1, 9)) == "S"  # a Saturday


def test_a_weekday_on_an_undefined_shift_code_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    week = worker_tables.week_frame(data)
    week.loc[week["weekday"] == "sun", "shift"] = "N"
    data["worker"]["shift_pattern"]["week"] = worker_tables.week_from(week)
    assert problems_of(data) == ["worker.shift_pattern: week uses undefined shift codes ['N']"]


def test_switching_to_rotating_rosters_the_same_days(small_yaml: str) -> None:
    data = small(small_yaml)
    weekly = parse_scenario(small_yaml, "small.yaml").worker.shift_pattern
    data["worker"]["shift_pattern"] = worker_tables.switch_pattern(data["worker"]["shift_pattern"], "rotating",
                                                                   data["worker"]["plan_start_date"])
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    rotating = scenario.worker.shift_pattern
    days = [dt.date(2027, 1, 4) + dt.timedelta(days=n) for n in range(21)]
    assert [rotating.code_on(day) for day in days] == [weekly.code_on(day) for day in days]


def test_an_edited_cycle_with_days_off_reaches_the_scenario() -> None:
    nurse = next(path for path in BUNDLED if path.stem == "hospital_nurse_rotator_cuff")
    data = editing.scenario_data(load_scenario(nurse))
    assert worker_tables.cycle_text(data["worker"]["shift_pattern"]["cycle"]) == "LD, LD, N, N, off, off, off, off"
    data["worker"]["shift_pattern"]["cycle"] = worker_tables.cycle_from("LD, off, N, OFF")
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.worker.shift_pattern.cycle == ["LD", None, "N", None]


def test_a_cycle_with_an_undefined_code_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    data["worker"]["shift_pattern"] = worker_tables.switch_pattern(data["worker"]["shift_pattern"], "rotating",
                                                                   data["worker"]["plan_start_date"])
    data["worker"]["shift_pattern"]["cycle"] = worker_tables.cycle_from("D, X, off")
    assert problems_of(data) == ["worker.shift_pattern: cycle uses undefined shift codes ['X']"]
