"""The periodised phases: their order and length, and what each phase allows a day or task."""

from models.ergonomics import strength_rank
from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, limit_num, num


def check_phase_progression(ctx: CheckContext) -> list[Violation]:
    phases = ctx.policy.phases
    names = ", ".join(phase.name for phase in phases)
    found: list[Violation] = []

    def add(week: int, text: str, subject: str | None = None, limit: float | None = None,
            value: float | None = None) -> None:
        found.append(Violation(family="phase_progression", week=week, subject=subject,
                               limit=limit, value=value, message=f"week {week}: {text}"))

    for week in ctx.week_numbers:
        plan_week = ctx.plan_weeks.get(week)
        index = ctx.phase_index[week - 1]
        if plan_week is None:
            continue
        if index is None:
            add(week, f"phase {plan_week.phase!r} is not one of the policy's phases ({names})")
            continue
        previous = ctx.phase_index[week - 2] if week > 1 else None
        entered = week == 1 or (previous is not None and index > previous)
        if week == 1 and index != 0:
            add(week, f"the plan starts in phase {phases[index].name}, not in the first "
                      f"phase {phases[0].name}")
        elif previous is not None and index < previous:
            add(week, f"goes back from phase {phases[previous].name} to {phases[index].name}")
        elif previous is not None and index > previous + 1:
            skipped = ", ".join(p.name for p in phases[previous + 1:index])
            add(week, f"moves from phase {phases[previous].name} to {phases[index].name}, "
                      f"skipping {skipped}")
        earliest = ctx.applied.phase_earliest_week[index] + 1 if ctx.applied.phase_earliest_week else 1
        if entered and week < earliest:
            add(week, f"phase {phases[index].name} starts before its earliest start, week {earliest}",
                limit=float(earliest), value=float(week))
        if entered:
            for dim, share in phases[index].entry_criteria.items():
                need = share * ctx.applied.target[dim]
                have = ctx.exposure(dim, week - 1)
                if have < need - TOLERANCE:
                    add(week, f"phase {phases[index].name} is entered after "
                              f"{ctx.amount(dim, have)} in the week before, below its entry "
                              f"criterion {num(need)} ({num(share * 100)} % of the target)",
                        subject=dim, limit=need, value=have)

    # Length of each stretch of one phase that the plan leaves for another phase.
    first = 1
    for week in ctx.week_numbers:
        index = ctx.phase_index[week - 1]
        following = ctx.phase_index[week] if week < ctx.horizon else None
        if following == index:
            continue
        length, start = week - first + 1, first
        first = week + 1
        if index is None or index == len(phases) - 1:
            continue
        phase = phases[index]
        if phase.max_weeks is not None and length > phase.max_weeks:
            add(week, f"phase {phase.name} lasted {length} week(s) (from week {start}), "
                      f"longer than its maximum of {phase.max_weeks}",
                limit=float(phase.max_weeks), value=float(length))
        if following is not None and length < phase.min_weeks:
            add(week + 1, f"phase {phase.name} lasted {length} week(s) (from week {start}), "
                          f"shorter than its minimum of {phase.min_weeks}",
                limit=float(phase.min_weeks), value=float(length))
    return sorted(found, key=lambda v: v.week or 0)


def check_daily_hour_caps(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []
    for totals in ctx.day_totals():
        phase = ctx.phase(totals.week)
        if phase is None or not totals.worked:
            continue
        if totals.minutes > phase.daily_hours_cap * 60 + TOLERANCE:
            hours = totals.minutes / 60
            found.append(Violation(
                family="daily_hour_caps", week=totals.week, date=totals.date, subject="work_hours",
                limit=phase.daily_hours_cap, value=hours,
                message=f"{totals.date}: {num(hours)} h of work, above the "
                        f"{limit_num(phase.daily_hours_cap)} h daily cap of phase {phase.name}"))
        shortest = ctx.policy.shortest_day_hours(phase)
        if totals.minutes < shortest * 60 - TOLERANCE:
            hours = totals.minutes / 60
            found.append(Violation(
                family="daily_hour_caps", week=totals.week, date=totals.date, subject="work_hours",
                limit=shortest, value=hours,
                message=f"{totals.date}: {num(hours)} h of work, below the {num(shortest)} h "
                        f"a worked day must hold in phase {phase.name}"))
    return found


def check_phase_task_limits(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []
    for week in ctx.week_numbers:
        phase = ctx.phase(week)
        if phase is None:
            continue
        totals = ctx.week_totals(week)
        for task_id, minutes in totals.task_minutes.items():
            task = ctx.task(task_id)
            if task is None or minutes <= 0:
                continue
            date = totals.first_date[task_id]
            level = task.effective_strength_level()
            if strength_rank(level) > strength_rank(phase.max_strength_level):
                found.append(Violation(
                    family="phase_task_limits", week=week, date=date, subject=task_id,
                    limit=float(strength_rank(phase.max_strength_level)),
                    value=float(strength_rank(level)),
                    message=f"week {week}: {task.name} is {level.value} work; phase "
                            f"{phase.name} allows at most {phase.max_strength_level.value}"))
            index = task.lifting_index()
            ceiling = phase.max_lifting_index
            if ceiling is not None and index is not None and index > ceiling + TOLERANCE:
                found.append(Violation(
                    family="phase_task_limits", week=week, date=date, subject=task_id,
                    limit=ceiling, value=index,
                    message=f"week {week}: {task.name} has NIOSH lifting index {num(index)}; "
                            f"phase {phase.name} allows at most {limit_num(ceiling)}"))
    return found
