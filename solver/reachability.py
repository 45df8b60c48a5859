"""What the weeks before full duty must at least reach for full duty to stay reachable.

Exposure may rise by at most a percentage and an allowance above a reference that is never
more than the highest week so far (or the baseline). So to meet a target T in week N, the
highest week up to N - 1 must reach (T - allowance) / (1 + percent), the highest up to
N - 2 that again, and so on back: a chain of lower bounds on the running maximum. The
heaviest load climbs by a step a week in the same way. These are necessary conditions
(every plan that reaches full duty in week N meets them), so adding them to a model never
removes a real plan; they let a week be planned with a short look-ahead (solver.stages)
without walking into a dead end that only shows weeks later.
"""

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy
from models.scenario import Scenario
from solver.day_kinds import PlanCalendar
from solver.scaling import LOAD_SCALE, ExposureScale, growth, load_units
from solver.variables import PlanVariables
from solver.weeks import Term


def running_max_needs(scenario: Scenario, applied: AppliedPolicy, scale: ExposureScale, calendar: PlanCalendar,
                      full_duty_from: int) -> dict[str, list[int]]:
    """Per dimension, per 0-based week: the least the highest week so far (baseline included)
    must reach, in scaled units, for every later full-duty week to meet its target (0 where
    nothing is needed). A holiday week's smaller target can hide a larger one after it."""
    horizon = scenario.horizon_weeks
    slot = scenario.policy.slot_minutes
    needs: dict[str, list[int]] = {}
    for dim in scenario.dimension_ids:
        increment = applied.increments[dim]
        factor = growth(increment.percent)
        allowance = scale.at_most(increment.allowance, dim)
        chain = [0] * horizon
        for full_week in range(full_duty_from, horizon):
            hours = calendar.rostered[full_week] * slot / 60
            need = scale.at_least(applied.full_duty_target(dim, hours), dim)
            for week in range(full_week - 1, -1, -1):
                need = max(0, math.ceil((need - allowance) / factor))
                if need <= chain[week]:
                    break
                chain[week] = need
        needs[dim] = chain
    return needs


def heaviest_needs(scenario: Scenario, applied: AppliedPolicy, full_duty_from: int) -> list[int]:
    """Per 0-based week: the least the heaviest load so far must reach, in tenths of a kg."""
    chain = [0] * scenario.horizon_weeks
    target = applied.target_heaviest_load_kg
    if not target or scenario.policy.heaviest_load_protocol:
        return chain  # a protocol's limit follows the calendar, not the loads handled before
    step = math.floor(applied.heaviest_load_step_kg * LOAD_SCALE + 1e-9)
    need = math.ceil(target * LOAD_SCALE - 1e-9)
    for week in range(min(full_duty_from, len(chain)) - 1, -1, -1):
        need = max(0, need - step)
        chain[week] = need
    return chain


@dataclass(frozen=True)
class Needs:
    """The running-maximum needs of one full-duty week, per dimension and for the heaviest load."""

    exposure: dict[str, list[int]]
    heaviest: list[int]

    @classmethod
    def of(cls, scenario: Scenario, applied: AppliedPolicy, scale: ExposureScale, calendar: PlanCalendar,
           full_duty_from: int) -> "Needs":
        return cls(running_max_needs(scenario, applied, scale, calendar, full_duty_from),
                   heaviest_needs(scenario, applied, full_duty_from))


def add_reachability(model: cp_model.CpModel, v: PlanVariables, applied: AppliedPolicy, needs: Needs) -> None:
    """Adds the running-maximum needs to every week a model still decides."""
    scenario = v.scenario
    for dim, chain in needs.exposure.items():
        base = v.scale.at_most(applied.baseline[dim], dim)
        _require_running_max(model, [v.exposure(dim, w, base) for w in v.week_numbers], base, chain,
                             [week.exposure_bound(dim) for week in v.weeks], f"{dim}")
    base = load_units(applied.baseline_heaviest_load_kg)
    top = max(load_units(t.heaviest_load_kg) for t in scenario.tasks)
    _require_running_max(model, [week.heaviest() for week in v.weeks], base, needs.heaviest,
                         [top] * len(v.weeks), "heaviest")


def _require_running_max(model: cp_model.CpModel, values: list[Term], base: int, chain: list[int],
                         bounds: list[int], name: str) -> None:
    highest: Term = base
    ceiling = base
    for week, (value, need, bound) in enumerate(zip(values, chain, bounds, strict=False)):
        ceiling = max(ceiling, bound)
        if isinstance(highest, int) and isinstance(value, int):
            highest = max(highest, value)
        else:
            running = model.new_int_var(0, ceiling, f"running_max_{name}_w{week}")
            model.add_max_equality(running, [highest, value])
            highest = running
        if need > 0 and not (isinstance(highest, int) and highest >= need):
            model.add(model.new_constant(highest) >= need if isinstance(highest, int) else highest >= need)


def add_forward_bounds(model: cp_model.CpModel, v: PlanVariables, applied: AppliedPolicy) -> None:
    """Caps each week's exposure at what the increment limits could reach at the fastest.

    Valid for every plan (each week is at most the fastest climb from the weeks before);
    stated up front, they spare CP-SAT's presolve many rounds of tightening along the chain.
    """
    scenario = v.scenario
    lookback = scenario.policy.increment_lookback_weeks
    for dim in scenario.dimension_ids:
        increment = applied.increments[dim]
        factor = growth(increment.percent)
        allowance = v.scale.at_most(increment.allowance, dim)
        base = v.scale.at_most(applied.baseline[dim], dim)
        ceiling = scenario.policy.target.ceiling(applied.target[dim])
        job_cap = v.scale.at_most(ceiling, dim) if ceiling is not None else None
        fastest: list[int] = []
        for week in v.weeks:
            exposure = week.exposure(dim)
            if isinstance(exposure, int):
                fastest.append(exposure)
                continue
            reference = max([base, *fastest[-lookback:]])
            bound = min(week.exposure_bound(dim), math.floor(factor * reference) + allowance)
            if job_cap is not None:
                bound = min(bound, job_cap)
            model.add(exposure <= bound)
            fastest.append(bound)
