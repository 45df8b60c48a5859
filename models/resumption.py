"""A re-plan's starting point: the weeks already worked, fixed as done, and what the reassessment after
the last of them decided for the week that follows.

After a week's reassessment (models.progress) the plan is re-solved from the next week on: the weeks
done stay exactly as they were worked (the supervisor and the worker arranged them; the record says
they happened), and the week after them holds at most what the pain-monitoring rule allows: this
week's load again (hold), the week before's (step back), or the last well-tolerated week's (after a
flare-up). `ceiling` carries those amounts, worked out by the application (rtw_scheduler.cases.replan)
from the plan and what the worker tolerated; the planner and the checker only enforce them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import Field

from models.base import DomainModel, Exposure, Flag, ScenarioDate, WholeNumber
from models.dimensions import DimensionId
from models.progress import STEP_MEANING, Step

if TYPE_CHECKING:
    from models.plan import WeekPlan
    from models.scenario import Scenario

TaskMinutes = dict[str, WholeNumber]
"""Minutes of each task on one worked day (the warm-up included)."""


class DoneWeek(DomainModel):
    """One week as it was worked."""

    phase: str = Field(description="The phase the week was in (a name in policy.phases).")
    full_duty: Flag = Field(default=False, description="Whether the week was at full duty.")
    day_length_minutes: WholeNumber = Field(default=0, ge=0, description="The week's regular day length.")
    days: dict[ScenarioDate, TaskMinutes] = Field(
        default_factory=dict, description="Each worked day: minutes per task (days not listed were not worked).")


def worked_week(week: WeekPlan) -> DoneWeek:
    """A plan's week as a week done: each worked day's minutes per task."""
    days: dict[dt.date, TaskMinutes] = {}
    for day in week.days:
        for block in day.blocks:
            minutes = days.setdefault(day.date, {})
            minutes[block.task_id] = minutes.get(block.task_id, 0) + block.minutes
    return DoneWeek(phase=week.phase, full_duty=week.full_duty, day_length_minutes=week.day_length_minutes,
                    days=days)


class Resumption(DomainModel):
    """The weeks done, from week 1, and the reassessment after the last of them."""

    done: list[DoneWeek] = Field(min_length=1, description="Weeks 1 to N as worked.")
    step: Step = Field(description="What the reassessment after week N decided for week N + 1.")
    resume_from_week: WholeNumber | None = Field(
        default=None, ge=0, description="The week whose load week N + 1 repeats (0: the baseline); null: none.")
    ceiling: dict[DimensionId, Exposure] = Field(
        default_factory=dict, description="Most weekly exposure of week N + 1 per dimension (work_hours in hours).")

    @property
    def weeks_done(self) -> int:
        return len(self.done)

    def eases(self, week: int) -> bool:
        """Whether 0-based `week` is the week after the weeks done and may hold less than the week before
        (the steady climb's exemption: the reassessment set it a ceiling)."""
        return bool(self.ceiling) and week == self.weeks_done

    def fall_reason(self) -> str:
        """Why week N + 1 may hold less than week N: 'step back to week 3 after week 4's reassessment'."""
        where = "" if self.resume_from_week is None else (
            f" ({'the baseline' if self.resume_from_week == 0 else f'week {self.resume_from_week}'})")
        return f"{STEP_MEANING[self.step]}{where} after week {self.weeks_done}'s reassessment"


def resumption_problems(scenario: Scenario) -> list[str]:
    """What a resumption refers to that the scenario must hold, each as 'path: reason'."""
    resumption = scenario.resumption
    if resumption is None:
        return []
    problems: list[str] = []
    if resumption.weeks_done >= scenario.horizon_weeks:
        problems.append(f"resumption.done: {resumption.weeks_done} weeks done leave no week of the "
                        f"{scenario.horizon_weeks}-week horizon to plan")
    phases = {phase.name for phase in scenario.policy.phases}
    tasks = {task.id for task in scenario.tasks}
    slot = scenario.policy.slot_minutes
    start = scenario.worker.plan_start_date
    for w, week in enumerate(resumption.done):
        path = f"resumption.done[{w}]"
        if week.phase not in phases:
            problems.append(f"{path}.phase: unknown phase {week.phase!r}")
        for date, minutes in week.days.items():
            if not start + dt.timedelta(weeks=w) <= date < start + dt.timedelta(weeks=w + 1):
                problems.append(f"{path}.days.{date}: not a day of plan week {w + 1}")
            for task_id, value in minutes.items():
                if task_id not in tasks:
                    problems.append(f"{path}.days.{date}.{task_id}: unknown task {task_id!r}")
                elif value <= 0 or value % slot:
                    problems.append(f"{path}.days.{date}.{task_id}: must be a positive multiple of {slot} minutes")
    for dim in resumption.ceiling:
        if dim not in scenario.dimension_ids:
            problems.append(f"resumption.ceiling.{dim}: unknown dimension {dim!r}")
    return problems
