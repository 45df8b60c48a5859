"""What would make a plan possible when the full-duty target itself is in the conflict.

Full duty is the contracted hours and the job's weekly exposure. When the roster cannot
hold those hours (rest days, warm-ups and breaks taken out), or the duties offered cannot
reach the job's exposure within the limits, no horizon and no increment helps: only a
full-duty target the plan can reach does. That is a decision for people (for the hours, the
employer, the worker and HR: reduced hours or another roster; for the exposure, the
clinician and the employer: the job as modified), so the suggestion is worded as theirs,
and it is tried only when no other kind gives a plan.

The targets in the conflict are lowered alike, by the fewest whole percent that admit a
plan (every target, should those alone not be enough); then each is left as it was if the
others suffice. Hours move in whole planning
slots, exposures in whole units.
"""

import math
import re
from typing import TYPE_CHECKING, Any

from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.ladders import Ladder
from rtw_scheduler.promise_words import num, unit

if TYPE_CHECKING:
    from rtw_scheduler.relaxations import Relaxation, _Budget

HOURS_PATH = "worker.contracted_hours_per_week"
EXPOSURE_PATTERN = r"policy\.target\.weekly_exposure\.(?P<dimension>\w+)"
PATTERN = rf"{re.escape(HOURS_PATH)}|{EXPOSURE_PATTERN}"
MAX_CUT_PERCENT = 50
"""The most a target is lowered: below half the job, a plan would not be a return to it at all."""


def lower_target(scenario: Scenario, budget: "_Budget", conflict: list[Promise] | None) -> "Relaxation | None":
    """The full-duty targets of the conflict lowered alike by the fewest whole percent that admit a
    plan (should those alone not be enough, every target: the job's mix kept), then only those
    that need it."""
    targets = _targets(scenario)
    named, every = target_members(scenario, conflict), list(targets)
    for members in ([named, every] if set(named) != set(every) else [every]):
        cut = target_ladder(scenario, members).lowest(budget.feasible)
        if cut is None:
            continue
        for path in reversed(list(members)):
            trial = [m for m in members if m != path]
            if trial and budget.feasible(target_ladder(scenario, trial).changes(cut)):
                members = trial
        chosen = target_ladder(scenario, members).changes(cut)
        return budget.planned(_text(scenario, targets, chosen), chosen)
    return None


def target_members(scenario: Scenario, conflict: list[Promise] | None) -> list[str]:
    """The paths of the full-duty targets in the conflict; every written one without them."""
    targets = _targets(scenario)
    named = [path for path in dict.fromkeys(p.path for p in conflict or []) if path in targets]
    return named or list(targets)


def target_ladder(scenario: Scenario, members: list[str]) -> Ladder:
    """The targets at `members` lowered alike, by 1 to MAX_CUT_PERCENT percent."""
    targets = _targets(scenario)

    def changes(cut: int) -> dict[str, Any]:
        return {path: _lowered(scenario, path, targets[path], cut) for path in members}

    return Ladder(list(range(1, MAX_CUT_PERCENT + 1)), changes, lambda cut: _text(scenario, targets, changes(cut)))


def _targets(scenario: Scenario) -> dict[str, float]:
    """Every written full-duty target by its path: the contracted hours and the job's exposures."""
    targets = {HOURS_PATH: float(scenario.worker.contracted_hours_per_week)}
    for dimension, value in scenario.policy.target.weekly_exposure.items():
        if value > 0:
            targets[f"policy.target.weekly_exposure.{dimension}"] = float(value)
    return targets


def _lowered(scenario: Scenario, path: str, value: float, cut: int) -> float:
    """`value` less `cut` percent: hours down to a whole slot, exposures to a whole unit (never 0)."""
    share = value * (100 - cut) / 100
    if path == HOURS_PATH:
        slot_hours = scenario.policy.slot_minutes / 60
        return max(slot_hours, math.floor(share / slot_hours) * slot_hours)
    return float(max(1, math.floor(share)))


def _text(scenario: Scenario, targets: dict[str, float], chosen: dict[str, Any]) -> str:
    parts = []
    decided_by = []
    for path, new in chosen.items():
        if path == HOURS_PATH:
            parts.append(f"full duty at {num(new)} h a week instead of the contracted {num(targets[path])} h")
            decided_by.append("the employer's, the worker's and HR's (reduced hours or another roster)")
        else:
            match = re.fullmatch(EXPOSURE_PATTERN, path)
            dimension = match["dimension"] if match else path
            per_week = unit(scenario, dimension)
            parts.append(f"a full-duty {dimension} target of {num(new)} {per_week} a week instead of "
                         f"{num(targets[path])} {per_week}")
            decided_by.append("the clinician's and the employer's (the job as modified)")
    return (f"{'; '.join(parts)}: the most the plan's limits let it reach, a decision for people, "
            f"{' and '.join(dict.fromkeys(decided_by))}, never the planner's")
