"""Periodisation: technique, then moderate loading, then full exposure, in order, with graded days."""


from ortools.sat.python.cp_model import IntVar

from models.calendar import whole_slot_minutes
from models.families import Family
from models.plan import Promise
from solver.context import BuildContext
from solver.variables import excluding_limit
from solver.weeks import DetailedWeek, WeekVariables, is_known, negation


def add_phase_progression(ctx: BuildContext) -> None:
    """Phases never go back, each lasts its minimum weeks, and entry criteria are met.

    The solver chooses when to advance (unless the phases are fixed in advance, see
    solver.variables.fixed_phase_starts); a phase with entry criteria may only start once
    the week before reached the required share of the full-duty target.
    """
    v, model = ctx.vars, ctx.model
    phases = ctx.scenario.policy.phases
    for phase_index in range(1, len(phases)):
        previous = phases[phase_index - 1]
        long_enough = Promise(family=Family.PHASE_PROGRESSION, path=f"policy.phases[{phase_index - 1}].min_weeks")
        for week in v.week_numbers:
            entered = v.phase_at_least[phase_index, week]
            if is_known(entered):
                continue  # fixed in advance or already decided
            if week > 0:
                model.add(v.phase_at_least[phase_index, week - 1] <= entered)  # phases never go back
            settled = week - previous.min_weeks
            before = v.phase_at_least[phase_index - 1, settled] if settled >= 0 else 0
            ctx.require(model.add(entered <= before), long_enough)
            _add_entry_criteria(ctx, phase_index, week)
    _add_phase_timing(ctx)


def _add_phase_timing(ctx: BuildContext) -> None:
    """No phase before its earliest start; none but the last longer than its `max_weeks`."""
    v, model = ctx.vars, ctx.model
    phases = ctx.scenario.policy.phases
    for phase_index, phase in enumerate(phases):
        first = ctx.applied.phase_earliest_week[phase_index]
        not_yet = Promise(family=Family.PHASE_PROGRESSION, path=f"policy.phases[{phase_index}].earliest_start")
        for week in range(min(first, len(v.weeks))):
            entered = v.phase_at_least[phase_index, week]
            if not is_known(entered):
                ctx.require(model.add(entered == 0), not_yet)
        if phase.max_weeks is None or phase_index == len(phases) - 1:
            continue
        at_most = Promise(family=Family.PHASE_PROGRESSION, path=f"policy.phases[{phase_index}].max_weeks")
        for week in range(phase.max_weeks, len(v.weeks)):
            began = v.phase_at_least[phase_index, week - phase.max_weeks]
            moved_on = v.phase_at_least[phase_index + 1, week]
            if is_known(began) and not began or is_known(moved_on) and moved_on:
                continue
            ctx.require(model.add_bool_or([negation(began), moved_on]), at_most)


def _add_entry_criteria(ctx: BuildContext, phase_index: int, week: int) -> None:
    criteria = ctx.scenario.policy.phases[phase_index].entry_criteria
    if not criteria:
        return
    v, model = ctx.vars, ctx.model
    met = model.new_bool_var(f"entry_met_p{phase_index}_w{week}")
    for dim, share in criteria.items():
        needed = v.scale.at_least(share * ctx.applied.target[dim], dim)
        reached = v.exposure(dim, week - 1, v.scale.at_most(ctx.applied.baseline[dim], dim))
        if is_known(reached):
            if reached < needed:
                model.add(met == 0)
        else:
            model.add(reached >= needed).only_enforce_if(met)
    entered = v.phase_at_least[phase_index, week]
    stayed = v.phase_at_least[phase_index, week - 1] if week > 0 else 0
    if is_known(stayed) and stayed:
        return
    ctx.require(model.add_bool_or([negation(entered), met, stayed]),
                Promise(family=Family.PHASE_PROGRESSION, path=f"policy.phases[{phase_index}].entry_criteria"))


def add_daily_hour_caps(ctx: BuildContext) -> None:
    """Graded hours: the day length stays under the daily cap of the week's phase, and every
    worked day holds at least the phase's shortest day (nobody travels in for an hour)."""
    v, policy = ctx.vars, ctx.scenario.policy
    slot = policy.slot_minutes
    for phase_index, phase in enumerate(policy.phases):
        shortest = -(-round(policy.shortest_day_hours(phase) * 60) // slot)
        cap_promise = Promise(family=Family.DAILY_HOUR_CAPS, path=f"policy.phases[{phase_index}].daily_hours_cap")
        short_path = (f"policy.phases[{phase_index}].min_hours_per_worked_day"
                      if phase.min_hours_per_worked_day is not None else "policy.min_hours_per_worked_day")
        short_promise = Promise(family=Family.DAILY_HOUR_CAPS, path=short_path)
        for week in v.live_weeks():
            when = ctx.when_in_phase(phase_index, week.number, cap_promise)
            if when is not None:
                cap_day_length(ctx, week, phase.daily_hours_cap, when)
            when = ctx.when_in_phase(phase_index, week.number, short_promise)
            if when is None or shortest <= 1:
                continue
            if isinstance(week, DetailedWeek):
                for k, _ in enumerate(week.kinds):
                    for j, count in week.counts(k):
                        ctx.model.add(week.kind_length(k, j) >= shortest).only_enforce_if([count, *when])
            else:
                ctx.model.add(week.hours() >= shortest * week.days_worked()).only_enforce_if(when)


def cap_day_length(ctx: BuildContext, week: WeekVariables, hours: float, when: list[IntVar]) -> None:
    """No worked day of `week` longer than `hours` (in whole slots, rounded down) when `when` holds;
    an aggregate week's day length bounds no single day, so its hours are capped per day worked."""
    slot = ctx.scenario.policy.slot_minutes
    cap = whole_slot_minutes(hours, slot) // slot
    ctx.model.add(week.day_length() <= cap).only_enforce_if(when)
    if not isinstance(week, DetailedWeek):
        ctx.model.add(week.hours() <= cap * week.days_worked()).only_enforce_if(when)


def add_phase_task_limits(ctx: BuildContext) -> None:
    """A task runs only in phases that admit its DOT strength level and lifting index."""
    v = ctx.vars
    for task in ctx.scenario.tasks:
        for phase_index, phase in enumerate(ctx.scenario.policy.phases):
            limit = excluding_limit(phase, task)
            if limit is None:
                continue
            promise = Promise(family=Family.PHASE_TASK_LIMITS, path=f"policy.phases[{phase_index}].{limit}")
            for week in v.live_weeks():
                used = week.used(task)
                when = ctx.when_in_phase(phase_index, week.number, promise)
                if not is_known(used) and when is not None:
                    ctx.model.add(used == 0).only_enforce_if(when)

