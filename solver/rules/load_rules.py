"""Rules about how much load, and how fast it may rise."""

import math
from fractions import Fraction

from ortools.sat.python import cp_model

from models.families import Family
from models.plan import Promise
from solver.context import BuildContext
from solver.scaling import LOAD_SCALE, growth, load_units, share
from solver.weeks import Term, WeekVariables, is_known


def baseline_units(ctx: BuildContext, dimension: str) -> int:
    return ctx.vars.scale.at_most(ctx.applied.baseline[dimension], dimension)


def add_load_increment_limits(ctx: BuildContext) -> None:
    """Each week's exposure is at most the reference week's plus a percentage and an allowance.

    The reference is the highest of the baseline and the last `increment_lookback_weeks`
    weeks, so a single light week (deload, holiday) does not reset progress.
    """
    v, model = ctx.vars, ctx.model
    lookback = ctx.scenario.policy.increment_lookback_weeks
    for dim in ctx.scenario.dimension_ids:
        increment = ctx.applied.increments[dim]
        base = baseline_units(ctx, dim)
        allowance = v.scale.at_most(increment.allowance, dim)
        factor = growth(increment.percent)
        promise = Promise(family=Family.LOAD_INCREMENTS, path=f"policy.increments.{dim}")
        for week in v.live_weeks():
            earlier = [v.exposure(dim, week.number - back, base) for back in range(1, lookback + 1)]
            reference = reference_of(model, base, earlier, [_bound(v.weeks, week.number - back, dim)
                                                           for back in range(1, lookback + 1)], f"{dim}_w{week.number}")
            ctx.require(at_most_times(model, week.exposure(dim), factor, reference, allowance), promise)


def reference_of(model: cp_model.CpModel, base: int, earlier: list[Term], bounds: list[int], name: str) -> Term:
    """The highest of the baseline and the earlier weeks (a constant where all are known)."""
    known = max([base, *(term for term in earlier if is_known(term))])
    live = [term for term in earlier if not is_known(term)]
    if not live:
        return known
    reference = model.new_int_var(0, max(known, *bounds), f"reference_{name}")
    model.add_max_equality(reference, [known, *live])
    return reference


def at_most_times(model: cp_model.CpModel, value: Term, factor: Fraction, reference: Term,
                  allowance: int) -> cp_model.Constraint:
    """value <= factor x reference + allowance, with the fraction cleared (small coefficients)."""
    return model.add(factor.denominator * value <= factor.numerator * reference + factor.denominator * allowance)


def _bound(weeks: list[WeekVariables], number: int, dimension: str) -> int:
    return weeks[number].exposure_bound(dimension) if number >= 0 else 0


def add_heaviest_load_steps(ctx: BuildContext) -> None:
    """The heaviest load follows the stepped protocol, or rises by at most one step a week.

    With `policy.heaviest_load_protocol` the limit is the week's rung, whatever was handled
    before (the surgeon's protocol, not the tasks on offer, sets it). Otherwise the heaviest
    load may rise one step above the best of the last weeks; with risk factors the calendar
    also holds each step longer (models.applied: steps keep their size, so nothing the
    worker could reach without risk factors becomes unreachable).
    """
    ceiling = ctx.applied.heaviest_load_ceiling_kg
    rungs = ctx.scenario.policy.heaviest_load_protocol
    for week in ctx.vars.live_weeks():
        if rungs:
            rung = max(i for i, start in enumerate(ctx.applied.heaviest_load_rungs) if start <= week.number)
            path = f"policy.heaviest_load_protocol[{rung}]"
        elif ctx.applied.risk_multiplier < 1:
            path = "policy.heaviest_load_step_kg"  # the same step, held longer
        else:
            continue  # the weekly step below implies the calendar's limit
        _exclude_heavier(ctx, week, ceiling[week.number], Promise(family=Family.HEAVIEST_LOAD_STEPS, path=path))
    if not rungs:
        _add_weekly_load_step(ctx)


