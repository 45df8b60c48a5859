"""Movement variability: no day or week dominated by one task (seed guideline)."""

from models.plan import Promise
from solver.context import BuildContext
from solver.rules.load_rules import FULL
from solver.scaling import share_factor


def add_movement_variability(ctx: BuildContext) -> None:
    """One task takes at most its share of a day's and of a week's worked time."""
    v = ctx.vars
    variability = ctx.scenario.policy.variability
    day_share = share_factor(variability.max_share_of_day)
    week_share = share_factor(variability.max_share_of_week)
    of_day = Promise(family="movement_variability", path="policy.variability.max_share_of_day")
    of_week = Promise(family="movement_variability", path="policy.variability.max_share_of_week")
    for task in ctx.scenario.tasks:
        if day_share < FULL:
            for day in ctx.days:
                slots = v.slots[task.id, day.index]
                if not isinstance(slots, int):
                    ctx.require(ctx.model.add(FULL * slots <= day_share * v.day_slots(day)), of_day)
        if week_share < FULL:
            for week in v.weeks:
                ctx.require(ctx.model.add(FULL * v.week_task_slots(task, week) <= week_share * v.week_slots(week)),
                            of_week)
