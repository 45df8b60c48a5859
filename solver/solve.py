"""Solves the model stage by stage and reads the solution out as plain numbers.

Determinism: the same scenario and parameters give the same plan. Each solve is limited
by CP-SAT's *deterministic* time (not wall time), the random seed is fixed, and one
search worker is the default. More workers (never more than the cores) race each other:
the weeks to full duty stay proven, but the rest of the plan may differ run to run.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ortools.sat.python import cp_model

from models.plan import SolveStatus, SolveSummary, StageResult
from models.scenario import Scenario
from solver.build import BuiltModel, build_model
from solver.diagnose import find_conflict
from solver.objective import EARLIEST_FULL_DUTY, PREFERENCES, weeks_before_full_duty
from solver.rolling import Attempt, plan_in_chunks, solve_whole


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

RETRY_FACTOR = 3
"""A count neither refuted nor solved in the budget is tried once more with this many times it."""
REFUTATION_TIME = 1.0
"""Deterministic time allowed to prove that full duty cannot come that early."""


@dataclass
class Solution:
    """The solved plan in numbers, before it is laid out in time."""

    slots: dict[tuple[str, int], int]
    runs: dict[tuple[str, int], int]
    phase_of_week: list[int]
    full_duty: list[bool]


@dataclass
class SolveOutcome:
    summary: SolveSummary
    built: BuiltModel
    solution: Solution | None = None


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, started: float, hook: ProgressHook) -> None:
        super().__init__()
        self._stage, self._started, self._hook = stage, started, hook

    def on_solution_callback(self) -> None:
        self._hook(Progress(self._stage, self.objective_value, time.perf_counter() - self._started))


def _solver(params: SolverParameters, deterministic_time: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = params.num_workers
    solver.parameters.random_seed = params.random_seed
    solver.parameters.max_deterministic_time = deterministic_time
    return solver


def solve_scenario(
    scenario: Scenario, params: SolverParameters | None = None, progress: ProgressHook | None = None,
    *, name_conflict: bool = True,
) -> SolveOutcome:
    """Builds and solves the plan; an infeasible scenario comes back with its conflict
    (unless `name_conflict` is False: searches that only need to know skip that work).

    For 0, 1, 2... weeks before full duty (from a lower bound), the whole model with that
    count fixed is first given a short chance to prove it impossible (usually settled by
    propagation). The first count not refuted is planned for stage 2's preferences
    (solver.rolling); if a plan is found, that count is the earliest full duty, proven
    optimal when every smaller count was refuted.
    """
    params = params or SolverParameters()
    started = time.perf_counter()
    built = build_model(scenario)
    refuted_all = True
    first_try = full_duty_lower_bound(scenario, built)
    stages: list[StageResult] = []
    solution: Solution | None = None
    for weeks_before in range(first_try, len(built.vars.weeks)):
        stage_start = time.perf_counter()
        name = f"full duty after {weeks_before} weeks"
        if progress:
            progress(Progress(name, None, stage_start - started))
        if _refuted(built, weeks_before, params):
            continue
        attempt = _find_plan(scenario, built, weeks_before, params, name, started, progress)
        if attempt.solved:
            solver = attempt.solver
            stages = [
                StageResult(name=EARLIEST_FULL_DUTY, status="OPTIMAL" if refuted_all else "FEASIBLE",
                            objective=weeks_before, best_bound=weeks_before if refuted_all else first_try,
                            wall_time_s=round(stage_start - started, 3)),
                _preferences_result(attempt, time.perf_counter() - stage_start),
            ]
            solution = _read_solution(attempt.built, solver)
            built = attempt.built
            break
        refuted_all = False
    if not stages:
        stages = [StageResult(name=EARLIEST_FULL_DUTY, status="INFEASIBLE" if refuted_all else "UNKNOWN",
                              wall_time_s=round(time.perf_counter() - started, 3))]
    summary = SolveSummary(
        status=_overall(stages),
        objective=stages[0].objective,
        best_bound=stages[0].best_bound,
        gap=_gap(stages),
        wall_time_s=round(time.perf_counter() - started, 3),
        num_variables=len(built.model.proto.variables),
        num_constraints=len(built.model.proto.constraints),
        num_workers=params.num_workers,
        random_seed=params.random_seed,
        stages=stages,
    )
    outcome = SolveOutcome(summary=summary, built=built, solution=solution)
    if summary.status == "INFEASIBLE" and name_conflict:
        conflict = find_conflict(scenario)
        summary.conflict, summary.conflicting_families = conflict.promises, conflict.families
        summary.conflict_is_minimal = conflict.minimal
    return outcome


def _preferences_result(attempt: Attempt, wall_time_s: float) -> StageResult:
    """Stage 2's result; a plan built in chunks has no global bound, only the ramp's gap."""
    solver = attempt.solver
    result = StageResult(name=PREFERENCES, status=_status(solver, attempt.status),
                         objective=solver.objective_value, best_bound=solver.best_objective_bound,
                         wall_time_s=round(wall_time_s, 3))
    if attempt.chunks > 1:
        result.status, result.best_bound = "FEASIBLE", None
        gap = "-" if attempt.first_gap is None else f"{attempt.first_gap:.2%}"
        result.note = f"planned in {attempt.chunks} chunks; gap of the first (the ramp to full duty): {gap}"
    return result


def _refuted(built: BuiltModel, weeks_before: int, params: SolverParameters) -> bool:
    """True when no plan can reach full duty after exactly `weeks_before` weeks.

    Earlier full duty is usually impossible by propagation alone (the increment chain
    cannot climb that fast), so a short budget settles it; anything else is left to
    the search for a plan.
    """
    trial = built.model.clone()
    trial.add(weeks_before_full_duty(built.vars) == weeks_before)
    solver = _solver(params, REFUTATION_TIME)
    return solver.solve(trial) == cp_model.INFEASIBLE


def _find_plan(
    scenario: Scenario, built: BuiltModel, weeks_before: int, params: SolverParameters, name: str,
    started: float, progress: ProgressHook | None,
) -> Attempt:
    """Stage 2's best plan with full duty after `weeks_before` weeks: in chunks, else whole.

    When the chunks find no plan in the budget they are tried again with RETRY_FACTOR
    times the budget, then the whole horizon at once; after that the scan moves on
    (unproven) to the next count.
    """
    reporter = _Reporter(name, started, progress) if progress else None
    for budget in (1, RETRY_FACTOR):
        attempt = plan_in_chunks(scenario, weeks_before,
                                 partial(_solver, params, budget * params.deterministic_time_per_stage), reporter)
        if attempt.solved:
            return attempt
    return solve_whole(built, weeks_before,
                       partial(_solver, params, RETRY_FACTOR * params.deterministic_time_per_stage), reporter)


def full_duty_lower_bound(scenario: Scenario, built: BuiltModel) -> int:
    """Weeks before full duty that no plan can beat: phases' minimum lengths.

    A cheap bound; the scan refutes the counts between it and the answer anyway, so it
    only saves time, it never changes the result.
    """
    phases = scenario.policy.phases
    return min(sum(p.min_weeks for p in phases[:-1]) + phases[-1].min_weeks - 1, len(built.vars.weeks) - 1)


def _read_solution(built: BuiltModel, solver: cp_model.CpSolver) -> Solution:
    v = built.vars
    value = solver.value
    phase_of_week = [
        max(p for p in v.phases if value(v.phase_is[p, w]) == 1) for w in v.weeks
    ]
    return Solution(
        slots={key: int(value(var)) for key, var in v.slots.items()},
        runs={key: int(value(var)) for key, var in v.runs.items()},
        phase_of_week=phase_of_week,
        full_duty=[bool(value(v.full_duty[w])) for w in v.weeks],
    )


def _status(solver: cp_model.CpSolver, status: cp_model.CpSolverStatus) -> SolveStatus:
    name = solver.status_name(status)
    return name if name in ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "MODEL_INVALID") else "UNKNOWN"  # type: ignore[return-value]


def _overall(stages: list[StageResult]) -> SolveStatus:
    if stages[0].status in ("INFEASIBLE", "UNKNOWN", "MODEL_INVALID"):
        return stages[0].status
    return "OPTIMAL" if all(s.status == "OPTIMAL" for s in stages) else "FEASIBLE"


def _gap(stages: list[StageResult]) -> float | None:
    """Relative gap of the last stage (the first is proven or reported as not proven)."""
    last = stages[-1]
    if last.objective is None or last.best_bound is None:
        return None
    return round(abs(last.objective - last.best_bound) / max(1.0, abs(last.objective)), 4)
