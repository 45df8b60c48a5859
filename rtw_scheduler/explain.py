"""Why no plan, in the scenario's own words, and the smallest changes that make one possible.

`explain_infeasibility` turns the minimal set of conflicting constraint families
(solver.diagnose) into one sentence per family with the scenario's numbers.
`suggest_relaxations` tries a few relaxations, each *solved for real* with a short
budget, and keeps only those that yield a plan: a later target date (or a longer
horizon when there is none), larger weekly increments, more task-hours offered a day.
Each search stops at its first success, and the whole is bounded by a number of solves.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from models.applied import apply_policy
from models.dimensions import WORK_HOURS
from models.scenario import Scenario
from models.shifts import Weekday, WeeklyPattern
from rtw_scheduler.report import describe_family
from solver.solve import SolverParameters, solve_scenario

RELAXATION_TIME = 1.0
"""Deterministic time per stage for each relaxation's solve (short: many are tried)."""
MAX_SOLVES = 20
"""Most relaxation solves in one call to suggest_relaxations."""
MAX_HORIZON_EXTENSION = 26
INCREMENT_STEP = 10
"""Percentage points added to every dimension's increment at each step."""
MAX_INCREMENT_PERCENT = 100
MAX_EXTRA_HOURS = 4


@dataclass(frozen=True)
class Relaxation:
    """A change to the scenario that was solved and yields a plan."""

    description: str
    scenario: Scenario
    full_duty_week: int

    @property
    def full_duty_date(self) -> dt.date:
        """Monday (first day) of the full-duty week."""
        return self.scenario.worker.plan_start_date + dt.timedelta(days=7 * (self.full_duty_week - 1))


# --- why no plan: sentences --------------------------------------------------------------


def explain_infeasibility(scenario: Scenario, families: list[str]) -> list[str]:
    """One sentence per conflicting family, with the scenario's numbers."""
    return [_SENTENCES.get(family, _generic)(scenario, family) for family in families]


