"""The facts a calendar is made of, taken from the plan, the tasks and the policy.

Nothing here reads the worker's clinical record or risk factors: these facts are all the
non-clinician wordings in `rtw_scheduler.calendar_text` ever receive. Times are aware, in
the worker's time zone.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from models.dimensions import WORK_HOURS
from models.ergonomics import StrengthLevel
from models.plan import DayPlan, Plan, WeeklyLimit, WeekPlan
from models.restrictions import WeekLimits, week_limits
from models.scenario import Scenario

UTC = dt.UTC


@dataclass(frozen=True)
class Amount:
    """An exposure on one dimension, with its limit when one applies."""

    name: str
    unit: str
    value: float
    limit: float | None = None


@dataclass(frozen=True)
class WeekFacts:
    """A plan week and the work restrictions in force during it."""

    number: int
    phase: str
    full_duty: bool
    deload: bool
    heaviest_load_kg: float
    heaviest_load_limit_kg: float | None
    max_strength_level: str | None
    """Highest DOT strength level allowed; None when every level is allowed."""
    max_lifting_index: float | None
    daily_hours_cap: float
    hours: Amount
    dimensions: tuple[Amount, ...]
    certificate: tuple[str, ...] = ()
    """The certificate's restrictions binding the week, in plain words (the plan's `WeekPlan.restrictions`)."""


@dataclass(frozen=True)
class BlockFacts:
    """One timed task block; `start` and `end` are aware, in the worker's time zone."""

    task_name: str
    start: dt.datetime
    end: dt.datetime
    minutes: int
    heaviest_load_kg: float
    strength_level: str
    warm_up: bool
    exposure: tuple[Amount, ...]


@dataclass(frozen=True)
class ShiftFacts:
    """A worked shift: the blocks of one plan day."""

    date: dt.date
    week: WeekFacts
    blocks: tuple[BlockFacts, ...]

    @property
    def worked_minutes(self) -> int:
        return sum(block.minutes for block in self.blocks)

    @property
    def tasks(self) -> list[str]:
        """Task names other than the warm-up, in order of first appearance."""
        return list(dict.fromkeys(b.task_name for b in self.blocks if not b.warm_up))

    @property
    def heaviest(self) -> BlockFacts | None:
        loaded = [b for b in self.blocks if b.heaviest_load_kg > 0]
        return max(loaded, key=lambda b: b.heaviest_load_kg) if loaded else None


@dataclass(frozen=True)
class ReviewFacts:
    """A review due on `date`, looking back over `weeks`."""

    date: dt.date
    weeks: tuple[WeekFacts, ...]
    phase: str | None
    """The phase ending on this date (reviews at the end of each phase), else None."""
    plan_end: bool


@dataclass(frozen=True)
class CapacityReviewFacts:
    """A review by the treating practitioner (the plan's `reviews`); `by` may hint at the condition."""

    date: dt.date
    by: str


@dataclass(frozen=True)
class AppointmentFacts:
    """A fixed appointment; `index` is its place in scenario.availability.appointments."""

    index: int
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class RestDayFacts:
    date: dt.date
    site_closed: str | None
    """The blackout's reason when the site is closed ('' when none is given), else None."""


def plan_week_facts(scenario: Scenario, plan: Plan) -> dict[int, WeekFacts]:
    """Every planned week's facts by its 1-based number, each with the certificate's limits that week."""
    certificate = week_limits(scenario, len(plan.weeks))
    return {week.number: week_facts(scenario, week, certificate[week.number - 1]) for week in plan.weeks}


