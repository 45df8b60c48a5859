"""Kinds of change that are one number moved step by step: a ladder of rungs, smallest first.

A longer horizon, a larger heaviest-load step, larger weekly increments and a lower full-duty
target (rtw_scheduler.target_relaxations) are each such a ladder. Alone, each is searched for
its lowest rung that admits a plan; together (rtw_scheduler.combined_relaxations), for the
lowest rungs that admit one between them, when no single change does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from models.applied import apply_policy
from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.promise_words import num, unit
from rtw_scheduler.stepping import smallest_that_works

HORIZON_EXTENSIONS = (2, 4, 6, 8, 12, 16, 20, 26)
MAX_HORIZON_WEEKS = 104
MAX_INCREMENT_PERCENT = 100
LOAD_STEP_KG = 0.5
"""The heaviest-load step is raised in half kilograms."""
RISKY_INCREMENT_PERCENT = 30
"""Weekly rises above this were linked to more injuries (../shared/domain.md): said so."""


@dataclass(frozen=True)
class Ladder:
    """One kind of change, as rungs from the smallest change to the largest."""

    rungs: list[Any]
    changes: Callable[[Any], dict[str, Any]]
    """A rung's change: dotted path -> new value, as in a variants file."""
    text: Callable[[Any], str]
    """A rung's change in words."""

    def lowest(self, works: Callable[[dict[str, Any]], bool]) -> Any | None:
        """The lowest rung whose change `works`, None when none does."""
        return smallest_that_works(self.rungs, lambda rung: works(self.changes(rung)))


def horizon_ladder(scenario: Scenario) -> Ladder:
    """More weeks of horizon, from HORIZON_EXTENSIONS."""
    horizon = scenario.policy.horizon_weeks
    return Ladder(
        [extra for extra in HORIZON_EXTENSIONS if horizon + extra <= MAX_HORIZON_WEEKS],
        lambda extra: {"policy.horizon_weeks": horizon + extra},
        lambda extra: f"set the horizon to {horizon + extra} weeks instead of {horizon} ({extra} more)")


def load_step_ladder(scenario: Scenario) -> Ladder:
    """A larger weekly step of the heaviest load, in half kilograms, up to the heaviest task's load."""
    step = scenario.policy.heaviest_load_step_kg
    heaviest = max(task.heaviest_load_kg for task in scenario.tasks)
    return Ladder(
        [n for n in range(1, 2 * int(heaviest) + 2) if step + n * LOAD_STEP_KG <= heaviest],
        lambda n: {"policy.heaviest_load_step_kg": step + n * LOAD_STEP_KG},
        lambda n: (f"let the heaviest load rise by up to {num(step + n * LOAD_STEP_KG)} kg a week instead of "
                   f"{num(step)} kg (a clinical decision: the worker's tolerance of load)"))


def increment_ladders(scenario: Scenario, conflict: list[Promise] | None) -> list[Ladder]:
    """Larger weekly percentages (allowances scaled alike): for the dimensions of the conflict, then,
    should those alone not be enough, for every dimension of the job."""
    policy, applied = scenario.policy, apply_policy(scenario)
    written = {dim: (inc.percent, inc.allowance) for dim, inc in policy.increments.items()}
    own = {dim: written.get(dim, (policy.default_increment_percent,
                                  policy.default_allowance_share_of_target * applied.target[dim]))
           for dim in applied.dimensions}
    prefix = "policy.increments."
    named = [p.path.removeprefix(prefix) for p in conflict or [] if p.path.startswith(prefix)]
    relevant = [dim for dim in applied.dimensions if applied.target.get(dim, 0) > 0 or applied.baseline.get(dim, 0) > 0]
    groups = [named, relevant] if named and set(named) != set(relevant) else [named or relevant]
    return [_increment_ladder(scenario, own, dims) for dims in groups]


def _increment_ladder(scenario: Scenario, own: dict[str, tuple[float, float]], dims: list[str]) -> Ladder:
    def changes(percent: int) -> dict[str, Any]:
        raised = {}
        for dim in dims:
            now, allowance = own[dim]
            new = max(now, percent)
            raised[f"policy.increments.{dim}"] = {
                "percent": new, "allowance": round(allowance * (new / now if now > 0 else 1.0), 2)}
        return raised

    # the current percentages admit no plan, so the rungs start one point above them
    rungs = list(range(int(min(own[dim][0] for dim in dims)) + 1, MAX_INCREMENT_PERCENT + 1))
    return Ladder(rungs, changes, lambda percent: _increments_text(scenario, own, dims, percent))


def _increments_text(scenario: Scenario, own: dict[str, tuple[float, float]], dims: list[str], percent: int) -> str:
    parts = []
    for dim in dims:
        now, allowance = own[dim]
        new = max(now, percent)
        scaled = allowance * (new / now if now > 0 else 1.0)
        per_week = unit(scenario, dim)
        parts.append(f"{dim} {num(new)} % + {num(round(scaled, 2))} {per_week} (now {num(now)} % + "
                     f"{num(allowance)} {per_week})")
    text = "allow larger weekly increments: " + "; ".join(parts)
    if apply_policy(scenario).risk_multiplier != 1:
        text += ", before the risk-factor adjustment"
    if percent > RISKY_INCREMENT_PERCENT:
        text += (f" (above {RISKY_INCREMENT_PERCENT} % a week, where injury risk was found to rise: "
                 "Nielsen 2014)")
    return text
