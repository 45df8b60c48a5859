"""What every rule function receives: the scenario, the model, its variables, and guards.

A guard is the enforcement literal of one constraint family. In a normal solve there are
none and every rule is unconditional; when a scenario is infeasible the model is built
again with one literal per family, so that CP-SAT can name the families that conflict.
"""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy
from models.calendar import PlanDay
from models.scenario import Scenario
from solver.variables import PlanVariables


@dataclass
class BuildContext:
    scenario: Scenario
    applied: AppliedPolicy
    days: list[PlanDay]
    model: cp_model.CpModel
    vars: PlanVariables
    diagnose: bool = False
    guards: dict[str, cp_model.IntVar] = field(default_factory=dict)

    def guard(self, family: str) -> list[cp_model.IntVar]:
        """Enforcement literals for a family's limits: none unless diagnosing."""
        if not self.diagnose:
            return []
        if family not in self.guards:
            self.guards[family] = self.model.new_bool_var(f"enforce_{family}")
        return [self.guards[family]]

    def when_in_phase(self, phase: int, week: int, family: str) -> list[cp_model.IntVar] | None:
        """Enforcement literals for 'week is in phase' plus the family guard; None if it cannot be."""
        literal = self.vars.phase_is[phase, week]
        if isinstance(literal, int):
            return None if literal == 0 else self.guard(family)
        return [literal, *self.guard(family)]

    def require(self, constraint: cp_model.Constraint, family: str) -> None:
        """Makes a limit conditional on its family's guard (a no-op in a normal solve)."""
        literals = self.guard(family)
        if literals:
            constraint.only_enforce_if(literals)
