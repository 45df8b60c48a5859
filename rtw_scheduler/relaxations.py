"""What would make a plan possible: the smallest changes found, each planned for real.

Given the conflict (solver.diagnose), only the kinds of change that touch it are tried:

- the target date in the conflict: move it later, by as few weeks as needed;
- the horizon in the conflict (no target date): plan over more weeks;
- an increment limit in the conflict: the smallest weekly percentage, to the whole
  percent, for the dimensions concerned (allowances scaled alike), found by bisection;
- a site offer in the conflict: the fewest extra task-hours, day by day, found in one
  optimisation with every other promise held (solver.relax), written as dated offers.

When none of those promises is in the conflict, every kind is tried. Each suggestion is
a set of changes in `rtw compare`'s variants format (dotted path -> value) and is planned
with the normal planner, so it has passed the independent checker; the week of full duty
it gives is the planner's. The whole is bounded by a number of solves.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from models.applied import apply_policy
from models.calendar import plan_days, week_start
from models.plan import Promise
from models.scenario import Scenario
from models.shifts import Weekday
from rtw_scheduler.compare import Variant, apply_changes
from rtw_scheduler.planning import PlanRejected, make_plan
from rtw_scheduler.why_no_plan import num, plan_week, unit
from solver.relax import has_plan, least_extra_task_slots
from solver.solve import SolverParameters

PLAN_TIME = 1.0
"""Deterministic time per stage for each relaxation planned (short: several are tried)."""
SEARCH_TIME = 2.0
"""Deterministic time for each step of a bisection (is there any plan at all?)."""
EXTRA_HOURS_TIME = 10.0
"""Deterministic time for the fewest extra task-hours."""
MAX_SOLVES = 24
"""Most solves (plans, bisection steps, optimisations) in one call to suggest_relaxations."""
HORIZON_EXTENSIONS = (2, 4, 6, 8, 12, 16, 20, 26)
MAX_HORIZON_WEEKS = 104
MAX_INCREMENT_PERCENT = 100
RISKY_INCREMENT_PERCENT = 30
"""Weekly rises above this were linked to more injuries (../shared/domain.md): said so."""
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


def relaxation_lines(relaxations: list[Relaxation]) -> list[str]:
    """The terminal's 'What would make a plan possible'."""
    lines = ["What would make a plan possible (each change planned for real, one at a time):"]
    if not relaxations:
        lines.append("  nothing found among a later date or longer horizon, larger increments and more task-hours")
    lines += [f"  - {r.description}: full duty in week {r.full_duty_week} (from {r.full_duty_date.isoformat()})"
              for r in relaxations]
    return lines


class _Budget:
    """Counts solves; every search draws on one budget."""

    def __init__(self, scenario: Scenario, params: SolverParameters, max_solves: int) -> None:
        self.scenario, self.params, self.left = scenario, params, max_solves
        self.data = scenario.model_dump(mode="json")

    def changed(self, changes: dict[str, Any]) -> Scenario:
        return Scenario.model_validate(apply_changes(self.data, Variant(SOURCE, changes), SOURCE))

    def _spend(self) -> bool:
        self.left -= 1
        return self.left >= 0

    def planned(self, description: str, changes: dict[str, Any]) -> Relaxation | None:
        """The relaxation if the changed scenario plans to full duty (and passes the checker)."""
        if not self._spend():
            return None
        changed = self.changed(changes)
        try:
            plan = make_plan(changed, self.params, name_conflict=False).plan
        except PlanRejected:
            return None
        if plan.full_duty_week is None:
            return None
        return Relaxation(description, changes, changed, plan.full_duty_week)

    def feasible(self, changes: dict[str, Any]) -> bool:
        return self._spend() and has_plan(self.changed(changes), SEARCH_TIME, self.params.random_seed)

    def extra_task_slots(self) -> dict[tuple[str, int], int] | None:
        if not self._spend():
            return None
        return least_extra_task_slots(self.scenario, EXTRA_HOURS_TIME, self.params.random_seed)

    def first(self, candidates: Iterator[tuple[str, dict[str, Any]]]) -> Relaxation | None:
        for description, changes in candidates:
            if self.left <= 0:
                return None
            found = self.planned(description, changes)
            if found is not None:
                return found
        return None


