"""A re-plan's promises: the weeks done as worked, and the week after them within its ceiling."""

from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, num


def check_resumption(ctx: CheckContext) -> list[Violation]:
    """Weeks 1 to N hold exactly the minutes per task worked on each day (no day added or dropped), in
    the phase and full-duty state they were worked in; week N + 1 holds at most the ceiling per dimension."""
    resumption = ctx.scenario.resumption
    if resumption is None:
        return []
    found: list[Violation] = []
    for number, done in enumerate(resumption.done, start=1):
        worked = {totals.date: totals.task_minutes for totals in ctx.day_totals() if totals.week == number
                  and totals.worked}
        for date in sorted(set(worked) | set(done.days)):
            planned, was = worked.get(date, {}), done.days.get(date, {})
            if planned != was:
                found.append(Violation(family="resumption", week=number, date=date,
                                       message=f"week {number} was worked and is fixed: {date} holds "
                                               f"{_minutes(planned)}, worked {_minutes(was)}"))
        plan_week = ctx.plan_weeks.get(number)
        if plan_week is not None and (plan_week.phase, plan_week.full_duty) != (done.phase, done.full_duty):
            found.append(Violation(family="resumption", week=number,
                                   message=f"week {number} was worked in phase {done.phase}"
                                           f"{' at full duty' if done.full_duty else ''}; the plan says otherwise"))
    after = resumption.weeks_done + 1
    if after <= len(ctx.totals.weeks):
        for dim, most in resumption.ceiling.items():
            value = ctx.exposure(dim, after)
            if value > most + TOLERANCE:
                found.append(Violation(family="resumption", week=after, subject=dim, limit=most, value=value,
                                       message=f"week {after}: {ctx.amount(dim, value)} is above the "
                                               f"{ctx.amount(dim, most)} the reassessment after week "
                                               f"{resumption.weeks_done} allows"))
    return found


def _minutes(task_minutes: dict[str, int]) -> str:
    return ", ".join(f"{task} {num(m)} min" for task, m in sorted(task_minutes.items())) or "nothing"
