"""The certificate of capacity: each restriction's limits in every week it binds.

A restriction is written by the treating practitioner, not by the policy: it holds
whatever the phase, on top of the phase's own limits, and each of its limits is a
promise of its own (`restrictions[i].max_hours_per_day`...), so "why no plan" can name
the one that conflicts and say that only the practitioner can change it. It binds whole
plan weeks (models.restrictions.Restriction.plan_weeks): the plan never goes past a
certificate on any day of its period.
"""

from collections.abc import Callable

from ortools.sat.python.cp_model import IntVar

from models.families import Family
from models.plan import Promise
from models.restrictions import Restriction, binding
from solver.context import BuildContext
from solver.rules.phase_rules import cap_day_length
from solver.rules.recovery_rules import add_rest_between
from solver.weeks import WeekVariables, is_known

PromiseOf = Callable[[str], Promise]
"""One restriction's promise by the name of its field."""


def add_restrictions(ctx: BuildContext) -> None:
    """Every restriction's hours a day, days a week, rest between worked days and banned tasks,
    in every week the model still decides that the restriction binds."""
    for index, restriction, weeks in binding(ctx.scenario):
        bound = [week for week in ctx.vars.live_weeks() if week.number in weeks]
        if not bound:
            continue

        def promise(field: str, index: int = index) -> Promise:
            return Promise(family=Family.RESTRICTIONS, path=f"restrictions[{index}].{field}")

        for week in bound:
            _add_week_limits(ctx, restriction, week, promise)
        between = restriction.min_rest_days_between_worked_days
        if between:
            spacing = ctx.guard(promise("min_rest_days_between_worked_days"))
            live = {week.number for week in bound}

            def when_in(week: int, live: set[int] = live, spacing: list[IntVar] = spacing) -> list[IntVar] | None:
                return spacing if week in live else None

            add_rest_between(ctx, ctx.roster[: 7 * len(ctx.vars.weeks)], between, when_in)


def _add_week_limits(ctx: BuildContext, restriction: Restriction, week: WeekVariables,
                     promise: PromiseOf) -> None:
    model = ctx.model
    if restriction.max_hours_per_day is not None:  # whole slots, rounded down like the phases' caps
        cap_day_length(ctx, week, restriction.max_hours_per_day, ctx.guard(promise("max_hours_per_day")))
    most = restriction.max_days_per_week
    if most is not None and len(week.rostered_days) > most:
        ctx.require(model.add(week.days_worked() <= most), promise("max_days_per_week"))
    for task in ctx.scenario.tasks:
        field = restriction.excludes(task)
        used = week.used(task)
        if field is not None and not is_known(used):  # known: nothing is offered
            ctx.require(model.add(used == 0), promise(field))
