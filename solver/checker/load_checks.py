"""How much load a week holds: ceilings, increments, heaviest load, ACWR, lifting index."""

from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, limit_num, num


def check_weekly_ceilings(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []
    for week in ctx.week_numbers:
        phase = ctx.phase(week)
        if phase is None:
            continue
        for dim, ceiling in phase.weekly_ceiling.items():
            value = ctx.exposure(dim, week)
            if value > ceiling + TOLERANCE:
                found.append(Violation(
                    family="weekly_ceilings", week=week, subject=dim, limit=ceiling, value=value,
                    message=f"week {week}: {ctx.amount(dim, value)} exceeds the weekly ceiling "
                            f"{limit_num(ceiling)} of phase {phase.name}"))
        for dim, target in ctx.applied.target.items():
            job_ceiling = ctx.policy.target.ceiling(target)
            if job_ceiling is None:
                continue
            margin = ctx.policy.target.ceiling_margin_percent or 0
            value = ctx.exposure(dim, week)
            if value > job_ceiling + TOLERANCE:
                found.append(Violation(
                    family="weekly_ceilings", week=week, subject=dim, limit=job_ceiling, value=value,
                    message=f"week {week}: {ctx.amount(dim, value)} exceeds the job's full-duty exposure "
                            f"plus {limit_num(margin)} %, {limit_num(job_ceiling)} (no duty creep)"))
    return found


def check_load_increments(ctx: CheckContext) -> list[Violation]:
    lookback = ctx.policy.increment_lookback_weeks
    found: list[Violation] = []
    for week in ctx.week_numbers:
        for dim in ctx.applied.dimensions:
            increment = ctx.applied.increments[dim]
            reference = max([ctx.applied.baseline[dim]]
                            + [ctx.exposure(dim, week - k) for k in range(1, lookback + 1)])
            limit = reference * (1 + increment.percent / 100) + increment.allowance
            value = ctx.exposure(dim, week)
            if value > limit + TOLERANCE:
                found.append(Violation(
                    family="load_increments", week=week, subject=dim, limit=limit, value=value,
                    message=f"week {week}: {ctx.amount(dim, value)} exceeds the increment "
                            f"limit {limit_num(limit)} ({limit_num(increment.percent)} % above "
                            f"{num(reference)}, plus {limit_num(increment.allowance)})"))
    return found


def check_heaviest_load_steps(ctx: CheckContext) -> list[Violation]:
    """The week's protocol rung or calendar step (models.applied), and without a protocol the
    weekly step above the heaviest load of the last weeks."""
    protocol = ctx.policy.heaviest_load_protocol
    found: list[Violation] = []
    for week in ctx.week_numbers:
        value = ctx.heaviest(week)
        task = ctx.week_totals(week).heaviest_task
        label = ctx.task_label(task or "")
        by_calendar = protocol or ctx.applied.risk_multiplier < 1  # else the weekly step below implies it
        ceiling = ctx.applied.heaviest_load_ceiling_kg[week - 1] if by_calendar else None
        if ceiling is not None and value > ceiling + TOLERANCE:
            rule = "the load protocol's rung" if protocol else "the calendar's steps (risk factors hold each longer)"
            found.append(Violation(
                family="heaviest_load_steps", week=week, subject=task, limit=ceiling, value=value,
                message=f"week {week}: {label} handles {num(value)} kg, more than {limit_num(ceiling)} kg, {rule}"))
        if not protocol:
            found.extend(_weekly_step_violation(ctx, week, value, task, label))
    return found


def _weekly_step_violation(ctx: CheckContext, week: int, value: float, task: str | None,
                           label: str) -> list[Violation]:
    lookback = ctx.policy.increment_lookback_weeks
    step = ctx.applied.heaviest_load_step_kg
    reference = max([ctx.applied.baseline_heaviest_load_kg]
                    + [ctx.heaviest(week - k) for k in range(1, lookback + 1)])
    limit = reference + step
    if value <= limit + TOLERANCE:
        return []
    return [Violation(
        family="heaviest_load_steps", week=week, subject=task, limit=limit, value=value,
        message=f"week {week}: {label} handles {num(value)} kg, more than the heaviest load so far "
                f"({num(reference)} kg) plus the {limit_num(step)} kg weekly step")]


def check_acwr(ctx: CheckContext) -> list[Violation]:
    ratio = ctx.policy.acwr_max
    if ratio is None:
        return []
    found: list[Violation] = []
    for week in ctx.week_numbers:
        for dim in ctx.applied.dimensions:
            chronic = sum(ctx.exposure(dim, week - k) for k in range(1, 5)) / 4
            allowance = ctx.applied.increments[dim].allowance
            limit = ratio * chronic + allowance
            value = ctx.exposure(dim, week)
            if value > limit + TOLERANCE:
                found.append(Violation(
                    family="acwr", week=week, subject=dim, limit=limit, value=value,
                    message=f"week {week}: {ctx.amount(dim, value)} exceeds the acute:chronic "
                            f"limit {limit_num(limit)} ({limit_num(ratio)} x the 4-week average "
                            f"{num(chronic)}, plus {limit_num(allowance)})"))
    return found


def check_lifting_index_limit(ctx: CheckContext) -> list[Violation]:
    limit = ctx.policy.max_lifting_index
    if limit is None:
        return []
    found: list[Violation] = []
    for week in ctx.week_numbers:
        totals = ctx.week_totals(week)
        for task_id, minutes in totals.task_minutes.items():
            task = ctx.task(task_id)
            index = task.lifting_index() if task else None
            if task and minutes > 0 and index is not None and index > limit + TOLERANCE:
                found.append(Violation(
                    family="lifting_index_limit", week=week, date=totals.first_date[task_id],
                    subject=task_id, limit=limit, value=index,
                    message=f"week {week}: {task.name} (NIOSH lifting index {num(index)}) is "
                            f"scheduled; no task above lifting index {limit_num(limit)} may be"))
    return found
