"""The planner honours every constraint family and reaches full duty as early as allowed.

Each test plans a small four-week scenario (or a variant of it with one family switched
on or tightened), then asserts the behaviour on the plan and that the independent
checker finds nothing wrong.
"""

import copy
import functools
from collections.abc import Callable
from typing import Any

import pytest

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.planning import make_plan
from solver.checker import check
from solver.solve import SolverParameters, solve_scenario

BASE: dict[str, Any] = {
    "id": "small",
    "worker": {
        "id": "w1", "display_name": "Test Worker", "time_zone": "Europe/London",
        "plan_start_date": "2027-01-04", "contracted_hours_per_week": 17.5,
        "shift_pattern": {"kind": "weekly", "shifts": {"D": {
            "name": "Day", "kind": "day", "start": "07:00", "end": "11:00",
            "breaks": [{"start": "09:00", "minutes": 30}]}},
            "week": {"mon": "D", "tue": "D", "wed": "D", "thu": "D", "fri": "D"}},
        "baseline": {"heaviest_load_kg": 5, "weekly_exposure": {"work_hours": 8, "lifting": 500}},
        "clinical": {"diagnosis": "SECRET-DIAGNOSIS", "notes": "SECRET-NOTE"},
    },
    "tasks": [
        {"id": "warm", "name": "Warm-up", "warm_up": True},
        {"id": "sort", "name": "Sort mail", "heaviest_load_kg": 2,
         "exposure_per_hour": {"lifting": 100, "standing": 0.5}},
        {"id": "boxes", "name": "Move boxes", "heaviest_load_kg": 10, "job_specific": True,
         "exposure_per_hour": {"lifting": 600, "standing": 1}},
    ],
    "availability": {"offers": [
        {"task_id": "sort", "hours_per_day": 3},
        {"task_id": "boxes", "hours_per_day": 3},
    ]},
    "policy": {
        "horizon_weeks": 4,
        "increments": {"work_hours": {"percent": 20, "allowance": 3},
                       "lifting": {"percent": 20, "allowance": 1000},
                       "standing": {"percent": 20, "allowance": 4}},
        "heaviest_load_step_kg": 5,
        "min_hours_per_worked_day": 1,
        "phases": [
            {"name": "technique", "min_weeks": 1, "daily_hours_cap": 2.5, "max_strength_level": "medium"},
            {"name": "full_exposure", "min_weeks": 1, "daily_hours_cap": 3.5},
        ],
        "recovery": {"min_rest_days_per_week": 2, "max_consecutive_work_days": 5},
        "variability": {"max_share_of_day": 0.8, "max_share_of_week": 0.8},
        "target": {"weekly_exposure": {"lifting": 5000}, "heaviest_load_kg": 10},
    },
}


FAST = SolverParameters(deterministic_time_per_stage=1.0)


def scenario(change: Callable[[dict[str, Any]], None] | None = None) -> Scenario:
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    return Scenario.model_validate(data)


@functools.cache
def base_plan() -> Plan:
    """The small scenario's plan, solved once for the tests that only read it."""
    return make_plan(scenario(), FAST).plan


def test_the_plan_reaches_full_duty_within_the_horizon_and_passes_the_checker() -> None:
    plan = base_plan()
    assert plan.full_duty_week is not None
    assert plan.weeks[-1].full_duty
    assert check(scenario(), plan) == []


def test_the_same_input_gives_the_same_plan() -> None:
    first = base_plan().model_dump(exclude={"solve"})
    second = make_plan(scenario(), FAST).plan.model_dump(exclude={"solve"})
    assert first == second


def test_full_duty_comes_no_earlier_than_the_limits_allow() -> None:
    plan = base_plan()
    assert plan.solve.stages[0].status == "OPTIMAL"
    assert plan.full_duty_week is not None and plan.full_duty_week > 1

    def demand_it_a_week_earlier(data: dict[str, Any]) -> None:
        data["policy"]["target"]["latest_date"] = str(plan.weeks[plan.full_duty_week - 2].start_date)

    outcome = solve_scenario(scenario(demand_it_a_week_earlier), FAST)
    assert outcome.summary.status == "INFEASIBLE"


def test_an_impossible_target_date_names_the_conflicting_families() -> None:
    def tomorrow(data: dict[str, Any]) -> None:
        data["policy"]["target"]["latest_date"] = "2027-01-05"

    outcome = solve_scenario(scenario(tomorrow), FAST)
    assert outcome.summary.status == "INFEASIBLE"
    assert "full_duty_target" in outcome.summary.conflicting_families
    assert len(outcome.summary.conflicting_families) >= 2


def test_weekly_exposure_never_exceeds_the_increment_limit() -> None:
    plan = base_plan()
    for week in plan.weeks:
        for dim, limit in week.limits.items():
            assert limit.increment_limit is not None
            assert week.exposure[dim] <= limit.increment_limit + 1e-6


def test_every_worked_day_opens_with_the_warm_up() -> None:
    plan = base_plan()
    worked = [d for w in plan.weeks for d in w.days if d.blocks]
    assert worked and all(d.blocks[0].task_id == "warm" and d.blocks[0].minutes == 15 for d in worked)


