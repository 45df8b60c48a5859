"""Movement variability: no day or week dominated by one task (seed guideline)."""

from models.families import Family
from models.plan import Promise
from solver.context import BuildContext
from solver.rules.load_rules import at_most_times
from solver.scaling import share


def add_movement_variability(ctx: BuildContext) -> None:
    """One task takes at most its share of a day's and of a week's worked time.

    A week planned ahead (aggregate) keeps the day's share over the whole week, which every
    week whose days keep it does too.
    """
    v, model = ctx.vars, ctx.model
    variability = ctx.scenario.policy.variability
    of_day, of_week = share(variability.max_share_of_day), share(variability.max_share_of_week)
    day_promise = Promise(family=Family.MOVEMENT_VARIABILITY, path="policy.variability.max_share_of_day")
    week_promise = Promise(family=Family.MOVEMENT_VARIABILITY, path="policy.variability.max_share_of_week")
    for task in ctx.scenario.tasks:
        if of_day < 1:
            for week in v.detailed_weeks():
                for k, kind in enumerate(week.kinds):
                    if kind.offers(task):
                        ctx.require(at_most_times(model, week.kind_slots(task, k), of_day,
                                                  week.kind_day_length(k), 0), day_promise)
            for ahead in v.aggregate_weeks():
                at_most_times(model, ahead.task_slots(task), of_day, ahead.hours(), 0)
        if of_week < 1:
            for any_week in v.live_weeks():
                ctx.require(at_most_times(model, any_week.task_slots(task), of_week, any_week.hours(), 0),
                            week_promise)
