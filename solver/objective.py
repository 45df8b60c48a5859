"""The objective, as lexicographic stages: each stage keeps what the earlier ones won.

1. earliest full duty: fewest weeks before full duty is reached and sustained (proven
   optimal on every bundled example);
2. a weighted preference among the plans that reach full duty that early, with the
   weights below: job-specific exposure (time on the pre-injury job's own tasks) first,
   then graded hours (working time within every limit: the worker's income and routine),
   then fewer task switches (fewest task-days, so days are not cut into fragments).
   This stage rarely proves optimal in its time budget; its gap is reported.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ortools.sat.python import cp_model

from solver.variables import PlanVariables


@dataclass(frozen=True)
class Stage:
    name: str
    sense: Literal["minimize", "maximize"]
    expression: Callable[[PlanVariables], cp_model.LinearExpr]


def weeks_before_full_duty(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([1 - v.full_duty[w] for w in v.weeks])


def job_specific_slots(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum(
        [v.slots[t.id, d.index] for t in v.scenario.tasks if t.job_specific for d in v.days])


def worked_slots(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([v.day_slots(d) for d in v.days])


def task_days(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([v.does[t.id, d.index] for t in v.scenario.tasks for d in v.days])


JOB_SPECIFIC_WEIGHT = 20
"""Per slot on a job-specific task: five times a slot of any work."""
WORKED_WEIGHT = 4
"""Per slot of work: a quarter-hour of work outweighs one more task in a day."""
SWITCH_WEIGHT = 1
"""Per task-day."""


def preferences(v: PlanVariables) -> cp_model.LinearExpr:
    return (JOB_SPECIFIC_WEIGHT * job_specific_slots(v) + WORKED_WEIGHT * worked_slots(v)
            - SWITCH_WEIGHT * task_days(v))


STAGES: list[Stage] = [
    Stage("earliest full duty", "minimize", weeks_before_full_duty),
    Stage("job, hours, fewer switches", "maximize", preferences),
]
