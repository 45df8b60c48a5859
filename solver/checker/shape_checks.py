"""The shape of the plan: regular days within a week, and a climb that never falls without a reason."""

from models.calendar import PlanDay
from models.policy import Phase
from models.restrictions import tightened, week_limits
from solver.checker.context import CheckContext
from solver.checker.recompute import DayTotals
from solver.checker.violation import Violation, num
from solver.checker.workable import capacity_minutes, days_of_week, offered_minutes, spaced, workable_minutes


def check_regular_days(ctx: CheckContext) -> list[Violation]:
    """Every worked day of a week holds the week's day length, or all its free time allows, and
    worked days with the same free time and the same duties offered hold the same duties."""
    if ctx.policy.day_pattern != "regular":
        return []
    found: list[Violation] = []
    for week in ctx.week_numbers:
        worked = [(day, ctx.totals.days[day.date]) for day in days_of_week(ctx, week)
                  if ctx.totals.days[day.date].worked]
        if not worked:
            continue
        length = max(totals.minutes for _, totals in worked)
        for day, totals in worked:
            floor = min(length, capacity_minutes(ctx, day))
            if totals.minutes < floor:
                found.append(Violation(
                    family="regular_days", week=week, date=day.date, subject="work_hours",
                    limit=floor / 60, value=totals.minutes / 60,
                    message=f"{day.date}: {num(totals.minutes / 60)} h of work in a week of "
                            f"{num(length / 60)} h days, though the day has room for {num(floor / 60)} h"))
        found.extend(_same_duties(ctx, week, worked))
        plan_week = ctx.plan_weeks.get(week)
        if plan_week is not None and plan_week.day_length_minutes != length:
            found.append(Violation(
                family="regular_days", week=week, subject="day_length_minutes", limit=float(length),
                value=float(plan_week.day_length_minutes),
                message=f"week {week}: reports a day length of {plan_week.day_length_minutes} min; "
                        f"its longest worked day holds {length} min"))
    return found


def _same_duties(ctx: CheckContext, week: int, worked: list[tuple[PlanDay, DayTotals]]) -> list[Violation]:
    groups: dict[tuple[object, ...], list[tuple[PlanDay, DayTotals]]] = {}
    for day, totals in worked:
        offers = tuple(offered_minutes(ctx, task, day) for task in ctx.scenario.tasks)
        groups.setdefault((capacity_minutes(ctx, day), offers), []).append((day, totals))
    found = []
    for members in groups.values():
        first_day, first = members[0]
        for day, totals in members[1:]:
            if totals.task_minutes != first.task_minutes:
                found.append(Violation(
                    family="regular_days", week=week, date=day.date,
                    message=f"{day.date}: other duties than {first_day.date} ({_duties(ctx, totals)} against "
                            f"{_duties(ctx, first)}), though both days offer the same"))
    return found


def _duties(ctx: CheckContext, totals: DayTotals) -> str:
    return ", ".join(f"{ctx.task_label(task_id)} {minutes} min"
                     for task_id, minutes in sorted(totals.task_minutes.items()))


def check_steady_climb(ctx: CheckContext) -> list[Violation]:
    """Before full duty, no week holds fewer hours, fewer days or a shorter day than the week
    before, beyond what its calendar takes away (site closures, appointments, fewer or
    shorter shifts with duties offered) or its phase's rest rules; deload weeks, and weeks where a
    restriction starts or tightens, are exempt, as is the week after a re-plan's reassessment
    that holds or steps back the load.
    Every fall the plan makes, it names (`WeekPlan.falls`)."""
    if not ctx.policy.steady_climb:
        return []
    found: list[Violation] = []
    limits = week_limits(ctx.scenario)
    resumption = ctx.scenario.resumption
    for week in ctx.week_numbers:
        if (week == 1 or ctx.full_duty(week) or ctx.is_deload(week) or tightened(limits, week - 1)
                or (resumption is not None and resumption.eases(week - 1))):
            continue
        now = [m for m in (workable_minutes(ctx, day) for day in days_of_week(ctx, week)) if m]
        then = [m for m in (workable_minutes(ctx, day) for day in days_of_week(ctx, week - 1)) if m]
        fewer_days = max(0, len(then) - len(now))
        fewer_minutes = max(0, sum(then) - sum(now))
        by_phase = _days_the_phase_takes(ctx, week)
        this, last = _shape(ctx, week), _shape(ctx, week - 1)
        allowed = {"days": last[0] - fewer_days - by_phase,
                   "minutes": last[1] - fewer_minutes - max(then, default=0) * by_phase,
                   "day length": min(last[2], max(now, default=0))}
        for (name, least), value in zip(allowed.items(), this, strict=True):
            if value < least and not (name == "day length" and ctx.policy.day_pattern != "regular"):
                shown = (lambda m: f"{num(m / 60)} h") if name != "days" else str
                found.append(Violation(
                    family="steady_climb", week=week, subject=name, limit=float(least), value=float(value),
                    message=f"week {week}: {name} {shown(value)}, down from {shown(last[list(allowed).index(name)])} "
                            f"the week before; its calendar and phase allow no less than {shown(least)}"))
        plan_week = ctx.plan_weeks.get(week)
        if plan_week is not None and any(v < w for v, w in zip(this, last, strict=True)) and not plan_week.falls:
            found.append(Violation(
                family="steady_climb", week=week,
                message=f"week {week}: holds less than the week before and does not say why"))
    return found


def _shape(ctx: CheckContext, week: int) -> tuple[int, int, int]:
    """Days worked, worked minutes and the longest worked day of a week."""
    days = [ctx.totals.days[day.date] for day in days_of_week(ctx, week)]
    return (sum(1 for d in days if d.worked), sum(d.minutes for d in days), max((d.minutes for d in days), default=0))


def _days_the_phase_takes(ctx: CheckContext, week: int) -> int:
    phase, previous = ctx.phase(week), ctx.phase(week - 1)
    if phase is None or previous is None or phase is previous:
        return 0
    rostered = [day for day in days_of_week(ctx, week) if workable_minutes(ctx, day)]
    return max(0, _most_days(ctx, previous, rostered) - _most_days(ctx, phase, rostered))


def _most_days(ctx: CheckContext, phase: Phase, days: list[PlanDay]) -> int:
    policy = ctx.policy
    return min(7 - policy.rest_days_per_week(phase), spaced(days, policy.rest_days_between(phase)), len(days))
