"""The one planning entry point CLI and UI share: solve, lay out, then check independently."""

from dataclasses import dataclass

from models.plan import Plan
from models.resumption import worked_week
from models.scenario import Scenario
from rtw_scheduler.binding import binding_limits
from solver.assemble import assemble_plan
from solver.checker import Violation, check
from solver.deadline import Deadline
from solver.resumption import week_solutions
from solver.solve import ProgressHook, SolverParameters, solve_scenario


class PlanRejected(RuntimeError):
    """The independent checker found violations: the plan must not be written."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__("; ".join(v.message for v in violations[:5]))
        self.violations = violations


@dataclass
class PlanResult:
    plan: Plan
    violations: list[Violation]

    @property
    def has_plan(self) -> bool:
        return bool(self.plan.weeks)


def make_plan(scenario: Scenario, params: SolverParameters | None = None,
              progress: ProgressHook | None = None, *, name_conflict: bool = True,
              deadline: Deadline | None = None, keep: Plan | None = None) -> PlanResult:
    """Plans the scenario within `deadline` (by default solver.deadline's limit from now); a plan
    that fails the checker is never returned.

    With no plan, the summary names the conflict unless `name_conflict` is False. `keep`: the
    version a re-plan replaces; of the best plans, the one keeping most of it.
    """
    kept = None if keep is None else week_solutions(scenario, [worked_week(week) for week in keep.weeks])
    outcome = solve_scenario(scenario, params, progress, name_conflict=name_conflict, deadline=deadline, keep=kept)
    plan = assemble_plan(scenario, outcome)
    violations = check(scenario, plan) if plan.weeks else []
    if violations:
        raise PlanRejected(violations)
    for week, explained in zip(plan.weeks, binding_limits(scenario, plan), strict=True):
        week.binding = explained.bindings
    return PlanResult(plan=plan, violations=violations)
