"""A re-plan: the weeks done stay as worked, and the week after them keeps to what the reassessment decided."""

from models.families import Family
from models.plan import Promise
from solver.context import BuildContext
from solver.resumption import done_weeks
from solver.weeks import DetailedWeek, FixedWeek, is_known


def add_resumption(ctx: BuildContext) -> None:
    """Weeks done, where the model decides them (a whole-plan model), are fixed to the days worked, their
    phase and full duty; the week after them holds at most the resumption's ceiling per dimension.

    A week planned against the weeks decided before it (solver.stages) already holds the weeks done
    as constants: only the ceiling is left to add there."""
    resumption = ctx.scenario.resumption
    if resumption is None:
        return
    done = done_weeks(ctx.scenario)
    worked = Promise(family=Family.RESUMPTION, path="resumption.done")
    v = ctx.vars
    for week in v.live_weeks():
        if week.number >= len(done):
            continue
        solution = done[week.number]
        if isinstance(week, DetailedWeek):
            for variable, value in week.values_of(solution):
                ctx.require(ctx.model.add(variable == value), worked)
        ctx.require(ctx.model.add(week.full_duty == int(solution.full_duty)), worked)
        for p in range(1, len(ctx.scenario.policy.phases)):
            at_least = v.phase_at_least[p, week.number]
            if not is_known(at_least):
                ctx.require(ctx.model.add(at_least == int(solution.phase >= p)), worked)
    if len(done) >= len(v.weeks):
        return
    after = v.week(len(done))
    if isinstance(after, FixedWeek):
        return  # decided already: the checker holds it to the ceiling
    for dim, most in resumption.ceiling.items():
        ceiling = Promise(family=Family.RESUMPTION, path=f"resumption.ceiling.{dim}")
        ctx.require(ctx.model.add(after.exposure(dim) <= v.scale.at_most(most, dim)), ceiling)
