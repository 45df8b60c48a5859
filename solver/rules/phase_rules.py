"""Periodisation: technique, then moderate loading, then full exposure, in order."""

from ortools.sat.python import cp_model

from models.plan import Promise
from solver.context import BuildContext
from solver.variables import excluding_limit


def add_phase_progression(ctx: BuildContext) -> None:
    """Phases never go back, each lasts its minimum weeks, and entry criteria are met.

    The solver chooses when to advance; a phase with entry criteria may only start once
    the week before reached the required share of the full-duty target.
    """
    v, model = ctx.vars, ctx.model
    phases = ctx.scenario.policy.phases
    if isinstance(v.phase_at_least[len(phases) - 1, 0], int):
        return  # phases fixed in advance (solver.variables.fixed_phase_starts)
    for phase_index in range(1, len(phases)):
        previous = phases[phase_index - 1]
        long_enough = Promise(family="phase_progression", path=f"policy.phases[{phase_index - 1}].min_weeks")
        for week in v.weeks:
            entered = v.phase_at_least[phase_index, week]
            if week + 1 in v.weeks:
                model.add(entered <= v.phase_at_least[phase_index, week + 1])  # phases never go back
            settled = week - previous.min_weeks
            before = v.phase_at_least[phase_index - 1, settled] if settled >= 0 else 0
            ctx.require(model.add(entered <= before), long_enough)
            _add_entry_criteria(ctx, phase_index, week)


def _add_entry_criteria(ctx: BuildContext, phase_index: int, week: int) -> None:
    criteria = ctx.scenario.policy.phases[phase_index].entry_criteria
    if not criteria:
        return
    v, model = ctx.vars, ctx.model
    met = model.new_bool_var(f"entry_met_p{phase_index}_w{week}")
    for dim, share in criteria.items():
        needed = v.scale.at_least(share * ctx.applied.target[dim])
        base = v.scale.at_most(ctx.applied.baseline[dim])
        reached = v.exposure_or_baseline(dim, week - 1, base)
        if isinstance(reached, int):
            if reached < needed:
                model.add(met == 0)
        else:
            model.add(reached >= needed).only_enforce_if(met)
    entered = v.phase_at_least[phase_index, week]
    stayed = [v.phase_at_least[phase_index, week - 1]] if week > 0 else []
    ctx.require(model.add_bool_or([_negate(entered), met, *stayed]),
                Promise(family="phase_progression", path=f"policy.phases[{phase_index}].entry_criteria"))


def add_daily_hour_caps(ctx: BuildContext) -> None:
    """Graded hours: a day's work stays under the daily cap of the week's phase.

    A worked day also holds at least `min_hours_per_worked_day`: nobody travels in for a
    warm-up and a quarter of an hour.
    """
    v = ctx.vars
    slot = ctx.scenario.policy.slot_minutes
    shortest = -(-round(ctx.scenario.policy.min_hours_per_worked_day * 60) // slot)
    long_enough = ctx.guard(Promise(family="daily_hour_caps", path="policy.min_hours_per_worked_day"))
    for day in ctx.days:
        worked = v.worked[day.index]
        if shortest > 1 and not isinstance(worked, int):
            ctx.model.add(v.day_slots(day) >= shortest).only_enforce_if([worked, *long_enough])
    for phase_index, phase in enumerate(ctx.scenario.policy.phases):
        cap = int(phase.daily_hours_cap * 60) // slot
        promise = Promise(family="daily_hour_caps", path=f"policy.phases[{phase_index}].daily_hours_cap")
        for day in ctx.days:
            if v.room[day.index] <= cap:
                continue
            when = ctx.when_in_phase(phase_index, day.week, promise)
            if when is not None:
                ctx.model.add(v.day_slots(day) <= cap).only_enforce_if(when)


def add_phase_task_limits(ctx: BuildContext) -> None:
    """A task runs only in phases that admit its DOT strength level and lifting index."""
    v = ctx.vars
    for task in ctx.scenario.tasks:
        for phase_index, phase in enumerate(ctx.scenario.policy.phases):
            limit = excluding_limit(phase, task)
            if limit is None:
                continue
            promise = Promise(family="phase_task_limits", path=f"policy.phases[{phase_index}].{limit}")
            for week in v.weeks:
                used = v.used_in_week[task.id, week]
                when = ctx.when_in_phase(phase_index, week, promise)
                if not isinstance(used, int) and when is not None:
                    ctx.model.add(used == 0).only_enforce_if(when)


def _negate(literal: cp_model.IntVar | int) -> cp_model.LiteralT:
    return 1 - literal if isinstance(literal, int) else literal.Not()
