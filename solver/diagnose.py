"""Why no plan: which promises of the scenario cannot hold together.

The model is rebuilt with one enforcement literal per promise (an offer row, a phase's
rest days, the target date...; see models.plan.Promise). CP-SAT is first asked for a
subset of them sufficient for infeasibility (assumptions, one worker as core extraction
needs, a short budget); that subset, or every promise when none came in time, is then
cut to a minimal conflict by QuickXplain, each trial a solve with the promises tried
held and all others off. Minimal means: drop any one promise and the others admit a
plan. Earlier promises are preferred, so when several conflicts would do, the one named
leans on the earlier families (how fast load rises before the target) and the earlier
dimensions (working hours first).

A trial that CP-SAT cannot settle within its budget counts as having a plan: the
conflict named is then still a true conflict (checked) but is reported as not proven
minimal.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.plan import Promise
from models.scenario import Scenario
from solver.build import build_model

CORE_TIME = 0.5
"""Deterministic time for CP-SAT's own core (assumptions: fast on small models, slow on
large ones, where presolve cannot use them); without one, the search starts from all."""
TRIAL_TIME = 2.0
"""Per trial of the search; a trial not settled in it counts as 'has a plan'."""


@dataclass(frozen=True)
class Conflict:
    promises: list[Promise]
    """In build order: the families in solver.rules.FAMILIES order."""
    minimal: bool
    """False when some trial was not settled in its budget (the set may be larger than
    needed, but it still has no plan)."""

    @property
    def families(self) -> list[str]:
        return sorted({promise.family for promise in self.promises})


def find_conflict(scenario: Scenario) -> Conflict:
    """A minimal set of promises that, together, admit no plan."""
    built = build_model(scenario, diagnose=True)
    guards = built.context.guards
    order = list(guards)
    verdicts: dict[frozenset[Promise], cp_model.CpSolverStatus] = {}

    def conflicts(held: list[Promise]) -> bool:
        key = frozenset(held)
        if key not in verdicts:
            verdicts[key] = _status_with(built.model, guards, key, TRIAL_TIME)
        return verdicts[key] == cp_model.INFEASIBLE

    status, core = _core(built.model, [guards[p] for p in order])
    candidates = [p for p in order if guards[p].index in set(core)] if status == cp_model.INFEASIBLE else order
    if not conflicts(candidates):
        return Conflict(promises=[], minimal=False)  # not settled in the budget: nothing named
    found = _preferred_conflict(conflicts, candidates)
    if not conflicts(found):
        return Conflict(promises=candidates, minimal=False)
    settled = all(v in (cp_model.INFEASIBLE, cp_model.FEASIBLE, cp_model.OPTIMAL) for v in verdicts.values())
    return Conflict(promises=found, minimal=settled)


def _preferred_conflict(conflicts: Callable[[list[Promise]], bool], candidates: list[Promise]) -> list[Promise]:
    """QuickXplain (Junker, AAAI 2004): a minimal conflict among `candidates`, which
    conflict together, preferring earlier ones; about 2k log(n/k) trials for k of n."""

    def explain(background: list[Promise], added: bool, among: list[Promise]) -> list[Promise]:
        if added and conflicts(background):
            return []
        if len(among) == 1:
            return among
        first, second = among[:len(among) // 2], among[len(among) // 2:]
        from_second = explain(background + first, bool(first), second)
        return explain(background + from_second, bool(from_second), first) + from_second

    return explain([], False, candidates)


def _solver(deterministic_time: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_time
    return solver


def _core(model: cp_model.CpModel, literals: list[cp_model.IntVar]) -> tuple[cp_model.CpSolverStatus, list[int]]:
    """The status with every promise assumed and, when infeasible, the indices of a subset
    of the literals that suffices for that."""
    trial = model.clone()
    trial.clear_objective()
    trial.add_assumptions(literals)
    solver = _solver(CORE_TIME)
    status = solver.solve(trial)
    return status, list(solver.sufficient_assumptions_for_infeasibility()) if status == cp_model.INFEASIBLE else []


def _status_with(model: cp_model.CpModel, guards: dict[Promise, cp_model.IntVar], held: frozenset[Promise],
                 deterministic_time: float) -> cp_model.CpSolverStatus:
    """The status with the `held` promises on and every other one off.

    The literals are fixed rather than assumed: presolve then removes the dropped rules
    and settles most trials at once, where assumptions can take it seconds.
    """
    trial = model.clone()
    trial.clear_objective()
    for promise, literal in guards.items():
        trial.add(literal == int(promise in held))
    return _solver(deterministic_time).solve(trial)
