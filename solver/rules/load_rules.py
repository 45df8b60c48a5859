"""Rules about how much load, and how fast it may rise."""

import math

from ortools.sat.python import cp_model

from models.plan import Promise
from solver.context import BuildContext
from solver.scaling import LOAD_SCALE, PERCENT_SCALE, load_units, percent_factor, share_factor

FULL = 100 * PERCENT_SCALE
"""100 % in hundredths of a percent."""


def _baseline(ctx: BuildContext, dimension: str) -> int:
    return ctx.vars.scale.at_most(ctx.applied.baseline[dimension])


def add_load_increment_limits(ctx: BuildContext) -> None:
    """Each week's exposure is at most the reference week's plus a percentage and an allowance.

    The reference is the highest of the baseline and the last `increment_lookback_weeks`
    weeks, so a single light week (deload, holiday) does not reset progress.
    """
    v, model = ctx.vars, ctx.model
    lookback = ctx.scenario.policy.increment_lookback_weeks
    for dim in ctx.scenario.dimension_ids:
        increment = ctx.applied.increments[dim]
        base = _baseline(ctx, dim)
        allowance = v.scale.at_most(increment.allowance)
        factor = percent_factor(increment.percent)
        for week in v.weeks:
            reference = model.new_int_var(0, max(base, v.exposure_bound[dim]),
                                          f"increment_ref_{dim}_w{week}")
            earlier = [v.exposure_or_baseline(dim, week - back, base) for back in range(1, lookback + 1)]
            model.add_max_equality(reference, [base, *earlier])
            ctx.require(model.add(FULL * v.exposure[dim, week] <= factor * reference + FULL * allowance),
                        Promise(family="load_increments", path=f"policy.increments.{dim}"))


def add_heaviest_load_steps(ctx: BuildContext) -> None:
    """The heaviest load handled rises by at most one step a week above the best so far."""
    v, model = ctx.vars, ctx.model
    lookback = ctx.scenario.policy.increment_lookback_weeks
    base = load_units(ctx.applied.baseline_heaviest_load_kg)
    step = math.floor(ctx.applied.heaviest_load_step_kg * LOAD_SCALE + 1e-9)
    for week in v.weeks:
        earlier = [base if week - back < 0 else v.heaviest[week - back] for back in range(1, lookback + 1)]
        reference = model.new_int_var(0, max(base, v.heaviest_bound), f"heaviest_ref_w{week}")
        model.add_max_equality(reference, [base, *earlier])
        ctx.require(model.add(v.heaviest[week] <= reference + step),
                    Promise(family="heaviest_load_steps", path="policy.heaviest_load_step_kg"))


def add_weekly_ceilings(ctx: BuildContext) -> None:
    """Weekly volume stays under the ceiling of the week's phase, and never above the job.

    The full-duty exposure plus `target.ceiling_margin_percent` is a ceiling too: a
    return-to-work plan never asks more than the pre-injury job did (no duty creep).
    """
    v = ctx.vars
    no_duty_creep = Promise(family="weekly_ceilings", path="policy.target.ceiling_margin_percent")
    for dim, target in ctx.applied.target.items():
        job_ceiling = ctx.scenario.policy.target.ceiling(target)
        if job_ceiling is not None:
            for week in v.weeks:
                ctx.require(ctx.model.add(v.exposure[dim, week] <= v.scale.at_most(job_ceiling)), no_duty_creep)
    for phase_index, phase in enumerate(ctx.scenario.policy.phases):
        for dim, ceiling in phase.weekly_ceiling.items():
            promise = Promise(family="weekly_ceilings", path=f"policy.phases[{phase_index}].weekly_ceiling.{dim}")
            for week in v.weeks:
                when = ctx.when_in_phase(phase_index, week, promise)
                if when is not None:
                    ctx.model.add(v.exposure[dim, week] <= v.scale.at_most(ceiling)).only_enforce_if(when)


def add_acwr_ceiling(ctx: BuildContext) -> None:
    """Uncoupled acute:chronic ratio: this week against the mean of the four before."""
    ratio = ctx.scenario.policy.acwr_max
    if ratio is None:
        return
    v = ctx.vars
    factor = share_factor(ratio)
    for dim in ctx.scenario.dimension_ids:
        base = _baseline(ctx, dim)
        allowance = v.scale.at_most(ctx.applied.increments[dim].allowance)
        for week in v.weeks:
            chronic = cp_model.LinearExpr.sum(
                [v.exposure_or_baseline(dim, week - back, base) for back in range(1, 5)])
            ctx.require(ctx.model.add(4 * FULL * v.exposure[dim, week] <= factor * chronic + 4 * FULL * allowance),
                        Promise(family="acwr", path="policy.acwr_max"))


def add_lifting_index_limit(ctx: BuildContext) -> None:
    """A task whose NIOSH lifting index exceeds the policy's maximum is never scheduled."""
    limit = ctx.scenario.policy.max_lifting_index
    if limit is None:
        return
    for task in ctx.scenario.tasks:
        index = task.lifting_index()
        if index is None or index <= limit:
            continue
        for week in ctx.vars.weeks:
            ctx.require(ctx.model.add(ctx.vars.used_in_week[task.id, week] == 0),
                        Promise(family="lifting_index_limit", path="policy.max_lifting_index"))
