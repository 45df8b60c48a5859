"""Full duty: the job's weekly exposure, reached once and sustained to the horizon."""

import math

from models.calendar import week_of
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
    family = "full_duty_target"
    for week in v.weeks:
        full = v.full_duty[week]
        hours = available_hours(ctx, week)
        for dim in ctx.scenario.dimension_ids:
            target = ctx.applied.full_duty_target(dim, hours)
            if target > 0:
                model.add(v.exposure[dim, week] >= v.scale.at_least(target)).only_enforce_if(
                    [full, *ctx.guard(family)])
        heaviest = ctx.applied.target_heaviest_load_kg
        if heaviest:
            needed = math.ceil(heaviest * LOAD_SCALE - 1e-9)
            model.add(v.heaviest[week] >= needed).only_enforce_if([full, *ctx.guard(family)])
        settled = v.phase_at_least[last_phase, week - settle] if week >= settle else 0
        ctx.require(model.add(full <= settled), family)
        if week + 1 in v.weeks:
            ctx.require(model.add(full <= v.full_duty[week + 1]), family)
    ctx.require(model.add(v.full_duty[v.weeks[-1]] == 1), family)
    latest = policy.target.latest_date
    if latest is not None:
        week = week_of(ctx.scenario, latest)
        if 0 <= week < len(v.weeks):
            ctx.require(model.add(v.full_duty[week] == 1), family)
