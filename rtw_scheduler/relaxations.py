"""What would make a plan possible: the smallest changes found, each planned for real.

Given the conflict (solver.diagnose), only the kinds of change that touch it are tried:

- the target date in the conflict: move it later, by as few weeks as needed;
- the horizon in the conflict (no target date): plan over more weeks;
- an increment limit in the conflict: the smallest weekly percentage, to the whole
  percent, for the dimensions concerned (allowances scaled alike), found by bisection;
- a site offer in the conflict: more hours of those duties, as promises a site can make
  ("order-picking 3.5 h a day instead of 1 h, from week 11"): the fewest quarter-hours a
  day, raised alike, then only on the offers that need it, from the latest week that
  still works (bisections on "is there any plan at all", solver.feasibility);
- a restriction in the conflict: its period ending at an earlier review or whole weeks
  earlier (rtw_scheduler.restriction_relaxations), said to be the treating practitioner's call;
- the contracted hours or a full-duty exposure in the conflict, when no other kind plans: full
  duty at the most the plan's limits let it reach (rtw_scheduler.target_relaxations), said to
  be for people to decide.

When none of those promises is in the conflict, every kind is tried. When no single change
plans, the kinds that move one number (rtw_scheduler.ladders) are tried together
(rtw_scheduler.combined_relaxations). Each suggestion is
a set of changes in `rtw compare`'s variants format (dotted path -> value) and is planned
with the normal planner, so it has passed the independent checker; the week of full duty
it gives is the planner's. The whole is bounded by a number of solves.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from models.calendar import plan_days, week_start
from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.combined_relaxations import changes_together
from rtw_scheduler.compare import Variant, apply_changes
from rtw_scheduler.ladders import Ladder, horizon_ladder, increment_ladders, load_step_ladder
from rtw_scheduler.planning import PlanRejected, make_plan
from rtw_scheduler.promise_words import num, plan_week
from rtw_scheduler.protocol_relaxations import PATTERN as PROTOCOL_PATH
from rtw_scheduler.protocol_relaxations import protocol_change
from rtw_scheduler.restriction_relaxations import earlier_restriction_end, practitioner_lines
from rtw_scheduler.stepping import smallest_that_works
from rtw_scheduler.target_relaxations import PATTERN as TARGET_PATH
from rtw_scheduler.target_relaxations import lower_target
from rtw_scheduler.why_no_plan import offer_days
from solver.deadline import Deadline
from solver.feasibility import has_plan
from solver.solve import SolverParameters

PLAN_TIME = 1.0
"""Deterministic time per stage for each relaxation planned (short: several are tried)."""
SEARCH_TIME = 2.0
"""Deterministic time for each step of a bisection (is there any plan at all?)."""
MAX_SOLVES = 40
"""Most solves (plans, bisection steps, optimisations) of the single changes in one call to
suggest_relaxations."""
TOGETHER_SOLVES = 30
"""Most solves of the search for changes together, when no single change plans."""
SOURCE = "suggested relaxation"


@dataclass(frozen=True)
class Relaxation:
    """A change to the scenario that was planned and yields a plan."""

    description: str
    changes: dict[str, Any]
    """Dotted path -> new value, as in a variants file for `rtw compare`."""
    scenario: Scenario
    full_duty_week: int

    @property
    def full_duty_date(self) -> dt.date:
        """First day of the full-duty week."""
        return week_start(self.scenario, self.full_duty_week - 1)


def variants_yaml(relaxations: list[Relaxation]) -> str:
    """The relaxations as a variants file, to compare them side by side with `rtw compare`."""
    entries = [{"name": r.description, "changes": r.changes} for r in relaxations]
    return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=100)


def relaxation_lines(relaxations: list[Relaxation], scenario: Scenario,
                     conflict: list[Promise] | None) -> list[str]:
    """The terminal's 'What would make a plan possible'."""
    lines = ["What would make a plan possible (each suggestion planned for real):"]
    if not relaxations:
        lines += [f"  {line}" for line in none_found(scenario, conflict)]
    lines += [f"  - {r.description}: full duty in week {r.full_duty_week} (from {r.full_duty_date.isoformat()})"
              for r in relaxations]
    return lines