def _num(value: float) -> str:
    """12 -> '12', 7.75 -> '7.75', 24000 -> '24,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _unit(scenario: Scenario, dim: str) -> str:
    if dim == WORK_HOURS:
        return "h"
    for dimension in scenario.dimensions:
        if dimension.id == dim:
            return dimension.unit
    return ""


def _week_of(scenario: Scenario, day: dt.date) -> int:
    return (day - scenario.worker.plan_start_date).days // 7 + 1


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def _generic(scenario: Scenario, family: str) -> str:
    return describe_family(family)


def _full_duty(scenario: Scenario, family: str) -> str:
    applied = apply_policy(scenario)
    target = scenario.policy.target
    parts = [f"{_num(applied.target[WORK_HOURS])} h/week"]
    parts += [f"{dim} {_num(value)} {_unit(scenario, dim)}"
              for dim, value in applied.target.items() if dim != WORK_HOURS and value > 0]
    if target.heaviest_load_kg is not None:
        parts.append(f"heaviest load {_num(target.heaviest_load_kg)} kg")
    if target.latest_date is not None:
        when = f"by {target.latest_date.isoformat()} (week {_week_of(scenario, target.latest_date)})"
    else:
        when = f"within the {scenario.policy.horizon_weeks}-week horizon"
    return f"full duty ({', '.join(parts)}) {when}"


def _increments(scenario: Scenario, family: str) -> str:
    applied = apply_policy(scenario)
    parts = []
    for dim in applied.dimensions:
        if applied.target.get(dim, 0) <= 0 and applied.baseline.get(dim, 0) <= 0:
            continue
        inc, unit = applied.increments[dim], _unit(scenario, dim)
        name = "hours" if dim == WORK_HOURS else dim
        parts.append(f"at most {_num(inc.percent)} % more {name} each week plus {_num(inc.allowance)} {unit}, "
                     f"from a {_num(applied.baseline.get(dim, 0))} {unit} baseline")
    lookback = scenario.policy.increment_lookback_weeks
    tail = f" (measured from the highest of the baseline and the last {lookback} weeks)" if lookback > 1 else ""
    return "; ".join(parts) + tail


def _roster(scenario: Scenario, family: str) -> str:
    pattern = scenario.worker.shift_pattern
    if isinstance(pattern, WeeklyPattern):
        groups: list[tuple[list[Weekday], str]] = []
        for day in Weekday:
            code = pattern.week.get(day)
            if code is None:
                continue
            if groups and groups[-1][1] == code and list(Weekday).index(groups[-1][0][-1]) + 1 == list(
                    Weekday).index(day):
                groups[-1][0].append(day)
            else:
                groups.append(([day], code))
        shifts = []
        for days, code in groups:
            shift = pattern.shifts[code]
            span = days[0].value.title() + (f"-{days[-1].value.title()}" if len(days) > 1 else "")
            shifts.append(f"{span} {_hhmm(shift.start)}-{_hhmm(shift.end)}")
        roster = f"the {', '.join(shifts)} roster"
    else:
        cycle = ", ".join(code or "off" for code in pattern.cycle)
        roster = f"the rotating roster ({cycle})"
    offers = [f"{offer.task_id} up to {_num(offer.hours_per_day)} h a day" for offer in scenario.availability.offers]
    text = roster
    if offers:
        text += f", with the duties offered ({'; '.join(offers)})"
    extras = []
    if scenario.availability.blackouts:
        extras.append(f"{len(scenario.availability.blackouts)} site closure(s)")
    if scenario.availability.appointments:
        extras.append(f"{len(scenario.availability.appointments)} appointment(s)")
    if extras:
        text += " and " + " and ".join(extras)
    return text


def _daily_caps(scenario: Scenario, family: str) -> str:
    caps = ", ".join(f"{_num(p.daily_hours_cap)} h a day in {p.name}" for p in scenario.policy.phases)
    return f"at most {caps}"


def _ceilings(scenario: Scenario, family: str) -> str:
    parts = []
    for phase in scenario.policy.phases:
        for dim, value in phase.weekly_ceiling.items():
            parts.append(f"{dim} at most {_num(value)} {_unit(scenario, dim)} a week in {phase.name}")
    margin = scenario.policy.target.ceiling_margin_percent
    if margin is not None:
        parts.append(f"no week more than {_num(margin)} % above the full-duty exposure")
    return "weekly ceilings: " + ("; ".join(parts) if parts else "none set")


def _load_steps(scenario: Scenario, family: str) -> str:
    applied = apply_policy(scenario)
    text = (f"the heaviest load rising at most {_num(applied.heaviest_load_step_kg)} kg a week "
            f"from {_num(applied.baseline_heaviest_load_kg)} kg")
    if applied.target_heaviest_load_kg is not None:
        text += f" to {_num(applied.target_heaviest_load_kg)} kg"
    return text


def _lifting_index(scenario: Scenario, family: str) -> str:
    limit = scenario.policy.max_lifting_index
    if limit is None:
        return "no limit on the NIOSH lifting index"
    return f"no task above NIOSH lifting index {_num(limit)}"


def _phase_tasks(scenario: Scenario, family: str) -> str:
    parts = []
    for phase in scenario.policy.phases:
        text = f"{phase.name} up to DOT {phase.max_strength_level.value}"
        if phase.max_lifting_index is not None:
            text += f" and lifting index {_num(phase.max_lifting_index)}"
        parts.append(text)
    return "tasks allowed by phase: " + "; ".join(parts)


def _progression(scenario: Scenario, family: str) -> str:
    parts = []
    for phase in scenario.policy.phases:
        weeks = "week" if phase.min_weeks == 1 else "weeks"
        text = (f"phase {phase.name} lasts at least {phase.min_weeks} {weeks} "
                f"with at most {_num(phase.daily_hours_cap)} h a day")
        if phase.entry_criteria:
            criteria = ", ".join(f"{dim} {_num(share * 100)} %" for dim, share in phase.entry_criteria.items())
            text += f", entered only after the week before reached {criteria} of the target"
        parts.append(text)
    return "; ".join(parts)


def _rest(scenario: Scenario, family: str) -> str:
    text = f"at least {scenario.policy.recovery.min_rest_days_per_week} rest days a week"
    overrides = [f"{p.min_rest_days_per_week} in {p.name}" for p in scenario.policy.phases
                 if p.min_rest_days_per_week is not None]
    return text + (f" ({', '.join(overrides)})" if overrides else "")


def _consecutive(scenario: Scenario, family: str) -> str:
    return f"at most {scenario.policy.recovery.max_consecutive_work_days} working days in a row"


def _heavy(scenario: Scenario, family: str) -> str:
    thresholds = scenario.policy.recovery.heavy_day_threshold
    if not thresholds:
        return describe_family(family)
    parts = ", ".join(f"{dim} {_num(v)} {_unit(scenario, dim)}" for dim, v in thresholds.items())
    return f"no two heavy days in a row (a day with {parts} or more is heavy)"


def _deload(scenario: Scenario, family: str) -> str:
    deload = scenario.policy.recovery.deload
    if deload is None:
        return describe_family(family)
    return (f"every {deload.every_weeks}th week a deload week of at most "
            f"{_num(deload.max_percent_of_previous)} % of the week before")


def _acwr(scenario: Scenario, family: str) -> str:
    limit = scenario.policy.acwr_max
    if limit is None:
        return describe_family(family)
    return f"no week above {_num(limit)} x the mean of the 4 weeks before (acute:chronic ratio)"


def _variability(scenario: Scenario, family: str) -> str:
    v = scenario.policy.variability
    return (f"at most {_num(v.max_share_of_day * 100)} % of a day and {_num(v.max_share_of_week * 100)} % "
            "of a week on one task")


def _warm_up(scenario: Scenario, family: str) -> str:
    return f"a {scenario.policy.warm_up_minutes}-minute warm-up at the start of every worked shift"


def _blocks(scenario: Scenario, family: str) -> str:
    parts = []
    for task in scenario.tasks:
        text = f"{task.id} at least {task.min_block_minutes} min"
        if task.max_block_minutes is not None:
            text += f", at most {task.max_block_minutes} min at a stretch"
        if task.max_minutes_per_day is not None:
            text += f", at most {task.max_minutes_per_day} min a day"
        parts.append(text)
    return "task block lengths: " + "; ".join(parts)


_SENTENCES: dict[str, Callable[[Scenario, str], str]] = {
    "shift_and_availability": _roster,
    "block_limits": _blocks,
    "warm_up": _warm_up,
    "daily_hour_caps": _daily_caps,
    "weekly_ceilings": _ceilings,
    "load_increments": _increments,
    "heaviest_load_steps": _load_steps,
    "lifting_index_limit": _lifting_index,
    "phase_task_limits": _phase_tasks,
    "phase_progression": _progression,
    "rest_days": _rest,
    "consecutive_days": _consecutive,
    "heavy_days": _heavy,
    "deload_weeks": _deload,
    "acwr": _acwr,
    "movement_variability": _variability,
    "full_duty_target": _full_duty,
}


# --- what would make a plan possible -------------------------------------------------------

Candidate = tuple[str, Scenario]


class _Budget:
    """Counts solves; a relaxation's solve returns its full-duty week or None."""

    def __init__(self, params: SolverParameters, max_solves: int) -> None:
        self.params, self.left = params, max_solves

    def full_duty_week(self, scenario: Scenario) -> int | None:
        if self.left <= 0:
            return None
        self.left -= 1
        outcome = solve_scenario(scenario, self.params)
        if outcome.solution is None or True not in outcome.solution.full_duty:
            return None
        return outcome.solution.full_duty.index(True) + 1

    def first(self, candidates: Iterator[Candidate]) -> Relaxation | None:
        for description, changed in candidates:
            if self.left <= 0:
                return None
            week = self.full_duty_week(changed)
            if week is not None:
                return Relaxation(description, changed, week)
        return None


