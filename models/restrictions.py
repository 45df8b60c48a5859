"""Restrictions and review dates as the treating practitioner writes them on a certificate of capacity.

"4 h a day, 3 days a week, nothing over 5 kg, no overhead work, no ladders, review on
12 February": each restriction holds for a period (dates, plan weeks, or until the next
review) and is a hard limit the planner never exceeds, on top of the policy's phases.

A restriction binds every plan week that holds at least one of its days: the plan never goes
past a certificate on any day, so a certificate ending on a Wednesday keeps its limits to the
end of that week (the planner plans whole weeks; see docs/scenario-format.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from pydantic import Field, model_validator

from models.base import DomainModel, Flag, Number, ScenarioDate, WholeNumber
from models.dimensions import DimensionId
from models.tasks import Task

if TYPE_CHECKING:
    from models.scenario import Scenario

_N = TypeVar("_N", int, float)

PlanWeek = WholeNumber
"""A plan week as users count them: week 1 starts on worker.plan_start_date."""


class Review(DomainModel):
    """A date on which the treating practitioner reviews capacity (a new certificate may follow)."""

    date: ScenarioDate = Field(description="Date of the review.")
    by: str = Field(default="", max_length=200, description="Who reviews, e.g. 'GP, Dr Lee'.")


class Restriction(DomainModel):
    """One certificate's limits for one period; every limit left out is not restricted."""

    source: str = Field(default="", max_length=200,
                        description="Where it comes from, e.g. 'certificate of capacity, 2027-01-04'. "
                        "Shown to the supervisor: write no diagnosis here.")
    from_date: ScenarioDate | None = Field(default=None,
                                           description="First day it holds (date); null = plan start.")
    from_week: PlanWeek | None = Field(default=None, ge=1, le=104,
                                       description="First plan week it holds (1 = the first week).")
    until_date: ScenarioDate | None = Field(default=None, description="Last day it holds (date).")
    until_week: PlanWeek | None = Field(default=None, ge=1, le=104, description="Last plan week it holds.")
    until_review: Flag = Field(default=False, description="Holds until the first review after it starts "
                               "(scenario `reviews`), the review day included.")
    max_hours_per_day: Number | None = Field(default=None, gt=0, le=16, description="Most working hours a day.")
    max_days_per_week: WholeNumber | None = Field(default=None, ge=0, le=7, description="Most days worked a week.")
    min_rest_days_between_worked_days: WholeNumber | None = Field(
        default=None, ge=0, le=6, description="Rest days at least between two worked days.")
    max_load_kg: Number | None = Field(default=None, ge=0, le=200,
                                       description="Heaviest load lifted or carried, in kg.")
    banned_dimensions: list[DimensionId] = Field(
        default_factory=list, description="No task with any exposure on these, e.g. overhead, kneeling.")
    banned_tasks: list[str] = Field(default_factory=list, description="Task ids not allowed at all.")

    @model_validator(mode="after")
    def _one_start_one_end(self) -> Restriction:
        if self.from_date is not None and self.from_week is not None:
            raise ValueError("give `from_date` or `from_week`, not both")
        ends = [self.until_date is not None, self.until_week is not None, self.until_review]
        if sum(ends) > 1:
            raise ValueError("give one of `until_date`, `until_week` or `until_review: true`")
        if self.from_date and self.until_date and self.until_date < self.from_date:
            raise ValueError("`until_date` is before `from_date`")
        if self.from_week and self.until_week and self.until_week < self.from_week:
            raise ValueError("`until_week` is before `from_week`")
        return self

    def first_day(self, plan_start: dt.date) -> dt.date:
        """The first day the restriction holds."""
        if self.from_date is not None:
            return self.from_date
        return plan_start + dt.timedelta(weeks=(self.from_week or 1) - 1)

    def last_day(self, plan_start: dt.date, reviews: list[Review]) -> dt.date | None:
        """The last day it holds (None: open-ended), the review day included for `until_review`."""
        if self.until_date is not None:
            return self.until_date
        if self.until_week is not None:
            return plan_start + dt.timedelta(weeks=self.until_week, days=-1)
        if self.until_review:
            start = self.first_day(plan_start)
            return min((r.date for r in reviews if r.date >= start), default=None)
        return None

    def plan_weeks(self, plan_start: dt.date, reviews: list[Review], horizon_weeks: int) -> range:
        """0-based plan weeks holding at least one of its days (the weeks it binds)."""
        first = max(0, (self.first_day(plan_start) - plan_start).days // 7)
        last_day = self.last_day(plan_start, reviews)
        last = horizon_weeks - 1 if last_day is None else min(horizon_weeks - 1, (last_day - plan_start).days // 7)
        return range(first, last + 1) if last_day is None or last_day >= plan_start else range(0)

    def excludes(self, task: Task) -> str | None:
        """The field that keeps a task out (`banned_tasks`, `banned_dimensions`, `max_load_kg`, in
        that order), None if the task is allowed.

        The warm-up is a task like any other here: a certificate's "no kneeling" holds from the
        first minute of the day, so a warm-up with kneeling in it is banned too (and with it
        every worked day of the period: give the warm-up no exposure on a banned dimension)."""
        if task.id in self.banned_tasks:
            return "banned_tasks"
        if any(task.rate(dim) > 0 for dim in self.banned_dimensions):
            return "banned_dimensions"
        if self.max_load_kg is not None and task.heaviest_load_kg > self.max_load_kg + 1e-9:
            return "max_load_kg"
        return None


def binding(scenario: Scenario, horizon_weeks: int | None = None) -> list[tuple[int, Restriction, range]]:
    """Each restriction with its index and the 0-based plan weeks it binds (none left out), over
    `horizon_weeks` (the scenario's by default; a plan's own length for a view of that plan, which
    so never reads the risk factors that lengthen the horizon)."""
    start = scenario.worker.plan_start_date
    horizon = scenario.horizon_weeks if horizon_weeks is None else horizon_weeks
    return [(index, restriction, restriction.plan_weeks(start, scenario.reviews, horizon))
            for index, restriction in enumerate(scenario.restrictions)]


@dataclass(frozen=True)
class WeekLimits:
    """The tightest limits of every restriction binding one plan week (None: not restricted).

    What the planner's shape rules and the checker read to tell a week the certificate
    tightens from one the plan merely holds back (a fall in hours is allowed there)."""

    max_hours_per_day: float | None = None
    max_days_per_week: int | None = None
    rest_days_between: int = 0
    max_load_kg: float | None = None
    banned_dimensions: frozenset[str] = frozenset()
    excluded_tasks: frozenset[str] = frozenset()
    sources: tuple[int, ...] = ()
    """Indices of the restrictions binding the week."""

    def tighter_than(self, before: WeekLimits) -> bool:
        """Whether any limit is tighter than in the week before (a restriction starts or tightens)."""
        def lower(now: float | None, then: float | None) -> bool:
            return now is not None and (then is None or now < then)

        return (lower(self.max_hours_per_day, before.max_hours_per_day)
                or lower(self.max_days_per_week, before.max_days_per_week)
                or self.rest_days_between > before.rest_days_between
                or not self.excluded_tasks <= before.excluded_tasks)


def week_limits(scenario: Scenario, horizon_weeks: int | None = None) -> list[WeekLimits]:
    """Per 0-based plan week, the tightest limits of the restrictions binding it (over
    `horizon_weeks`, as `binding`)."""
    horizon = scenario.horizon_weeks if horizon_weeks is None else horizon_weeks
    limits = [WeekLimits() for _ in range(horizon)]
    for index, restriction, weeks in binding(scenario, horizon):
        excluded = frozenset(t.id for t in scenario.tasks if restriction.excludes(t))
        for week in weeks:
            now = limits[week]
            limits[week] = WeekLimits(
                max_hours_per_day=_least(now.max_hours_per_day, restriction.max_hours_per_day),
                max_days_per_week=_least(now.max_days_per_week, restriction.max_days_per_week),
                rest_days_between=max(now.rest_days_between, restriction.min_rest_days_between_worked_days or 0),
                max_load_kg=_least(now.max_load_kg, restriction.max_load_kg),
                banned_dimensions=now.banned_dimensions | frozenset(restriction.banned_dimensions),
                excluded_tasks=now.excluded_tasks | excluded, sources=(*now.sources, index))
    return limits


def tightened(limits: list[WeekLimits], week: int) -> bool:
    """Whether a restriction starts or tightens in 0-based week `week` (never in the first week)."""
    return 0 < week < len(limits) and limits[week].tighter_than(limits[week - 1])


def _least(a: _N | None, b: _N | None) -> _N | None:
    return b if a is None else a if b is None else min(a, b)
