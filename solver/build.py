"""Builds the CP-SAT model from the scenario: variables, definitions, then each family."""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy, apply_policy
from models.calendar import PlanDay, plan_days
from models.scenario import Scenario
from solver.context import BuildContext
from solver.rules import FAMILIES
from solver.rules.definitions import link_derived_variables
from solver.variables import PlanVariables, create_variables


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    vars: PlanVariables
    context: BuildContext
    applied: AppliedPolicy
    days: list[PlanDay]


def build_model(scenario: Scenario, *, diagnose: bool = False) -> BuiltModel:
    """The whole model; with `diagnose`, every promise sits behind its own guard literal."""
    model = cp_model.CpModel()
    applied = apply_policy(scenario)
    days = plan_days(scenario)
    unrestricted = _without_closures_and_appointments(scenario) if diagnose else None
    variables = create_variables(model, scenario, days, unrestricted_days=unrestricted)
    ctx = BuildContext(scenario, applied, variables.days, model, variables, diagnose=diagnose)
    link_derived_variables(ctx)
    for rule in FAMILIES.values():
        rule(ctx)
    return BuiltModel(model, variables, ctx, applied, days)


def _without_closures_and_appointments(scenario: Scenario) -> list[PlanDay]:
    """The roster's days as if the site never closed and no appointment took time."""
    open_site = scenario.availability.model_copy(update={"blackouts": [], "appointments": []})
    return plan_days(scenario.model_copy(update={"availability": open_site}))
