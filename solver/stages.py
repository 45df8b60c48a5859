"""The solve, stage by stage; this module alone owns their sequence.

1. **Earliest full duty.** From a lower bound (the phases' minimum lengths), each count of
   weeks before full duty is first put to the look-ahead relaxation of the whole plan
   (every week aggregate, solver.weeks.AggregateWeek): if even that has no plan, no plan
   has full duty that early. The first count it does not refute is built week by week
   (stage 2); if that reaches the horizon, the count is the earliest full duty, proven
   when every smaller count was refuted. If it runs into a dead end, the exact model of
   the whole plan is given a short budget to refute the count before the next is tried.
2. **Each week in order.** A week is solved on its own model: the weeks before it fixed,
   the week itself in full detail, the weeks after it as a look-ahead, the full-duty week
   fixed, and the running-maximum needs (solver.reachability). Its preference
   (solver.objective) is maximised and proven optimal. A first pass looks one week ahead;
   should a week find no plan there (a dead end the short look-ahead could not see), the
   weeks are planned again from the first with the whole rest of the plan ahead.

Every solve runs on one worker with a fixed seed and a deterministic time limit, so the
same scenario and parameters give the same plan.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.plan import SolveStatus, StageResult
from models.scenario import Scenario
from solver.build import BuiltModel, Window, build_model
from solver.objective import EARLIEST_FULL_DUTY, week_preference, week_stage
from solver.reachability import add_forward_bounds, add_reachability
from solver.solution import Solution, WeekSolution
from solver.weeks import DetailedWeek

SHORT_LOOK_AHEAD = 1
"""Weeks looked ahead in the first pass."""
REFUTATION_TIME = 0.2
"""Deterministic time for the relaxation to refute an early full duty (usually settled at once)."""
EXACT_REFUTATION_TIME = 2.0
"""Deterministic time for the exact model to refute a count whose week-by-week plan ran into a dead end."""

SolverFactory = Callable[[], cp_model.CpSolver]
StageHook = Callable[[str, float | None], None]
"""Called with a stage's name when it starts (None) and with each better score it finds."""


@dataclass
class StagedSolve:
    """What the stages found: the plan in numbers (None when there is none) and each stage's result."""

    solution: Solution | None
    stages: list[StageResult]
    refuted_all: bool
    """True when every count of weeks before full duty below the answer (or every count, with no
    answer) was proven impossible."""


def solve_in_stages(scenario: Scenario, new_solver: SolverFactory, hook: StageHook) -> StagedSolve:
    horizon = scenario.policy.horizon_weeks
    started = time.perf_counter()
    lower = full_duty_lower_bound(scenario)
    refuted_all = True
    for weeks_before in range(lower, horizon):
        hook(f"full duty after {weeks_before} weeks", None)
        if _relaxation_refutes(scenario, weeks_before, new_solver):
            continue
        scan_time = time.perf_counter() - started
        planned = _plan_weeks(scenario, weeks_before, new_solver, hook)
        if planned is not None:
            decided, week_results = planned
            first = _earliest_result(weeks_before, lower, refuted_all, scan_time)
            return StagedSolve(Solution(decided), [first, *week_results], refuted_all)
        if not _exact_refutes(scenario, weeks_before, new_solver):
            refuted_all = False
    status: SolveStatus = "INFEASIBLE" if refuted_all else "UNKNOWN"
    return StagedSolve(None, [StageResult(name=EARLIEST_FULL_DUTY, status=status,
                                          wall_time_s=round(time.perf_counter() - started, 3))], refuted_all)


def full_duty_lower_bound(scenario: Scenario) -> int:
    """Weeks before full duty that no plan can beat: the phases' minimum lengths.

    A cheap bound; the scan refutes the counts between it and the answer anyway, so it
    only saves time, it never changes the result.
    """
    phases = scenario.policy.phases
    bound = sum(p.min_weeks for p in phases[:-1]) + phases[-1].min_weeks - 1
    return min(bound, scenario.policy.horizon_weeks - 1)


