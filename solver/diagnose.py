"""Why no plan: which promises of the scenario cannot hold together.

The model is rebuilt with one enforcement literal per promise (an offer row, a phase's
rest days, the target date...; see models.plan.Promise), and QuickXplain cuts the set of
all promises to a minimal conflict, each trial a solve with the promises tried held and
every other one off. Minimal means: drop any one promise and the others admit a plan.
Earlier promises are preferred, so when several conflicts would do, the one named leans
on the earlier families (how fast load rises before the target) and the earlier
dimensions (working hours first).

Why not CP-SAT's own core (the literals as assumptions, then
`sufficient_assumptions_for_infeasibility`): presolve cannot use assumed literals, and
on a 14-week warehouse scenario with 51 promises it found no core in 10 deterministic
seconds (31 s of wall time), while each fixed trial settles in about 0.25 s (28 trials
in all). On the small fixtures both take well under a second.

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
from solver.cpsat import cp_solver
from solver.deadline import Deadline

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


def find_conflict(scenario: Scenario, deadline: Deadline | None = None) -> Conflict:
    """A minimal set of promises that, together, admit no plan; trials left when `deadline`
    has passed count as unsettled (the conflict is then not proven minimal)."""
    deadline = deadline or Deadline.unlimited()
    built = build_model(scenario, diagnose=True)
    guards = built.context.guards
    order = list(guards)
    verdicts: dict[frozenset[Promise], cp_model.CpSolverStatus] = {}

    def conflicts(held: list[Promise]) -> bool:
        key = frozenset(held)
        if key not in verdicts:
            verdicts[key] = (cp_model.UNKNOWN if deadline.expired
                             else _status_with(built.model, guards, key, TRIAL_TIME, deadline.left_s()))
        return verdicts[key] == cp_model.INFEASIBLE

    if not conflicts(order):
        return Conflict(promises=[], minimal=False)  # not settled in the budget: nothing named
    found = _preferred_conflict(conflicts, order)
    if not conflicts(found):
        return Conflict(promises=order, minimal=False)
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


def _status_with(model: cp_model.CpModel, guards: dict[Promise, cp_model.IntVar], held: frozenset[Promise],
                 deterministic_time: float, wall_time_s: float) -> cp_model.CpSolverStatus:
    """The status with the `held` promises on and every other one off.

    The literals are fixed rather than assumed: presolve then removes the dropped rules
    and settles most trials at once, where assumptions can take it seconds.
    """
    trial = model.clone()
    trial.clear_objective()
    for promise, literal in guards.items():
        trial.add(literal == int(promise in held))
    return cp_solver(deterministic_time, wall_time_s=wall_time_s).solve(trial)
