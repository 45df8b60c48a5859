"""The solve, stage by stage; this module alone owns their sequence.

1. **Earliest full duty.** From a lower bound (the phases' minimum lengths), each count of
   weeks before full duty is tried in turn. Its first week is solved with the weeks up to a
   little past that full-duty week ahead of it, as aggregates (solver.weeks.AggregateWeek, a
   relaxation): if even that finds no plan, no plan reaches full duty that early (usually
   settled by presolve in milliseconds). That check runs on a second thread while the count
   is planned week by week (stage 2), which it stops when it refutes the count. A count
   planned to the horizon is the earliest full duty, proven when every smaller count was
   refuted. Should it run into a dead end, stage 2's last pass settles the count: a plan,
   or, when its first week has none, a proof that there is none.
2. **Each week in order.** A week is solved on its own model: the weeks before it fixed,
   the week itself in full detail, the weeks after it as a look-ahead, the full-duty week
   fixed, and the running-maximum needs (solver.reachability). Its preference
   (solver.objective) is maximised and proven optimal; a week after the first full-duty week
   starts from the week before (a hint), so full-duty weeks repeat it. After the first, weeks
   look one week ahead (two before a deload week); should one find no plan (a dead end the
   short look-ahead could not see), they are planned again from the first with the whole
   look-ahead, and should that run into a dead end too (aggregates admit choices whose
   details do not fit), once more with every week up to a little past full duty in full
   detail, from the latest week after which such a plan exists (the weeks after it
   dropped): then a week with a plan never leaves the next without one (the weeks after
   them only hold full duty), and each week starts from the plan found for the week before,
   so that a week cut short by its budget still has one.

Every solve runs on one worker with a fixed seed and a deterministic time limit, so the
same scenario and parameters give the same plan. Every solve also keeps to the run's
wall-clock deadline (solver.deadline): a scan solve may take half of what is left, a week
its equal share with the weeks still to plan to a little past full duty (`_week_parts`).
When the deadline passes before a plan is complete, the run ends with no plan ("no plan
found within N s") and says which counts of weeks it had refuted.
"""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy, apply_policy
from models.plan import SolveStatus, StageResult
from models.restrictions import week_limits
from models.scenario import Scenario
from solver.build import BuiltModel, Window, build_model
from solver.day_kinds import PlanCalendar
from solver.deadline import Deadline
from solver.hints import PlanHint, hint_completed
from solver.objective import EARLIEST_FULL_DUTY, keep_previous, week_preference, week_stage
from solver.reachability import Needs, add_forward_bounds, add_reachability
from solver.refutation import Refutation
from solver.repeats import RepeatedWeeks, moved
from solver.resumption import done_weeks
from solver.rules.recovery_rules import is_deload_week
from solver.scaling import ExposureScale
from solver.solution import Solution, WeekSolution
from solver.variables import earliest_phase_starts
from solver.weeks import DetailedWeek

SHORT_LOOK_AHEAD = 1
"""Weeks looked ahead in the first pass."""
PAST_FULL_DUTY = 2
"""Weeks past the full-duty week that a whole look-ahead covers (after it, a full-duty week only
has to hold what the week before held)."""
KEEPING_SHARE = 0.25
"""Of a week's deterministic budget, the share a re-plan's second step (keep the most) may use."""
_REFUTED, _DEAD_END, _OUT_OF_TIME = object(), object(), object()

SolverFactory = Callable[[float], cp_model.CpSolver]
"""A solver allowed at most the given wall-clock seconds."""
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


def solve_in_stages(scenario: Scenario, new_solver: SolverFactory, hook: StageHook,
                    deadline: Deadline | None = None, *, reuse_repeated_weeks: bool = True,
                    keep: list[WeekSolution] | None = None) -> StagedSolve:
    """The stages in order, within `deadline` (none: no wall-clock limit);
    `reuse_repeated_weeks=False` solves every week, even one whose model repeats an earlier
    week's (a check that reusing them changes nothing). With `keep` (a re-plan: the previous
    version's weeks), each week starts from the previous version's and, of its best plans, keeps
    the most of it (solver.objective.kept_preference)."""
    return _Solve(scenario, new_solver, hook, deadline or Deadline.unlimited(), reuse_repeated_weeks,
                  keep or []).run()


