"""Movement variability: no day and no week dominated by one task."""

from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, limit_num


def check_movement_variability(ctx: CheckContext) -> list[Violation]:
    variability = ctx.policy.variability
    found: list[Violation] = []
    for totals in ctx.day_totals():
        limit = variability.max_share_of_day * totals.minutes
        for task_id, minutes in totals.task_minutes.items():
            if minutes > limit + TOLERANCE:
                found.append(Violation(
                    family="movement_variability", week=totals.week, date=totals.date,
                    subject=task_id, limit=limit, value=float(minutes),
                    message=f"{totals.date}: {ctx.task_label(task_id)} takes {minutes} of the "
                            f"day's {totals.minutes} min, more than "
                            f"{limit_num(variability.max_share_of_day * 100)} % ({limit_num(limit)} min)"))
    for week in ctx.week_numbers:
        totals_week = ctx.week_totals(week)
        limit = variability.max_share_of_week * totals_week.minutes
        for task_id, minutes in totals_week.task_minutes.items():
            if minutes > limit + TOLERANCE:
                found.append(Violation(
                    family="movement_variability", week=week, subject=task_id,
                    limit=limit, value=float(minutes),
                    message=f"week {week}: {ctx.task_label(task_id)} takes {minutes} of the "
                            f"week's {totals_week.minutes} min, more than "
                            f"{limit_num(variability.max_share_of_week * 100)} % ({limit_num(limit)} min)"))
    return found
