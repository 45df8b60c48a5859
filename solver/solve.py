"""Solves the model stage by stage and reads the solution out as plain numbers.

Determinism: the same scenario and parameters give the same plan. Each solve is limited
by CP-SAT's *deterministic* time (not wall time), the random seed is fixed, and the
default is one search worker. More workers (never more than the cores) race each other:
the weeks to full duty stay proven, but the rest of the plan may then differ run to run.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.plan import SolveStatus, SolveSummary, StageResult
from models.scenario import Scenario
from solver.build import BuiltModel, build_model
from solver.diagnose import conflicting_families
from solver.objective import STAGES, Stage, weeks_before_full_duty
from solver.variables import PlanVariables


@dataclass(frozen=True)
class SolverParameters:
    """Knobs that change the plan or its cost; all are recorded in the plan."""

    num_workers: int = 1
    random_seed: int = 0
    deterministic_time_per_stage: float = 6.0


@dataclass(frozen=True)
class Progress:
    """A progress report: the stage, the objective of the best plan so far, elapsed time."""

    stage: str
    objective: float | None
    elapsed_s: float


ProgressHook = Callable[[Progress], None]


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
    notes: list[str] = field(default_factory=list)


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
) -> SolveOutcome:
    """Builds and solves the plan; an infeasible scenario comes back with the conflicting families."""
    params = params or SolverParameters()
    started = time.perf_counter()
    built = build_model(scenario)
    model, v = built.model, built.vars
    proto = model.proto
    first, solver = _earliest_full_duty(built, params, started, progress)
    stages = [first]
    if solver is not None:
        model.add(weeks_before_full_duty(v) == round(first.objective or 0))
        _hint_current(model, solver)
        for stage in STAGES[1:]:
            result, improved = _optimise(model, v, stage, params, started, progress)
            stages.append(result)
            if improved is None:
                break
            solver = improved
    summary = SolveSummary(
        status=stages[-1].status if stages[-1].status not in ("OPTIMAL", "FEASIBLE") else _overall(stages),
        objective=stages[0].objective,
        best_bound=stages[0].best_bound,
        gap=_gap(stages),
        wall_time_s=round(time.perf_counter() - started, 3),
        num_variables=len(proto.variables),
        num_constraints=len(proto.constraints),
        num_workers=params.num_workers,
        random_seed=params.random_seed,
        stages=stages,
    )
    outcome = SolveOutcome(summary=summary, built=built)
    if solver is not None:
        outcome.solution = _read_solution(built, solver)
    elif summary.status == "INFEASIBLE":
        summary.conflicting_families = conflicting_families(scenario)
    return outcome


def _earliest_full_duty(
    built: BuiltModel, params: SolverParameters, started: float, progress: ProgressHook | None,
) -> tuple[StageResult, cp_model.CpSolver | None]:
    """Tries full duty after 0, 1, 2... weeks: the first feasible count is the optimum.

    Refuting an early full-duty week is usually a matter of propagation (the increment
    chain cannot climb that fast), so this scan proves optimality far faster than a
    single minimisation, whose linear relaxation of the phase logic is weak.
    """
    model, v = built.model, built.vars
    stage_start = time.perf_counter()
    name = STAGES[0].name
    refuted_all = True
    for weeks_before in v.weeks:
        if progress:
            progress(Progress(name, weeks_before, time.perf_counter() - started))
        trial = model.clone()
        trial.add(weeks_before_full_duty(v) == weeks_before)
        solver = _solver(params, params.deterministic_time_per_stage)
        status = solver.solve(trial)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return StageResult(
                name=name, status="OPTIMAL" if refuted_all else "FEASIBLE", objective=weeks_before,
                best_bound=weeks_before if refuted_all else None,
                wall_time_s=round(time.perf_counter() - stage_start, 3)), solver
        refuted_all = refuted_all and status == cp_model.INFEASIBLE
    return StageResult(name=name, status="INFEASIBLE" if refuted_all else "UNKNOWN",
                       wall_time_s=round(time.perf_counter() - stage_start, 3)), None


def _optimise(
    model: cp_model.CpModel, v: PlanVariables, stage: Stage, params: SolverParameters,
    started: float, progress: ProgressHook | None,
) -> tuple[StageResult, cp_model.CpSolver | None]:
    """One objective stage, started from the previous stage's plan."""
    expression = stage.expression(v)
    if stage.sense == "minimize":
        model.minimize(expression)
    else:
        model.maximize(expression)
    solver = _solver(params, params.deterministic_time_per_stage)
    stage_start = time.perf_counter()
    reporter = _Reporter(stage.name, started, progress) if progress else None
    status = solver.solve(model, reporter)
    result = StageResult(name=stage.name, status=_status(solver, status),
                         wall_time_s=round(time.perf_counter() - stage_start, 3))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return result, None
    result.objective, result.best_bound = solver.objective_value, solver.best_objective_bound
    value = round(solver.objective_value)
    if status == cp_model.OPTIMAL:
        model.add(expression == value)
    elif stage.sense == "minimize":
        model.add(expression <= value)
    else:
        model.add(expression >= value)
    _hint_current(model, solver)
    return result, solver


def _hint_current(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Starts the next stage from this stage's plan."""
    model.clear_hints()
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, solver.value(var))


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
    return "OPTIMAL" if all(s.status == "OPTIMAL" for s in stages) else "FEASIBLE"


def _gap(stages: list[StageResult]) -> float | None:
    """Relative gap of the last stage (the first is proven or reported as not proven)."""
    last = stages[-1]
    if last.objective is None or last.best_bound is None:
        return None
    return round(abs(last.objective - last.best_bound) / max(1.0, abs(last.objective)), 4)