def _changed(scenario: Scenario, edit: Callable[[dict[str, Any]], None]) -> Scenario:
    data = scenario.model_dump(mode="json")
    edit(data)
    return Scenario.model_validate(data)


def suggest_relaxations(scenario: Scenario, params: SolverParameters | None = None,
                        families: list[str] | None = None, max_solves: int = MAX_SOLVES) -> list[Relaxation]:
    """Relaxations that really yield a plan, the smallest found of each kind.

    Only the kinds relevant to the conflicting `families` are tried (the target date or
    horizon for full_duty_target, increments for load_increments, task-hours for
    shift_and_availability); all of them when none is relevant or families are not given.
    """
    base = params or SolverParameters()
    budget = _Budget(SolverParameters(num_workers=base.num_workers, random_seed=base.random_seed,
                                      deterministic_time_per_stage=min(RELAXATION_TIME,
                                                                       base.deterministic_time_per_stage)),
                     max_solves)
    kinds = {"full_duty_target": _target, "load_increments": _larger_increments,
             "shift_and_availability": _more_hours}
    chosen = [kind for family, kind in kinds.items() if families and family in families]
    if not chosen:
        chosen = list(kinds.values())
    found = []
    for kind in chosen:
        relaxation = kind(scenario, budget)
        if relaxation is not None:
            found.append(relaxation)
    return found


