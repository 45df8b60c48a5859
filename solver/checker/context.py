"""What every family check reads: the scenario, the applied policy, the calendar, the plan
and the numbers recomputed from the plan's blocks."""

import datetime as dt
from dataclasses import dataclass

from models.applied import AppliedPolicy, apply_policy
from models.calendar import PlanDay, plan_days
from models.dimensions import WORK_HOURS
from models.plan import Plan, WeekPlan
from models.policy import Phase, Policy
from models.scenario import Scenario
from models.tasks import Task
from solver.checker.recompute import DayTotals, Recomputed, WeekTotals, recompute
from solver.checker.violation import num


@dataclass(frozen=True)
class CheckContext:
    """Read-only inputs of the checks; weeks are 1-based in every method."""

    scenario: Scenario
    plan: Plan
    applied: AppliedPolicy
    days: list[PlanDay]
    totals: Recomputed
    plan_weeks: dict[int, WeekPlan]
    phase_index: list[int | None]
    """Per 0-based week: index of the plan's phase in policy.phases (None: unknown, missing)."""

    @property
    def policy(self) -> Policy:
        return self.scenario.policy

    @property
    def horizon(self) -> int:
        return self.scenario.horizon_weeks

    @property
    def week_numbers(self) -> range:
        return range(1, self.horizon + 1)

    def plan_day(self, date: dt.date) -> PlanDay | None:
        index = (date - self.scenario.worker.plan_start_date).days
        return self.days[index] if 0 <= index < len(self.days) else None

    def day_totals(self) -> list[DayTotals]:
        """Every day of the horizon, in date order."""
        return [self.totals.days[day.date] for day in self.days]

    def week_totals(self, week: int) -> WeekTotals:
        return self.totals.weeks[week - 1]

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.scenario.tasks if t.id == task_id), None)

    def task_label(self, task_id: str) -> str:
        task = self.task(task_id)
        return task.name if task else task_id

    def exposure(self, dim: str, week: int) -> float:
        """E(d, w); weeks before week 1 are the baseline (week 0)."""
        if week < 1:
            return self.applied.baseline[dim]
        return self.totals.weeks[week - 1].exposure[dim]

    def heaviest(self, week: int) -> float:
        """H(w); weeks before week 1 are the baseline heaviest load."""
        if week < 1:
            return self.applied.baseline_heaviest_load_kg
        return self.totals.weeks[week - 1].heaviest_load_kg

    def phase(self, week: int) -> Phase | None:
        index = self.phase_index[week - 1]
        return None if index is None else self.policy.phases[index]

    def full_duty(self, week: int) -> bool:
        """The plan's own full-duty flag (a decision the checker validates, not recomputes)."""
        plan_week = self.plan_weeks.get(week)
        return bool(plan_week and plan_week.full_duty)

    def is_deload(self, week: int) -> bool:
        """Deload weeks: number a multiple of every_weeks, and not a full-duty week."""
        deload = self.policy.recovery.deload
        return deload is not None and week % deload.every_weeks == 0 and not self.full_duty(week)

    def dimension(self, dim: str) -> str:
        """A dimension as a clinician reads it, e.g. 'lifting' or 'working hours'."""
        if dim == WORK_HOURS:
            return "working hours"
        declared = next((d for d in self.scenario.dimensions if d.id == dim), None)
        if declared is None:
            return dim
        name = declared.name
        return name[0].lower() + name[1:] if name[1:2].islower() else name

    def unit(self, dim: str) -> str:
        if dim == WORK_HOURS:
            return "h"
        return next((d.unit for d in self.scenario.dimensions if d.id == dim), "")

    def amount(self, dim: str, value: float) -> str:
        """e.g. 'lifting 1650.0 kg x lifts'."""
        return f"{self.dimension(dim)} {num(value)} {self.unit(dim)}".rstrip()


def build_context(scenario: Scenario, plan: Plan) -> CheckContext:
    days = plan_days(scenario)
    plan_weeks: dict[int, WeekPlan] = {}
    for week in plan.weeks:
        plan_weeks.setdefault(week.number, week)
    names = [phase.name for phase in scenario.policy.phases]
    phase_index: list[int | None] = []
    for number in range(1, scenario.horizon_weeks + 1):
        listed = plan_weeks.get(number)
        phase_index.append(names.index(listed.phase)
                           if listed and listed.phase in names else None)
    return CheckContext(
        scenario=scenario,
        plan=plan,
        applied=apply_policy(scenario),
        days=days,
        totals=recompute(scenario, days, plan),
        plan_weeks=plan_weeks,
        phase_index=phase_index,
    )
