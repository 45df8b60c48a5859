"""The words of "why no plan" for the target and for load, and the numbers and names every phrase uses.

Split from rtw_scheduler.why_no_plan (which holds the table from promise paths to phrases):
each phrase reads the scenario's own numbers, so a clinician sees "at most 20 % more hours
each week plus 3 h", not a rule name. Limits never read rounded up (models.numbers).
"""

import datetime as dt
import re

from models.applied import apply_policy
from models.calendar import week_of
from models.dimensions import WORK_HOURS
from models.numbers import limit as limit_num
from models.numbers import number
from models.plan import Promise
from models.scenario import Scenario
from models.shifts import Weekday
from solver.variables import excluding_limit

# --- numbers and names --------------------------------------------------------------------


def num(value: float) -> str:
    """A value, to the nearest hundredth: 12 -> '12', 7.75 -> '7.75', 24000 -> '24,000'.

    A limit goes through `limit_num` instead (models.numbers), which never rounds it up."""
    return number(value)


def unit(scenario: Scenario, dim: str) -> str:
    if dim == WORK_HOURS:
        return "h"
    return next((d.unit for d in scenario.dimensions if d.id == dim), "")


def amount(scenario: Scenario, dim: str, value: float, is_limit: bool = False) -> str:
    """'38.75 h', 'lifting 20,000 kg x lifts'; an upper limit (`is_limit`) never rounded up."""
    shown = limit_num(value) if is_limit else num(value)
    if dim == WORK_HOURS:
        return f"{shown} h"
    return f"{dim} {shown} {unit(scenario, dim)}".rstrip()


def plan_week(scenario: Scenario, day: dt.date) -> int:
    """1-based plan week holding a date (as files and messages count weeks)."""
    return week_of(scenario, day) + 1


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def weekdays_text(days: list[Weekday] | None) -> str:
    """'Mon-Fri', 'Mon, Wed', 'every day'."""
    if days is None or len(days) == 7:
        return "every day"
    order = list(Weekday)
    indices = sorted(order.index(d) for d in days)
    if indices == list(range(indices[0], indices[-1] + 1)) and len(indices) > 2:
        return f"{order[indices[0]].value.title()}-{order[indices[-1]].value.title()}"
    return ", ".join(order[i].value.title() for i in indices)


# --- the target ---------------------------------------------------------------------------


def contracted(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return f"full duty at the contracted {num(scenario.worker.contracted_hours_per_week)} h a week"


def target_exposure(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    dim = match["dim"]
    return f"full duty at {amount(scenario, dim, scenario.policy.target.weekly_exposure[dim])} a week"


def target_heaviest(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return f"full duty handling loads of {num(scenario.policy.target.heaviest_load_kg or 0)} kg"


def latest_date(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    latest = scenario.policy.target.latest_date
    assert latest is not None
    return f"full duty by {latest.isoformat()} (week {plan_week(scenario, latest)})"


def horizon(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return f"full duty within the {scenario.horizon_in_words()} planned"


def min_weeks(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    weeks = "week" if phase.min_weeks == 1 else "weeks"
    if promise.family == "full_duty_target":
        return f"full duty only after {phase.min_weeks} {weeks} of {phase.name}"
    return f"at least {phase.min_weeks} {weeks} of {phase.name} before the next phase"


# --- load ---------------------------------------------------------------------------------


def increment(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    applied = apply_policy(scenario)
    dim = match["dim"]
    inc, base = applied.increments[dim], applied.baseline.get(dim, 0)
    name = "hours" if dim == WORK_HOURS else dim
    text = (f"at most {limit_num(inc.percent)} % more {name} each week plus {limit_num(inc.allowance)} "
            f"{unit(scenario, dim)}, "
            f"from a {num(base)} {unit(scenario, dim)} baseline")
    notes = []
    if dim not in scenario.policy.increments:
        notes.append("the policy default")
    if applied.risk_multiplier != 1:
        notes.append(f"x{num(applied.risk_multiplier)} for the worker's risk factors")
    lookback = scenario.policy.increment_lookback_weeks
    if lookback > 1:
        notes.append(f"measured from the highest of the baseline and the last {lookback} weeks")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def load_step(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    applied = apply_policy(scenario)
    held = (f" (each step held {limit_num(1 / applied.risk_multiplier)} weeks for the worker's risk factors)"
            if applied.risk_multiplier < 1 else "")
    return (f"the heaviest load rising at most {limit_num(applied.heaviest_load_step_kg)} kg a week "
            f"from {num(applied.baseline_heaviest_load_kg)} kg{held}")


def protocol_rung(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    rungs = scenario.policy.heaviest_load_protocol or []
    index = int(match["rung"])
    applied = apply_policy(scenario)
    start = applied.heaviest_load_rungs[index] + 1
    end = applied.heaviest_load_rungs[index + 1] if index + 1 < len(rungs) else None
    if end is None:
        held = f"from week {start}"
    else:
        held = f"weeks {start}-{end}" if end > start else f"week {start}"
    return f"the load protocol's rung {index + 1}: nothing over {limit_num(rungs[index].kg)} kg, {held}"


def earliest_start(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    index = int(match["phase"])
    phase = scenario.policy.phases[index]
    return f"{phase.name} not before week {apply_policy(scenario).phase_earliest_week[index] + 1}"


def max_weeks(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    weeks = "week" if phase.max_weeks == 1 else "weeks"
    return f"at most {phase.max_weeks} {weeks} of {phase.name}"


def job_ceiling(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return (f"no week more than {limit_num(scenario.policy.target.ceiling_margin_percent or 0)} % above "
            "the job's full-duty exposure")


def phase_ceiling(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    dim = match["dim"]
    return f"{amount(scenario, dim, phase.weekly_ceiling[dim], is_limit=True)} a week at most in {phase.name}"


def acwr(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return (f"no week above {limit_num(scenario.policy.acwr_max or 0)} x the mean of the 4 weeks before "
            "(acute:chronic ratio)")


def lifting_index(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    limit = scenario.policy.max_lifting_index or 0
    out = [t.id for t in scenario.tasks if (t.lifting_index() or 0) > limit]
    return f"no task above NIOSH lifting index {limit_num(limit)} (keeps out {', '.join(out)})"


def phase_task_limit(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    limit = match["limit"]
    out = [t.id for t in scenario.tasks if excluding_limit(phase, t) == limit]
    if limit == "max_strength_level":
        text = f"tasks up to DOT {phase.max_strength_level.value} in {phase.name}"
    else:
        text = f"tasks up to lifting index {limit_num(phase.max_lifting_index or 0)} in {phase.name}"
    return f"{text} (keeps out {', '.join(out)})"


def entry(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    criteria = ", ".join(f"{num(share * 100)} % of the target {'hours' if dim == WORK_HOURS else dim}"
                         for dim, share in phase.entry_criteria.items())
    return f"{phase.name} entered only after a week at {criteria}"