class _Budget:
    """Counts solves; every search draws on one budget."""

    def __init__(self, scenario: Scenario, params: SolverParameters, max_solves: int, deadline: Deadline) -> None:
        self.scenario, self.params, self.left, self.deadline = scenario, params, max_solves, deadline
        self.data = scenario.model_dump(mode="json")

    def changed(self, changes: dict[str, Any]) -> Scenario:
        return Scenario.model_validate(apply_changes(self.data, Variant(SOURCE, changes), SOURCE))

    def _spend(self) -> bool:
        """One more solve, if the count and the wall clock allow it."""
        self.left -= 1
        return self.left >= 0 and not self.deadline.expired

    def planned(self, description: str, changes: dict[str, Any]) -> Relaxation | None:
        """The relaxation if the changed scenario plans to full duty (and passes the checker)."""
        if not self._spend():
            return None
        changed = self.changed(changes)
        try:
            plan = make_plan(changed, self.params, name_conflict=False, deadline=self.deadline.part()).plan
        except PlanRejected:
            return None
        if plan.full_duty_week is None:
            return None
        return Relaxation(description, changes, changed, plan.full_duty_week)

    def feasible(self, changes: dict[str, Any]) -> bool:
        return self._spend() and has_plan(self.changed(changes), SEARCH_TIME, self.params.random_seed,
                                          self.deadline.left_s())

    def lowest(self, ladder: Ladder) -> Relaxation | None:
        """The relaxation at the lowest rung of `ladder` that admits a plan, if one does."""
        rung = ladder.lowest(self.feasible)
        return None if rung is None else self.planned(ladder.text(rung), ladder.changes(rung))

    def first(self, candidates: Iterator[tuple[str, dict[str, Any]]]) -> Relaxation | None:
        for description, changes in candidates:
            if self.left <= 0 or self.deadline.expired:
                return None
            found = self.planned(description, changes)
            if found is not None:
                return found
        return None


Search = Callable[[Scenario, _Budget, list[Promise] | None], Relaxation | None]


@dataclass(frozen=True)
class Kind:
    """One kind of change the suggestions try, and the conflicting promises it can relax."""

    label: str
    relaxes: Callable[[str], bool]
    """True for a promise path this kind changes."""
    search: Search
    last_resort: bool = False
    """Tried only when no other kind gives a plan."""


def kinds_to_try(scenario: Scenario, conflict: list[Promise] | None) -> list[Kind]:
    """The kinds that change a promise of `conflict`; without one, the usual three."""
    paths = [promise.path for promise in conflict or []]
    chosen = [kind for kind in KINDS if any(kind.relaxes(path) for path in paths)]
    if chosen:
        return chosen
    first = KINDS[0] if scenario.policy.target.latest_date else KINDS[1]
    return [first, *KINDS[2:]]


def none_found(scenario: Scenario, conflict: list[Promise] | None) -> list[str]:
    """Why no suggestion: what was tried, and the promises of the conflict no suggestion changes
    (those are for the clinician, the supervisor and the worker to settle)."""
    tried = ", ".join(kind.label for kind in kinds_to_try(scenario, conflict))
    lines = [f"nothing found: tried {tried}, each on its own and, where two or more could help, together; "
             "none gave a plan"]
    untouched = [p for p in conflict or [] if not any(kind.relaxes(p.path) for kind in KINDS)]
    if untouched:
        names = "; ".join(dict.fromkeys(p.path for p in untouched))
        lines.append(f"no suggestion changes these promises of the conflict, which only you can: {names}")
    return lines + practitioner_lines(conflict)


