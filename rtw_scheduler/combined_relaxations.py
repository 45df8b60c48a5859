"""Changes together, when no single change gives a plan.

A scenario often conflicts in two independent ways at once (the roster cannot hold the
contracted hours, and the horizon is too short for the climb): then no change on its own
plans, however large. The ladders (rtw_scheduler.ladders) of the conflict's kinds are set
to their top rungs together; if even that has no plan, there is none of this sort. Else
each is brought down in turn to its lowest rung (or left out) that still plans with the
others where they stand: the riskiest first (increments, then the heaviest-load step), so
that it ends smallest, then the full-duty target, then the horizon, the cheapest to give.
"""

import re
from typing import TYPE_CHECKING, Any

from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.ladders import Ladder, horizon_ladder, increment_ladders, load_step_ladder
from rtw_scheduler.stepping import smallest_that_works
from rtw_scheduler.target_relaxations import PATTERN as TARGET_PATH
from rtw_scheduler.target_relaxations import target_ladder, target_members

if TYPE_CHECKING:
    from rtw_scheduler.relaxations import Relaxation, _Budget

LEFT_OUT = -1
"""A ladder's rung index meaning: this change is not made."""


def changes_together(scenario: Scenario, budget: "_Budget", conflict: list[Promise] | None) -> "Relaxation | None":
    """The lowest rungs of the conflict's ladders that plan together, when at least two are needed."""
    ladders = [ladder for ladder in _ladders(scenario, conflict) if ladder.rungs]
    if len(ladders) < 2:
        return None
    picks = [len(ladder.rungs) - 1 for ladder in ladders]
    if not budget.feasible(_changes(ladders, picks)):
        return None
    for index in range(len(ladders)):
        def works(pick: int, index: int = index) -> bool:
            return budget.feasible(_changes(ladders, [*picks[:index], pick, *picks[index + 1:]]))

        lowest = smallest_that_works(list(range(LEFT_OUT, picks[index] + 1)), works)
        picks[index] = picks[index] if lowest is None else lowest
    made = [(ladder, ladder.rungs[pick]) for ladder, pick in zip(ladders, picks, strict=True) if pick != LEFT_OUT]
    if len(made) < 2:
        return None  # one change alone plans: that kind's own search says so
    return budget.planned("together: " + "; and ".join(ladder.text(rung) for ladder, rung in made),
                          _changes(ladders, picks))


def _ladders(scenario: Scenario, conflict: list[Promise] | None) -> list[Ladder]:
    """The ladders whose kind changes a promise of the conflict, riskiest first."""
    paths = [promise.path for promise in conflict or []]
    found: list[Ladder] = []
    if any(path.startswith("policy.increments.") for path in paths):
        found.append(increment_ladders(scenario, conflict)[-1])
    if "policy.heaviest_load_step_kg" in paths:
        found.append(load_step_ladder(scenario))
    if any(re.fullmatch(TARGET_PATH, path) for path in paths):
        found.append(target_ladder(scenario, target_members(scenario, None)))  # the job's mix kept
    if "policy.horizon_weeks" in paths:
        found.append(horizon_ladder(scenario))
    return found


def _changes(ladders: list[Ladder], picks: list[int]) -> dict[str, Any]:
    made: dict[str, Any] = {}
    for ladder, pick in zip(ladders, picks, strict=True):
        if pick != LEFT_OUT:
            made.update(ladder.changes(ladder.rungs[pick]))
    return made
