"""Where and how long tasks run: the roster, the employer's offers, block lengths, warm-up."""

from solver.checker.context import CheckContext
from solver.checker.recompute import TimedBlock, runs
from solver.checker.violation import TOLERANCE, Violation, limit_num


def _hm(block: TimedBlock) -> str:
    """The block as the plan shows it, in local time (its instants are compared in UTC)."""
    return f"{block.local_start:%H:%M}-{block.local_end:%H:%M}"


def check_shift_and_availability(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []

    def add(block: TimedBlock, text: str, limit: float | None = None,
            value: float | None = None) -> None:
        day = ctx.plan_day(block.day)
        found.append(Violation(
            family="shift_and_availability", week=day.week + 1 if day else None,
            date=block.day, subject=block.task_id, limit=limit, value=value,
            message=f"{block.day}: {block.label} {_hm(block)} {text}"))

    for block in sorted(ctx.totals.blocks, key=lambda b: (b.day, b.start)):
        if block.naive:
            add(block, "has no UTC offset: times must be local times with their offset")
        if block.minutes <= 0:
            add(block, "ends before it starts", limit=1, value=block.minutes)
        elif block.block.minutes != block.minutes:
            add(block, f"says {block.block.minutes} min but lasts {block.minutes} min "
                "from start to end", limit=block.minutes, value=block.block.minutes)
        if block.task is None:
            add(block, f"is not a task of the scenario (id {block.task_id!r})")
        day = ctx.plan_day(block.day)
        if day is None:
            add(block, "falls outside the plan's weeks")
        elif day.shift is None:
            add(block, "is on a blackout date" if day.blackout else "is on a day off")
        elif not any(free.holds(block.start, block.end) for free in day.free):
            add(block, f"is not inside the free time of the {day.shift.template.name} shift "
                "(breaks and appointments are not working time)")

    latest = None
    for block in ctx.totals.blocks:
        if latest is not None and block.start < latest.end:
            add(block, f"overlaps {latest.label} {_hm(latest)}")
        if latest is None or block.end > latest.end:
            latest = block

    slot = ctx.policy.slot_minutes
    for totals in ctx.day_totals():
        day = ctx.plan_day(totals.date)
        for task_id, minutes in totals.task_minutes.items():
            task = ctx.task(task_id)
            if task is None or day is None:
                continue
            broken: list[tuple[float, str]] = []
            if day.shift is not None:
                offered = ctx.scenario.availability.hours_offered(task_id, totals.date,
                                                                  day.shift.kind) * 60
                if task.warm_up:  # needs no offer: always available for the warm-up
                    offered = max(offered, float(ctx.policy.warm_up_minutes))
                if minutes > offered + TOLERANCE:
                    broken.append((offered, (f"more than the {limit_num(offered)} min the site "
                                            "offers that day")))
            cap = task.max_minutes_per_day
            if cap is not None and minutes > cap + TOLERANCE:
                broken.append((cap, f"more than its {cap} min per day"))
            if minutes % slot:
                broken.append((slot, f"not a whole number of {slot}-minute slots"))
            found.extend(
                Violation(family="shift_and_availability", week=totals.week, date=totals.date,
                          subject=task_id, limit=limit, value=float(minutes),
                          message=f"{totals.date}: {task.name} for {minutes} min, {text}")
                for limit, text in broken)
    return found


def check_block_limits(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []
    for totals in ctx.day_totals():
        for task_id, minutes in totals.task_minutes.items():
            task = ctx.task(task_id)
            if task and 0 < minutes < task.min_block_minutes - TOLERANCE:
                found.append(Violation(
                    family="block_limits", week=totals.week, date=totals.date, subject=task_id,
                    limit=float(task.min_block_minutes), value=float(minutes),
                    message=f"{totals.date}: {task.name} for only {minutes} min, less than "
                            f"its shortest block of {task.min_block_minutes} min"))
        for run in runs(totals.blocks):
            task = ctx.task(run.task_id)
            longest = task.max_block_minutes if task else None
            if task and longest is not None and run.minutes > longest + TOLERANCE:
                found.append(Violation(
                    family="block_limits", week=totals.week, date=totals.date,
                    subject=run.task_id, limit=float(longest), value=float(run.minutes),
                    message=f"{totals.date}: {task.name} runs {run.minutes} min without a "
                            f"break or change from {run.local_start:%H:%M}, longer than its "
                            f"longest block of {longest} min"))
    return found


def check_warm_up(ctx: CheckContext) -> list[Violation]:
    minutes = ctx.policy.warm_up_minutes
    warm_up = next((task for task in ctx.scenario.tasks if task.warm_up), None)
    if minutes <= 0 or warm_up is None:
        return []
    found: list[Violation] = []
    for totals in ctx.day_totals():
        if not totals.worked:
            continue
        leading: list[TimedBlock] = []
        for block in totals.blocks:
            if block.task_id != warm_up.id:
                break
            leading.append(block)
        later = sum(b.minutes for b in totals.blocks[len(leading):] if b.task_id == warm_up.id)
        done = sum(b.minutes for b in leading)

        broken: list[tuple[float, float, str]] = []
        if not leading:
            broken.append((minutes, 0.0, (f"the day starts with {totals.blocks[0].label}, not "
                                         f"with the {minutes} min {warm_up.name}")))
        elif done != minutes:
            broken.append((minutes, done, (f"the day starts with {done} min of {warm_up.name} "
                                          f"instead of exactly {minutes} min")))
        if later:
            broken.append((0.0, later, (f"{warm_up.name} appears again later in the day "
                                       f"({later} min); it belongs only at the start")))
        found.extend(
            Violation(family="warm_up", week=totals.week, date=totals.date, subject=warm_up.id,
                      limit=limit, value=value, message=f"{totals.date}: {text}")
            for limit, value, text in broken)
    return found
