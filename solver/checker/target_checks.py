"""Full duty (reached, sustained, on time) and the numbers the plan reports about itself."""

import datetime as dt

from models.calendar import week_start
from models.shifts import Weekday
from solver.checker.context import CheckContext
from solver.checker.violation import TOLERANCE, Violation, num
from solver.checker.workable import capacity_minutes, days_of_week


def available_hours(ctx: CheckContext, week: int) -> float:
    """The week's free shift time, per day in whole slots and capped at the last phase's cap in
    whole slots (the planner's rule, models.calendar.whole_slot_minutes)."""
    return sum(capacity_minutes(ctx, day) for day in days_of_week(ctx, week)) / 60


def check_full_duty_target(ctx: CheckContext) -> list[Violation]:
    phases = ctx.policy.phases
    last = len(phases) - 1
    found: list[Violation] = []

    def add(week: int | None, text: str, subject: str | None = None,
            limit: float | None = None, value: float | None = None,
            date: dt.date | None = None) -> None:
        where = f"week {week}: " if week else ""
        found.append(Violation(family="full_duty_target", week=week, date=date, subject=subject,
                               limit=limit, value=value, message=where + text))

    flagged = [week for week in ctx.week_numbers if ctx.full_duty(week)]
    for week in flagged:
        hours = available_hours(ctx, week)
        for dim in ctx.applied.dimensions:
            need = ctx.applied.full_duty_target(dim, hours)
            have = ctx.exposure(dim, week)
            if have < need - TOLERANCE:
                add(week, f"full duty, but {ctx.amount(dim, have)} is below the full-duty "
                          f"target {num(need)} ({num(hours)} h of shift time available)",
                    subject=dim, limit=need, value=have)
        heaviest = ctx.applied.target_heaviest_load_kg
        if heaviest is not None and ctx.heaviest(week) < heaviest - TOLERANCE:
            add(week, f"full duty, but the heaviest load handled is {num(ctx.heaviest(week))} "
                      f"kg, below the job's {num(heaviest)} kg",
                subject="heaviest_load_kg", limit=heaviest, value=ctx.heaviest(week))
        index = ctx.phase_index[week - 1]
        if index is None:
            continue
        if index != last:
            add(week, f"full duty in phase {phases[index].name}, not in the last phase "
                      f"{phases[last].name}")
            continue
        lasted = 0
        while week - lasted >= 1 and ctx.phase_index[week - lasted - 1] == last:
            lasted += 1
        if lasted < phases[last].min_weeks:
            add(week, f"full duty after {lasted} week(s) of phase {phases[last].name}, "
                      f"which must last at least {phases[last].min_weeks}",
                limit=float(phases[last].min_weeks), value=float(lasted))

    first = flagged[0] if flagged else None
    dropped = [w for w in ctx.week_numbers if first is not None and w > first
               and not ctx.full_duty(w)]
    for week in dropped:
        add(week, f"full duty was reached in week {first} but is not held")
    if ctx.horizon not in flagged and ctx.horizon not in dropped:
        add(ctx.horizon, "the last week of the plan is not full duty")
    latest = ctx.policy.target.latest_date
    start = ctx.scenario.worker.plan_start_date
    if latest is not None and 0 <= (latest - start).days < 7 * ctx.horizon:
        week = (latest - start).days // 7 + 1
        if not ctx.full_duty(week) and week not in dropped and week != ctx.horizon:
            add(week, f"the week holding the latest full-duty date {latest} is not full duty",
                date=latest)
    if ctx.plan.full_duty_week != first:
        add(None, f"the plan names week {ctx.plan.full_duty_week} as its first full-duty week, "
                  f"but the first week flagged full duty is {first}",
            limit=None if first is None else float(first),
            value=None if ctx.plan.full_duty_week is None else float(ctx.plan.full_duty_week))
    return found


