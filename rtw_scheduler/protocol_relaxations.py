"""What would make a plan possible when a rung of the heaviest-load protocol is in the conflict.

A protocol is usually the surgeon's, so, as for a certificate's restriction, the suggestion
is worded as theirs to make. Two changes are tried, each planned for real: a rung held fewer
weeks (the next, heavier rung comes sooner; the fewest weeks less that admit a plan), and,
for the last rung, one more rung after it at the lightest heavier load (of a task, or the
job's) that admits a plan: a protocol that stops short of the job never reaches it.
"""

import re
from typing import TYPE_CHECKING, Any

from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.promise_words import num
from rtw_scheduler.stepping import smallest_that_works

if TYPE_CHECKING:
    from rtw_scheduler.relaxations import Relaxation, _Budget

PATTERN = r"policy\.heaviest_load_protocol\[(?P<rung>\d+)\]"
_PATH = re.compile(PATTERN)


def protocol_change(scenario: Scenario, budget: "_Budget", conflict: list[Promise] | None) -> "Relaxation | None":
    """A shorter rung, or a last rung at the job's load, for the first rung of the conflict that has one."""
    rungs = scenario.policy.heaviest_load_protocol or []
    named = sorted({int(m["rung"]) for p in conflict or [] if (m := _PATH.fullmatch(p.path))})
    for index in named if conflict else range(len(rungs)):
        found = _shorter_rung(scenario, budget, index) or _heavier_last_rung(scenario, budget, index)
        if found is not None:
            return found
    return None


def _rows(scenario: Scenario) -> list[dict[str, Any]]:
    return [rung.model_dump(mode="json") for rung in scenario.policy.heaviest_load_protocol or []]


def _shorter_rung(scenario: Scenario, budget: "_Budget", index: int) -> "Relaxation | None":
    rows = _rows(scenario)
    if index == len(rows) - 1:
        return None  # the last rung lasts to the horizon: shortening it changes nothing

    def changes(fewer: int) -> dict[str, Any]:
        shorter = [dict(row) for row in rows]
        shorter[index]["min_weeks"] -= fewer
        return {"policy.heaviest_load_protocol": shorter}

    held = rows[index]["min_weeks"]
    found = smallest_that_works(list(range(1, held)), lambda fewer: budget.feasible(changes(fewer)))
    if found is None:
        return None
    return budget.planned(
        f"if the surgeon agreed, hold the protocol's rung {index + 1} ({num(rows[index]['kg'])} kg) "
        f"{held - found} week{'s' if held - found > 1 else ''} instead of {held}: a clinical decision, "
        "never the planner's", changes(found))


def _heavier_last_rung(scenario: Scenario, budget: "_Budget", index: int) -> "Relaxation | None":
    """A last rung at the lightest heavier load (of the tasks, or the job's) that admits a plan."""
    rows = _rows(scenario)
    if index != len(rows) - 1:
        return None
    last = rows[index]["kg"]
    job = scenario.policy.target.heaviest_load_kg
    loads = sorted({task.heaviest_load_kg for task in scenario.tasks} | ({job} if job else set()))
    heavier = [kg for kg in loads if kg > last]

    def changes(kg: float) -> dict[str, Any]:
        return {"policy.heaviest_load_protocol": [*rows, {"kg": kg, "min_weeks": 1}]}

    found = smallest_that_works(heavier, lambda kg: budget.feasible(changes(kg)))
    if found is None:
        return None
    return budget.planned(
        f"if the surgeon agreed, end the protocol with a {num(found)} kg rung after its {num(last)} kg one: "
        "a clinical decision, never the planner's", changes(found))
