"""Full duty: the job's weekly exposure, reached once and sustained to the horizon."""

import math

from models.calendar import week_of
from models.dimensions import WORK_HOURS
from models.plan import Promise
from solver.context import BuildContext
from solver.scaling import LOAD_SCALE


def available_hours(ctx: BuildContext, week: int) -> float:
    """Hours the roster leaves workable in a week (a holiday week has fewer)."""
    slot = ctx.scenario.policy.slot_minutes
    return sum(ctx.vars.capacity[d.index] for d in ctx.vars.days_of_week(week)) * slot / 60


def add_full_duty_target(ctx: BuildContext) -> None:
    """A full-duty week meets every target; full duty, once reached, lasts to the horizon.

    Full duty needs the last phase to have run its minimum weeks, is required by the
    last week of the horizon, and by `target.latest_date` when one is set.
    """
    v, model = ctx.vars, ctx.model
    policy = ctx.scenario.policy
    last_phase = len(policy.phases) - 1
    settle = policy.phases[-1].min_weeks - 1
    heaviest = ctx.applied.target_heaviest_load_kg
    for week in v.weeks:
        full = v.full_duty[week]
        hours = available_hours(ctx, week)
        for dim in ctx.scenario.dimension_ids:
            target = ctx.applied.full_duty_target(dim, hours)
            if target > 0:
                model.add(v.exposure[dim, week] >= v.scale.at_least(target)).only_enforce_if(
                    [full, *ctx.guard(_target(dim))])
        if heaviest:
            needed = math.ceil(heaviest * LOAD_SCALE - 1e-9)
            model.add(v.heaviest[week] >= needed).only_enforce_if([full, *ctx.guard(_promise("heaviest_load_kg"))])
        settled = v.phase_at_least[last_phase, week - settle] if week >= settle else 0
        ctx.require(model.add(full <= settled),
                    Promise(family=FAMILY, path=f"policy.phases[{last_phase}].min_weeks"))
        if week + 1 in v.weeks:
            model.add(full <= v.full_duty[week + 1])  # once reached, full duty lasts
    ctx.require(model.add(v.full_duty[v.weeks[-1]] == 1), Promise(family=FAMILY, path="policy.horizon_weeks"))
    latest = policy.target.latest_date
    if latest is not None:
        week = week_of(ctx.scenario, latest)
        if 0 <= week < len(v.weeks):
            ctx.require(model.add(v.full_duty[week] == 1), _promise("latest_date"))


FAMILY = "full_duty_target"


def _promise(field: str) -> Promise:
    return Promise(family=FAMILY, path=f"policy.target.{field}")


def _target(dimension: str) -> Promise:
    """Working hours come from the contract, the other dimensions from the job's exposure."""
    if dimension == WORK_HOURS:
        return Promise(family=FAMILY, path="worker.contracted_hours_per_week")
    return _promise(f"weekly_exposure.{dimension}")