def test_lighter_tasks_come_before_heavier_ones() -> None:
    plan = base_plan()
    for day in (d for w in plan.weeks for d in w.days if d.blocks):
        tasks = [b.task_id for b in day.blocks if not b.warm_up]
        if "sort" in tasks and "boxes" in tasks:
            assert tasks.index("sort") < tasks.index("boxes")


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[leaf] = value
    return change


def _worked_days(plan: Any) -> list[bool]:
    return [bool(d.blocks) for w in plan.weeks for d in w.days]


def _longest_run(flags: list[bool]) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def _adjacent_lifting(plan: Any) -> list[tuple[float, float]]:
    """Lifting of each pair of neighbouring calendar days (a day off counts 0)."""
    rates = {t["id"]: t.get("exposure_per_hour", {}).get("lifting", 0) for t in BASE["tasks"]}
    daily = [sum(b.minutes / 60 * rates[b.task_id] for b in d.blocks) for w in plan.weeks for d in w.days]
    return list(zip(daily, daily[1:], strict=False))


def _within_acwr(plan: Any, ratio: float) -> bool:
    """Each week's lifting at most `ratio` x the mean of the four weeks before (baseline before
    week 1) plus the lifting allowance."""
    allowance = BASE["policy"]["increments"]["lifting"]["allowance"]
    history = [BASE["worker"]["baseline"]["weekly_exposure"]["lifting"]] * 4
    for week in plan.weeks:
        lifting = week.exposure["lifting"]
        if lifting > ratio * sum(history[-4:]) / 4 + allowance + 1e-6:
            return False
        history.append(lifting)
    return True


FAMILY_VARIANTS: dict[str, tuple[Callable[[dict[str, Any]], None], Callable[[Any], bool]]] = {
    "rest_days": (_set("policy.phases.0.min_rest_days_per_week", 4),
                  lambda plan: all(w.rest_days >= 4 for w in plan.weeks if w.phase == "technique")),
    "consecutive_days": (lambda data: (_set("policy.recovery.max_consecutive_work_days", 3)(data),
                                       _set("worker.contracted_hours_per_week", 10)(data),
                                       _set("policy.target.weekly_exposure", {"lifting": 3500})(data)),
                         lambda plan: _longest_run(_worked_days(plan)) <= 3),
    "daily_hour_caps": (_set("policy.phases.0.daily_hours_cap", 1.5),
                        lambda plan: all(d.worked_minutes <= 90 for d in plan.weeks[0].days)),
    "weekly_ceilings": (_set("policy.phases.0.weekly_ceiling", {"lifting": 1200}),
                        lambda plan: plan.weeks[0].exposure["lifting"] <= 1200),
    "heaviest_load_steps": (lambda data: (_set("policy.heaviest_load_step_kg", 8)(data),
                                          _set("worker.baseline.heaviest_load_kg", 0)(data)),
                            lambda plan: plan.weeks[0].heaviest_load_kg <= 8),
    "movement_variability": (_set("policy.variability", {"max_share_of_day": 0.6, "max_share_of_week": 0.6}),
                             lambda plan: all(
                                 sum(b.minutes for b in d.blocks if b.task_id == "boxes") <= 0.6 * d.worked_minutes
                                 for w in plan.weeks for d in w.days)),
    "heavy_days": (_set("policy.recovery.heavy_day_threshold", {"lifting": 1100}),
                   lambda plan: not any(a >= 1100 and b >= 1100 for a, b in _adjacent_lifting(plan))),
    "deload_weeks": (_set("policy.recovery.deload", {"every_weeks": 2, "max_percent_of_previous": 90}),
                     lambda plan: plan.weeks[1].full_duty
                     or plan.weeks[1].exposure["work_hours"] <= 0.9 * plan.weeks[0].exposure["work_hours"] + 1e-6),
    "acwr": (_set("policy.acwr_max", 1.5), lambda plan: _within_acwr(plan, 1.5)),
    "phase_task_limits": (_set("policy.phases.0.max_strength_level", "light"),
                          lambda plan: all(b.task_id != "boxes" for d in plan.weeks[0].days for b in d.blocks)),
}


@pytest.mark.parametrize("family", sorted(FAMILY_VARIANTS))
def test_the_planner_honours_each_family_and_the_checker_agrees(family: str) -> None:
    change, holds = FAMILY_VARIANTS[family]
    variant = scenario(lambda data: (_set("policy.horizon_weeks", 8)(data), change(data)))
    result = make_plan(variant, FAST)
    assert result.plan.weeks, result.plan.solve
    assert holds(result.plan)
    assert check(variant, result.plan) == []


@pytest.mark.parametrize("switch", ["day_pattern", "steady_climb"])
def test_a_plan_with_the_shape_rules_switched_off_still_passes_the_checker(switch: str) -> None:
    variant = scenario(_set(f"policy.{switch}", "free" if switch == "day_pattern" else False))
    result = make_plan(variant, FAST)
    assert result.plan.weeks and result.plan.full_duty_week is not None
    assert check(variant, result.plan) == []


def test_regular_days_hold_one_day_length_a_week() -> None:
    for week in base_plan().weeks:
        assert len({day.worked_minutes for day in week.days if day.blocks}) <= 1
