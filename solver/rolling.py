"""Finds a plan with full duty from a given week, a few weeks at a time.

Once full duty is reached, every later week is a tight little packing problem of its
own (every shift worked, each dimension between the target and its ceiling). Solved all
at once over a long horizon, CP-SAT loses itself among them. So the plan is built in
chunks: first up to a little past the full-duty week, then `CHUNK_WEEKS` more at a time
with everything before fixed. If a chunk cannot be extended, the caller falls back to
the whole horizon at once; the earliest-full-duty proof never depends on this.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.scenario import Scenario
from solver.build import BuiltModel, build_model
from solver.objective import preferences, weeks_before_full_duty

LOOKAHEAD_WEEKS = 0
"""Weeks planned past the first full-duty week in the first chunk."""
CHUNK_WEEKS = 8
"""Weeks added per extension."""
EXTENSION_GAP = 0.01
"""An extension stops once within 1 % of its best possible score: past full duty the
weeks differ little, and polishing them costs far more time than it gains."""

SolverFactory = Callable[[], cp_model.CpSolver]


@dataclass
class Attempt:
    """The last model solved and its solver; `solved` is False when no plan was found."""

    built: BuiltModel
    solver: cp_model.CpSolver
    status: cp_model.CpSolverStatus
    chunks: int = 1
    first_gap: float | None = None
    """Relative gap of the first chunk (the ramp to full duty), where the choices lie."""

    @property
    def solved(self) -> bool:
        return self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def truncated(scenario: Scenario, weeks: int) -> Scenario:
    """The same scenario over its first `weeks` weeks."""
    policy = scenario.policy.model_copy(update={"horizon_weeks": weeks})
    return scenario.model_copy(update={"policy": policy})


def plan_in_chunks(scenario: Scenario, weeks_before: int, new_solver: SolverFactory,
                   callback: cp_model.CpSolverSolutionCallback | None = None) -> Attempt:
    """Plans with full duty after `weeks_before` weeks, chunk by chunk to the horizon."""
    horizon = scenario.policy.horizon_weeks
    end = min(horizon, weeks_before + 1 + LOOKAHEAD_WEEKS)
    previous: Attempt | None = None
    while True:
        built = build_model(truncated(scenario, end))
        model, v = built.model, built.vars
        model.add(weeks_before_full_duty(v) == weeks_before)
        if previous is not None:
            _fix_earlier_days(built, previous)
        model.maximize(preferences(model, v))
        solver = new_solver()
        if previous is not None:
            solver.parameters.relative_gap_limit = EXTENSION_GAP
        attempt = Attempt(built, solver, solver.solve(model, callback), chunks=1 + (previous.chunks if previous else 0))
        attempt.first_gap = previous.first_gap if previous else _gap(solver)
        if not attempt.solved or end == horizon:
            return attempt
        previous, end = attempt, min(horizon, end + CHUNK_WEEKS)


def solve_whole(built: BuiltModel, weeks_before: int, new_solver: SolverFactory,
                callback: cp_model.CpSolverSolutionCallback | None = None) -> Attempt:
    """The whole horizon at once: slower on long horizons, but complete."""
    model = built.model.clone()
    model.add(weeks_before_full_duty(built.vars) == weeks_before)
    model.maximize(preferences(model, built.vars))
    solver = new_solver()
    return Attempt(built, solver, solver.solve(model, callback))


def _fix_earlier_days(built: BuiltModel, previous: Attempt) -> None:
    """Keeps the days already planned exactly as they were."""
    value = previous.solver.value
    earlier = previous.built.vars
    for (task_id, day), var in earlier.slots.items():
        if isinstance(var, int):
            continue
        built.model.add(built.vars.slots[task_id, day] == value(var))
        runs = earlier.runs[task_id, day]
        if not isinstance(runs, int):
            built.model.add(built.vars.runs[task_id, day] == value(runs))


def _gap(solver: cp_model.CpSolver) -> float | None:
    if solver.objective_value == 0 and solver.best_objective_bound == 0:
        return 0.0
    return abs(solver.best_objective_bound - solver.objective_value) / max(1.0, abs(solver.objective_value))
