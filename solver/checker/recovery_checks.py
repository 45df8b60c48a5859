"""Rest that lets tissue remodel: rest days, runs of work days, heavy days, deload weeks."""

from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, limit_num, num


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
    """Runs of worked calendar days, each judged by the phase of its last day, and the rest
    days the phase of a worked day asks before it; the days before the plan count as rest."""
    days = ctx.day_totals()
    found: list[Violation] = []
    run = 0
    last_worked: int | None = None
    for index, day in enumerate(days):
        phase = ctx.phase(day.week)
        if not day.worked:
            run = 0
            continue
        run += 1
        if phase is not None:
            most = ctx.policy.most_days_in_a_row(phase)
            if run == most + 1:
                found.append(Violation(
                    family="consecutive_days", week=day.week, date=day.date, limit=float(most), value=float(run),
                    message=f"{days[index - run + 1].date} to {day.date}: {run} work days in a row, more than "
                            f"the {most} phase {phase.name} allows"))
            between = ctx.policy.rest_days_between(phase)
            if last_worked is not None and 0 < index - last_worked <= between:
                found.append(Violation(
                    family="consecutive_days", week=day.week, date=day.date, limit=float(between),
                    value=float(index - last_worked - 1),
                    message=f"{day.date}: worked {index - last_worked - 1} day(s) after {days[last_worked].date}; "
                            f"phase {phase.name} asks {between} rest day(s) between worked days"))
        last_worked = index
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
                            f"{limit_num(deload.max_percent_of_previous)} % of the week before "
                            f"({num(before)}), i.e. {limit_num(limit)}"))
    return found
