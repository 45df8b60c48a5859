"""The objective, lexicographic in two stages.

1. Earliest full duty: fewest weeks before full duty is reached and sustained. Proven
   by trying 0, 1, 2... weeks from a lower bound (solver.solve); every count below the
   answer is refuted.
2. Among plans reaching full duty that early, a weighted preference (weights below):
   time on the pre-injury job's own tasks first, then working time within every limit
   (the worker's income and routine), then smooth progression (a fall in weekly hours is
   penalised: plans should climb, not zig-zag), then fewer task-days (days are not cut
   into fragments). This stage is limited by its time budget; its gap is reported.
"""

from ortools.sat.python import cp_model

from solver.variables import PlanVariables

JOB_SPECIFIC_WEIGHT = 20
"""Per slot on a job-specific task: five times a slot of any work."""
WORKED_WEIGHT = 4
"""Per slot of work."""
DROP_WEIGHT = 6
"""Per slot by which a week's hours fall below the week before."""
SWITCH_WEIGHT = 1
"""Per task-day: a quarter-hour of work outweighs one more task in a day."""

EARLIEST_FULL_DUTY = "earliest full duty"
PREFERENCES = "job, hours, smoothness, fewer switches"


def weeks_before_full_duty(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([1 - v.full_duty[w] for w in v.weeks])


def job_specific_slots(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum(
        [v.slots[t.id, d.index] for t in v.scenario.tasks if t.job_specific for d in v.days])


def worked_slots(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([v.day_slots(d) for d in v.days])


def task_days(v: PlanVariables) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum([v.does[t.id, d.index] for t in v.scenario.tasks for d in v.days])


def hour_drops(model: cp_model.CpModel, v: PlanVariables) -> cp_model.LinearExpr:
    """Slots by which each week's work falls below the week before (0 when it rises)."""
    drops = []
    for week in list(v.weeks)[1:]:
        drop = model.new_int_var(0, 7 * max(v.capacity.values(), default=0), f"drop_w{week}")
        model.add(drop >= v.week_slots(week - 1) - v.week_slots(week))
        drops.append(drop)
    return cp_model.LinearExpr.sum(drops)


def preferences(model: cp_model.CpModel, v: PlanVariables) -> cp_model.LinearExpr:
    """Stage 2's objective, to maximise."""
    return (JOB_SPECIFIC_WEIGHT * job_specific_slots(v) + WORKED_WEIGHT * worked_slots(v)
            - DROP_WEIGHT * hour_drops(model, v) - SWITCH_WEIGHT * task_days(v))