def check_reported_totals(ctx: CheckContext) -> list[Violation]:
    found: list[Violation] = []

    def add(text: str, week: int | None = None, date: dt.date | None = None,
            subject: str | None = None, limit: float | None = None,
            value: float | None = None) -> None:
        where = f"{date}: " if date else (f"week {week}: " if week else "")
        found.append(Violation(family="reported_totals", week=week, date=date, subject=subject,
                               limit=limit, value=value, message=where + text))

    plan, scenario = ctx.plan, ctx.scenario
    for name, said, real in (("scenario id", plan.scenario_id, scenario.id),
                             ("worker id", plan.worker_id, scenario.worker.id),
                             ("time zone", plan.time_zone, scenario.worker.time_zone),
                             ("slot length", plan.slot_minutes, scenario.policy.slot_minutes)):
        if said != real:
            add(f"the plan's {name} is {said!r}, the scenario's is {real!r}")
    if len(plan.weeks) != ctx.horizon:
        add(f"the plan has {len(plan.weeks)} weeks; the horizon is {ctx.horizon}",
            limit=float(ctx.horizon), value=float(len(plan.weeks)))
    dims = ctx.applied.dimensions
    for position, plan_week in enumerate(plan.weeks, start=1):
        week = plan_week.number
        if week != position or week > ctx.horizon:
            add(f"week number {week} at position {position} of the plan",
                week=position, limit=float(position), value=float(week))
            continue
        totals = ctx.week_totals(week)
        if plan_week.start_date != week_start(scenario, week - 1):
            add(f"starts on {plan_week.start_date}, not {week_start(scenario, week - 1)}",
                week=week)
        for dim in dims:
            said_value = plan_week.exposure.get(dim)
            real_value = totals.exposure[dim]
            if said_value is None or abs(said_value - real_value) > TOLERANCE:
                add(f"reports {dim} {said_value}; its blocks add up to {num(real_value)}",
                    week=week, subject=dim, limit=real_value, value=said_value)
        for dim in sorted(set(plan_week.exposure) - set(dims)):
            add(f"reports exposure on {dim!r}, which is not a dimension of the scenario",
                week=week, subject=dim, value=plan_week.exposure[dim])
        for subject, name, said_number, real_number in (
                ("heaviest_load_kg", "heaviest load (kg)", plan_week.heaviest_load_kg,
                 totals.heaviest_load_kg),
                ("rest_days", "rest days", plan_week.rest_days, totals.rest_days),
                ("deload", "deload flag", plan_week.deload, ctx.is_deload(week))):
            if abs(float(said_number) - float(real_number)) > TOLERANCE:
                add(f"reports {name} {said_number}; recomputed {real_number}", week=week,
                    subject=subject, limit=float(real_number), value=float(said_number))
        seen: set[dt.date] = set()
        for day in plan_week.days:
            calendar = ctx.plan_day(day.date)
            if calendar is None or calendar.week + 1 != week or day.date in seen:
                add("listed twice" if day.date in seen else f"listed under week {week}",
                    week=week, date=day.date)
            seen.add(day.date)
            if calendar is not None:
                shift = calendar.shift
                if day.weekday != Weekday.of(day.date) or day.blackout != calendar.blackout or (
                        not calendar.blackout and (day.shift_code, day.shift_kind)
                        != (shift and shift.code, shift and shift.kind)):
                    add(f"says {day.weekday.value}, shift {day.shift_code}, blackout "
                        f"{day.blackout}; the roster says {Weekday.of(day.date).value}, shift "
                        f"{shift and shift.code}, blackout {calendar.blackout}",
                        week=week, date=day.date)
            for block in day.blocks:
                task = ctx.task(block.task_id)
                if task and (block.task_name, block.warm_up) != (task.name, task.warm_up):
                    add(f"block {block.start:%H:%M} says task name {block.task_name!r}, "
                        f"warm-up {block.warm_up}; task {task.id} is {task.name!r}, warm-up "
                        f"{task.warm_up}", week=week, date=day.date, subject=task.id)
    return found
