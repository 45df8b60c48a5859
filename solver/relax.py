"""Solves that search for the smallest change making a plan possible (rtw_scheduler.relaxations).

`has_plan` answers whether a scenario admits any plan at all (no objective), for the
searches that step a limit until it does. `least_extra_task_slots` drops the site's offer
limits and finds, in one optimisation, the fewest extra slots of each task on each day
that let every other promise hold; the caller turns them into dated offers and plans
the changed scenario for real.
"""

from ortools.sat.python import cp_model

from models.scenario import Scenario
from solver.build import build_model
from solver.rules.calendar_rules import offered_minutes

EXTRA_SLOT_WEIGHT = 100
"""Per extra slot offered: far more than a day changed, so hours come first."""
CHANGED_DAY_WEIGHT = 1
"""Per task-day given extra time: among as few extra hours, the fewest days changed."""


def _solver(deterministic_time: float, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = deterministic_time
    return solver


def has_plan(scenario: Scenario, deterministic_time: float, seed: int = 0) -> bool:
    """True when a plan was found; False when none exists or none was found in the budget."""
    built = build_model(scenario)
    status = _solver(deterministic_time, seed).solve(built.model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def least_extra_task_slots(scenario: Scenario, deterministic_time: float,
                           seed: int = 0) -> dict[tuple[str, int], int] | None:
    """Extra slots per (task id, day index) beyond the site's offers that admit a plan.

    Every promise but the offers holds (the roster, each task's own daily maximum, all
    clinical limits); the offers become `slots <= offered + extra`. None when even
    unlimited offers on rostered days admit no plan, or no plan was found in the budget.
    """
    built = build_model(scenario, diagnose=True)
    model, v, ctx = built.model, built.vars, built.context
    for promise, literal in ctx.guards.items():
        model.add(literal == (0 if promise.path.startswith("availability.offers") else 1))
    slot = scenario.policy.slot_minutes
    extra: dict[tuple[str, int], cp_model.IntVar] = {}
    changed = []
    for day in ctx.days:
        if day.shift is None:
            continue
        for task in scenario.tasks:
            slots = v.slots[task.id, day.index]
            offered = offered_minutes(ctx, task, day) // slot
            if isinstance(slots, int) or task.warm_up or offered >= v.room[day.index]:
                continue
            more = model.new_int_var(0, v.room[day.index] - offered, f"extra_{task.id}_{day.index}")
            model.add(slots <= offered + more)
            given = model.new_bool_var(f"extra_given_{task.id}_{day.index}")
            model.add(more == 0).only_enforce_if(given.Not())
            extra[task.id, day.index] = more
            changed.append(given)
    model.minimize(EXTRA_SLOT_WEIGHT * sum(extra.values()) + CHANGED_DAY_WEIGHT * sum(changed))
    solver = _solver(deterministic_time, seed)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {key: int(solver.value(more)) for key, more in extra.items() if solver.value(more) > 0}
