"""Why no plan: which constraint families cannot hold together.

The model is rebuilt with one enforcement literal per family and solved with those
literals as assumptions; CP-SAT returns a subset sufficient for infeasibility, which is
then shrunk by deletion so that every family named is needed for the conflict.
"""

from ortools.sat.python import cp_model

from models.scenario import Scenario
from solver.build import build_model


def conflicting_families(scenario: Scenario) -> list[str]:
    """A minimal set of family names whose rules, together, admit no plan."""
    built = build_model(scenario, diagnose=True)
    guards = built.context.guards
    core = _core(built.model, list(guards.values()))
    by_index = {lit.index: name for name, lit in guards.items()}
    names = [by_index[i] for i in core]
    for name in list(names):
        trial = [n for n in names if n != name]
        if not _feasible_with(built.model, [guards[n] for n in trial]):
            names = trial
    return sorted(names)


def _solver() -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 20.0
    return solver


def _core(model: cp_model.CpModel, literals: list[cp_model.IntVar]) -> list[int]:
    model.clear_objective()
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = _solver()
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return [lit.index for lit in literals]
    return list(solver.sufficient_assumptions_for_infeasibility())


def _feasible_with(model: cp_model.CpModel, enforced: list[cp_model.IntVar]) -> bool:
    """True when a plan exists with only `enforced` families switched on."""
    model.clear_assumptions()
    model.add_assumptions(enforced)
    solver = _solver()
    status = solver.solve(model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
