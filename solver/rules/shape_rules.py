"""The shape of a written plan: regular days within a week, and a climb that never falls without a reason."""


from ortools.sat.python import cp_model

from models.families import Family
from models.plan import Promise
from models.restrictions import tightened, week_limits
from solver.context import BuildContext
from solver.day_kinds import most_days_a_week
from solver.rules.recovery_rules import is_deload_week
from solver.weeks import Literal, Term, WeekVariables, is_known, negation


def add_regular_days(ctx: BuildContext) -> None:
    """Every worked day of a week holds the week's day length, or all its own time allows.

    With `policy.day_pattern: regular` a day is shorter than the week's day length only
    when it cannot hold more (an appointment, a shorter shift): its length is at least
    `min(day length, its workable time)`. The same duties on the days of one kind come from
    the variables themselves (solver.weeks.DetailedWeek): a kind's worked days share their slots.
    """
    if ctx.scenario.policy.day_pattern != "regular":
        return
    promise = Promise(family=Family.REGULAR_DAYS, path="policy.day_pattern")
    for week in ctx.vars.detailed_weeks():
        length = week.day_length()
        for k, kind in enumerate(week.kinds):
            capacity = ctx.roster_facts[kind.days[0].index].real_slots if ctx.diagnose else kind.capacity_slots
            floor: Term = length
            if capacity < _upper_bound(length):
                floor = ctx.model.new_int_var(0, capacity, f"regular_floor_w{week.number}_k{k}")
                ctx.model.add_min_equality(floor, [length, capacity])
            for j, count in week.counts(k):
                ctx.model.add(week.kind_length(k, j) >= floor).only_enforce_if([count, *ctx.guard(promise)])


def add_steady_climb(ctx: BuildContext) -> None:
    """Before full duty, hours, days worked and the day length never fall without a reason.

    A week may hold less than the week before only by what the calendar or the policy takes
    away: a deload week (exempt), a week where a restriction starts or tightens (exempt: the
    certificate may take hours, days or tasks), the week after a re-plan's reassessment that holds
    or steps back the load (exempt: models.resumption), fewer workable slots or rostered days than the
    week before (site closures, appointments, fewer or shorter shifts), or a phase that allows
    fewer days. The day length may only fall to what the week's roomiest day can hold.
    """
    policy = ctx.scenario.policy
    if not policy.steady_climb:
        return
    promise = Promise(family=Family.STEADY_CLIMB, path="policy.steady_climb")
    v = ctx.vars
    limits = week_limits(ctx.scenario)
    resumption = ctx.scenario.resumption
    for week in v.live_weeks():
        if (week.number == 0 or is_deload_week(ctx.scenario, week.number) or tightened(limits, week.number)
                or (resumption is not None and resumption.eases(week.number))):
            continue
        before = v.week(week.number - 1)
        when = [negation(week.full_duty), *ctx.guard(promise)]
        now, then = ctx.calendar.workable[week.number], ctx.calendar.workable[week.number - 1]
        fewer_days = max(0, len(then) - len(now))
        fewer_slots = max(0, sum(then) - sum(now))
        by_phase = _days_the_phase_takes(ctx, week)
        longest_day = max(then, default=0)
        ctx.model.add(week.days_worked() >= before.days_worked() - fewer_days - by_phase).only_enforce_if(when)
        ctx.model.add(week.hours() >= before.hours() - fewer_slots - longest_day * by_phase).only_enforce_if(when)
        if policy.day_pattern == "regular":
            _add_day_length_holds(ctx, week, before, max(now, default=0), when)


def _add_day_length_holds(ctx: BuildContext, week: WeekVariables, before: WeekVariables, roomiest: int,
                          when: list[Literal]) -> None:
    if roomiest == 0:
        return
    previous = before.day_length()
    held: Term
    if is_known(previous):
        held = min(previous, roomiest)
    elif roomiest < _upper_bound(previous):
        held = ctx.model.new_int_var(0, roomiest, f"day_length_held_w{week.number}")
        ctx.model.add_min_equality(held, [previous, roomiest])
    else:
        held = previous
    ctx.model.add(week.day_length() >= held).only_enforce_if(when)


def _days_the_phase_takes(ctx: BuildContext, week: WeekVariables) -> Term:
    """Days a week may lose by entering a phase that allows fewer days a week."""
    policy = ctx.scenario.policy
    v = ctx.vars
    taken: list[Term] = []
    days = week.rostered_days
    for p in range(1, len(policy.phases)):
        loss = max(0, most_days_a_week(policy, policy.phases[p - 1], days)
                   - most_days_a_week(policy, policy.phases[p], days))
        if loss:
            taken.append(loss * (v.phase_at_least[p, week.number] - v.phase_at_least[p, week.number - 1]))
    return cp_model.LinearExpr.sum(taken) if taken else 0



def _upper_bound(term: Term) -> int:
    if is_known(term):
        return term
    assert isinstance(term, cp_model.IntVar)
    return int(list(term.proto.domain)[-1])
