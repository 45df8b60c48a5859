"""How much work a rostered day can hold, read from the calendar and the offers alone.

The checker's own reading (it never imports the model builder): a day's capacity is its
free shift time in whole planning slots, at most the last phase's daily hours cap, also in
whole slots (rounded down, the planner's rule: models.calendar.whole_slot_minutes); its
workable time is that capacity, at most everything the site offers that day, and nothing
on a shift where no duty besides the warm-up is offered.
"""

from models.calendar import PlanDay, whole_slot_minutes
from models.tasks import Task
from solver.checker.context import CheckContext


def capacity_minutes(ctx: CheckContext, day: PlanDay) -> int:
    if day.shift is None:
        return 0
    slot = ctx.policy.slot_minutes
    return day.capacity_minutes(slot, whole_slot_minutes(ctx.policy.phases[-1].daily_hours_cap, slot))


def offered_minutes(ctx: CheckContext, task: Task, day: PlanDay) -> int:
    """Most minutes of a task the day can hold: the offer (the warm-up needs none), the task's
    own daily maximum and the day's capacity, in whole slots."""
    if day.shift is None:
        return 0
    slot = ctx.policy.slot_minutes
    minutes = round(ctx.scenario.availability.hours_offered(task.id, day.date, day.shift.kind) * 60)
    if task.warm_up:
        minutes = max(minutes, ctx.policy.warm_up_minutes)
    if task.max_minutes_per_day is not None:
        minutes = min(minutes, task.max_minutes_per_day)
    return min(minutes // slot * slot, capacity_minutes(ctx, day))


def workable_minutes(ctx: CheckContext, day: PlanDay) -> int:
    capacity = capacity_minutes(ctx, day)
    if capacity == 0:
        return 0
    offered = {task.id: offered_minutes(ctx, task, day) for task in ctx.scenario.tasks}
    if not any(minutes for task_id, minutes in offered.items() if not ctx.scenario.task(task_id).warm_up):
        return 0
    return min(capacity, sum(offered.values()))


def days_of_week(ctx: CheckContext, week: int) -> list[PlanDay]:
    """The calendar days of 1-based plan week `week`."""
    return [day for day in ctx.days if day.week + 1 == week]


def spaced(days: list[PlanDay], between: int) -> int:
    """The most of these days that can be worked with `between` rest days between any two.

    The checker's own count: the planner has its like (solver.day_kinds.spaced_days), which
    the checker may not import."""
    count, last = 0, None
    for day in days:
        if last is None or day.index - last > between:
            count, last = count + 1, day.index
    return count