Kind = Callable[[Scenario, _Budget, list[Promise] | None], Relaxation | None]


def suggest_relaxations(scenario: Scenario, params: SolverParameters | None = None,
                        conflict: list[Promise] | None = None, max_solves: int = MAX_SOLVES) -> list[Relaxation]:
    """Relaxations that really yield a plan, the smallest found of each kind that touches `conflict`."""
    base = params or SolverParameters()
    budget = _Budget(scenario, SolverParameters(
        num_workers=base.num_workers, random_seed=base.random_seed,
        deterministic_time_per_stage=min(PLAN_TIME, base.deterministic_time_per_stage)), max_solves)
    paths = [promise.path for promise in conflict or []]
    kinds: list[tuple[Callable[[str], bool], Kind]] = [
        (lambda path: path == "policy.target.latest_date", _later_date),
        (lambda path: path == "policy.horizon_weeks", _longer_horizon),
        (lambda path: path.startswith("policy.increments."), _larger_increments),
        (lambda path: path.startswith("availability.offers"), _more_task_hours),
    ]
    chosen = [kind for touches, kind in kinds if any(touches(path) for path in paths)]
    if not chosen:
        chosen = [_later_date if scenario.policy.target.latest_date else _longer_horizon,
                  _larger_increments, _more_task_hours]
    found = [kind(scenario, budget, conflict) for kind in chosen]
    return [relaxation for relaxation in found if relaxation is not None]


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
        last = scenario.policy.horizon_weeks - latest_week
        for extra in range(max(1, without.full_duty_week - latest_week), last + 1):
            day = latest + dt.timedelta(days=7 * extra)
            yield (f"move the latest date for full duty {extra} week{'s' if extra > 1 else ''} later, "
                   f"from {latest.isoformat()} (week {latest_week}) to {day.isoformat()} (week {latest_week + extra})",
                   {"policy.target.latest_date": day.isoformat()})

    return budget.first(later()) or without


