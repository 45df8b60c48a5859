"""The plan's own words for what the calendar does to a week: why a day is short, why a week holds less.

A written plan explains itself: "Wednesday 6.75 h (appointment 13:00-14:00)", "week 12:
fewer hours, Good Friday". These notes are derived from the scenario's calendar and the
week's numbers; the checker (solver.checker.shape_checks) holds the plan to them. They go
into plan.json, which employers read, so an appointment is named by its time only: its
kind (physiotherapy, a surgeon's review) would tell them about the injury.
"""

from models.calendar import PlanDay
from models.plan import DayPlan, WeekPlan
from models.restriction_words import restriction_label
from models.restrictions import tightened, week_limits
from models.scenario import Scenario
from models.shifts import local_instant, utc
from solver.day_kinds import most_days_a_week, workable_slots


def shortened_by(scenario: Scenario, day: PlanDay, plan_day: DayPlan, day_length_minutes: int) -> str:
    """Why a worked day holds less than its week's day length ('' when it does not)."""
    if not plan_day.blocks or plan_day.worked_minutes >= day_length_minutes or day.shift is None:
        return ""
    zone = scenario.worker.zone
    span = day.shift.span
    cutting = [a for a in scenario.availability.appointments
               if utc(local_instant(a.date, a.start, zone)) < utc(span.end)
               and utc(local_instant(a.date, a.end, zone)) > utc(span.start)]  # instants, not wall clocks
    if cutting:
        return "; ".join(f"appointment {a.start:%H:%M}-{a.end:%H:%M}" for a in cutting)
    return f"a shorter shift ({day.shift.template.name})"


def fall_reasons(scenario: Scenario, days: list[PlanDay], week: WeekPlan, before: WeekPlan | None) -> list[str]:
    """Why a week before full duty holds fewer hours, days or a shorter day than the week before."""
    if before is None or week.full_duty:
        return []
    hours, previous = week.exposure["work_hours"], before.exposure["work_hours"]
    if (hours >= previous - 1e-9 and week.days_worked >= before.days_worked
            and week.day_length_minutes >= before.day_length_minutes):
        return []
    reasons = []
    if week.deload:
        reasons.append("deload week")
    this_week = days[7 * (week.number - 1): 7 * week.number]
    last_week = days[7 * (week.number - 2): 7 * (week.number - 1)]
    for day in this_week:
        for closure in scenario.availability.blackouts:
            if closure.date == day.date:
                reasons.append(f"site closed {day.date:%a %d %b}" + (f" ({closure.reason})" if closure.reason else ""))
    for plan_day in week.days:
        if plan_day.shortened_by:
            reasons.append(f"{plan_day.date:%a %d %b}: {plan_day.shortened_by}")
    shifts_now = sum(1 for d in this_week if workable_slots(scenario, d))
    shifts_then = sum(1 for d in last_week if workable_slots(scenario, d))
    if shifts_now < shifts_then:
        reasons.append(f"fewer shifts with duties offered ({shifts_now} instead of {shifts_then})")
    phases = {phase.name: phase for phase in scenario.policy.phases}
    rostered = [d for d in this_week if workable_slots(scenario, d)]
    if (week.phase != before.phase and most_days_a_week(scenario.policy, phases[week.phase], rostered)
            < most_days_a_week(scenario.policy, phases[before.phase], rostered)):
        reasons.append(f"phase {week.phase} allows fewer days a week")
    reasons += restriction_reasons(scenario, week.number - 1)
    resumption = scenario.resumption
    if resumption is not None and resumption.eases(week.number - 1):
        reasons.append(resumption.fall_reason())
    return reasons or ["less workable time than the week before"]


def restriction_reasons(scenario: Scenario, week: int) -> list[str]:
    """'restriction 2 (certificate of capacity, 2027-02-12, until 2027-03-12) starts' for each restriction
    that starts in 0-based week `week` where the certificate tightens (the steady climb's exemption)."""
    limits = week_limits(scenario)
    if not tightened(limits, week):
        return []
    new = [index for index in limits[week].sources if index not in limits[week - 1].sources]
    return [f"{restriction_label(index, scenario.restrictions[index], scenario)} starts" for index in new]
