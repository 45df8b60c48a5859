"""The certificate of capacity, checked again from the plan's blocks: each restriction, each week it binds.

Which weeks a restriction binds and which tasks it keeps out are the scenario's own facts
(models.restrictions); everything the plan does is recomputed here from its blocks. A
message names the restriction as the clinician wrote it (number, source and period) and
prints its limit exactly as written, never rounded.
"""

from models.restriction_words import exact, restriction_label
from models.restrictions import Restriction, binding
from models.tasks import Task
from solver.checker.context import CheckContext
from solver.checker.recompute import DayTotals
from solver.checker.violation import TOLERANCE, Violation, num
from solver.checker.workable import days_of_week

FAMILY = "restrictions"


def check_restrictions(ctx: CheckContext) -> list[Violation]:
    """Per restriction and bound week: hours a day, days a week, rest between worked days, tasks kept out."""
    found: list[Violation] = []
    every_day = ctx.day_totals()
    for index, restriction, weeks in binding(ctx.scenario):
        label = restriction_label(index, restriction, ctx.scenario)
        for week in (w + 1 for w in weeks):
            worked = [ctx.totals.days[day.date] for day in days_of_week(ctx, week)
                      if ctx.totals.days[day.date].worked]
            found += _hours(restriction, label, week, worked)
            found += _days(restriction, label, week, worked)
            found += _rest_between(restriction, label, week, worked, every_day)
            found += _tasks(ctx, restriction, label, week)
    return found


def _hours(restriction: Restriction, label: str, week: int, worked: list[DayTotals]) -> list[Violation]:
    most = restriction.max_hours_per_day
    if most is None:
        return []
    return [Violation(family=FAMILY, week=week, date=day.date, subject="max_hours_per_day", limit=most,
                      value=day.minutes / 60,
                      message=f"week {week}: {num(day.minutes / 60)} h on {day.date}, above the {exact(most)} h "
                              f"a day of {label}")
            for day in worked if day.minutes > most * 60 + TOLERANCE]


def _days(restriction: Restriction, label: str, week: int, worked: list[DayTotals]) -> list[Violation]:
    most = restriction.max_days_per_week
    if most is None or len(worked) <= most:
        return []
    return [Violation(family=FAMILY, week=week, subject="max_days_per_week", limit=float(most),
                      value=float(len(worked)),
                      message=f"week {week}: {len(worked)} days worked, more than the {most} a week of {label}")]


def _rest_between(restriction: Restriction, label: str, week: int, worked: list[DayTotals],
                  every_day: list[DayTotals]) -> list[Violation]:
    """Each worked day of the week against the worked day before it, which may lie in the week before
    (the days before the plan count as rest)."""
    between = restriction.min_rest_days_between_worked_days
    if not between:
        return []
    found = []
    dates = [day.date for day in every_day]
    for day in worked:
        index = dates.index(day.date)
        before = next((every_day[i] for i in range(index - 1, max(-1, index - between - 1), -1)
                       if every_day[i].worked), None)
        if before is not None:
            rest = (day.date - before.date).days - 1
            found.append(Violation(
                family=FAMILY, week=week, date=day.date, subject="min_rest_days_between_worked_days",
                limit=float(between), value=float(rest),
                message=f"week {week}: {day.date} worked after {rest} rest day(s) since {before.date}; "
                        f"{label} asks {between} between worked days"))
    return found


def _tasks(ctx: CheckContext, restriction: Restriction, label: str, week: int) -> list[Violation]:
    totals = ctx.week_totals(week)
    found = []
    for task_id, minutes in totals.task_minutes.items():
        task = ctx.task(task_id)
        field = restriction.excludes(task) if task is not None and minutes > 0 else None
        if task is None or field is None:
            continue
        found.append(Violation(family=FAMILY, week=week, date=totals.first_date[task_id], subject=task_id,
                               limit=restriction.max_load_kg if field == "max_load_kg" else None,
                               value=task.heaviest_load_kg if field == "max_load_kg" else None,
                               message=f"week {week}: {task.name} {_why(ctx, restriction, task, field, label)}"))
    return found


def _why(ctx: CheckContext, restriction: Restriction, task: Task, field: str, label: str) -> str:
    if field == "max_load_kg":
        return (f"handles {num(task.heaviest_load_kg)} kg, above the {exact(restriction.max_load_kg or 0)} kg "
                f"of {label}")
    if field == "banned_dimensions":
        banned = [ctx.dimension(dim) for dim in restriction.banned_dimensions if task.rate(dim) > 0]
        return f"involves {' and '.join(banned)}, which {label} bans"
    return f"is done, though {label} bans it"