def full_duty_lower_bound(scenario: Scenario, applied: AppliedPolicy) -> int:
    """Weeks before full duty that no plan can beat: the phases' minimum lengths and earliest starts.

    A cheap bound; the scan refutes the counts between it and the answer anyway, so it
    only saves time, it never changes the result.
    """
    bound = earliest_phase_starts(scenario, applied)[-1] + scenario.policy.phases[-1].min_weeks - 1
    return min(bound, scenario.horizon_weeks - 1)


@dataclass
class _Solve:
    """One solve's shared state: what every model of it reads, worked out once."""

    scenario: Scenario
    new_solver: SolverFactory
    hook: StageHook
    deadline: Deadline
    reuse_repeated_weeks: bool = True
    keep: list[WeekSolution] = field(default_factory=list)
    done: list[WeekSolution] = field(init=False)
    """A re-plan's weeks done (models.resumption): every pass starts with them decided."""
    calendar: PlanCalendar = field(init=False)
    applied: AppliedPolicy = field(init=False)
    scale: ExposureScale = field(init=False)
    repeats: RepeatedWeeks = field(init=False)
    _needs: dict[int, Needs] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.calendar = PlanCalendar.of(self.scenario)
        self.applied = apply_policy(self.scenario)
        self.scale = ExposureScale.of(self.scenario)
        self.repeats = RepeatedWeeks(self.scenario, self.calendar, self.scale, week_limits(self.scenario))
        self.done = done_weeks(self.scenario)

    @cached_property
    def horizon(self) -> int:
        return self.scenario.horizon_weeks

    def run(self) -> StagedSolve:
        started = time.perf_counter()
        lower = max(full_duty_lower_bound(self.scenario, self.applied), self._full_duty_done())
        refuted: list[int] = []
        note = ""
        for weeks_before in range(lower, self.horizon):
            self.hook(f"full duty after {weeks_before} weeks", None)
            planned = _OUT_OF_TIME if self.deadline.expired else self._plan_weeks(weeks_before, started)
            if isinstance(planned, tuple):
                decided, week_results, scan_time = planned
                proven = len(refuted) == weeks_before - lower
                first = _earliest_result(weeks_before, lower, proven, scan_time)
                return StagedSolve(Solution(decided), [first, *week_results], proven)
            if planned is _REFUTED:
                refuted.append(weeks_before)
            elif planned is _OUT_OF_TIME or self.deadline.expired:
                self.deadline.reached = True
                note = _out_of_time_note(self.deadline, lower, weeks_before, refuted)
                break
        refuted_all = not note and len(refuted) == self.horizon - lower
        status: SolveStatus = "INFEASIBLE" if refuted_all else "UNKNOWN"
        return StagedSolve(None, [StageResult(name=EARLIEST_FULL_DUTY, status=status, note=note,
                                              wall_time_s=round(time.perf_counter() - started, 3))], refuted_all)

    def solver(self, parts: float) -> cp_model.CpSolver:
        """A solver allowed one of `parts` equal parts of the wall-clock time left."""
        return self.new_solver(self.deadline.share(parts))

    def _solve(self, built: BuiltModel, parts: float,
               callback: cp_model.CpSolverSolutionCallback | None = None
               ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
        solver = self.solver(parts)
        status = solver.solve(built.model, callback)
        self.deadline.note(solver)
        return solver, status

    def _look_ahead_end(self, full_duty_from: int) -> int:
        """Weeks a whole look-ahead covers: to a little past the full-duty week."""
        return min(self.horizon, full_duty_from + 1 + PAST_FULL_DUTY)

    def _plan_weeks(self, full_duty_from: int,
                    started: float) -> tuple[list[WeekSolution], list[StageResult], float] | object:
        """Each week's best plan in order (and when the count was found possible); else `_REFUTED`
        when not even the first week has a plan with the whole look-ahead (a relaxation of the
        whole plan: a proof that there is none), `_DEAD_END` when a later week finds none, or
        `_OUT_OF_TIME` when the deadline passed first.

        Weeks look one week ahead, then to a little past full duty as aggregates, then with
        those weeks in full detail, each pass after a dead end of the one before."""
        whole = self._look_ahead_end(full_duty_from)
        settled = time.perf_counter() - started
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="refutation") as pool:
            relaxation = self.model(Window(self.done, detailed=1, ahead=max(0, whole - len(self.done) - 1),
                                           full_duty_from=full_duty_from))
            check = Refutation(pool, relaxation.model, self.solver(2))
            try:
                return self._weeks_in_order(full_duty_from, whole, check, settled)
            finally:
                check.stop()

    def _weeks_in_order(self, full_duty_from: int, whole: int, check: Refutation,
                        settled: float) -> tuple[list[WeekSolution], list[StageResult], float] | object:
        """The weeks planned one by one while `check` runs beside them; `_REFUTED` as soon as it
        refutes the count (between two weeks, or at a dead end)."""
        decided: list[WeekSolution] = list(self.done)
        results: list[StageResult] = []
        for look_ahead in (None, whole):
            decided, results = list(self.done), []
            ended = self._weeks_from(decided, results, check, look_ahead, full_duty_from)
            if ended is None:
                return decided, results, settled
            if ended is not _DEAD_END:
                return ended
        ended = self._weeks_detailed(decided, results, check, full_duty_from, whole)
        if ended is None:
            return decided, results, settled
        if ended is _DEAD_END:
            return _REFUTED if check.refuted(wait=True) else _DEAD_END
        return ended

    def _weeks_from(self, decided: list[WeekSolution], results: list[StageResult], check: Refutation,
                    look_ahead: int | None, full_duty_from: int, detailed_to: int = 0,
                    hint: PlanHint | None = None) -> object | None:
        """Plans the weeks after `decided` in order, each looking `look_ahead` weeks ahead (None: the
        short look-ahead), adding them and their results; None when every week has a plan, else why
        not: `_REFUTED`, `_OUT_OF_TIME` or `_DEAD_END`."""
        while len(decided) < self.horizon:
            if check.refuted(wait=False):
                return _REFUTED
            ahead = self._short_look_ahead(len(decided), full_duty_from) if look_ahead is None else look_ahead
            planned = self._plan_week(decided, ahead, full_duty_from, detailed_to, hint)
            if planned == cp_model.UNKNOWN and self.deadline.expired:
                return _OUT_OF_TIME  # else the week's own budget ran out: a dead end, not the clock
            if not isinstance(planned, tuple):
                return _DEAD_END
            decided.append(planned[0])
            results.append(planned[1])
        return None

    def _weeks_detailed(self, decided: list[WeekSolution], results: list[StageResult], check: Refutation,
                        full_duty_from: int, whole: int) -> object | None:
        """After a dead end of the whole look-ahead (`decided`: the weeks it had planned), the weeks
        to a little past full duty in full detail, from the latest week after which a plan exists:
        None when every week then has a plan, else why not, as `_weeks_from`.

        From there on no week can be left without a plan (the weeks after the detailed ones hold
        full duty), and each starts from the plan found for the week before: its model is that
        one with its first week fixed."""
        hint = self._step_back(decided, results, full_duty_from, whole)
        if not isinstance(hint, PlanHint):
            return hint
        return self._weeks_from(decided, results, check, whole, full_duty_from, whole, hint)

    def _week_parts(self, number: int, full_duty_from: int) -> int:
        """Into how many equal parts 0-based week `number` divides the clock left, its own among
        them: the weeks still to plan up to a little past full duty, or, past those, every week
        left. The weeks after full duty mostly repeat (solver.repeats: no solve at all); counting
        them in would leave the climb's weeks, the hard ones, a sliver of a long horizon's clock."""
        whole = self._look_ahead_end(full_duty_from)
        return whole - number if number < whole else self.horizon - number

    def _short_look_ahead(self, number: int, full_duty_from: int) -> int:
        """Weeks the first pass looks ahead of 0-based week `number`: one more when the next week
        is a deload week before full duty, for the week after a deload climbs back from it within
        the increments: a week that saw only the deload could leave the week after it no plan."""
        deload_next = number + 1 < full_duty_from and is_deload_week(self.scenario, number + 1)
        return SHORT_LOOK_AHEAD + int(deload_next)

    def _step_back(self, decided: list[WeekSolution], results: list[StageResult], full_duty_from: int,
                   whole: int) -> PlanHint | object:
        """Drops the latest weeks of `decided` (and their results) until the weeks after them, to a
        little past full duty every one detailed, have a plan, and returns that plan as a hint;
        `_REFUTED` when not even the first week has one (no plan with this count), `_DEAD_END` or
        `_OUT_OF_TIME` when that was not settled in time.

        Proving that no plan follows a week is quick, finding one may not be: a check that its
        budget does not settle sends the planning back to the first week at once."""
        while True:
            self.hook(f"a plan after week {len(decided)}", None)
            built = self.model(Window(decided, detailed=max(1, whole - len(decided)), ahead=whole,
                                      full_duty_from=full_duty_from))
            solver, status = self._solve(built, self.horizon - len(decided))
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                hint = PlanHint()
                hint.record(built.model, solver)
                return hint
            if status == cp_model.UNKNOWN and self.deadline.expired:
                return _OUT_OF_TIME
            if len(decided) == len(self.done):
                return _REFUTED if status == cp_model.INFEASIBLE else _DEAD_END
            kept = len(decided) - 1 if status == cp_model.INFEASIBLE else len(self.done)
            del decided[kept:], results[kept - len(self.done):]

    def _plan_week(self, decided: list[WeekSolution], look_ahead: int, full_duty_from: int,
                   detailed_to: int = 0, hint: PlanHint | None = None
                   ) -> tuple[WeekSolution, StageResult] | cp_model.CpSolverStatus:
        """The week's best plan and its stage result, or the solver's status when it found none.

        The weeks after it are aggregates (a relaxation: cheap, but a choice they admit may
        leave a later week without a plan); with `detailed_to`, the weeks up to that one are
        detailed as well, so a week that has a plan never leaves the next without one.

        A week at full duty whose model is the model of an earlier week moved in time (the same
        calendar, the same weeks before it, the same needs ahead) gets that week's plan moved
        with it: the solver, deterministic, would find the same.

        With a `hint`, the solve starts from the plan it holds, and the plan found becomes the next
        week's. Without one, a week after the first full-duty week starts from the week before
        moved a week on: of the plans its preference scores equal, CP-SAT keeps the one it starts
        from, so full-duty weeks repeat (and their models then repeat too)."""
        number = len(decided)
        name = week_stage(number)
        self.hook(name, None)
        started = time.perf_counter()
        key = None
        if hint is None and self.reuse_repeated_weeks:
            key = self.repeats.key(decided, look_ahead, full_duty_from, detailed_to, self._needs_of(full_duty_from))
        repeated = self.repeats.plan_of(key) if key is not None else None
        if repeated is not None:
            earlier, result = repeated
            return moved(earlier, number), result.model_copy(update={
                "name": name, "wall_time_s": round(time.perf_counter() - started, 3),
                "note": f"the model of week {earlier.number + 1} a week on: its plan"})
        built = self.model(Window(decided, detailed=max(1, detailed_to - number), ahead=look_ahead,
                                  full_duty_from=full_duty_from))
        parts = self._week_parts(number, full_duty_from)
        week = built.vars.week(number)
        assert isinstance(week, DetailedWeek)
        before = built.vars.week(number - 1) if number else None
        preference = week_preference(built.model, week, before, built.applied, built.vars.scale)
        previous = week.values_of(self.keep[number]) if number < len(self.keep) else None
        built.model.maximize(preference)
        if hint:
            hint.apply(built.model)
        elif previous is not None:
            hint_completed(built.model, previous, self.solver(parts))
        elif number > full_duty_from and decided[-1].full_duty:
            hint_completed(built.model, week.values_of(moved(decided[-1], number)), self.solver(parts))
        solver, status = self._solve(built, parts, _Reporter(name, self.hook))
        if status == cp_model.UNKNOWN and self.deadline.reached and not self.deadline.expired:
            # its share of the clock found nothing: better all that is left than no plan at all
            solver, status = self._solve(built, 1, _Reporter(name, self.hook))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status
        result = StageResult(name=name, status="OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE",
                             objective=solver.objective_value, best_bound=solver.best_objective_bound,
                             wall_time_s=0)
        if previous is not None and keep_previous(built.model, preference, solver, previous):
            solver = self._keep_most(built, parts, solver)
        result.wall_time_s = round(time.perf_counter() - started, 3)
        planned = week.extract(solver, built.vars.phase_value(solver, number))
        if hint is not None:
            hint.record(built.model, solver)
        if key is not None:
            self.repeats.keep(key, planned, result)
        return planned, result

    def _keep_most(self, built: BuiltModel, parts: float, solved: cp_model.CpSolver) -> cp_model.CpSolver:
        """A re-plan's second step (solver.objective.keep_previous) on a share of the week's budget: it
        starts from the week's optimum, so it can only keep more; its best in budget is taken."""
        keeping = self.solver(parts)
        keeping.parameters.max_deterministic_time *= KEEPING_SHARE
        status = keeping.solve(built.model)
        self.deadline.note(keeping)
        return keeping if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solved

    def _full_duty_done(self) -> int:
        """The first full-duty week among the weeks done, else the first week after them."""
        return next((week.number for week in self.done if week.full_duty), len(self.done))

    def model(self, window: Window) -> BuiltModel:
        """A window's model with the running-maximum needs of its full-duty week and the fastest climb."""
        assert window.full_duty_from is not None
        built = build_model(self.scenario, window=window, calendar=self.calendar, applied=self.applied,
                            scale=self.scale)
        needs = self._needs_of(window.full_duty_from)
        add_reachability(built.model, built.vars, built.applied, needs)
        add_forward_bounds(built.model, built.vars, built.applied)
        return built

    def _needs_of(self, full_duty_from: int) -> Needs:
        if full_duty_from not in self._needs:
            self._needs[full_duty_from] = Needs.of(self.scenario, self.applied, self.scale, self.calendar,
                                                   full_duty_from)
        return self._needs[full_duty_from]


def _out_of_time_note(deadline: Deadline, lower: int, last: int, refuted: list[int]) -> str:
    """What the run had settled when its wall-clock limit passed while trying full duty after `last` weeks."""
    if not refuted:
        settled = "no earlier full duty was ruled out"
    elif refuted == list(range(lower, last)):
        settled = f"full duty after {lower if last - 1 == lower else f'{lower} to {last - 1}'} weeks was ruled out"
    else:
        settled = f"full duty after {', '.join(map(str, refuted))} weeks was ruled out"
    return (f"no plan found within {deadline.seconds:g} s: {settled}; "
            f"planning full duty after {last} weeks was cut short")


def _earliest_result(weeks_before: int, lower: int, proven: bool, wall_time_s: float) -> StageResult:
    return StageResult(name=EARLIEST_FULL_DUTY, status="OPTIMAL" if proven else "FEASIBLE",
                       objective=weeks_before, best_bound=weeks_before if proven else lower,
                       wall_time_s=round(wall_time_s, 3))


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, stage: str, hook: StageHook) -> None:
        super().__init__()
        self._stage, self._hook = stage, hook

    def on_solution_callback(self) -> None:
        self._hook(self._stage, self.objective_value)
