"""Why no plan: which constraint families cannot hold together.

The model is rebuilt with one enforcement literal per family and solved with those
literals as assumptions; CP-SAT returns a subset sufficient for infeasibility, which is
then shrunk by deletion so that every family named is needed for the conflict (a
deletion trial that CP-SAT cannot settle within its budget keeps the family, so on very
large models the set may be larger than minimal, never wrong).
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


CORE_TIME = 10.0
"""Deterministic time for the first conflict; one worker, as core extraction needs."""
SHRINK_TIME = 2.0
"""Per family dropped while shrinking; a trial that is not settled keeps the family."""


def _solver(deterministic_time: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_time
    return solver


def _core(model: cp_model.CpModel, literals: list[cp_model.IntVar]) -> list[int]:
    model.clear_objective()
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = _solver(CORE_TIME)
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return [lit.index for lit in literals]
    return list(solver.sufficient_assumptions_for_infeasibility())


def _feasible_with(model: cp_model.CpModel, enforced: list[cp_model.IntVar]) -> bool:
    """True unless the `enforced` families are proven to conflict on their own."""
    model.clear_assumptions()
    model.add_assumptions(enforced)
    solver = _solver(SHRINK_TIME)
    return solver.solve(model) != cp_model.INFEASIBLE
