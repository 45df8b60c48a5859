"""Full duty: the job's weekly exposure, reached once and sustained to the horizon."""

import math

from models.calendar import week_of
from models.dimensions import WORK_HOURS
from models.families import Family
from models.plan import Promise
from solver.context import BuildContext
from solver.scaling import LOAD_SCALE


def available_hours(ctx: BuildContext, week: int) -> float:
    """Hours the real roster leaves workable in a week (a holiday week has fewer)."""
    return ctx.calendar.rostered[week] * ctx.scenario.policy.slot_minutes / 60


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
    for week in v.live_weeks():
        full = week.full_duty
        hours = available_hours(ctx, week.number)
        for dim in ctx.scenario.dimension_ids:
            target = ctx.applied.full_duty_target(dim, hours)
            if target > 0:
                model.add(week.exposure(dim) >= v.scale.at_least(target, dim)).only_enforce_if(
                    [full, *ctx.guard(_target(dim))])
        if heaviest:
            needed = math.ceil(heaviest * LOAD_SCALE - 1e-9)
            model.add(week.heaviest() >= needed).only_enforce_if([full, *ctx.guard(_promise("heaviest_load_kg"))])
        settled = v.phase_at_least[last_phase, week.number - settle] if week.number >= settle else 0
        ctx.require(model.add(full <= settled),
                    Promise(family=Family.FULL_DUTY_TARGET, path=f"policy.phases[{last_phase}].min_weeks"))
        if week.number > 0:
            model.add(v.week(week.number - 1).full_duty <= full)  # once reached, full duty lasts
    if ctx.ends_with_the_plan:
        ctx.require(model.add(v.weeks[-1].full_duty == 1),
                    Promise(family=Family.FULL_DUTY_TARGET, path="policy.horizon_weeks"))
    latest = policy.target.latest_date
    if latest is not None:
        number = week_of(ctx.scenario, latest)
        if 0 <= number < len(v.weeks) and number >= len(v.weeks) - len(v.live_weeks()):
            ctx.require(model.add(v.week(number).full_duty == 1), _promise("latest_date"))


def _promise(field: str) -> Promise:
    return Promise(family=Family.FULL_DUTY_TARGET, path=f"policy.target.{field}")


def _target(dimension: str) -> Promise:
    """Working hours come from the contract, the other dimensions from the job's exposure."""
    if dimension == WORK_HOURS:
        return Promise(family=Family.FULL_DUTY_TARGET, path="worker.contracted_hours_per_week")
    return _promise(f"weekly_exposure.{dimension}")
