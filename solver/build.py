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
    """The whole model; with `diagnose`, every family sits behind its own guard literal."""
    model = cp_model.CpModel()
    applied = apply_policy(scenario)
    days = plan_days(scenario)
    variables = create_variables(model, scenario, days, fix_phases=not diagnose)
    ctx = BuildContext(scenario, applied, days, model, variables, diagnose=diagnose)
    link_derived_variables(ctx)
    for rule in FAMILIES.values():
        rule(ctx)
    return BuiltModel(model, variables, ctx, applied, days)
