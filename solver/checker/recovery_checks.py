"""Rest that lets tissue remodel: rest days, runs of work days, heavy days, deload weeks."""

from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, num


def check_rest_days(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []
    for week in ctx.week_numbers:
        phase = ctx.phase(week)
        own = phase.min_rest_days_per_week if phase else None
        need = own if own is not None else ctx.policy.recovery.min_rest_days_per_week
        rest = ctx.week_totals(week).rest_days
        if rest < need:
            source = f"phase {phase.name}" if own is not None and phase else "the recovery policy"
            found.append(Violation(
                family="rest_days", week=week, limit=float(need), value=float(rest),
                message=f"week {week}: {rest} rest day(s), fewer than the {need} "
                        f"{source} requires"))
    return found


def check_consecutive_days(ctx: CheckContext) -> list[Violation]:
    """Runs of worked calendar days; the days before the plan count as rest."""
    most = ctx.policy.recovery.max_consecutive_work_days
    days = ctx.day_totals()
    found: list[Violation] = []
    index = 0
    while index < len(days):
        if not days[index].worked:
            index += 1
            continue
        end = index
        while end + 1 < len(days) and days[end + 1].worked:
            end += 1
        length = end - index + 1
        if length > most:
            first_excess = days[index + most]
            found.append(Violation(
                family="consecutive_days", week=first_excess.week, date=first_excess.date,
                limit=float(most), value=float(length),
                message=f"{days[index].date} to {days[end].date}: {length} work days in a row, "
                        f"more than the {most} allowed (the excess starts "
                        f"{first_excess.date})"))
        index = end + 1
    return found


def check_heavy_days(ctx: CheckContext) -> list[Violation]:
    thresholds = ctx.policy.recovery.heavy_day_threshold
    if not thresholds:
        return []
    found: list[Violation] = []
    previous_heavy = False
    for totals in ctx.day_totals():
        reached = [dim for dim, limit in thresholds.items()
                   if totals.exposure.get(dim, 0.0) >= limit - TOLERANCE]
        heavy = bool(reached) and totals.worked
        if heavy and previous_heavy:
            dim = reached[0]
            value = totals.exposure[dim]
            found.append(Violation(
                family="heavy_days", week=totals.week, date=totals.date, subject=dim,
                limit=thresholds[dim], value=value,
                message=f"{totals.date}: a heavy day ({ctx.amount(dim, value)}, at or above "
                        f"the heavy-day threshold {num(thresholds[dim])}) right after another "
                        "heavy day"))
        previous_heavy = heavy
    return found


def check_deload_weeks(ctx: CheckContext) -> list[Violation]:
    deload = ctx.policy.recovery.deload
    if deload is None:
        return []
    share = deload.max_percent_of_previous / 100
    found: list[Violation] = []
    for week in ctx.week_numbers:
        if not ctx.is_deload(week):
            continue
        for dim in ctx.applied.dimensions:
            before = ctx.exposure(dim, week - 1)
            limit = share * before
            value = ctx.exposure(dim, week)
            if value > limit + TOLERANCE:
                found.append(Violation(
                    family="deload_weeks", week=week, subject=dim, limit=limit, value=value,
                    message=f"week {week} is a deload week: {ctx.amount(dim, value)} exceeds "
                            f"{num(deload.max_percent_of_previous)} % of the week before "
                            f"({num(before)}), i.e. {num(limit)}"))
    return found