def _target(scenario: Scenario, budget: _Budget) -> Relaxation | None:
    latest = scenario.policy.target.latest_date
    if latest is None:
        return budget.first(_longer_horizons(scenario))
    without = _changed(scenario, lambda d: d["policy"]["target"].update(latest_date=None))
    week = budget.full_duty_week(without)
    if week is None:
        return None
    latest_week = _week_of(scenario, latest)

    def later() -> Iterator[Candidate]:
        # solve_scenario minimises the full-duty week, so without the date it is reached in
        # `week`; that week (the smallest extension) is tried first, then week by week later
        for extra in range(max(1, week - latest_week), scenario.policy.horizon_weeks - latest_week + 1):
            new_date = latest + dt.timedelta(days=7 * extra)
            def edit(data: dict[str, Any], day: dt.date = new_date) -> None:
                data["policy"]["target"]["latest_date"] = day.isoformat()

            changed = _changed(scenario, edit)
            yield (f"move the latest date for full duty {extra} week{'s' if extra > 1 else ''} later, "
                   f"from {latest.isoformat()} (week {latest_week}) to {new_date.isoformat()} "
                   f"(week {latest_week + extra})"), changed

    return budget.first(later()) or Relaxation(
        f"drop the latest date for full duty ({latest.isoformat()}, week {latest_week})", without, week)


def _longer_horizons(scenario: Scenario) -> Iterator[Candidate]:
    horizon = scenario.policy.horizon_weeks
    for extra in [2, 4, 6, 8, 12, 16, 20, 26]:
        if horizon + extra > 104:
            return
        def edit(data: dict[str, Any], weeks: int = horizon + extra) -> None:
            data["policy"]["horizon_weeks"] = weeks

        changed = _changed(scenario, edit)
        yield f"plan over {horizon + extra} weeks instead of {horizon} ({extra} more)", changed


def _larger_increments(scenario: Scenario, budget: _Budget) -> Relaxation | None:
    policy = scenario.policy
    applied = apply_policy(scenario)
    raw: dict[str, tuple[float, float]] = {}
    for dim in applied.dimensions:
        inc = policy.increments.get(dim)
        raw[dim] = (inc.percent, inc.allowance) if inc else (
            policy.default_increment_percent, policy.default_allowance_share_of_target * applied.target[dim])
    shown = [dim for dim in raw if applied.target.get(dim, 0) > 0 or applied.baseline.get(dim, 0) > 0] or list(raw)
    before = ", ".join(f"{dim} {_num(raw[dim][0])} %" for dim in shown)

    def steps() -> Iterator[Candidate]:
        for step in range(1, MAX_INCREMENT_PERCENT // INCREMENT_STEP + 1):
            added = step * INCREMENT_STEP
            new: dict[str, dict[str, float]] = {}
            for dim, (percent, allowance) in raw.items():
                raised = max(percent, min(MAX_INCREMENT_PERCENT, percent + added))
                factor = raised / percent if percent > 0 else 1.0
                new[dim] = {"percent": raised, "allowance": round(allowance * factor, 2)}
            if step > 1 and all(new[dim]["percent"] >= MAX_INCREMENT_PERCENT or new[dim]["percent"] == raw[dim][0]
                                for dim in new) and all(
                    max(raw[dim][0], min(MAX_INCREMENT_PERCENT, raw[dim][0] + added - INCREMENT_STEP))
                    == new[dim]["percent"] for dim in new):
                return  # nothing changed since the last step: every dimension is at the cap
            if all(new[dim]["percent"] == raw[dim][0] for dim in new):
                return

            def edit(data: dict[str, Any], new: dict[str, dict[str, float]] = new) -> None:
                data["policy"]["increments"] = new

            after = ", ".join(f"{dim} {_num(new[dim]['percent'])} %" for dim in shown)
            yield (f"allow larger weekly increments, {added} percentage points more (at most "
                   f"{MAX_INCREMENT_PERCENT} %): {after} instead of {before}, allowances scaled alike"), \
                _changed(scenario, edit)

    return budget.first(steps())


def _more_hours(scenario: Scenario, budget: _Budget) -> Relaxation | None:
    if not scenario.availability.offers:
        return None

    def steps() -> Iterator[Candidate]:
        for extra in range(1, MAX_EXTRA_HOURS + 1):
            def edit(data: dict[str, Any], extra: int = extra) -> None:
                for offer in data["availability"]["offers"]:
                    offer["hours_per_day"] = min(24.0, offer["hours_per_day"] + extra)

            changed = _changed(scenario, edit)
            offers = "; ".join(f"{o.task_id} {_num(o.hours_per_day)} h" for o in changed.availability.offers)
            yield (f"offer every duty {extra} h more a day, on every day it is offered ({offers})"), changed

    return budget.first(steps())