def _longer_horizon(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    """The fewest more weeks (from HORIZON_EXTENSIONS) that admit a plan, found by bisection."""
    horizon = scenario.policy.horizon_weeks
    extensions = [extra for extra in HORIZON_EXTENSIONS if horizon + extra <= MAX_HORIZON_WEEKS]

    def changes(extra: int) -> dict[str, Any]:
        return {"policy.horizon_weeks": horizon + extra}

    found = smallest_that_works(extensions, lambda extra: budget.feasible(changes(extra)))
    if found is None:
        return None
    return budget.planned(f"plan over {horizon + found} weeks instead of {horizon} ({found} more)", changes(found))


def smallest_that_works(steps: list[int], works: Callable[[int], bool]) -> int | None:
    """The smallest of ascending `steps` that works, None when none does.

    Galloping, then bisection: steps 1, 2, 4, 8... from the start are tried until one
    works, then the gap below it is halved. The change needed is usually small, so this
    takes few trials there, and at most about twice the logarithm of the steps anyway.
    """
    below, probe = -1, 0
    while probe < len(steps) and not works(steps[probe]):
        below, probe = probe, 2 * probe + 1
    if probe >= len(steps):
        if below == len(steps) - 1 or not works(steps[-1]):
            return None
        probe = len(steps) - 1
    while probe - below > 1:
        middle = (below + probe) // 2
        if works(steps[middle]):
            probe = middle
        else:
            below = middle
    return steps[probe]


# --- increments ---------------------------------------------------------------------------


def _larger_increments(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    """The smallest whole percentage, for the dimensions in the conflict, that admits a plan.

    If raising those alone (to 100 %) is not enough, every dimension of the job is raised.
    """
    policy, applied = scenario.policy, apply_policy(scenario)
    written = {dim: (inc.percent, inc.allowance) for dim, inc in policy.increments.items()}
    own = {dim: written.get(dim, (policy.default_increment_percent,
                                  policy.default_allowance_share_of_target * applied.target[dim]))
           for dim in applied.dimensions}
    prefix = "policy.increments."
    named = [p.path.removeprefix(prefix) for p in conflict or [] if p.path.startswith(prefix)]
    relevant = [dim for dim in applied.dimensions if applied.target.get(dim, 0) > 0 or applied.baseline.get(dim, 0) > 0]

    def changes(dims: list[str], percent: int) -> dict[str, Any]:
        raised = {}
        for dim in dims:
            now, allowance = own[dim]
            new = max(now, percent)
            raised[f"policy.increments.{dim}"] = {
                "percent": new, "allowance": round(allowance * (new / now if now > 0 else 1.0), 2)}
        return raised

    for dims in ([named, relevant] if named and set(named) != set(relevant) else [named or relevant]):
        # the current percentages admit no plan, so the search starts one point above them
        percents = list(range(int(min(own[dim][0] for dim in dims)) + 1, MAX_INCREMENT_PERCENT + 1))
        def works(percent: int, dims: list[str] = dims) -> bool:
            return budget.feasible(changes(dims, percent))

        found = smallest_that_works(percents, works)
        if found is not None:
            return budget.planned(_increments_text(scenario, own, dims, found), changes(dims, found))
    return None


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


# --- task-hours ---------------------------------------------------------------------------


def _more_task_hours(scenario: Scenario, budget: _Budget, conflict: list[Promise] | None) -> Relaxation | None:
    extra = budget.extra_task_slots()
    if not extra:
        return None
    rows, parts = _extra_offers(scenario, extra)
    total = sum(extra.values()) * scenario.policy.slot_minutes / 60
    offers = scenario.model_dump(mode="json")["availability"]["offers"] + rows
    description = f"offer {num(total)} task-hours more in all: " + "; ".join(parts)
    return budget.planned(description, {"availability.offers": offers})


def _extra_offers(scenario: Scenario, extra: dict[tuple[str, int], int]) -> tuple[list[dict[str, Any]], list[str]]:
    """Offer rows giving exactly the extra slots (one row per task, hours and run of alike
    weeks), and a phrase for each."""
    days = plan_days(scenario)
    slot_hours = scenario.policy.slot_minutes / 60
    grouped: dict[tuple[str, float, float], dict[int, set[Weekday]]] = {}
    for (task_id, index), slots in sorted(extra.items()):
        day = days[index]
        assert day.shift is not None
        before = scenario.availability.hours_offered(task_id, day.date, day.shift.kind)
        key = (task_id, before, before + slots * slot_hours)
        grouped.setdefault(key, {}).setdefault(day.week, set()).add(Weekday.of(day.date))
    rows, parts = [], []
    for (task_id, before, after), weeks in grouped.items():
        for first, last, weekdays in _runs_of_alike_weeks(weeks):
            ordered = [d for d in Weekday if d in weekdays]
            rows.append({"task_id": task_id, "weekdays": [d.value for d in ordered], "hours_per_day": after,
                         "from_date": week_start(scenario, first).isoformat(),
                         "until_date": (week_start(scenario, last) + dt.timedelta(days=6)).isoformat()})
            span = f"week {first + 1}" if first == last else f"weeks {first + 1}-{last + 1}"
            parts.append(f"{task_id} {num(after)} h a day instead of {num(before)} h on "
                         f"{', '.join(d.value.title() for d in ordered)} of {span}")
    return rows, parts


def _runs_of_alike_weeks(weeks: dict[int, set[Weekday]]) -> list[tuple[int, int, set[Weekday]]]:
    """Consecutive weeks with the same weekdays, merged: [(first week, last week, weekdays)]."""
    runs: list[tuple[int, int, set[Weekday]]] = []
    for week in sorted(weeks):
        if runs and runs[-1][1] == week - 1 and runs[-1][2] == weeks[week]:
            runs[-1] = (runs[-1][0], week, runs[-1][2])
        else:
            runs.append((week, week, weeks[week]))
    return runs
