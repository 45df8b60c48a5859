"""The planner's entry point: solve in stages (solver.stages), then summarise; name the conflict
when there is no plan.

Determinism: the same scenario and parameters give the same plan. Each solve is limited
by CP-SAT's *deterministic* time (not wall time), the random seed is fixed, and one
search worker is the default. More workers (never more than the cores) race each other:
each stage's optimum stays proven, but a tie between equally good weeks may be broken
differently run to run. The run's wall-clock limit (solver.deadline) only matters when it
is reached, and the plan then says so.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ortools.sat.python import cp_model

from models.plan import SolveStatus, SolveSummary, StageResult
from models.scenario import Scenario
from solver.cpsat import cp_solver
from solver.deadline import Deadline
from solver.diagnose import find_conflict
from solver.solution import Solution, WeekSolution
from solver.stages import solve_in_stages


@dataclass(frozen=True)
class SolverParameters:
    """Knobs that change the plan or its cost; all are recorded in the plan."""

    num_workers: int = 1
    random_seed: int = 0
    deterministic_time_per_stage: float = 2.0


@dataclass(frozen=True)
class Progress:
    """A progress report: what is being tried, the score of the best plan so far (None when
    an attempt starts), and the elapsed time."""

    stage: str
    objective: float | None
    elapsed_s: float


ProgressHook = Callable[[Progress], None]

LINEARIZATION_LEVEL = 2
"""CP-SAT's linear relaxation also of the conditional constraints (a day's length when worked,
its shortest day, its blocks): it proves a week's optimum in a fraction of a second where the
default level does not within ten (benchmarks/RESULTS.md)."""


@dataclass
class SolveOutcome:
    summary: SolveSummary
    solution: Solution | None = None


def new_solver(params: SolverParameters, wall_time_s: float = math.inf) -> cp_model.CpSolver:
    """A CP-SAT solver with the plan's parameters, one stage's deterministic time budget, and at
    most `wall_time_s` of the run's wall clock."""
    solver = cp_solver(params.deterministic_time_per_stage, seed=params.random_seed,
                       workers=params.num_workers, wall_time_s=wall_time_s)
    solver.parameters.linearization_level = LINEARIZATION_LEVEL
    return solver


def solve_scenario(
    scenario: Scenario, params: SolverParameters | None = None, progress: ProgressHook | None = None,
    *, name_conflict: bool = True, deadline: Deadline | None = None, keep: list[WeekSolution] | None = None,
) -> SolveOutcome:
    """Plans the scenario; an infeasible scenario comes back with its conflict (unless
    `name_conflict` is False: searches that only need to know skip that work).

    Everything keeps to `deadline` (by default `DEFAULT_TIME_LIMIT_S` from now): the stages
    may use all of it, naming a conflict half of what is then left (the rest is for the
    suggestions that usually follow). `keep`: a re-plan's previous version, kept where it can be
    (solver.stages)."""
    params = params or SolverParameters()
    deadline = deadline or Deadline()
    started = time.perf_counter()

    def hook(stage: str, objective: float | None) -> None:
        if progress:
            progress(Progress(stage, objective, time.perf_counter() - started))

    staged = solve_in_stages(scenario, partial(new_solver, params), hook, deadline, keep=keep)
    stages = staged.stages
    summary = SolveSummary(
        status=_overall(stages),
        objective=stages[0].objective,
        best_bound=stages[0].best_bound,
        gap=_largest_gap(stages),
        wall_time_s=round(time.perf_counter() - started, 3),
        num_workers=params.num_workers,
        random_seed=params.random_seed,
        time_limit_s=deadline.seconds,
        time_limit_reached=deadline.reached,
        stages=stages,
    )
    if summary.status == "INFEASIBLE" and name_conflict:
        conflict = find_conflict(scenario, deadline.part(2))
        summary.conflict, summary.conflicting_families = conflict.promises, conflict.families
        summary.conflict_is_minimal = conflict.minimal
    return SolveOutcome(summary=summary, solution=staged.solution)


def _overall(stages: list[StageResult]) -> SolveStatus:
    if stages[0].status in ("INFEASIBLE", "UNKNOWN", "MODEL_INVALID"):
        return stages[0].status
    return "OPTIMAL" if all(s.status == "OPTIMAL" for s in stages) else "FEASIBLE"


def _largest_gap(stages: list[StageResult]) -> float | None:
    """The largest relative gap of any stage (0 when every stage is proven)."""
    gaps = [abs(s.objective - s.best_bound) / max(1.0, abs(s.objective))
            for s in stages if s.objective is not None and s.best_bound is not None]
    return round(max(gaps), 4) if gaps else None