def week_facts(scenario: Scenario, week: WeekPlan, certificate: WeekLimits | None = None) -> WeekFacts:
    """What the calendars say of a week; its limits are the tighter of the policy's and the
    certificate's (`certificate`: the week's, models.restrictions.week_limits), so a supervisor
    never reads an allowance the certificate takes away."""
    policy = scenario.policy
    certificate = certificate or WeekLimits()
    phase = next(p for p in policy.phases if p.name == week.phase)
    indices = [i for i in (phase.max_lifting_index, policy.max_lifting_index) if i is not None]
    level = phase.max_strength_level
    return WeekFacts(
        number=week.number,
        phase=week.phase,
        full_duty=week.full_duty,
        deload=week.deload,
        heaviest_load_kg=week.heaviest_load_kg,
        heaviest_load_limit_kg=week.heaviest_load_limit_kg,
        max_strength_level=None if level == StrengthLevel.very_heavy else str(level.value),
        max_lifting_index=min(indices) if indices else None,
        daily_hours_cap=min(phase.daily_hours_cap, certificate.max_hours_per_day or phase.daily_hours_cap),
        hours=Amount("Working time", "h", week.exposure.get(WORK_HOURS, 0.0),
                     _tighter(_limit(week.limits.get(WORK_HOURS)), _certificate_hours(certificate))),
        dimensions=tuple(Amount(d.name, d.unit, week.exposure.get(d.id, 0.0),
                                0.0 if d.id in certificate.banned_dimensions else _limit(week.limits.get(d.id)))
                         for d in scenario.dimensions),
        certificate=tuple(week.restrictions),
    )


def _certificate_hours(certificate: WeekLimits) -> float | None:
    """The most hours a week the certificate allows: its hours a day times its days a week."""
    if certificate.max_hours_per_day is None or certificate.max_days_per_week is None:
        return None
    return certificate.max_hours_per_day * certificate.max_days_per_week


def _tighter(limit: float | None, other: float | None) -> float | None:
    return other if limit is None else limit if other is None else min(limit, other)


def _limit(limit: WeeklyLimit | None) -> float | None:
    """The binding weekly limit: the tighter of the increment limit and the ceiling."""
    if limit is None:
        return None
    present = [v for v in (limit.increment_limit, limit.ceiling) if v is not None]
    return min(present) if present else None


def shift_facts(scenario: Scenario, day: DayPlan, week: WeekFacts, zone: ZoneInfo) -> ShiftFacts:
    blocks = []
    for block in sorted(day.blocks, key=lambda b: b.start.astimezone(UTC)):
        task = scenario.task(block.task_id)
        exposure = tuple(Amount(d.name, d.unit, round(block.minutes / 60 * task.rate(d.id), 2))
                         for d in scenario.dimensions if task.rate(d.id))
        blocks.append(BlockFacts(
            task_name=block.task_name,
            start=block.start.astimezone(zone),
            end=block.end.astimezone(zone),
            minutes=block.minutes,
            heaviest_load_kg=task.heaviest_load_kg,
            strength_level=str(task.effective_strength_level().value),
            warm_up=block.warm_up or task.warm_up,
            exposure=exposure,
        ))
    return ShiftFacts(day.date, week, tuple(blocks))


def site_closed(scenario: Scenario, day: DayPlan) -> str | None:
    if not day.blackout:
        return None
    return next((b.reason for b in scenario.availability.blackouts if b.date == day.date), "")


def reviews(plan: Plan, weeks: dict[int, WeekFacts], every: int | None) -> list[ReviewFacts]:
    """At the end of each phase, or every `every` weeks: due on the range's last worked day."""
    ranges: list[list[WeekPlan]] = []
    for index, week in enumerate(plan.weeks):
        if every is None:
            if ranges and ranges[-1][-1].phase == week.phase:
                ranges[-1].append(week)
            else:
                ranges.append([week])
        elif index % every == 0:
            ranges.append([week])
        else:
            ranges[-1].append(week)
    if every is not None:
        ranges = [r for r in ranges if len(r) == every]
    found = []
    for group in ranges:
        last = group[-1]
        worked = [d.date for d in last.days if d.blocks]
        date = worked[-1] if worked else last.start_date + dt.timedelta(days=6)
        found.append(ReviewFacts(
            date=date,
            weeks=tuple(weeks[w.number] for w in group),
            phase=last.phase if every is None else None,
            plan_end=every is None and last is plan.weeks[-1],
        ))
    return found


def capacity_reviews(plan: Plan) -> list[CapacityReviewFacts]:
    """The treating practitioner's reviews the plan carries, in date order."""
    return [CapacityReviewFacts(review.date, review.by) for review in sorted(plan.reviews, key=lambda r: r.date)]
