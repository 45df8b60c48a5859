"""The plan's calendar: for every day of the horizon, the shift and the time free for work.

Planner, layout and checker all read the roster through this one interpretation of the
scenario, so that 'the worker is on shift 07:00-15:30 with a 30-minute break' means the
same thing everywhere.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from models.scenario import Scenario
from models.shifts import Interval, ShiftOccurrence, local_instant, real_minutes_between, shift_on, utc


@dataclass(frozen=True)
class PlanDay:
    """One calendar day of the horizon; `shift` is None on days off and blackout dates."""

    index: int
    date: date
    week: int
    shift: ShiftOccurrence | None
    blackout: bool
    free: tuple[Interval, ...]

    @property
    def free_minutes(self) -> int:
        return sum(interval.minutes for interval in self.free)

    def capacity_minutes(self, slot_minutes: int, cap_minutes: int) -> int:
        """Workable minutes: free time in whole slots, at most `cap_minutes`."""
        return min(self.free_minutes // slot_minutes * slot_minutes, cap_minutes)


def whole_slot_minutes(hours: float, slot_minutes: int) -> int:
    """A daily hours cap as the minutes a day may hold: whole slots, rounded down.

    Planner and checker read every daily cap through this one rule, so with 30-minute slots a
    7.75 h cap holds 7.5 h in both (1e-6 absorbs float error: 4.1 h is 246 minutes, not 245)."""
    return math.floor(hours * 60 + 1e-6) // slot_minutes * slot_minutes


def plan_days(scenario: Scenario) -> list[PlanDay]:
    """Every day from the plan start over the horizon, with its free working intervals."""
    worker = scenario.worker
    start = worker.plan_start_date
    days: list[PlanDay] = []
    for index in range(scenario.horizon_weeks * 7):
        day = start + timedelta(days=index)
        blackout = scenario.availability.is_blackout(day)
        shift = None if blackout else shift_on(worker.shift_pattern, day, worker.zone)
        free = _free_intervals(scenario, shift) if shift else ()
        days.append(PlanDay(index, day, index // 7, shift, blackout, free))
    return days


def _free_intervals(scenario: Scenario, shift: ShiftOccurrence) -> tuple[Interval, ...]:
    """The shift span minus its breaks and minus any appointment that overlaps it."""
    zone = scenario.worker.zone
    blocked = list(shift.breaks)
    for appointment in scenario.availability.appointments:
        if shift.date <= appointment.date <= shift.date + timedelta(days=1):
            blocked.append(
                Interval(
                    start=local_instant(appointment.date, appointment.start, zone),
                    end=local_instant(appointment.date, appointment.end, zone),
                )
            )
    return tuple(_subtract(shift.span, blocked))


def _subtract(span: Interval, blocked: list[Interval]) -> list[Interval]:
    """The span minus the blocked intervals, cut as instants in UTC.

    Compared in the local zone, a break from 01:45 BST to 01:15 GMT on the night the clocks go
    back would end 'before' it starts; the pieces are read back in the shift's zone, so a piece
    starting in the repeated hour carries the right UTC offset (and a wall time that does not
    exist on the night the clocks go forward is read as the instant it stands for)."""
    zone = span.start.tzinfo
    pieces = [(utc(span.start), utc(span.end))]
    for cut_start, cut_end in sorted((utc(i.start), utc(i.end)) for i in blocked):
        next_pieces: list[tuple[datetime, datetime]] = []
        for start, end in pieces:
            if cut_end <= start or cut_start >= end:
                next_pieces.append((start, end))
                continue
            if cut_start > start:
                next_pieces.append((start, cut_start))
            if cut_end < end:
                next_pieces.append((cut_end, end))
        pieces = next_pieces
    return [Interval(start=start.astimezone(zone), end=end.astimezone(zone))
            for start, end in pieces if real_minutes_between(start, end) > 0]


def week_start(scenario: Scenario, week: int) -> date:
    """First date of 0-based plan week `week`."""
    return scenario.worker.plan_start_date + timedelta(days=7 * week)


def week_of(scenario: Scenario, instant: datetime | date) -> int:
    """0-based plan week holding a date."""
    day = instant.date() if isinstance(instant, datetime) else instant
    return (day - scenario.worker.plan_start_date).days // 7
