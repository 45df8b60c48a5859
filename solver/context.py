"""What every rule function receives: the scenario, the model, its variables, and guards.

A guard is the enforcement literal of one promise of the scenario (models.plan.Promise:
this offer row, that phase's rest days, the target date). In a normal solve there are
none and every rule is unconditional; when a scenario is infeasible the model is built
again with one literal per promise, so that CP-SAT can name the promises that conflict.
"""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy
from models.calendar import PlanDay
from models.plan import Promise
from models.scenario import Scenario
from solver.day_kinds import PlanCalendar, RosterFacts
from solver.variables import PlanVariables


@dataclass
class BuildContext:
    scenario: Scenario
    applied: AppliedPolicy
    model: cp_model.CpModel
    vars: PlanVariables
    calendar: PlanCalendar
    """The real calendar (closures and appointments included). The variables live on it,
    except when diagnosing: then they live on the roster without closures and appointments,
    which are promises of their own (solver.rules.calendar_rules)."""
    plan_weeks: int
    """Weeks of the whole plan; the model may hold fewer (a week planned with a look-ahead)."""
    diagnose: bool = False
    roster_facts: dict[int, RosterFacts] = field(default_factory=dict)
    """When diagnosing: per day index, the real limits the diagnosis may drop."""
    guards: dict[Promise, cp_model.IntVar] = field(default_factory=dict)

    @property
    def roster(self) -> list[PlanDay]:
        """The real calendar's days."""
        return self.calendar.days

    @property
    def ends_with_the_plan(self) -> bool:
        """Whether the model's last week is the plan's last week."""
        return len(self.vars.weeks) == self.plan_weeks

    def guard(self, promise: Promise) -> list[cp_model.IntVar]:
        """Enforcement literals for one promise's limits: none unless diagnosing."""
        if not self.diagnose:
            return []
        if promise not in self.guards:
            self.guards[promise] = self.model.new_bool_var(f"enforce_{promise.key}")
        return [self.guards[promise]]

    def when_in_phase(self, phase: int, week: int, promise: Promise) -> list[cp_model.IntVar] | None:
        """Enforcement literals for 'week is in phase' plus the promise's guard; None if it cannot be."""
        literals = self.vars.in_phase(phase, week)
        return None if literals is None else [*literals, *self.guard(promise)]

    def require(self, constraint: cp_model.Constraint, promise: Promise) -> None:
        """Makes a limit conditional on its promise's guard (a no-op in a normal solve)."""
        literals = self.guard(promise)
        if literals:
            constraint.only_enforce_if(literals)
