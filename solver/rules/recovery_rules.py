"""Recovery: rest days, runs of work days and rest between them, heavy days apart, deload weeks."""

from collections.abc import Callable
from functools import partial

from ortools.sat.python import cp_model

from models.calendar import PlanDay
from models.families import Family
from models.plan import Promise
from models.scenario import Scenario
from solver.context import BuildContext
from solver.day_kinds import spaced_days
from solver.rules.load_rules import at_most_times
from solver.scaling import share
from solver.weeks import DetailedWeek, FixedWeek, Literal, is_known, negation


def add_rest_days(ctx: BuildContext) -> None:
    """Each week keeps the rest days its phase asks for (days off the roster count)."""
    policy = ctx.scenario.policy
    for phase_index, phase in enumerate(policy.phases):
        rest = policy.rest_days_per_week(phase)
        path = (f"policy.phases[{phase_index}].min_rest_days_per_week" if phase.min_rest_days_per_week is not None
                else "policy.recovery.min_rest_days_per_week")
        for week in ctx.vars.live_weeks():
            when = ctx.when_in_phase(phase_index, week.number, Promise(family=Family.REST_DAYS, path=path))
            if when is not None and len(week.rostered_days) > 7 - rest:
                ctx.model.add(week.days_worked() <= 7 - rest).only_enforce_if(when)


def add_consecutive_day_limits(ctx: BuildContext) -> None:
    """No more worked days in a row than the phase allows, and its rest days between worked days.

    Both run across week boundaries; the days before the plan count as rest. A window of
    days is judged by the phase of its last day. A week planned ahead (aggregate) keeps the
    number of days its spacing allows.
    """
    policy = ctx.scenario.policy
    days = ctx.roster[: 7 * len(ctx.vars.weeks)]
    for phase_index, phase in enumerate(policy.phases):
        longest = policy.most_days_in_a_row(phase)
        path = (f"policy.phases[{phase_index}].max_consecutive_work_days"
                if phase.max_consecutive_work_days is not None else "policy.recovery.max_consecutive_work_days")
        promise = Promise(family=Family.CONSECUTIVE_DAYS, path=path)
        for end in range(longest, len(days)):
            _limit_window(ctx, days[end - longest: end + 1], longest, phase_index, promise)
        between = policy.rest_days_between(phase)
        if between:
            spacing = Promise(family=Family.CONSECUTIVE_DAYS,
                              path=f"policy.phases[{phase_index}].min_rest_days_between_worked_days")
            add_rest_between(ctx, days, between, partial(ctx.when_in_phase, phase_index, promise=spacing))


def _limit_window(ctx: BuildContext, window: list[PlanDay], most: int, phase_index: int, promise: Promise) -> None:
    found = [ctx.vars.worked(day) for day in window]
    literals = [literal for literal in found if literal is not None]
    if len(literals) < len(found):
        return
    live = [literal for literal in literals if not is_known(literal)]
    fixed = sum(literal for literal in literals if is_known(literal))
    if not live or len(live) + fixed <= most:
        return
    when = ctx.when_in_phase(phase_index, window[-1].week, promise)
    if when is not None:
        ctx.model.add(sum(live) + fixed <= most).only_enforce_if(when)


When = Callable[[int], list[cp_model.IntVar] | None]
"""Enforcement literals of a limit in a 0-based week; None where it does not hold."""


def add_rest_between(ctx: BuildContext, days: list[PlanDay], between: int, when_in: When) -> None:
    """`between` rest days before each worked day of the weeks `when_in` holds (the day before
    may lie in the week before; days before the plan are rest); an aggregate week keeps the
    number of days its spacing allows. Phases and restrictions (solver.rules.restriction_rules) share it."""
    for later in days:
        when = when_in(later.week)
        second = ctx.vars.worked(later)
        if when is None or second is None:
            continue
        for gap in range(1, min(between, later.index) + 1):
            first = ctx.vars.worked(days[later.index - gap])
            if first is None or (is_known(first) and is_known(second)):
                continue
            ctx.model.add(first + second <= 1).only_enforce_if(when)
    for week in ctx.vars.aggregate_weeks():
        when = when_in(week.number)
        most = spaced_days(week.rostered_days, between)
        if when is not None and most < len(week.rostered_days):
            ctx.model.add(week.days_worked() <= most).only_enforce_if(when)


def add_heavy_day_spacing(ctx: BuildContext) -> None:
    """A day reaching any heavy-day threshold is never followed by another heavy day."""
    thresholds = ctx.scenario.policy.recovery.heavy_day_threshold
    if not thresholds:
        return
    v, model = ctx.vars, ctx.model
    heavy: dict[int, Literal] = {}
    for week in v.weeks:
        if isinstance(week, DetailedWeek):
            for k, kind in enumerate(week.kinds):
                literal = model.new_bool_var(f"heavy_w{week.number}_k{k}")
                for dim, threshold in thresholds.items():
                    model.add(week.kind_exposure(dim, k) <= v.scale.at_least(threshold, dim) - 1).only_enforce_if(
                        literal.Not())
                heavy.update({day.index: literal for day in kind.days})
        elif isinstance(week, FixedWeek):
            for day in week.rostered_days:
                heavy[day.index] = int(any(week.day_exposure(dim, day) >= v.scale.at_least(threshold, dim)
                                           for dim, threshold in thresholds.items()))
    promise = Promise(family=Family.HEAVY_DAYS, path="policy.recovery.heavy_day_threshold")
    for today in ctx.roster[: 7 * len(v.weeks) - 1]:
        tomorrow = ctx.roster[today.index + 1]
        terms = [v.worked(today), v.worked(tomorrow), heavy.get(today.index), heavy.get(tomorrow.index)]
        known = [term for term in terms if term is not None]
        if len(known) < 4 or all(is_known(term) for term in known):
            continue
        ctx.require(model.add(sum(known) <= 3), promise)


def is_deload_week(scenario: Scenario, week: int) -> bool:
    """Every `every_weeks`-th week (1-based) when deload weeks are on (exempt at full duty)."""
    deload = scenario.policy.recovery.deload
    return deload is not None and week > 0 and (week + 1) % deload.every_weeks == 0


def add_deload_weeks(ctx: BuildContext) -> None:
    """Every Nth week before full duty is lighter than the week before on every dimension."""
    deload = ctx.scenario.policy.recovery.deload
    if deload is None:
        return
    v = ctx.vars
    factor = share(deload.max_percent_of_previous / 100)
    guard = ctx.guard(Promise(family=Family.DELOAD_WEEKS, path="policy.recovery.deload"))
    for week in v.live_weeks():
        if not is_deload_week(ctx.scenario, week.number):
            continue
        before = v.week(week.number - 1)
        for dim in ctx.scenario.dimension_ids:
            at_most_times(ctx.model, week.exposure(dim), factor, before.exposure(dim), 0).only_enforce_if(
                [negation(week.full_duty), *guard])

