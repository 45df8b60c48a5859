"""Plans over the night the clocks change: planned, laid out and checked as instants, not wall clocks.

Each scenario is the small packer (tests/fixtures/small_packer.yaml) on an early shift that
starts half an hour before the local change and has a 30-minute break in the changing hour,
every day of a two-week plan whose first week holds the change. When the clocks go back
the break ends in the repeated hour, so work resumes at a wall time already passed that
night (01:15 GMT after 01:45 BST in London); when they go forward the break falls in the
missing hour. Python compares two datetimes of one zone by wall clock, ignoring `fold`:
read that way the resumed work 'overlaps' the work before the break and the checker would
reject the planner's own plan, while a real clash in the repeated hour would pass.
"""

import copy
import datetime as dt
import functools
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from models.calendar import plan_days
from models.plan import Block, Plan
from models.scenario import Scenario
from models.shifts import real_minutes_between, utc
from rtw_scheduler.planning import make_plan
from solver.checker import check
from solver.solve import SolverParameters

SMALL = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "small_packer.yaml").read_text(encoding="utf-8"))
FAST = SolverParameters(deterministic_time_per_stage=1.0)
EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# zone, the Sunday of the change, shift start, break start, real minus wall-clock length
CHANGES = [
    ("Europe/London", "2027-10-31", "00:30", "01:45", 60),  # 02:00 BST -> 01:00 GMT
    ("Europe/London", "2027-03-28", "00:30", "01:45", -60),  # 01:00 GMT -> 02:00 BST
    ("America/New_York", "2027-11-07", "00:30", "01:45", 60),  # 02:00 EDT -> 01:00 EST
    ("America/New_York", "2027-03-14", "00:30", "01:45", -60),  # 02:00 EST -> 03:00 EDT
    ("Australia/Sydney", "2027-04-04", "01:30", "02:45", 60),  # 03:00 AEDT -> 02:00 AEST
    ("Australia/Sydney", "2027-10-03", "01:30", "02:45", -60),  # 02:00 AEST -> 03:00 AEDT
]
IDS = [f"{zone.split('/')[1]}-{'back' if extra > 0 else 'forward'}" for zone, _, _, _, extra in CHANGES]
SHIFT_WALL_MINUTES = 4 * 60 + 30


def clock_change_scenario(zone: str, sunday: str, start: str, break_start: str | None) -> Scenario:
    """The small packer on a 4.5 h early shift every day, over the week of a clock change."""
    data: dict[str, Any] = copy.deepcopy(SMALL)
    worker = data["worker"]
    worker["time_zone"] = zone
    worker["plan_start_date"] = str(dt.date.fromisoformat(sunday) - dt.timedelta(days=6))
    end = (dt.datetime.combine(dt.date.min, dt.time.fromisoformat(start))
           + dt.timedelta(minutes=SHIFT_WALL_MINUTES)).strftime("%H:%M")
    breaks = [{"start": break_start, "minutes": 30}] if break_start else []
    worker["shift_pattern"] = {
        "kind": "weekly",
        "shifts": {"E": {"name": f"Early {start}-{end}", "kind": "day", "start": start, "end": end,
                         "breaks": breaks}},
        "week": dict.fromkeys(EVERY_DAY, "E")}
    data["policy"]["horizon_weeks"] = 2
    return Scenario.model_validate(data)


@functools.cache
def planned(zone: str, sunday: str, start: str, break_start: str | None) -> tuple[Scenario, Plan]:
    """Each clock change is planned once; make_plan raises if the checker rejects the plan."""
    scenario = clock_change_scenario(zone, sunday, start, break_start)
    return scenario, make_plan(scenario, FAST).plan


def blocks_on(plan: Plan, date: dt.date) -> list[Block]:
    return next(day.blocks for week in plan.weeks for day in week.days if day.date == date)


