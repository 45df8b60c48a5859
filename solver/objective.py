"""What the planner prefers, stage by stage (solver.stages).

1. Earliest full duty: fewest weeks before full duty is reached and sustained.
2. Then, week by week from the first, each week's preference (weights below), with the
   weeks before it fixed and the weeks after it kept reachable: time on the pre-injury
   job's own tasks first, then working time within every limit (the worker's income and
   routine), then no fall in the demands the job asks for, then fewer tasks in a day.
   Deciding a week at a time is what a graded plan is: each week as far along as the
   limits allow, given the weeks before it. Every one of these stages is solved to proven
   optimality on its own model.
"""

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy
from solver.scaling import ExposureScale
from solver.weeks import DetailedWeek, WeekVariables

JOB_SPECIFIC_WEIGHT = 20
"""Per slot on a job-specific task: five times a slot of any work."""
WORKED_WEIGHT = 4
"""Per slot of work."""
FALL_WEIGHT = 2
"""Per percentage point of the full-duty target by which a demand falls below the week before."""
SWITCH_WEIGHT = 1
"""Per task on a kind of day: a quarter-hour of work outweighs one more task in a day."""

EARLIEST_FULL_DUTY = "earliest full duty"


def week_stage(number: int) -> str:
    """The name of the stage that decides 0-based week `number`."""
    return f"week {number + 1}: job, hours, steady demands, fewer switches"


def week_preference(model: cp_model.CpModel, week: DetailedWeek, before: WeekVariables | None,
                    applied: AppliedPolicy, scale: ExposureScale) -> cp_model.LinearExpr:
    """A week's preference, to maximise."""
    tasks = week.scenario.tasks
    job = cp_model.LinearExpr.sum([week.task_slots(t) for t in tasks if t.job_specific])
    falls = _demand_falls(model, week, before, applied, scale)
    return (JOB_SPECIFIC_WEIGHT * job + WORKED_WEIGHT * week.hours() - FALL_WEIGHT * falls
            - SWITCH_WEIGHT * cp_model.LinearExpr.sum(week.all_does()))


def _demand_falls(model: cp_model.CpModel, week: DetailedWeek, before: WeekVariables | None,
                  applied: AppliedPolicy, scale: ExposureScale) -> cp_model.LinearExpr:
    """Percentage points of each target by which the week's demand falls below the week before."""
    if before is None:
        return cp_model.LinearExpr.sum([])
    falls = []
    for dim, target in applied.target.items():
        units = scale.at_least(target, dim)
        if units <= 0:
            continue
        # a week above its target (up to the no-duty-creep margin, or more without one) may fall
        # by more than the whole target: the domain must hold that fall, or the week has no plan
        most = max(100, -(-100 * before.exposure_bound(dim) // units))
        fall = model.new_int_var(0, most, f"fall_{dim}_w{week.number}")
        model.add(units * fall >= 100 * (before.exposure(dim) - week.exposure(dim)))
        falls.append(fall)
    return cp_model.LinearExpr.sum(falls)



def keep_previous(model: cp_model.CpModel, preference: cp_model.LinearExpr, solved: cp_model.CpSolver,
                  previous: list[tuple[cp_model.IntVar, int]]) -> bool:
    """Turns a week's model, solved to its optimum by `solved`, into a re-plan's second step: of the
    plans as good (the preference at least that optimum), the one keeping the most of the previous
    version's values (`previous`: the week's decision variables at them), starting from the plan
    found. False when that plan keeps them all already: nothing to do.

    Two steps, not one weighted objective: the week's own optimum is proven as fast as in a fresh
    plan, and a re-plan is never a worse plan for keeping more of the one before."""
    if all(solved.value(variable) == value for variable, value in previous):
        return False
    found = [(variable, solved.value(variable)) for variable in _variables(model)]
    model.add(preference >= round(solved.objective_value))
    kept = []
    for variable, value in previous:
        same = model.new_bool_var(f"kept_{variable.name}")
        model.add(variable == value).only_enforce_if(same)
        kept.append(same)
    model.maximize(cp_model.LinearExpr.sum(kept))
    model.clear_hints()
    for variable, value in found:
        model.add_hint(variable, value)
    return True


def _variables(model: cp_model.CpModel) -> list[cp_model.IntVar]:
    return [model.get_int_var_from_proto_index(index) for index in range(len(model.proto.variables))]
