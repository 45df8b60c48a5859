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
from solver.variables import PlanVariables


@dataclass
class BuildContext:
    scenario: Scenario
    applied: AppliedPolicy
    days: list[PlanDay]
    """The days the variables are built on; when diagnosing, without site closures and
    appointments, which are then promises of their own (solver.rules.calendar_rules)."""
    model: cp_model.CpModel
    vars: PlanVariables
    diagnose: bool = False
    guards: dict[Promise, cp_model.IntVar] = field(default_factory=dict)

    def guard(self, promise: Promise) -> list[cp_model.IntVar]:
        """Enforcement literals for one promise's limits: none unless diagnosing."""
        if not self.diagnose:
            return []
        if promise not in self.guards:
            self.guards[promise] = self.model.new_bool_var(f"enforce_{promise.key}")
        return [self.guards[promise]]

    def when_in_phase(self, phase: int, week: int, promise: Promise) -> list[cp_model.IntVar] | None:
        """Enforcement literals for 'week is in phase' plus the promise's guard; None if it cannot be."""
        literal = self.vars.phase_is[phase, week]
        if isinstance(literal, int):
            return None if literal == 0 else self.guard(promise)
        return [literal, *self.guard(promise)]

    def require(self, constraint: cp_model.Constraint, promise: Promise) -> None:
        """Makes a limit conditional on its promise's guard (a no-op in a normal solve)."""
        literals = self.guard(promise)
        if literals:
            constraint.only_enforce_if(literals)
