"""Each constraint family alone, on a tiny instance: feasible at its limit, infeasible one step past it.

After the cpsat-primer nurse-rostering example's rule tests: the model holds the decision
variables and exactly one family (solver.build.build_model(families=...)), the test pins
the quantity the family limits to its limit (a plan exists) and one slot, day or kilogram
past it (no plan). The instance: Mon-Fri 07:00-12:00 without breaks, 15-minute slots, a
warm-up of 15 minutes, two duties (light: lifting 100 kg x lifts an hour; heavy: 600, 20 kg),
two weeks, baseline lifting 100 and 4 h of work.
"""

import copy
from collections.abc import Callable
from typing import Any

import pytest
from ortools.sat.python import cp_model

from models.families import PLANNED, Family
from models.scenario import Scenario
from solver.build import BuiltModel, build_model
from solver.checker import CHECKS
from solver.rules import FAMILIES
from solver.weeks import DetailedWeek

TINY: dict[str, Any] = {
    "id": "tiny",
    "worker": {
        "id": "w", "display_name": "W", "time_zone": "Europe/London", "plan_start_date": "2027-01-04",
        "contracted_hours_per_week": 20,
        "shift_pattern": {"kind": "weekly", "shifts": {"D": {"name": "Day", "kind": "day", "start": "07:00",
                                                             "end": "12:00"}},
                          "week": {"mon": "D", "tue": "D", "wed": "D", "thu": "D", "fri": "D"}},
        "baseline": {"heaviest_load_kg": 5, "weekly_exposure": {"work_hours": 4, "lifting": 100}},
    },
    "tasks": [
        {"id": "warm", "name": "Warm-up", "warm_up": True},
        {"id": "light", "name": "Light", "heaviest_load_kg": 2, "exposure_per_hour": {"lifting": 100}},
        {"id": "heavy", "name": "Heavy", "heaviest_load_kg": 20, "exposure_per_hour": {"lifting": 600}},
    ],
    "availability": {"offers": [{"task_id": "light", "hours_per_day": 5}, {"task_id": "heavy", "hours_per_day": 5}]},
    "policy": {
        "horizon_weeks": 2, "min_hours_per_worked_day": 1,
        "increments": {"work_hours": {"percent": 100, "allowance": 100}, "lifting": {"percent": 100, "allowance": 1e5}},
        "heaviest_load_step_kg": 50,
        "phases": [{"name": "only", "daily_hours_cap": 5, "min_rest_days_between_worked_days": 0}],
        "recovery": {"min_rest_days_per_week": 0, "max_consecutive_work_days": 14},
        "variability": {"max_share_of_day": 1, "max_share_of_week": 1},
        "max_lifting_index": None,
        "target": {"weekly_exposure": {"lifting": 100}, "ceiling_margin_percent": None},
    },
}
LIGHT, HEAVY = 1, 2
"""Task positions."""


