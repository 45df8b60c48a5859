"""A scenario: one worker, the tasks, what the employer offers, and the clinician's policy."""

from typing import Literal

from pydantic import Field, model_validator

from models.availability import Availability
from models.base import DomainModel
from models.dimensions import WORK_HOURS, DemandDimension, default_dimensions
from models.policy import Policy
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
    warm_ups = [t.id for t in scenario.tasks if t.warm_up]
    if policy.warm_up_minutes and len(warm_ups) != 1:
        problems.append(
            "tasks: exactly one task must have warm_up: true when policy.warm_up_minutes > 0"
        )
    return problems
