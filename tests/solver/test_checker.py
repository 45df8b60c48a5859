"""Specification of the independent plan checker, one behaviour per constraint family.

The fixture is a three-week plan for a worker on Monday-Friday 07:00-11:00 shifts (break
09:00-09:15) in London, starting Monday 3 March 2025. Each weekday of the valid plan is

    07:00-07:15 warm-up, 07:15-08:00 packing, 08:00-08:30 sorting      (90 min)

so every week holds 7.5 h, lifting 425 kg x lifts (packing 100/h, sorting 20/h) and
standing 5 h (packing 1/h, sorting 0.5/h); the heaviest load is packing's 5 kg. The
phases are technique (week 1), moderate_loading (week 2) and full_exposure (week 3, full
duty). Each test changes the plan or the policy minimally and names the exact violation.
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from models.availability import Appointment, Availability, Blackout, TaskOffer
from models.dimensions import WORK_HOURS, DemandDimension
from models.ergonomics import (
    Coupling,
    ForceFrequency,
    LiftDuration,
    NioshLift,
    StrengthLevel,
)
from models.plan import Block, DayPlan, Plan, SolveSummary, WeekPlan
from models.policy import Deload, IncrementLimit, LoadRung, Phase, Policy, Target
from models.scenario import Scenario
from models.shifts import Break, ShiftKind, ShiftTemplate, Weekday, WeeklyPattern
from models.tasks import Task
from models.worker import Baseline, Worker
from solver.checker import FAMILIES, Violation, check

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
START = dt.date(2025, 3, 3)
PHASES = ("technique", "moderate_loading", "full_exposure")
NORMAL_DAY = [("warm-up", "07:00", "07:15"), ("packing", "07:15", "08:00"),
              ("sorting", "08:00", "08:30")]
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

Entry = tuple[str, str, str]
Schedule = dict[dt.date, list[Entry]]


def day(week: int, weekday: int) -> dt.date:
    """The date of a weekday (0 = Monday) in a 1-based plan week."""
    return START + dt.timedelta(days=7 * (week - 1) + weekday)


# ------------------------------------------------------------------------ scenario


def lift(**changes: object) -> NioshLift:
    values: dict[str, object] = {
        "horizontal_cm": 25, "vertical_origin_cm": 75, "vertical_travel_cm": 25,
        "asymmetry_deg": 0, "frequency_lifts_per_min": 0.2, "duration": LiftDuration.short,
        "coupling": Coupling.good}
    values.update(changes)
    return NioshLift.model_validate(values)


def packing_like(task_id: str, name: str, load_kg: float, **more: object) -> Task:
    """A task exposing the worker exactly like packing, with another load or lift."""
    return Task.model_validate(dict(
        id=task_id, name=name, exposure_per_hour={"lifting": 100, "standing": 1},
        heaviest_load_kg=load_kg, force_frequency=ForceFrequency.occasional,
        min_block_minutes=15, **more))


def make_scenario() -> Scenario:
    shift = ShiftTemplate(name="Day 07-11", kind=ShiftKind.day, start=dt.time(7),
                          end=dt.time(11), breaks=[Break(start=dt.time(9), minutes=15)])
    weekdays = [Weekday.mon, Weekday.tue, Weekday.wed, Weekday.thu, Weekday.fri]
    worker = Worker(
        id="w-1", display_name="Sam", time_zone="Europe/London", plan_start_date=START,
        contracted_hours_per_week=6,
        shift_pattern=WeeklyPattern(shifts={"D": shift}, week={d: "D" for d in weekdays}),
        baseline=Baseline(weekly_exposure={WORK_HOURS: 6.5, "lifting": 400, "standing": 5},
                          heaviest_load_kg=8))
    tasks = [
        Task(id="warm-up", name="Warm-up", warm_up=True, min_block_minutes=15),
        Task(id="packing", name="Pack small orders",
             exposure_per_hour={"lifting": 100, "standing": 1}, heaviest_load_kg=5,
             lift=lift(), min_block_minutes=30, max_block_minutes=45, max_minutes_per_day=60),
        Task(id="sorting", name="Sort returns", exposure_per_hour={"lifting": 20, "standing": 0.5},
             heaviest_load_kg=2, min_block_minutes=30),
        packing_like("reach-shelf", "Restock high shelf", 8,
                     lift=lift(horizontal_cm=60, asymmetry_deg=90)),  # LI 1.17, light
        packing_like("crate", "Move crates", 10),  # DOT medium
    ]
    hours = {"packing": 1.5, "sorting": 1, "reach-shelf": 1, "crate": 1}  # warm-up: none
    policy = Policy(
        horizon_weeks=3,
        increments={WORK_HOURS: IncrementLimit(percent=20, allowance=2),
                    "lifting": IncrementLimit(percent=20, allowance=50),
                    "standing": IncrementLimit(percent=20, allowance=1)},
        min_hours_per_worked_day=1.5,
        phases=[
            Phase(name="technique", daily_hours_cap=2, max_strength_level=StrengthLevel.light,
                  min_rest_days_between_worked_days=0),
            Phase(name="moderate_loading", daily_hours_cap=3,
                  max_strength_level=StrengthLevel.medium),
            Phase(name="full_exposure", daily_hours_cap=4),
        ],
        target=Target(weekly_exposure={"lifting": 400, "standing": 4}, heaviest_load_kg=5, ceiling_margin_percent=None),
    )
    return Scenario(
        id="checker-fixture",
        dimensions=[DemandDimension(id="lifting", name="Lifting", unit="kg x lifts"),
                    DemandDimension(id="standing", name="Standing", unit="h")],
        worker=worker, tasks=tasks,
        availability=Availability(offers=[TaskOffer(task_id=t, hours_per_day=h)
                                          for t, h in hours.items()]),
        policy=policy)


def with_policy(scenario: Scenario, **changes: object) -> Scenario:
    return scenario.model_copy(update={"policy": scenario.policy.model_copy(update=changes)})


def with_recovery(scenario: Scenario, **changes: object) -> Scenario:
    return with_policy(scenario, recovery=scenario.policy.recovery.model_copy(update=changes))


def with_phase(scenario: Scenario, index: int, **changes: object) -> Scenario:
    phases = list(scenario.policy.phases)
    phases[index] = phases[index].model_copy(update=changes)
    return with_policy(scenario, phases=phases)


def with_target(scenario: Scenario, **changes: object) -> Scenario:
    return with_policy(scenario, target=scenario.policy.target.model_copy(update=changes))


def with_baseline(scenario: Scenario, heaviest_load_kg: float | None = None,
                  **exposure: float) -> Scenario:
    baseline = scenario.worker.baseline
    changes: dict[str, object] = {
        "weekly_exposure": {**baseline.weekly_exposure, **exposure}}
    if heaviest_load_kg is not None:
        changes["heaviest_load_kg"] = heaviest_load_kg
    worker = scenario.worker.model_copy(update={"baseline": baseline.model_copy(update=changes)})
    return scenario.model_copy(update={"worker": worker})


# ------------------------------------------------------------------- hand-built plan


def valid_schedule(scenario: Scenario) -> Schedule:
    """NORMAL_DAY on every rostered weekday of the horizon."""
    return {day(week, weekday): list(NORMAL_DAY)
            for week in range(1, scenario.policy.horizon_weeks + 1) for weekday in range(5)
            if not scenario.availability.is_blackout(day(week, weekday))}


def timed(date: dt.date, start: str, end: str, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """Local start and end; an end at or before the start is on the next day."""
    begin = dt.datetime.combine(date, dt.time.fromisoformat(start), tzinfo=zone)
    finish = dt.datetime.combine(date, dt.time.fromisoformat(end), tzinfo=zone)
    return begin, finish + dt.timedelta(days=1) if finish <= begin else finish


def build_plan(scenario: Scenario, schedule: Schedule, phases: Sequence[str] = PHASES,
               full_duty_weeks: Iterable[int] | None = None) -> Plan:
    """A plan holding exactly `schedule`, with its totals added up by hand."""
    worker, policy = scenario.worker, scenario.policy
    tasks = {task.id: task for task in scenario.tasks}
    full_duty = set(full_duty_weeks) if full_duty_weeks is not None else {policy.horizon_weeks}
    deload = policy.recovery.deload
    weeks = []
    for number in range(1, policy.horizon_weeks + 1):
        first = worker.plan_start_date + dt.timedelta(days=7 * (number - 1))
        days: list[DayPlan] = []
        minutes_by_task: dict[str, int] = {}
        worked = 0
        for offset in range(7):
            date = first + dt.timedelta(days=offset)
            blocks = []
            for task_id, start, end in schedule.get(date, []):
                begin, finish = timed(date, start, end, worker.zone)
                elapsed = finish.astimezone(UTC) - begin.astimezone(UTC)
                minutes = int(elapsed.total_seconds() // 60)
                blocks.append(Block(task_id=task_id, task_name=tasks[task_id].name, start=begin,
                                    end=finish, minutes=minutes, warm_up=tasks[task_id].warm_up))
                minutes_by_task[task_id] = minutes_by_task.get(task_id, 0) + minutes
            worked += bool(blocks)
            blackout = scenario.availability.is_blackout(date)
            code = None if blackout else worker.shift_pattern.code_on(date)
            days.append(DayPlan(
                date=date, weekday=Weekday.of(date), shift_code=code, blackout=blackout,
                shift_kind=worker.shift_pattern.shifts[code].kind if code else None,
                blocks=blocks))
        exposure = {dim: sum(m * tasks[t].rate(dim) for t, m in minutes_by_task.items()) / 60
                    for dim in scenario.dimension_ids}
        exposure[WORK_HOURS] = sum(minutes_by_task.values()) / 60
        weeks.append(WeekPlan(
            number=number, start_date=first, phase=phases[number - 1],
            full_duty=number in full_duty,
            deload=bool(deload and number % deload.every_weeks == 0 and number not in full_duty),
            exposure=exposure, rest_days=7 - worked, days=days, days_worked=worked,
            day_length_minutes=max((sum(b.minutes for b in d.blocks) for d in days), default=0),
            heaviest_load_kg=max((tasks[t].heaviest_load_kg for t in minutes_by_task), default=0)))
    return Plan(scenario_id=scenario.id, worker_id=worker.id, time_zone=worker.time_zone,
                slot_minutes=policy.slot_minutes, solve=SolveSummary(status="FEASIBLE"),
                full_duty_week=min(full_duty, default=None), weeks=weeks)


Fact = tuple[str, int | None, dt.date | None, str | None, float | None, float | None]


def facts(violations: list[Violation], family: str | None = None) -> list[Fact]:
    """What a violation says, numbers rounded to 4 decimals; optionally one family only."""
    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, 4)
    return [(v.family, v.week, v.date, v.subject, rounded(v.limit), rounded(v.value))
            for v in violations if family is None or v.family == family]


@pytest.fixture
def scenario() -> Scenario:
    return make_scenario()


@pytest.fixture
def schedule(scenario: Scenario) -> Schedule:
    return valid_schedule(scenario)


# ------------------------------------------------------------------------ the valid plan


def test_the_hand_built_plan_breaks_no_family(scenario: Scenario, schedule: Schedule) -> None:
    assert check(scenario, build_plan(scenario, schedule)) == []


def test_the_checker_checks_exactly_the_families_of_the_spec_in_its_order() -> None:
    spec = Path(__file__).parents[2] / "docs" / "constraint-families.md"
    table = re.findall(r"^\| `([a-z_]+)` \|", spec.read_text(encoding="utf-8"), re.MULTILINE)
    assert FAMILIES == tuple(table)


def test_an_infeasible_plan_without_weeks_has_nothing_to_check(scenario: Scenario) -> None:
    plan = build_plan(scenario, {}).model_copy(
        update={"weeks": [], "full_duty_week": None, "solve": SolveSummary(status="INFEASIBLE")})
    assert check(scenario, plan) == []


# ------------------------------------------------------------------ shift_and_availability


def test_a_block_on_a_day_off_breaks_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, SUN)] = [("packing", "07:15", "08:00")]
    violations = [v for v in check(scenario, build_plan(scenario, schedule)) if v.family == "shift_and_availability"]
    assert facts(violations) == [("shift_and_availability", 1, day(1, SUN), "packing", None, None)]
    assert "day off" in violations[0].message


def test_a_block_over_the_break_breaks_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, MON)][2] = ("sorting", "08:45", "09:15")
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("shift_and_availability", 1, day(1, MON), "sorting", None, None)]


def test_a_block_during_an_appointment_breaks_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    physio = Appointment(date=day(1, WED), start=dt.time(8), end=dt.time(8, 30))
    scenario.availability.appointments.append(physio)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("shift_and_availability", 1, day(1, WED), "sorting", None, None)]


def test_a_block_on_a_blackout_date_breaks_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule)
    scenario.availability.blackouts.append(Blackout(date=day(2, WED), reason="Holiday"))
    assert facts(check(scenario, plan), "shift_and_availability") == [
        ("shift_and_availability", 2, day(2, WED), task, None, None)
        for task in ("warm-up", "packing", "sorting")]


def test_overlapping_blocks_break_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, TUE)][2] = ("sorting", "07:45", "08:15")
    assert facts(check(scenario, build_plan(scenario, schedule)), "shift_and_availability") == [
        ("shift_and_availability", 1, day(1, TUE), "sorting", None, None)]


def test_block_minutes_must_be_the_real_time_between_start_and_end(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule)
    block = plan.weeks[0].days[MON].blocks[1]
    block.minutes = 60  # 07:15-08:00 is 45 minutes
    assert facts(check(scenario, plan)) == [
        ("shift_and_availability", 1, day(1, MON), "packing", 45, 60)]


def test_more_than_the_site_offers_breaks_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(2, MON)].append(("sorting", "09:15", "10:00"))  # 75 min, 1 h offered
    assert facts(check(scenario, build_plan(scenario, schedule)), "shift_and_availability") == [
        ("shift_and_availability", 2, day(2, MON), "sorting", 60, 75)]


def test_the_warm_up_needs_no_offer_for_its_warm_up_minutes(scenario: Scenario) -> None:
    assert not [o for o in scenario.availability.offers if o.task_id == "warm-up"]
    assert check(scenario, build_plan(scenario, valid_schedule(scenario))) == []


def test_more_than_a_tasks_daily_maximum_breaks_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(2, MON)].append(("packing", "09:15", "09:45"))  # 75 min, at most 60
    assert facts(check(scenario, build_plan(scenario, schedule)), "shift_and_availability") == [
        ("shift_and_availability", 2, day(2, MON), "packing", 60, 75)]


def test_daily_minutes_off_the_slot_grid_break_shift_and_availability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, THU)][1:] = [("packing", "07:15", "07:50"), ("sorting", "07:50", "08:30")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "shift_and_availability") == [
        ("shift_and_availability", 1, day(1, THU), "packing", 15, 35),
        ("shift_and_availability", 1, day(1, THU), "sorting", 15, 40)]


# -------------------------------------------------------------- night shifts and DST


def night_scenario() -> Scenario:
    """Nights 22:00-06:00 (break 03:00-03:30) on Tuesday and Saturday, in the week in which
    London leaves summer time (Sunday 26 October 2025, 02:00 BST -> 01:00 GMT)."""
    night = ShiftTemplate(name="Night 22-06", kind=ShiftKind.night, start=dt.time(22),
                          end=dt.time(6), breaks=[Break(start=dt.time(3), minutes=30)])
    base = make_scenario()
    worker = base.worker.model_copy(update={
        "plan_start_date": dt.date(2025, 10, 20),
        "shift_pattern": WeeklyPattern(shifts={"N": night},
                                       week={Weekday.tue: "N", Weekday.sat: "N"})})
    offers = [TaskOffer(task_id="packing", hours_per_day=8, shift_kinds=[ShiftKind.night])]
    packing = base.tasks[1].model_copy(update={"max_block_minutes": None,
                                                "max_minutes_per_day": None})
    policy = base.policy.model_copy(update={
        "horizon_weeks": 1, "warm_up_minutes": 0,
        "phases": [Phase(name="nights", daily_hours_cap=10)]})
    return base.model_copy(update={"worker": worker, "tasks": [packing], "policy": policy,
                                   "availability": Availability(offers=offers)})


NIGHTS = {dt.date(2025, 10, 21): [("packing", "23:30", "01:00")],
          dt.date(2025, 10, 25): [("packing", "23:00", "03:00")]}


def test_a_night_block_after_midnight_and_over_the_dst_change_is_inside_its_shift() -> None:
    scenario = night_scenario()
    plan = build_plan(scenario, NIGHTS, phases=["nights"])
    saturday = plan.weeks[0].days[SAT].blocks[0]
    assert saturday.minutes == 300  # 23:00 BST to 03:00 GMT is five real hours
    violations = check(scenario, plan)
    assert facts(violations, "shift_and_availability") == []
    assert facts(violations, "block_limits") == []
    assert facts(violations, "reported_totals") == []  # 1.5 h + 5 h = 6.5 h


def test_wall_clock_minutes_over_the_dst_change_break_shift_and_availability() -> None:
    scenario = night_scenario()
    plan = build_plan(scenario, NIGHTS, phases=["nights"])
    plan.weeks[0].days[SAT].blocks[0].minutes = 240  # 23:00 to 03:00 on the wall clock
    assert facts(check(scenario, plan), "shift_and_availability") == [
        ("shift_and_availability", 1, dt.date(2025, 10, 25), "packing", 300, 240)]


def test_a_night_block_belongs_to_the_date_its_shift_starts_on() -> None:
    scenario = night_scenario()
    plan = build_plan(scenario, NIGHTS, phases=["nights"])
    days = plan.weeks[0].days
    days[SUN].blocks, days[SAT].blocks = days[SAT].blocks, []
    assert facts(check(scenario, plan), "shift_and_availability") == [
        ("shift_and_availability", 1, dt.date(2025, 10, 26), "packing", None, None)]


# ----------------------------------------------------------------------- block_limits


def test_a_run_longer_than_the_longest_block_breaks_block_limits(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, MON)][1:] = [("packing", "07:15", "08:00"), ("packing", "08:00", "08:15"),
                                 ("sorting", "08:15", "08:45")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "block_limits") == [
        ("block_limits", 1, day(1, MON), "packing", 45, 60)]


def test_a_break_ends_a_run(scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, MON)][1:] = [("sorting", "07:15", "07:45"), ("packing", "08:15", "09:00"),
                                 ("packing", "09:15", "09:30")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "block_limits") == []


def test_less_than_the_shortest_block_breaks_block_limits(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, MON)][2] = ("sorting", "08:00", "08:15")
    assert facts(check(scenario, build_plan(scenario, schedule)), "block_limits") == [
        ("block_limits", 1, day(1, MON), "sorting", 30, 15)]


# --------------------------------------------------------------------------- warm_up


def test_a_day_without_its_warm_up_breaks_warm_up(scenario: Scenario, schedule: Schedule) -> None:
    del schedule[day(1, MON)][0]
    violations = [v for v in check(scenario, build_plan(scenario, schedule)) if v.family == "warm_up"]
    assert facts(violations) == [("warm_up", 1, day(1, MON), "warm-up", 15, 0)]
    assert violations[0].message == (
        "2025-03-03: the day starts with Pack small orders, not with the 15 min Warm-up")


def test_a_warm_up_of_the_wrong_length_breaks_warm_up(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, TUE)] = [("warm-up", "07:00", "07:30"), ("packing", "07:30", "08:15"),
                             ("sorting", "08:15", "08:45")]
    found = check(scenario, build_plan(scenario, schedule))
    assert facts(found, "shift_and_availability") + facts(found, "warm_up") == [
        ("shift_and_availability", 1, day(1, TUE), "warm-up", 15, 30),  # needs no offer for 15
        ("warm_up", 1, day(1, TUE), "warm-up", 15, 30)]


def test_a_warm_up_later_in_the_day_breaks_warm_up(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, TUE)].append(("warm-up", "09:15", "09:30"))
    found = check(scenario, build_plan(scenario, schedule))
    assert facts(found, "shift_and_availability") + facts(found, "warm_up") == [
        ("shift_and_availability", 1, day(1, TUE), "warm-up", 15, 30),
        ("warm_up", 1, day(1, TUE), "warm-up", 0, 15)]


# ------------------------------------------------------------------- daily_hour_caps


def test_a_day_longer_than_the_phase_allows_breaks_daily_hour_caps(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, MON)] += [("packing", "09:15", "09:30"), ("sorting", "09:30", "10:00")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "daily_hour_caps") == [
        ("daily_hour_caps", 1, day(1, MON), WORK_HOURS, 2, 2.25)]


# ------------------------------------------------------------------- weekly_ceilings


def test_a_week_above_its_phase_ceiling_breaks_weekly_ceilings(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 1, weekly_ceiling={"lifting": 400})
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("weekly_ceilings", 2, None, "lifting", 400, 425)]


# ------------------------------------------------------------------- load_increments


def test_growing_faster_than_the_increment_breaks_load_increments(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_baseline(scenario, lifting=250)  # 250 x 1.2 + 50 = 350 < 425
    violations = check(scenario, build_plan(scenario, schedule))
    assert facts(violations) == [("load_increments", 1, None, "lifting", 350, 425)]
    assert violations[0].message.startswith(
        "week 1: lifting 425.0 kg x lifts exceeds the increment limit 350.0")


def test_the_increment_is_measured_from_the_highest_of_the_lookback_weeks(
        scenario: Scenario) -> None:
    # Lifting from a baseline of 250: week 1 (four days) 340, week 2 (Monday only) 85,
    # week 3 425. Looking back two weeks, week 3 grows from 340 (limit 458); looking back
    # one week, from max(baseline 250, 85) (limit 350).
    scenario = with_baseline(scenario, lifting=250)
    schedule = valid_schedule(scenario)
    for date in [day(1, FRI), day(2, TUE), day(2, WED), day(2, THU), day(2, FRI)]:
        del schedule[date]
    assert facts(check(scenario, build_plan(scenario, schedule)), "load_increments") == []
    strict = with_policy(scenario, increment_lookback_weeks=1)
    assert facts(check(strict, build_plan(strict, schedule)), "load_increments") == [
        ("load_increments", 3, None, "lifting", 350, 425)]


# --------------------------------------------------------------- heaviest_load_steps


def test_a_load_heavier_than_the_weekly_step_breaks_heaviest_load_steps(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_baseline(scenario, heaviest_load_kg=0)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("heaviest_load_steps", 1, None, "packing", 2.5, 5)]


def test_a_load_above_the_protocol_s_rung_breaks_heaviest_load_steps(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_policy(scenario, heaviest_load_protocol=[LoadRung(kg=2, min_weeks=2), LoadRung(kg=5)])
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("heaviest_load_steps", 1, None, "packing", 2, 5), ("heaviest_load_steps", 2, None, "packing", 2, 5)]


def test_a_protocol_s_rung_is_not_measured_from_the_loads_handled_before(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_baseline(scenario, heaviest_load_kg=0)  # five kg above the baseline at once
    scenario = with_policy(scenario, heaviest_load_protocol=[LoadRung(kg=5)])
    assert check(scenario, build_plan(scenario, schedule)) == []


def test_risk_factors_hold_each_load_step_longer(scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_baseline(scenario, heaviest_load_kg=0)
    scenario = with_policy(scenario, heaviest_load_step_kg=5, risk_factor_adjustments={"slow_healing": 0.5})
    worker = scenario.worker.model_copy(update={"risk_factors": ["slow_healing"]})
    scenario = scenario.model_copy(update={"worker": worker})
    # x0.5: the first 5 kg step comes in week 2, not week 1; its size is unchanged
    assert facts(check(scenario, build_plan(scenario, schedule)), "heaviest_load_steps") == [
        ("heaviest_load_steps", 1, None, "packing", 0, 5)]


# --------------------------------------------------------------- lifting_index_limit


def test_a_task_above_the_lifting_index_limit_breaks_lifting_index_limit(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(2, MON)][1] = ("reach-shelf", "07:15", "08:00")
    assert facts(check(scenario, build_plan(scenario, schedule)), "lifting_index_limit") == [
        ("lifting_index_limit", 2, day(2, MON), "reach-shelf", 1.0, 1.1724)]


# ----------------------------------------------------------------- phase_task_limits


def test_a_task_too_heavy_for_the_phase_breaks_phase_task_limits(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, WED)][1] = ("crate", "07:15", "08:00")  # medium work in technique (light)
    violations = [v for v in check(scenario, build_plan(scenario, schedule)) if v.family == "phase_task_limits"]
    assert facts(violations) == [("phase_task_limits", 1, day(1, WED), "crate", 1, 2)]
    assert "medium" in violations[0].message and "light" in violations[0].message


def test_a_task_above_the_phase_lifting_index_breaks_phase_task_limits(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 0, max_lifting_index=0.2)  # packing: 5 / 23 = 0.2174
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("phase_task_limits", 1, day(1, MON), "packing", 0.2, 0.2174)]


# ----------------------------------------------------------------- phase_progression


def test_phases_in_reverse_order_break_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule, phases=PHASES[::-1])
    assert facts(check(scenario, plan), "phase_progression") == [
        ("phase_progression", 1, None, None, None, None),
        ("phase_progression", 2, None, None, None, None),
        ("phase_progression", 3, None, None, None, None)]


def test_skipping_a_phase_breaks_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule, phases=["technique", "full_exposure", "full_exposure"])
    violations = check(scenario, plan)
    assert facts(violations) == [("phase_progression", 2, None, None, None, None)]
    assert "skipping moderate_loading" in violations[0].message


def test_leaving_a_phase_before_its_minimum_weeks_breaks_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 0, min_weeks=2)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("phase_progression", 2, None, None, 2, 1)]


def test_entering_a_phase_before_its_entry_criteria_breaks_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 1, entry_criteria={"lifting": 1.1})  # 1.1 x 400 = 440
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("phase_progression", 2, None, "lifting", 440, 425)]


def test_a_phase_before_its_earliest_start_breaks_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 1, earliest_start=2)  # not before week 3
    assert facts(check(scenario, build_plan(scenario, schedule)), "phase_progression") == [
        ("phase_progression", 2, None, None, 3, 2)]


def test_a_phase_longer_than_its_maximum_breaks_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 0, max_weeks=1)
    plan = build_plan(scenario, schedule, phases=["technique", "technique", "moderate_loading"])
    assert facts(check(scenario, plan), "phase_progression") == [("phase_progression", 2, None, None, 1, 2)]


def test_an_unknown_phase_breaks_phase_progression(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule, phases=["technique", "recovery", "full_exposure"])
    assert facts(check(scenario, plan)) == [("phase_progression", 2, None, None, None, None)]


# ------------------------------------------------------------------------- rest_days


def test_too_few_rest_days_for_the_phase_break_rest_days(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 0, min_rest_days_per_week=3)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("rest_days", 1, None, None, 3, 2)]


# ------------------------------------------------------------------ consecutive_days


def test_too_many_work_days_in_a_row_break_consecutive_days(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_recovery(scenario, max_consecutive_work_days=4)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("consecutive_days", week, day(week, FRI), None, 4, 5) for week in (1, 2, 3)]


# ------------------------------------------------------------------------ heavy_days


def test_two_heavy_days_in_a_row_break_heavy_days(scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_recovery(scenario, heavy_day_threshold={"lifting": 100})  # a day is 85
    for weekday in (TUE, WED):
        schedule[day(2, weekday)].append(("packing", "09:15", "09:30"))  # 110
    assert facts(check(scenario, build_plan(scenario, schedule)), "heavy_days") == [
        ("heavy_days", 2, day(2, WED), "lifting", 100, 110)]


def test_heavy_days_apart_are_allowed(scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_recovery(scenario, heavy_day_threshold={"lifting": 100})
    for weekday in (TUE, THU):
        schedule[day(2, weekday)].append(("packing", "09:15", "09:30"))
    assert facts(check(scenario, build_plan(scenario, schedule)), "heavy_days") == []


# --------------------------------------------------------------------- deload_weeks


def test_a_deload_week_as_heavy_as_the_week_before_breaks_deload_weeks(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_recovery(scenario, deload=Deload(every_weeks=2, max_percent_of_previous=50))
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("deload_weeks", 2, None, WORK_HOURS, 3.75, 7.5),
        ("deload_weeks", 2, None, "lifting", 212.5, 425),
        ("deload_weeks", 2, None, "standing", 2.5, 5)]


def test_a_full_duty_week_is_not_a_deload_week(scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_recovery(scenario, deload=Deload(every_weeks=3, max_percent_of_previous=50))
    assert check(scenario, build_plan(scenario, schedule)) == []


# ------------------------------------------------------------------------------ acwr


def test_a_week_above_the_acute_chronic_ratio_breaks_acwr(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_policy(scenario, acwr_max=0.93)  # week 1: 0.93 x 400 + 50 = 422
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("acwr", 1, None, "lifting", 422, 425)]


# ------------------------------------------------------------- movement_variability


def test_one_task_dominating_a_day_breaks_movement_variability(
        scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, MON)][1:] = [("packing", "07:15", "08:00"), ("packing", "08:15", "08:30")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "movement_variability") == [
        ("movement_variability", 1, day(1, MON), "packing", 56.25, 60)]


def test_one_task_dominating_a_week_breaks_movement_variability(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_policy(scenario, variability=scenario.policy.variability.model_copy(
        update={"max_share_of_week": 0.45}))  # packing is 225 of 450 min a week
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("movement_variability", week, None, "packing", 202.5, 225) for week in (1, 2, 3)]


# ----------------------------------------------------------------- full_duty_target


def test_a_full_duty_week_below_target_breaks_full_duty_target(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_target(scenario, weekly_exposure={"lifting": 450, "standing": 4})
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("full_duty_target", 3, None, "lifting", 450, 425)]


def test_a_full_duty_week_below_the_target_load_breaks_full_duty_target(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_target(scenario, heaviest_load_kg=6)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("full_duty_target", 3, None, "heaviest_load_kg", 6, 5)]


def test_a_short_week_scales_the_full_duty_target_by_its_available_hours(
        scenario: Scenario) -> None:
    # Monday-Thursday of week 3 are holidays: 3.75 h of shift time left of 6 contracted.
    scenario.availability.blackouts.extend(Blackout(date=day(3, d)) for d in (MON, TUE, WED, THU))
    plan = build_plan(scenario, valid_schedule(scenario))
    assert facts(check(scenario, plan)) == [
        ("full_duty_target", 3, None, WORK_HOURS, 3.75, 1.5),
        ("full_duty_target", 3, None, "lifting", 250, 85),
        ("full_duty_target", 3, None, "standing", 2.5, 1)]


def test_full_duty_before_the_last_phase_has_lasted_breaks_full_duty_target(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_phase(scenario, 2, min_weeks=2)
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("full_duty_target", 3, None, None, 2, 1)]


def test_full_duty_that_is_not_held_breaks_full_duty_target(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule, full_duty_weeks=[2])
    assert facts(check(scenario, plan), "full_duty_target") == [
        ("full_duty_target", 2, None, None, None, None),  # full duty outside the last phase
        ("full_duty_target", 3, None, None, None, None)]  # and not held in week 3


def test_missing_the_latest_full_duty_date_breaks_full_duty_target(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_target(scenario, latest_date=day(2, WED))
    assert facts(check(scenario, build_plan(scenario, schedule))) == [
        ("full_duty_target", 2, day(2, WED), None, None, None)]


def test_the_reported_full_duty_week_must_be_the_first_one(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule)
    plan.full_duty_week = 2
    assert facts(check(scenario, plan)) == [("full_duty_target", None, None, None, 3, 2)]


# ------------------------------------------------------------------ reported_totals


def test_a_misreported_exposure_breaks_reported_totals(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule)
    plan.weeks[1].exposure["lifting"] = 500
    assert facts(check(scenario, plan)) == [("reported_totals", 2, None, "lifting", 425, 500)]


def test_misreported_rest_days_and_loads_break_reported_totals(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule)
    plan.weeks[0].rest_days = 3
    plan.weeks[2].heaviest_load_kg = 4
    assert facts(check(scenario, plan)) == [
        ("reported_totals", 1, None, "rest_days", 2, 3),
        ("reported_totals", 3, None, "heaviest_load_kg", 5, 4)]


def test_a_missing_deload_flag_breaks_reported_totals(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario = with_recovery(scenario, deload=Deload(every_weeks=2, max_percent_of_previous=50))
    plan = build_plan(scenario, schedule)
    plan.weeks[1].deload = False
    assert facts(check(scenario, plan), "reported_totals") == [
        ("reported_totals", 2, None, "deload", 1, 0)]


def test_a_plan_shorter_than_the_horizon_breaks_reported_totals(
        scenario: Scenario, schedule: Schedule) -> None:
    plan = build_plan(scenario, schedule)
    del plan.weeks[2]
    assert facts(check(scenario, plan), "reported_totals") == [
        ("reported_totals", None, None, None, 3, 2)]


def test_more_than_the_full_duty_exposure_breaks_weekly_ceilings(scenario: Scenario, schedule: Schedule) -> None:
    capped = with_target(scenario, ceiling_margin_percent=20, weekly_exposure={"lifting": 500, "standing": 6})
    assert facts(check(capped, build_plan(capped, schedule)), "weekly_ceilings")[:1] == [
        ("weekly_ceilings", 1, None, "work_hours", 7.2, 7.5)]


def test_a_worked_day_shorter_than_the_minimum_breaks_daily_hour_caps(scenario: Scenario, schedule: Schedule) -> None:
    strict = with_policy(scenario, min_hours_per_worked_day=2)
    found = facts(check(strict, build_plan(strict, schedule)), "daily_hour_caps")
    assert found[0] == ("daily_hour_caps", 1, day(1, MON), "work_hours", 2, 1.5)
    assert len(found) == 5 * strict.policy.horizon_weeks


def test_the_checker_imports_nothing_from_the_model_builder() -> None:
    import subprocess
    import sys

    probe = ("import sys, solver.checker; "
             "print(sorted(m for m in sys.modules if m.startswith('solver.') and not m.startswith('solver.checker')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


# ---------------------------------------------------------------- regular_days, steady_climb


def test_a_worked_day_shorter_than_its_week_breaks_regular_days(scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, TUE)] = [("warm-up", "07:00", "07:15"), ("packing", "07:15", "08:00")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "regular_days") == [
        ("regular_days", 1, day(1, TUE), "work_hours", 1.5, 1.0),
        ("regular_days", 1, day(1, TUE), None, None, None)]  # and so other duties than Monday's


def test_a_day_shortened_by_an_appointment_keeps_its_week_regular(scenario: Scenario, schedule: Schedule) -> None:
    scenario.availability.appointments.append(
        Appointment(date=day(1, TUE), start=dt.time(8), end=dt.time(11), kind="physiotherapy"))
    schedule[day(1, TUE)] = [("warm-up", "07:00", "07:15"), ("packing", "07:15", "08:00")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "regular_days") == []


def test_other_duties_on_a_day_offering_the_same_break_regular_days(scenario: Scenario, schedule: Schedule) -> None:
    schedule[day(1, WED)] = [("warm-up", "07:00", "07:15"), ("packing", "07:15", "07:45"),
                             ("sorting", "07:45", "08:30")]
    assert facts(check(scenario, build_plan(scenario, schedule)), "regular_days") == [
        ("regular_days", 1, day(1, WED), None, None, None)]


def test_fewer_hours_than_the_week_before_for_no_reason_break_steady_climb(
        scenario: Scenario, schedule: Schedule) -> None:
    del schedule[day(2, FRI)]
    found = facts(check(scenario, build_plan(scenario, schedule)), "steady_climb")
    assert ("steady_climb", 2, None, "days", 5, 4) in found
    assert ("steady_climb", 2, None, "minutes", 450, 360) in found


def test_a_fall_the_calendar_explains_is_allowed_once_the_plan_names_it(
        scenario: Scenario, schedule: Schedule) -> None:
    scenario.availability.blackouts.append(Blackout(date=day(2, FRI), reason="Holiday"))
    del schedule[day(2, FRI)]
    plan = build_plan(scenario, schedule)
    assert [v.message for v in check(scenario, plan) if v.family == "steady_climb"] == [
        "week 2: holds less than the week before and does not say why"]
    plan.weeks[1].falls = ["site closed Fri 14 Mar (Holiday)"]
    assert facts(check(scenario, plan), "steady_climb") == []


def test_worked_days_back_to_back_break_a_phase_rest_day_between(scenario: Scenario, schedule: Schedule) -> None:
    spaced = with_phase(scenario, 0, min_rest_days_between_worked_days=1)
    found = facts(check(spaced, build_plan(spaced, schedule)), "consecutive_days")
    assert found == [("consecutive_days", 1, day(1, weekday), None, 1, 0) for weekday in (TUE, WED, THU, FRI)]


def test_a_day_shorter_than_the_phase_s_own_shortest_day_breaks_daily_hour_caps(
        scenario: Scenario, schedule: Schedule) -> None:
    longer = with_phase(scenario, 0, min_hours_per_worked_day=1.75)
    assert facts(check(longer, build_plan(longer, schedule)), "daily_hour_caps") == [
        ("daily_hour_caps", 1, day(1, weekday), WORK_HOURS, 1.75, 1.5) for weekday in range(5)]