@pytest.mark.parametrize(("zone", "sunday", "start", "break_start", "extra"), CHANGES, ids=IDS)
def test_a_plan_over_the_clock_change_night_plans_and_passes_the_checker(
        zone: str, sunday: str, start: str, break_start: str, extra: int) -> None:
    scenario, plan = planned(zone, sunday, start, break_start)
    change = dt.date.fromisoformat(sunday)
    blocks = blocks_on(plan, change)
    assert blocks, "the change night is worked"
    assert check(scenario, plan) == []
    reread = Plan.model_validate_json(plan.model_dump_json())  # fixed UTC offsets, as `rtw check` reads it
    assert check(scenario, reread) == []
    for block in blocks:
        assert block.minutes == real_minutes_between(block.start, block.end)
    instants = [(utc(b.start), utc(b.end)) for b in blocks]
    assert all(end <= following for (_, end), (following, _) in zip(instants, instants[1:], strict=False))


@pytest.mark.parametrize(("zone", "sunday", "start", "break_start", "extra"), CHANGES, ids=IDS)
def test_a_shift_over_the_clock_change_has_its_real_length_and_free_time(
        zone: str, sunday: str, start: str, break_start: str, extra: int) -> None:
    scenario = clock_change_scenario(zone, sunday, start, break_start)
    change = dt.date.fromisoformat(sunday)
    day = next(d for d in plan_days(scenario) if d.date == change)
    assert day.shift is not None
    assert day.shift.span.minutes == SHIFT_WALL_MINUTES + extra
    assert day.free_minutes == SHIFT_WALL_MINUTES + extra - 30
    for earlier, later in zip(day.free, day.free[1:], strict=False):
        assert utc(earlier.end) < utc(later.start)  # the break lies between, in real time


def test_work_resumed_in_the_repeated_hour_carries_the_later_utc_offset() -> None:
    """London, clocks back: work before the break runs to 01:45 BST, resumes at 01:15 GMT."""
    _, plan = planned(*CHANGES[0][:4])
    blocks = blocks_on(plan, dt.date(2027, 10, 31))
    resumed = next(b for b in blocks if b.start.utcoffset() == dt.timedelta(0))
    before = max((b for b in blocks if b.end.utcoffset() == dt.timedelta(hours=1)), key=lambda b: utc(b.end))
    assert (before.end.strftime("%H:%M%z"), resumed.start.strftime("%H:%M%z")) == ("01:45+0100", "01:15+0000")


def test_two_blocks_clashing_in_the_repeated_hour_are_caught_although_their_wall_times_do_not_meet() -> None:
    """00:45 BST to 01:20 GMT, then 01:30 BST to 02:30 GMT: on the wall clock the first ends
    before the second starts, in real time they share 50 minutes."""
    scenario, plan = planned("Europe/London", "2027-10-31", "00:30", None)
    london = ZoneInfo("Europe/London")
    night = dt.date(2027, 10, 31)

    def at(hour: int, minute: int, fold: int) -> dt.datetime:
        return dt.datetime(2027, 10, 31, hour, minute, tzinfo=london, fold=fold)

    clash = [("warm-up", at(0, 30, 0), at(0, 45, 0)), ("label", at(0, 45, 0), at(1, 20, 1)),
             ("pack", at(1, 30, 0), at(2, 30, 1))]
    tasks = {task.id: task for task in scenario.tasks}
    day = next(d for week in plan.weeks for d in week.days if d.date == night)
    day.blocks = [Block(task_id=t, task_name=tasks[t].name, start=s, end=e,
                        minutes=real_minutes_between(s, e), warm_up=tasks[t].warm_up) for t, s, e in clash]
    assert [b.minutes for b in day.blocks] == [15, 95, 120]

    for corrupted in (plan, Plan.model_validate_json(plan.model_dump_json())):
        overlaps = [v for v in check(scenario, corrupted) if "overlaps" in v.message]
        assert [(v.family, v.date, v.subject, v.message) for v in overlaps] == [
            ("shift_and_availability", night, "pack",
             "2027-10-31: Pack orders 01:30-02:30 overlaps Label returns 00:45-01:20")]