def suggest_relaxations(scenario: Scenario, params: SolverParameters | None = None,
                        conflict: list[Promise] | None = None, max_solves: int = MAX_SOLVES,
                        deadline: Deadline | None = None) -> list[Relaxation]:
    """Relaxations that really yield a plan, the smallest found of each kind that touches `conflict`,
    as many as `max_solves` and `deadline` (none: no wall-clock limit) allow."""
    base = params or SolverParameters()
    budget = _Budget(scenario, SolverParameters(
        num_workers=base.num_workers, random_seed=base.random_seed,
        deterministic_time_per_stage=min(PLAN_TIME, base.deterministic_time_per_stage)), max_solves,
        deadline or Deadline.unlimited())
    kinds = kinds_to_try(scenario, conflict)
    found = _found(scenario, budget, conflict, [kind for kind in kinds if not kind.last_resort])
    if not found:
        found = _found(scenario, budget, conflict, [kind for kind in kinds if kind.last_resort])
    if not found:
        budget.left = max(budget.left, 0) + TOGETHER_SOLVES
        together = changes_together(scenario, budget, conflict)
        found = [together] if together is not None else []
    return found


def _found(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None, kinds: list[Kind]) -> list[Relaxation]:
    return [relaxation for kind in kinds if (relaxation := kind.search(scenario, budget, conflict)) is not None]


# --- the target date and the horizon ------------------------------------------------------


