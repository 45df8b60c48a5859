"""A scenario: one worker, the tasks, what the employer offers, and the clinician's policy."""

import math
from math import prod
from typing import Literal

from pydantic import Field, model_validator

from models.availability import Availability
from models.base import DomainModel
from models.dimensions import WORK_HOURS, DemandDimension, default_dimensions
from models.policy import MAX_HORIZON_WEEKS, Policy
from models.restrictions import Restriction, Review
from models.resumption import Resumption, resumption_problems
from models.tasks import Task
from models.worker import Worker


class Scenario(DomainModel):
    """Everything the planner needs; loaded from YAML or JSON and validated as a whole."""

    schema_version: Literal[1] = 1
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,60}$", description="Scenario identifier.")
    title: str = Field(default="", description="One line saying what this scenario is.")
    dimensions: list[DemandDimension] = Field(default_factory=default_dimensions)
    worker: Worker
    tasks: list[Task] = Field(min_length=1)
    availability: Availability = Field(default_factory=Availability)
    policy: Policy
    reviews: list[Review] = Field(default_factory=list, description="Review dates of the treating practitioner.")
    restrictions: list[Restriction] = Field(
        default_factory=list, description="The certificate of capacity's limits, each for a period (hard limits).")
    resumption: Resumption | None = Field(
        default=None, description="A re-plan's weeks done and the reassessment after them (rtw case replan).")

    @model_validator(mode="after")
    def _references_resolve(self) -> "Scenario":
        problems = reference_problems(self)
        if problems:
            raise ValueError("\n".join(problems))
        return self

    @property
    def dimension_ids(self) -> list[str]:
        """Work hours first, then the declared dimensions in their order."""
        return [WORK_HOURS, *(d.id for d in self.dimensions)]

    @property
    def risk_multiplier(self) -> float:
        """How much the worker's risk factors slow progression: the product of their adjustments
        (1 = not at all). Each factor is an independent slowing, so they compound."""
        return prod(self.policy.risk_factor_adjustments[f] for f in self.worker.risk_factors)

    @property
    def horizon_weeks(self) -> int:
        """Weeks planned: the policy's horizon, lengthened by the same factor the risk factors slow
        progression (at most MAX_HORIZON_WEEKS), so a slower climb still fits in the plan."""
        return min(MAX_HORIZON_WEEKS, math.ceil(self.policy.horizon_weeks / self.risk_multiplier - 1e-9))

    def horizon_in_words(self) -> str:
        """'12 weeks', or '14 weeks (a 12-week horizon lengthened for the worker's risk factors)'."""
        if self.horizon_weeks == self.policy.horizon_weeks:
            return f"{self.horizon_weeks} weeks"
        return (f"{self.horizon_weeks} weeks (a {self.policy.horizon_weeks}-week horizon lengthened for the "
                "worker's risk factors)")

    def task(self, task_id: str) -> Task:
        return next(t for t in self.tasks if t.id == task_id)


def reference_problems(scenario: Scenario) -> list[str]:
    """Cross-references pydantic cannot see field by field, each as 'path: reason'."""
    problems: list[str] = []
    dims = set(scenario.dimension_ids)
    declared = [d.id for d in scenario.dimensions]
    if len(set(declared)) != len(declared) or WORK_HOURS in declared:
        problems.append("dimensions: ids must be unique and must not redeclare work_hours")
    task_ids: set[str] = set()
    for index, task in enumerate(scenario.tasks):
        if task.id in task_ids:
            problems.append(f"tasks[{index}].id: duplicate task id {task.id!r}")
        task_ids.add(task.id)

    def unknown_keys(path: str, keys: object, allow_hours: bool = True) -> None:
        allowed = dims if allow_hours else dims - {WORK_HOURS}
        for key in keys:  # type: ignore[attr-defined]
            if key not in allowed:
                problems.append(f"{path}.{key}: unknown dimension {key!r}")

    for index, task in enumerate(scenario.tasks):
        unknown_keys(f"tasks[{index}].exposure_per_hour", task.exposure_per_hour, False)
        slot = scenario.policy.slot_minutes
        for field in ("min_block_minutes", "max_block_minutes", "max_minutes_per_day"):
            value = getattr(task, field)
            if value is not None and value % slot:
                problems.append(f"tasks[{index}].{field}: must be a multiple of {slot} minutes")
    for index, offer in enumerate(scenario.availability.offers):
        if offer.task_id not in task_ids:
            problems.append(f"availability.offers[{index}].task_id: unknown task {offer.task_id!r}")
    policy = scenario.policy
    unknown_keys("worker.baseline.weekly_exposure", scenario.worker.baseline.weekly_exposure)
    unknown_keys("policy.increments", policy.increments)
    unknown_keys("policy.target.weekly_exposure", policy.target.weekly_exposure, False)
    unknown_keys("policy.recovery.heavy_day_threshold", policy.recovery.heavy_day_threshold)
    for index, phase in enumerate(policy.phases):
        unknown_keys(f"policy.phases[{index}].weekly_ceiling", phase.weekly_ceiling)
        unknown_keys(f"policy.phases[{index}].entry_criteria", phase.entry_criteria)
    for index, factor in enumerate(scenario.worker.risk_factors):
        if factor not in policy.risk_factor_adjustments:
            problems.append(
                f"worker.risk_factors[{index}]: {factor!r} has no entry in "
                "policy.risk_factor_adjustments (say explicitly how much it slows progression)"
            )
    for index, restriction in enumerate(scenario.restrictions):
        path = f"restrictions[{index}]"
        unknown_keys(f"{path}.banned_dimensions", restriction.banned_dimensions, False)
        for task_id in restriction.banned_tasks:
            if task_id not in task_ids:
                problems.append(f"{path}.banned_tasks: unknown task {task_id!r}")
        start = restriction.first_day(scenario.worker.plan_start_date)
        if restriction.until_review and not any(r.date >= start for r in scenario.reviews):
            problems.append(f"{path}.until_review: no review on or after {start} in `reviews`")
    warm_ups = [t.id for t in scenario.tasks if t.warm_up]
    if policy.warm_up_minutes and len(warm_ups) != 1:
        problems.append(
            "tasks: exactly one task must have warm_up: true when policy.warm_up_minutes > 0"
        )
    return problems + resumption_problems(scenario)