def policy(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["policy"].update(values)
    return change


def phase(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["policy"]["phases"][0].update(values)
    return change


Pin = Callable[[BuiltModel, int], None]
"""Adds constraints pinning the limited quantity to the limit (0) or one step past it (1)."""


def solvable(scenario: Scenario, family: Family, pin: Pin, past: int) -> bool:
    built = build_model(scenario, families={family})
    pin(built, past)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 5
    status = solver.solve(built.model)
    assert status != cp_model.UNKNOWN
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def week(built: BuiltModel, number: int = 0) -> DetailedWeek:
    found = built.vars.week(number)
    assert isinstance(found, DetailedWeek)
    return found


def day_slots(built: BuiltModel, task: int, slots: int, weekday: int = 0) -> None:
    """Works the weekday of week 1 (0 = Monday) with `slots` slots of a task."""
    w = week(built)
    day = built.days[weekday]
    built.model.add(w.worked(day) == 1)
    built.model.add(w.kind_slots(built.context.scenario.tasks[task], w.kind_of(day)) == slots)


def worked_days(built: BuiltModel, days: list[int]) -> None:
    """Exactly these day indices of the plan are worked."""
    for day in built.days:
        literal = built.vars.worked(day)
        if literal is not None and not isinstance(literal, int):
            built.model.add(literal == int(day.index in days))


Change = Callable[[dict[str, Any], int], None]
"""Sets the scenario up for one side of the limit (0: at it, 1: past it)."""


def unchanged(data: dict[str, Any], past: int) -> None:
    pass


def both(change: Callable[[dict[str, Any]], None]) -> Change:
    """The same scenario on both sides of the limit."""
    return lambda data, past: change(data)


def used(built: BuiltModel, task: int) -> None:
    built.model.add(week(built).used(built.context.scenario.tasks[task]) == 1)


def lifting_index_limit(data: dict[str, Any], past: int) -> None:
    data["tasks"][HEAVY]["lift"] = {"horizontal_cm": 50, "vertical_origin_cm": 75, "vertical_travel_cm": 40,
                                    "asymmetry_deg": 0, "frequency_lifts_per_min": 0.2, "duration": "short",
                                    "coupling": "good"}
    index = Scenario.model_validate(data).tasks[HEAVY].lifting_index()
    assert index is not None
    data["policy"]["max_lifting_index"] = round(index, 4) + 0.001 - 0.002 * past


def entry_after_hours(data: dict[str, Any], past: int) -> None:
    data["policy"]["phases"] = [{"name": "first", "daily_hours_cap": 5, "min_rest_days_between_worked_days": 0},
                                {"name": "second", "daily_hours_cap": 5, "entry_criteria": {"work_hours": 0.1}}]


def two_phases(**second: Any) -> Callable[[dict[str, Any]], None]:
    """Two phases the solver chooses between (an entry criterion keeps them from being fixed in advance)."""
    def change(data: dict[str, Any]) -> None:
        data["policy"]["phases"] = [{"name": "first", "daily_hours_cap": 5, "min_rest_days_between_worked_days": 0},
                                    {"name": "second", "daily_hours_cap": 5, "entry_criteria": {"work_hours": 0},
                                     **second}]
    return change


def longest_first_phase(data: dict[str, Any], past: int) -> None:
    two_phases()(data)
    data["policy"]["phases"][0]["max_weeks"] = 2 - past


def risk_factor(multiplier: float) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["worker"]["risk_factors"] = ["slow_healing"]
        data["policy"]["risk_factor_adjustments"] = {"slow_healing": multiplier}
        data["policy"]["heaviest_load_step_kg"] = 15
    return change


def restriction(**limits: Any) -> Callable[[dict[str, Any]], None]:
    """A certificate with these limits (for the whole plan unless a period is given)."""
    def change(data: dict[str, Any]) -> None:
        data["restrictions"] = [{"source": "certificate of capacity, 2027-01-04", **limits}]
    return change


def resumed(**ceiling: float) -> Callable[[dict[str, Any]], None]:
    """Week 1 done as worked (Monday: the warm-up and an hour of heavy work), week 2 under `ceiling`."""
    def change(data: dict[str, Any]) -> None:
        data["resumption"] = {"done": [{"phase": "only", "day_length_minutes": 75,
                                        "days": {"2027-01-04": {"warm": 15, "heavy": 60}}}],
                              "step": "hold", "resume_from_week": 1, "ceiling": ceiling}
    return change


CASES: dict[str, tuple[Family, Change, Pin]] = {
    # the site offers 2 h of light work a day: 8 slots, not 9
    "offers": (Family.SHIFT_AND_AVAILABILITY, both(lambda d: d["availability"]["offers"][0].update(hours_per_day=2)),
               lambda b, past: day_slots(b, LIGHT, 8 + past)),
    # a shortest block of 30 minutes: 2 slots, not 1
    "shortest block": (Family.BLOCK_LIMITS, both(lambda d: d["tasks"][LIGHT].update(min_block_minutes=30)),
                       lambda b, past: day_slots(b, LIGHT, 2 - past)),
    # a longest block of 60 minutes and no other duty that day: 4 slots, not 5
    "longest block": (Family.BLOCK_LIMITS, both(lambda d: d["tasks"][LIGHT].update(max_block_minutes=60)),
                      lambda b, past: (day_slots(b, LIGHT, 4 + past), day_slots(b, HEAVY, 0))),
    # the warm-up is exactly 15 minutes: 1 slot, not 2
    "warm-up": (Family.WARM_UP, unchanged, lambda b, past: day_slots(b, 0, 1 + past)),
    # a 2 h daily cap: a day length of 8 slots, not 9
    "daily cap": (Family.DAILY_HOUR_CAPS, both(phase(daily_hours_cap=2)),
                  lambda b, past: b.model.add(week(b).day_length() == 8 + past)),
    # a 2 h shortest day: a worked day of 8 slots, not 7
    "shortest day": (Family.DAILY_HOUR_CAPS, both(policy(min_hours_per_worked_day=2)),
                     lambda b, past: (day_slots(b, LIGHT, 7 - past), day_slots(b, HEAVY, 0), day_slots(b, 0, 1))),
    # regular days: Tuesday (an appointment takes its last hour) holds min(day length, 4 h) = 16 slots, not 15
    "regular day": (Family.REGULAR_DAYS, both(lambda d: d["availability"].update(
                        appointments=[{"date": "2027-01-05", "start": "11:00", "end": "12:00"}])),
                    lambda b, past: (b.model.add(week(b).day_length() == 20), day_slots(b, LIGHT, 16 - past, 1),
                                     day_slots(b, HEAVY, 0, 1), day_slots(b, 0, 0, 1))),
    # a weekly ceiling of 500 kg x lifts: 20 slots of light work (25 a slot), not 21
    "weekly ceiling": (Family.WEEKLY_CEILINGS, both(phase(weekly_ceiling={"lifting": 500})),
                       lambda b, past: b.model.add(week(b).task_slots(b.context.scenario.tasks[LIGHT]) == 20 + past)),
    # 20 % + 50 over a baseline of 100 kg x lifts: 170, i.e. 6 slots of light work (150), not 7 (175)
    "increment": (Family.LOAD_INCREMENTS, both(lambda d: d["policy"]["increments"].update(
                      lifting={"percent": 20, "allowance": 50})),
                  lambda b, past: b.model.add(week(b).task_slots(b.context.scenario.tasks[LIGHT]) == 6 + past)),
    # a 15 kg step from a 5 kg baseline allows the 20 kg task in week 1; a 14.9 kg step does not
    "heaviest load step": (Family.HEAVIEST_LOAD_STEPS,
                           lambda d, past: d["policy"].update(heaviest_load_step_kg=15 - 0.1 * past),
                           lambda b, past: used(b, HEAVY)),
    # a protocol's first rung of 20 kg allows the 20 kg task in week 1; one of 19.9 kg does not
    "protocol rung": (Family.HEAVIEST_LOAD_STEPS,
                      lambda d, past: d["policy"].update(heaviest_load_protocol=[{"kg": 20 - 0.1 * past}]),
                      lambda b, past: used(b, HEAVY)),
    # a 2 kg rung held 1 week allows the 20 kg rung in week 2, whatever week 1 handled; held 2 weeks it does not
    "protocol rung length": (Family.HEAVIEST_LOAD_STEPS, lambda d, past: d["policy"].update(
                                 heaviest_load_protocol=[{"kg": 2, "min_weeks": 1 + past}, {"kg": 20}]),
                             lambda b, past: (used(b, LIGHT), b.model.add(week(b, 1).used(
                                 b.context.scenario.tasks[HEAVY]) == 1))),
    # risk factors x0.5 hold each 15 kg step two weeks: the 20 kg task in week 2, not with x0.49 (three weeks)
    "risk factors hold a step longer": (Family.HEAVIEST_LOAD_STEPS, lambda d, past: risk_factor(0.5 - 0.01 * past)(d),
                                        lambda b, past: b.model.add(week(b, 1).used(
                                            b.context.scenario.tasks[HEAVY]) == 1)),
    # the lifting index limit at the heavy task's own index, not just below it
    "lifting index": (Family.LIFTING_INDEX_LIMIT, lifting_index_limit, lambda b, past: used(b, HEAVY)),
    # a phase of light work allows the light task, not the heavy (medium) one
    "phase tasks": (Family.PHASE_TASK_LIMITS, both(phase(max_strength_level="light")),
                    lambda b, past: used(b, HEAVY if past else LIGHT)),
    # a certificate of 2 h a day: a day length of 8 slots, not 9
    "restriction hours": (Family.RESTRICTIONS, both(restriction(max_hours_per_day=2)),
                          lambda b, past: b.model.add(week(b).day_length() == 8 + past)),
    # 2.1 h a day is rounded down to whole slots: still 8 slots, not 9
    "restriction hours in whole slots": (Family.RESTRICTIONS, both(restriction(max_hours_per_day=2.1)),
                                         lambda b, past: b.model.add(week(b).day_length() == 8 + past)),
    # a certificate of 3 days a week: 3 days worked, not 4
    "restriction days": (Family.RESTRICTIONS, both(restriction(max_days_per_week=3)),
                         lambda b, past: b.model.add(week(b).days_worked() == 3 + past)),
    # a rest day between worked days: Mon and Wed, not Mon and Tue
    "restriction rest between": (Family.RESTRICTIONS, both(restriction(min_rest_days_between_worked_days=1)),
                                 lambda b, past: worked_days(b, [0, 1 if past else 2])),
    # nothing over 20 kg allows the 20 kg task; nothing over 19.9 kg does not
    "restriction load": (Family.RESTRICTIONS, lambda d, past: restriction(max_load_kg=20 - 0.1 * past)(d),
                         lambda b, past: used(b, HEAVY)),
    # no overhead work keeps out the heavy task (some overhead work), not the light one (none)
    "restriction dimension": (Family.RESTRICTIONS, both(lambda d: (
                                  d["tasks"][HEAVY]["exposure_per_hour"].update(overhead=5),
                                  restriction(banned_dimensions=["overhead"])(d))),
                              lambda b, past: used(b, HEAVY if past else LIGHT)),
    # a banned task: the light one may run, the heavy one not
    "restriction task": (Family.RESTRICTIONS, both(restriction(banned_tasks=["heavy"])),
                         lambda b, past: used(b, HEAVY if past else LIGHT)),
    # a restriction until Friday of week 1 binds week 1 only: 3 days in week 1, 5 in week 2; not 4 in week 1
    "restriction period": (Family.RESTRICTIONS, both(restriction(max_days_per_week=3, until_date="2027-01-08")),
                           lambda b, past: (b.model.add(week(b, 0).days_worked() == 3 + past),
                                            b.model.add(week(b, 1).days_worked() == 5))),
    # the second phase starts in week 2 after 2 h in week 1 (10 % of 20 h), not after 1.75 h
    "phase entry": (Family.PHASE_PROGRESSION, entry_after_hours,
                    lambda b, past: (b.model.add(week(b, 0).hours() == 8 - past),
                                     b.model.add(b.vars.phase_at_least[1, 1] == 1))),
    # a second phase that may start 1 week after the plan start is in force in week 2; 2 weeks after, not
    "phase earliest start": (Family.PHASE_PROGRESSION, lambda d, past: two_phases(earliest_start=1 + past)(d),
                             lambda b, past: b.model.add(b.vars.phase_at_least[1, 1] == 1)),
    # a first phase of at most 2 weeks may fill both weeks; one of at most 1 week may not
    "phase longest": (Family.PHASE_PROGRESSION, longest_first_phase,
                      lambda b, past: b.model.add(b.vars.phase_at_least[1, 1] == 0)),
    # at least 3 rest days a week: 4 days worked, not 5
    "rest days": (Family.REST_DAYS, both(lambda d: d["policy"]["recovery"].update(min_rest_days_per_week=3)),
                  lambda b, past: b.model.add(week(b).days_worked() == 4 + past)),
    # at most 2 days in a row: Mon-Tue, not Mon-Wed
    "days in a row": (Family.CONSECUTIVE_DAYS, both(phase(max_consecutive_work_days=2)),
                      lambda b, past: worked_days(b, [0, 1] + ([2] if past else []))),
    # a rest day between worked days: Mon and Wed, not Mon and Tue
    "rest between": (Family.CONSECUTIVE_DAYS, both(phase(min_rest_days_between_worked_days=1)),
                     lambda b, past: worked_days(b, [0, 1 if past else 2])),
    # a day at 600 kg x lifts is heavy: heavy Monday and Wednesday, not Monday and Tuesday
    "heavy days": (Family.HEAVY_DAYS, both(lambda d: d["policy"]["recovery"].update(
                       heavy_day_threshold={"lifting": 600})),
                   lambda b, past: (day_slots(b, HEAVY, 4, 0), day_slots(b, HEAVY, 4, 1 if past else 2))),
    # a deload week at half the week before: 8 slots of light work after 16, not 9
    "deload week": (Family.DELOAD_WEEKS, both(lambda d: d["policy"]["recovery"].update(
                        deload={"every_weeks": 2, "max_percent_of_previous": 50})),
                    lambda b, past: (b.model.add(week(b, 0).task_slots(b.context.scenario.tasks[LIGHT]) == 16),
                                     b.model.add(week(b, 0).task_slots(b.context.scenario.tasks[HEAVY]) == 0),
                                     b.model.add(week(b, 1).task_slots(b.context.scenario.tasks[LIGHT]) == 8 + past),
                                     b.model.add(week(b, 1).full_duty == 0))),
    # acute:chronic at most 1.2 over a baseline of 100 (no allowance): 4 slots of light work (100), not 5 (125)
    "acwr": (Family.ACWR, both(lambda d: (d["policy"].update(acwr_max=1.2), d["policy"]["increments"].update(
                 lifting={"percent": 100, "allowance": 0}))),
             lambda b, past: b.model.add(week(b).task_slots(b.context.scenario.tasks[LIGHT]) == 4 + past)),
    # one task at most 75 % of a day: 15 of 20 slots, not 16
    "share of a day": (Family.MOVEMENT_VARIABILITY, both(policy(variability={"max_share_of_day": 0.75,
                                                                             "max_share_of_week": 1})),
                       lambda b, past: (b.model.add(week(b).day_length() == 20), day_slots(b, LIGHT, 15 + past))),
    # hours never fall: week 2 holds the 8 slots of week 1, not 7
    "steady climb": (Family.STEADY_CLIMB, unchanged,
                     lambda b, past: (b.model.add(week(b, 0).hours() == 8), b.model.add(week(b, 1).hours() == 8 - past),
                                      b.model.add(week(b, 1).full_duty == 0))),
    # full duty at 100 kg x lifts: 4 slots of light work, not 3
    "full duty": (Family.FULL_DUTY_TARGET, both(lambda d: d["worker"].update(contracted_hours_per_week=0.5)),
                  lambda b, past: (b.model.add(week(b, 1).task_slots(b.context.scenario.tasks[LIGHT]) == 4 - past),
                                   b.model.add(week(b, 1).task_slots(b.context.scenario.tasks[HEAVY]) == 0))),
    # a re-plan keeps the week done: Monday holds its 4 slots of heavy work, not 5
    "resumption week done": (Family.RESUMPTION, both(resumed()),
                             lambda b, past: day_slots(b, HEAVY, 4 + past, 0)),
    # the week after a hold at 150 kg x lifts: one slot of heavy work (150), not two
    "resumption ceiling": (Family.RESUMPTION, both(resumed(lifting=150)),
                           lambda b, past: b.model.add(
                               week(b, 1).task_slots(b.context.scenario.tasks[HEAVY]) == 1 + past)),
}


def scenario_for(change: Change, past: int) -> Scenario:
    data = copy.deepcopy(TINY)
    change(data, past)
    return Scenario.model_validate(data)


def test_every_planned_family_has_a_case() -> None:
    assert {family for family, _, _ in CASES.values()} == set(PLANNED)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_family_alone_admits_its_limit(case: str) -> None:
    family, change, pin = CASES[case]
    assert solvable(scenario_for(change, 0), family, pin, past=0)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_family_alone_refuses_one_step_past_its_limit(case: str) -> None:
    family, change, pin = CASES[case]
    assert not solvable(scenario_for(change, 1), family, pin, past=1)


def test_rule_families_and_checker_families_are_the_registry_s() -> None:
    assert tuple(FAMILIES) == PLANNED
    assert tuple(CHECKS) == tuple(f.value for f in Family)