def _later_date(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    latest = scenario.policy.target.latest_date
    if latest is None:
        return None
    dropped = {"policy.target.latest_date": None}
    without = budget.planned(f"drop the latest date for full duty ({latest.isoformat()}, "
                             f"week {plan_week(scenario, latest)})", dropped)
    if without is None:
        return None
    latest_week = plan_week(scenario, latest)

    def later() -> Iterator[tuple[str, dict[str, Any]]]:
        # the planner brings full duty as early as it can, so without the date it comes in
        # `without.full_duty_week`: that extension is tried first, then week by week later
        last = scenario.horizon_weeks - latest_week
        for extra in range(max(1, without.full_duty_week - latest_week), last + 1):
            day = latest + dt.timedelta(days=7 * extra)
            yield (f"move the latest date for full duty {extra} week{'s' if extra > 1 else ''} later, "
                   f"from {latest.isoformat()} (week {latest_week}) to {day.isoformat()} (week {latest_week + extra})",
                   {"policy.target.latest_date": day.isoformat()})

    return budget.first(later()) or without


def _longer_horizon(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    """The fewest more weeks (from HORIZON_EXTENSIONS) that admit a plan, found by bisection."""
    return budget.lowest(horizon_ladder(scenario))


def _larger_load_step(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    """The smallest larger weekly step of the heaviest load, in half kilograms, that admits a plan."""
    return budget.lowest(load_step_ladder(scenario))


# --- increments ---------------------------------------------------------------------------


def _larger_increments(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    """The smallest whole percentage, for the dimensions in the conflict, that admits a plan.

    If raising those alone (to 100 %) is not enough, every dimension of the job is raised.
    """
    for ladder in increment_ladders(scenario, conflict):
        found = budget.lowest(ladder)
        if found is not None:
            return found
    return None


# --- task-hours ---------------------------------------------------------------------------


def _more_task_hours(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    """More hours of the duties in the conflict, as promises a site can make.

    The offer rows in the conflict (every row when none is), and the duties offered
    nowhere else, never the warm-up's (it needs no offer, so more of it helps nothing), are
    raised alike by the fewest quarter-hours a day that admit a plan (galloping and
    bisection); then each is left as it was if the others suffice; then the raise starts
    from the latest week that still admits a plan. A raised row is added as a copy from that
    week on, so the weeks before keep today's offers.
    """
    rows = scenario.model_dump(mode="json")["availability"]["offers"]
    warm_ups = {task.id for task in scenario.tasks if task.warm_up}  # need no offer: never offer more
    named = [int(m["offer"]) for p in conflict or [] if (m := _OFFER_ROW.fullmatch(p.path))]
    named = [row for row in named if rows[row]["task_id"] not in warm_ups]
    unoffered = [p.subject for p in conflict or []
                 if p.path == "availability.offers" and p.subject and p.subject not in warm_ups]
    if not named and not unoffered:
        named = [row for row, offer in enumerate(rows) if offer["task_id"] not in warm_ups]
    members: list[int | str] = [*named, *unoffered]
    if not members:
        return None
    slot_hours = scenario.policy.slot_minutes / 60
    horizon = scenario.horizon_weeks

    def changes(raised: list[int | str], extra: int, first_week: int) -> dict[str, Any]:
        start = week_start(scenario, first_week).isoformat()
        added = []
        for member in raised:
            if isinstance(member, str):
                added.append({"task_id": member, "hours_per_day": extra * slot_hours, "from_date": start})
                continue
            row = {**rows[member], "hours_per_day": min(24.0, rows[member]["hours_per_day"] + extra * slot_hours)}
            row["from_date"] = max(row.get("from_date") or start, start)
            if row.get("until_date") is None or row["until_date"] >= row["from_date"]:
                added.append(row)
        return {"availability.offers": rows + added}

    most = round(scenario.policy.phases[-1].daily_hours_cap * 60) // scenario.policy.slot_minutes
    extra = smallest_that_works(list(range(1, most + 1)), lambda k: budget.feasible(changes(members, k, 0)))
    if extra is None:
        return None
    for member in reversed(list(members)):
        trial = [m for m in members if m != member]
        if trial and budget.feasible(changes(trial, extra, 0)):
            members = trial
    back = smallest_that_works(list(range(horizon)),  # weeks back from the last: from week 1 it works
                               lambda back: budget.feasible(changes(members, extra, horizon - 1 - back)))
    first_week = 0 if back is None else horizon - 1 - back
    chosen = changes(members, extra, first_week)
    return budget.planned(_task_hours_text(scenario, budget.changed(chosen), members, extra, first_week), chosen)


_OFFER_ROW = re.compile(r"availability\.offers\[(?P<offer>\d+)\]")


def _task_hours_text(scenario: Scenario, changed: Scenario, members: list[int | str], extra: int,
                     first_week: int) -> str:
    hours = extra * scenario.policy.slot_minutes / 60
    parts = []
    for member in members:
        if isinstance(member, str):
            parts.append(f"{member} {num(hours)} h a day on its other shifts too")
        else:
            offer = scenario.availability.offers[member]
            parts.append(f"{offer.task_id} {num(min(24.0, offer.hours_per_day + hours))} h a day instead of "
                         f"{num(offer.hours_per_day)} h on {offer_days(offer)} "
                         f"(availability.offers[{member}])")
    before, after = scenario.availability, changed.availability
    offered = sum(min(after.hours_offered(t.id, d.date, d.shift.kind), d.free_minutes / 60)
                  - min(before.hours_offered(t.id, d.date, d.shift.kind), d.free_minutes / 60)
                  for d in plan_days(scenario) if d.shift for t in scenario.tasks)
    start = week_start(scenario, first_week)
    return (f"offer more of the duties: {'; '.join(parts)}, from week {first_week + 1} ({start.isoformat()}): "
            f"{num(round(offered, 2))} task-hours more offered in all")


KINDS = [
    Kind("a later latest date", lambda path: path == "policy.target.latest_date", _later_date),
    Kind("a longer horizon", lambda path: path == "policy.horizon_weeks", _longer_horizon),
    Kind("larger weekly increments", lambda path: path.startswith("policy.increments."), _larger_increments),
    Kind("more task-hours offered", lambda path: path.startswith("availability.offers"), _more_task_hours),
    Kind("a larger heaviest-load step", lambda path: path == "policy.heaviest_load_step_kg", _larger_load_step),
    Kind("a shorter or heavier load-protocol rung", lambda path: re.fullmatch(PROTOCOL_PATH, path) is not None,
         protocol_change),
    Kind("an earlier end of a restriction (at a review)", lambda path: path.startswith("restrictions["),
         earlier_restriction_end),
    Kind("a full-duty target the plan can reach", lambda path: re.fullmatch(TARGET_PATH, path) is not None,
         lower_target, last_resort=True),
]
"""The kinds of change tried, in this order."""