def _earliest_result(weeks_before: int, lower: int, proven: bool, wall_time_s: float) -> StageResult:
    return StageResult(name=EARLIEST_FULL_DUTY, status="OPTIMAL" if proven else "FEASIBLE",
                       objective=weeks_before, best_bound=weeks_before if proven else lower,
                       wall_time_s=round(wall_time_s, 3))


def _relaxation_refutes(scenario: Scenario, weeks_before: int, new_solver: SolverFactory) -> bool:
    """True when even the look-ahead relaxation of the whole plan cannot reach full duty then."""
    window = Window(detailed=0, ahead=scenario.policy.horizon_weeks, full_duty_from=weeks_before)
    built = _windowed(scenario, window)
    solver = new_solver()
    solver.parameters.max_deterministic_time = min(solver.parameters.max_deterministic_time, REFUTATION_TIME)
    return solver.solve(built.model) == cp_model.INFEASIBLE


def _exact_refutes(scenario: Scenario, weeks_before: int, new_solver: SolverFactory) -> bool:
    """True when the exact model of the whole plan proves full duty impossible after `weeks_before` weeks."""
    built = build_model(scenario)
    built.model.add(built.vars.weeks_before_full_duty() == weeks_before)
    solver = new_solver()
    solver.parameters.max_deterministic_time = min(solver.parameters.max_deterministic_time, EXACT_REFUTATION_TIME)
    return solver.solve(built.model) == cp_model.INFEASIBLE


def _plan_weeks(scenario: Scenario, full_duty_from: int, new_solver: SolverFactory,
                hook: StageHook) -> tuple[list[WeekSolution], list[StageResult]] | None:
    """Each week's best plan in order, or None at a dead end the whole look-ahead could not avoid."""
    horizon = scenario.policy.horizon_weeks
    for look_ahead in (SHORT_LOOK_AHEAD, horizon):
        decided: list[WeekSolution] = []
        results: list[StageResult] = []
        for _ in range(horizon):
            planned = _plan_week(scenario, decided, look_ahead, full_duty_from, new_solver, hook)
            if planned is None:
                break
            decided.append(planned[0])
            results.append(planned[1])
        else:
            return decided, results
    return None


def _plan_week(scenario: Scenario, decided: list[WeekSolution], look_ahead: int, full_duty_from: int,
               new_solver: SolverFactory, hook: StageHook) -> tuple[WeekSolution, StageResult] | None:
    number = len(decided)
    name = week_stage(number)
    hook(name, None)
    started = time.perf_counter()
    built = _windowed(scenario, Window(decided, detailed=1, ahead=look_ahead, full_duty_from=full_duty_from))
    week = built.vars.week(number)
    assert isinstance(week, DetailedWeek)
    before = built.vars.week(number - 1) if number else None
    built.model.maximize(week_preference(built.model, week, before, built.applied, built.vars.scale))
    solver = new_solver()
    status = solver.solve(built.model, _Reporter(name, hook))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    result = StageResult(name=name, status="OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE",
                         objective=solver.objective_value, best_bound=solver.best_objective_bound,
                         wall_time_s=round(time.perf_counter() - started, 3))
    return week.extract(solver, built.vars.phase_value(solver, number)), result


def _windowed(scenario: Scenario, window: Window) -> BuiltModel:
    """A window's model with the running-maximum needs of its full-duty week."""
    built = build_model(scenario, window=window)
    assert window.full_duty_from is not None
    add_reachability(built.model, built.vars, built.applied, built.days, window.full_duty_from)
    add_forward_bounds(built.model, built.vars, built.applied)
    return built


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, hook: StageHook) -> None:
        super().__init__()
        self._stage, self._hook = stage, hook

    def on_solution_callback(self) -> None:
        self._hook(self._stage, self.objective_value)
