"""Recovery: rest days, runs of work days, heavy days apart, and deload weeks."""

from models.plan import Promise
from solver.context import BuildContext
from solver.rules.load_rules import FULL
from solver.scaling import share_factor


def add_rest_days(ctx: BuildContext) -> None:
    """Each week keeps the rest days its phase asks for (days off the roster count)."""
    v = ctx.vars
    recovery = ctx.scenario.policy.recovery
    for phase_index, phase in enumerate(ctx.scenario.policy.phases):
        if phase.min_rest_days_per_week is None:
            rest, path = recovery.min_rest_days_per_week, "policy.recovery.min_rest_days_per_week"
        else:
            rest, path = phase.min_rest_days_per_week, f"policy.phases[{phase_index}].min_rest_days_per_week"
        for week in v.weeks:
            worked = [v.worked[d.index] for d in v.days_of_week(week) if not isinstance(v.worked[d.index], int)]
            when = ctx.when_in_phase(phase_index, week, Promise(family="rest_days", path=path))
            if when is not None and len(worked) > 7 - rest:
                ctx.model.add(sum(worked) <= 7 - rest).only_enforce_if(when)


def add_consecutive_day_limits(ctx: BuildContext) -> None:
    """No more than `max_consecutive_work_days` worked days in a row, across weeks."""
    longest = ctx.scenario.policy.recovery.max_consecutive_work_days
    worked = [ctx.vars.worked[d.index] for d in ctx.days]
    for start in range(len(worked) - longest):
        window = [w for w in worked[start:start + longest + 1] if not isinstance(w, int)]
        if len(window) > longest:
            ctx.require(ctx.model.add(sum(window) <= longest),
                        Promise(family="consecutive_days", path="policy.recovery.max_consecutive_work_days"))


def add_heavy_day_spacing(ctx: BuildContext) -> None:
    """A day reaching any heavy-day threshold is never followed by another heavy day."""
    thresholds = ctx.scenario.policy.recovery.heavy_day_threshold
    if not thresholds:
        return
    v, model = ctx.vars, ctx.model
    heavy: list[object] = []
    for day in ctx.days:
        if isinstance(v.worked[day.index], int):
            heavy.append(None)
            continue
        is_heavy = model.new_bool_var(f"heavy_{day.index}")
        for dim, threshold in thresholds.items():
            model.add(v.day_exposure(dim, day) <= v.scale.at_least(threshold) - 1).only_enforce_if(is_heavy.Not())
        heavy.append(is_heavy)
    for today, tomorrow in zip(heavy, heavy[1:], strict=False):
        if today is not None and tomorrow is not None:
            ctx.require(model.add_bool_or([today.Not(), tomorrow.Not()]),  # type: ignore[attr-defined]
                        Promise(family="heavy_days", path="policy.recovery.heavy_day_threshold"))


def add_deload_weeks(ctx: BuildContext) -> None:
    """Every Nth week before full duty is lighter than the week before on every dimension."""
    deload = ctx.scenario.policy.recovery.deload
    if deload is None:
        return
    v = ctx.vars
    factor = share_factor(deload.max_percent_of_previous / 100)
    guard = ctx.guard(Promise(family="deload_weeks", path="policy.recovery.deload"))
    for week in v.weeks:
        if week == 0 or (week + 1) % deload.every_weeks:
            continue
        for dim in ctx.scenario.dimension_ids:
            constraint = ctx.model.add(FULL * v.exposure[dim, week] <= factor * v.exposure[dim, week - 1])
            constraint.only_enforce_if([v.full_duty[week].Not(), *guard])