def _exclude_heavier(ctx: BuildContext, week: WeekVariables, most_kg: float, promise: Promise) -> None:
    """No task heavier than `most_kg` this week."""
    for task in ctx.scenario.tasks:
        used = week.used(task)
        if task.heaviest_load_kg > most_kg + 1e-9 and not is_known(used):
            ctx.require(ctx.model.add(used == 0), promise)


def _add_weekly_load_step(ctx: BuildContext) -> None:
    """The heaviest load handled rises by at most one step a week above the best so far."""
    v, model = ctx.vars, ctx.model
    lookback = ctx.scenario.policy.increment_lookback_weeks
    base = load_units(ctx.applied.baseline_heaviest_load_kg)
    step = math.floor(ctx.applied.heaviest_load_step_kg * LOAD_SCALE + 1e-9)
    promise = Promise(family=Family.HEAVIEST_LOAD_STEPS, path="policy.heaviest_load_step_kg")
    top = max(load_units(t.heaviest_load_kg) for t in ctx.scenario.tasks)
    for week in v.live_weeks():
        earlier = [base if week.number - back < 0 else v.week(week.number - back).heaviest()
                   for back in range(1, lookback + 1)]
        reference = reference_of(model, base, earlier, [top] * lookback, f"heaviest_w{week.number}")
        ctx.require(model.add(week.heaviest() <= reference + step), promise)


def add_weekly_ceilings(ctx: BuildContext) -> None:
    """Weekly volume stays under the ceiling of the week's phase, and never above the job.

    The full-duty exposure plus `target.ceiling_margin_percent` is a ceiling too: a
    return-to-work plan never asks more than the pre-injury job did (no duty creep).
    """
    v = ctx.vars
    no_duty_creep = Promise(family=Family.WEEKLY_CEILINGS, path="policy.target.ceiling_margin_percent")
    for dim, target in ctx.applied.target.items():
        job_ceiling = ctx.scenario.policy.target.ceiling(target)
        if job_ceiling is not None:
            for week in v.live_weeks():
                ctx.require(ctx.model.add(week.exposure(dim) <= v.scale.at_most(job_ceiling, dim)), no_duty_creep)
    for phase_index, phase in enumerate(ctx.scenario.policy.phases):
        for dim, ceiling in phase.weekly_ceiling.items():
            promise = Promise(family=Family.WEEKLY_CEILINGS, path=f"policy.phases[{phase_index}].weekly_ceiling.{dim}")
            for week in v.live_weeks():
                when = ctx.when_in_phase(phase_index, week.number, promise)
                if when is not None:
                    ctx.model.add(week.exposure(dim) <= v.scale.at_most(ceiling, dim)).only_enforce_if(when)


def add_acwr_ceiling(ctx: BuildContext) -> None:
    """Uncoupled acute:chronic ratio: this week against the mean of the four before."""
    ratio = ctx.scenario.policy.acwr_max
    if ratio is None:
        return
    v = ctx.vars
    factor = share(ratio) / 4
    promise = Promise(family=Family.ACWR, path="policy.acwr_max")
    for dim in ctx.scenario.dimension_ids:
        base = baseline_units(ctx, dim)
        allowance = v.scale.at_most(ctx.applied.increments[dim].allowance, dim)
        for week in v.live_weeks():
            chronic = cp_model.LinearExpr.sum([v.exposure(dim, week.number - back, base) for back in range(1, 5)])
            ctx.require(at_most_times(ctx.model, week.exposure(dim), factor, chronic, allowance), promise)


def add_lifting_index_limit(ctx: BuildContext) -> None:
    """A task whose NIOSH lifting index exceeds the policy's maximum is never scheduled."""
    limit = ctx.scenario.policy.max_lifting_index
    if limit is None:
        return
    promise = Promise(family=Family.LIFTING_INDEX_LIMIT, path="policy.max_lifting_index")
    for task in ctx.scenario.tasks:
        index = task.lifting_index()
        if index is None or index <= limit:
            continue
        for week in ctx.vars.live_weeks():
            used = week.used(task)
            if not is_known(used):
                ctx.require(ctx.model.add(used == 0), promise)
