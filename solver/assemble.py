"""Turns a solve outcome into the Plan: days laid out, weekly numbers and their limits.

The weekly figures here are what the plan *reports*; the checker recomputes them from the
blocks and flags any difference, so a mistake here cannot pass unnoticed.
"""

from datetime import timedelta

from models.applied import AppliedPolicy, apply_policy
from models.calendar import PlanDay, plan_days, whole_slot_minutes
from models.dimensions import WORK_HOURS
from models.plan import DayPlan, Plan, WeeklyLimit, WeekPlan
from models.restriction_words import restrictions_by_week
from models.restrictions import week_limits
from models.scenario import Scenario
from solver.layout import lay_out_day
from solver.solve import SolveOutcome
from solver.week_notes import fall_reasons, shortened_by


def assemble_plan(scenario: Scenario, outcome: SolveOutcome) -> Plan:
    """The Plan model for a solved (or infeasible) scenario."""
    applied, calendar = apply_policy(scenario), plan_days(scenario)
    plan = Plan(
        scenario_id=scenario.id,
        worker_id=scenario.worker.id,
        time_zone=scenario.worker.time_zone,
        slot_minutes=scenario.policy.slot_minutes,
        solve=outcome.summary,
        applied_policy=applied.provenance,
        reviews=[review.model_copy() for review in sorted(scenario.reviews, key=lambda review: review.date)],
    )
    if outcome.solution is None:
        return plan
    solution = outcome.solution
    day_plans = [lay_out_day(scenario, day, solution.day(day.index)) for day in calendar]
    history: list[dict[str, float]] = []
    heaviest_history: list[float] = []
    in_force = restrictions_by_week(scenario)
    certificate = week_limits(scenario)
    for week in range(scenario.horizon_weeks):
        days = day_plans[7 * week: 7 * week + 7]
        exposure = weekly_exposure(scenario, days)
        heaviest = max((scenario.task(b.task_id).heaviest_load_kg for d in days for b in d.blocks), default=0.0)
        plan.weeks.append(WeekPlan(
            number=week + 1,
            start_date=scenario.worker.plan_start_date + timedelta(days=7 * week),
            phase=scenario.policy.phases[solution.phase_of_week[week]].name,
            deload=_is_deload(scenario, week, solution.full_duty[week]),
            full_duty=solution.full_duty[week],
            exposure=exposure,
            limits=_limits(scenario, applied, calendar[7 * week: 7 * week + 7], history,
                           solution.phase_of_week[week]),
            heaviest_load_kg=heaviest,
            heaviest_load_limit_kg=_least(_heaviest_load_limit(scenario, applied, week, heaviest_history),
                                          certificate[week].max_load_kg),
            rest_days=sum(1 for d in days if not d.blocks),
            day_length_minutes=solution.weeks[week].day_length_slots * scenario.policy.slot_minutes,
            days_worked=sum(1 for d in days if d.blocks),
            restrictions=in_force[week],
            days=days,
        ))
        current = plan.weeks[-1]
        for calendar_day, plan_day in zip(calendar[7 * week: 7 * week + 7], days, strict=True):
            plan_day.shortened_by = shortened_by(scenario, calendar_day, plan_day, current.day_length_minutes)
        current.falls = fall_reasons(scenario, calendar, current, plan.weeks[-2] if week else None)
        history.append(exposure)
        heaviest_history.append(heaviest)
    first = next((w for w in plan.weeks if w.full_duty), None)
    if first is not None:
        plan.full_duty_week, plan.full_duty_date = first.number, first.start_date
    return plan


def weekly_exposure(scenario: Scenario, days: list[DayPlan]) -> dict[str, float]:
    """Exposure per dimension from the blocks: minutes / 60 x the task's hourly rate."""
    totals = dict.fromkeys(scenario.dimension_ids, 0.0)
    for day in days:
        for block in day.blocks:
            task = scenario.task(block.task_id)
            for dim in scenario.dimension_ids:
                rate = 1.0 if dim == WORK_HOURS else task.rate(dim)
                totals[dim] += block.minutes / 60 * rate
    return {dim: round(value, 6) for dim, value in totals.items()}


def _least(limit: float, other: float | None) -> float:
    return limit if other is None else min(limit, other)


def _heaviest_load_limit(scenario: Scenario, applied: AppliedPolicy, week: int, history: list[float]) -> float:
    """The week's heaviest-load limit: the protocol's rung, else one step above the best so far,
    never above what the calendar allows (risk factors hold each step longer)."""
    ceiling = applied.heaviest_load_ceiling_kg[week]
    if scenario.policy.heaviest_load_protocol:
        return ceiling
    step_limit = _reference(applied.baseline_heaviest_load_kg, history, scenario.policy.increment_lookback_weeks)
    return min(ceiling, step_limit + applied.heaviest_load_step_kg)


def _reference(baseline: float, history: list[float], lookback: int) -> float:
    earlier = history[-lookback:] if history else []
    padding = [baseline] * (lookback - len(earlier))
    return max([baseline, *earlier, *padding])


def _limits(scenario: Scenario, applied: AppliedPolicy, days: list[PlanDay],
            history: list[dict[str, float]], phase_index: int) -> dict[str, WeeklyLimit]:
    phase = scenario.policy.phases[phase_index]
    slot = scenario.policy.slot_minutes
    top_cap = whole_slot_minutes(scenario.policy.phases[-1].daily_hours_cap, slot)
    hours = sum(d.capacity_minutes(slot, top_cap) for d in days if d.shift) / 60
    limits: dict[str, WeeklyLimit] = {}
    for dim in scenario.dimension_ids:
        increment = applied.increments[dim]
        reference = _reference(applied.baseline[dim], [h[dim] for h in history],
                               scenario.policy.increment_lookback_weeks)
        target = applied.full_duty_target(dim, hours)
        limits[dim] = WeeklyLimit(
            increment_limit=round(reference * (1 + increment.percent / 100) + increment.allowance, 6),
            ceiling=_tighter(phase.weekly_ceiling.get(dim), scenario.policy.target.ceiling(applied.target[dim])),
            full_duty_target=round(target, 6) if target > 0 else None,
        )
    return limits


def _tighter(first: float | None, second: float | None) -> float | None:
    present = [value for value in (first, second) if value is not None]
    return min(present) if present else None


def _is_deload(scenario: Scenario, week: int, full_duty: bool) -> bool:
    deload = scenario.policy.recovery.deload
    return deload is not None and not full_duty and week > 0 and (week + 1) % deload.every_weeks == 0
