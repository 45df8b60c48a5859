"""Why not faster: per week, the constraint families whose limit the plan is at.

Computed from the plan's own numbers (exposure, limits, heaviest load, daily minutes) and
the scenario's phases, not from solver internals, so it explains any plan file. A family
*binds* a week when the week's value is within `tolerance_share` (default 2 %) of its limit:

- `load_increments`: exposure vs the week's increment limit, per dimension;
- `weekly_ceilings`: exposure vs the week's ceiling (phase or job ceiling), per dimension;
- `heaviest_load_steps`: the heaviest handled load vs its limit;
- `daily_hour_caps`: a worked day at the phase's daily hours cap;
- `restrictions`: the certificate's hours a day, days a week or heaviest load reached, or
  the duties it keeps out (models.restrictions.week_limits);
- `phase`: the week is in a phase that is not the last one (full exposure not yet allowed);
- `full_duty_target`: a week not yet at full duty, with how far each target still is.

`slack` is always `limit - value`: the room left under an upper limit, or for
`full_duty_target` the exposure still missing to reach the target.
"""

import json
import textwrap
from dataclasses import dataclass, field

from models.ergonomics import StrengthLevel
from models.families import describe_family
from models.plan import BindingLimit as Binding
from models.plan import Plan, WeekPlan
from models.restrictions import WeekLimits, week_limits
from models.scenario import Scenario
from rtw_scheduler.report import limit_number, number

DEFAULT_TOLERANCE_SHARE = 0.02
ABSOLUTE_TOLERANCE = 1e-6
BINDING_JSON = "binding.json"


@dataclass(frozen=True)
class WeekBinding:
    week: int
    start_date: str
    phase: str
    full_duty: bool
    bindings: list[Binding] = field(default_factory=list)

    @property
    def labels(self) -> str:
        """The `binding` cell of weekly.csv: labels joined by '; '."""
        return "; ".join(b.label for b in self.bindings)


def at_limit(value: float, limit: float, tolerance_share: float = DEFAULT_TOLERANCE_SHARE) -> bool:
    """True when `value` is within `tolerance_share` of `limit` (or above it).

    A zero limit on a dimension the plan never touches (no overhead work in a warehouse
    job) holds nothing back, so it is not reported as binding.
    """
    if limit == 0 and value == 0:
        return False
    return value >= limit - max(abs(limit) * tolerance_share, ABSOLUTE_TOLERANCE)


def binding_limits(scenario: Scenario, plan: Plan,
                   tolerance_share: float = DEFAULT_TOLERANCE_SHARE) -> list[WeekBinding]:
    """For each planned week, the families that bind it (see the module docstring)."""
    certificate = week_limits(scenario, len(plan.weeks))
    return [_week_binding(scenario, week, certificate[week.number - 1], tolerance_share) for week in plan.weeks]


def _week_binding(scenario: Scenario, week: WeekPlan, certificate: WeekLimits, share: float) -> WeekBinding:
    found = _certificate_bindings(scenario, week, certificate, share)
    for family in ("load_increments", "weekly_ceilings"):
        for dim, value in week.exposure.items():
            limits = week.limits.get(dim)
            if limits is None:
                continue
            limit = limits.increment_limit if family == "load_increments" else limits.ceiling
            if limit is not None and at_limit(value, limit, share):
                found.append(Binding(family=family, dimension=dim, value=value, limit=limit, slack=limit - value))
    if week.heaviest_load_limit_kg is not None and week.heaviest_load_kg > 0 and at_limit(
            week.heaviest_load_kg, week.heaviest_load_limit_kg, share) and not _certificate_load(week, certificate):
        found.append(Binding(family="heaviest_load_steps", value=week.heaviest_load_kg,
                             limit=week.heaviest_load_limit_kg,
                             slack=week.heaviest_load_limit_kg - week.heaviest_load_kg, note="kg"))
    phases = scenario.policy.phases
    phase = next((p for p in phases if p.name == week.phase), None)
    if phase is not None:
        cap = phase.daily_hours_cap
        hours = [day.worked_minutes / 60 for day in week.days if day.worked_minutes > 0]
        at_cap = [h for h in hours if at_limit(h, cap, share)]
        if at_cap and not _certificate_hours(phase.daily_hours_cap, certificate):
            found.append(Binding(family="daily_hour_caps", value=max(at_cap), limit=cap, slack=cap - max(at_cap),
                                 note=f"{len(at_cap)} of {len(hours)} worked days at the {limit_number(cap)} h cap "
                                 f"of phase {phase.name}"))
        if phase is not phases[-1] and not week.full_duty:
            limited = []
            if phase.max_strength_level != StrengthLevel.very_heavy:
                limited.append(f"DOT {phase.max_strength_level.value}")
            if phase.max_lifting_index is not None:
                limited.append(f"lifting index up to {limit_number(phase.max_lifting_index)}")
            note = (f"phase {phase.name}: tasks limited to {' and '.join(limited)}" if limited
                    else f"phase {phase.name}: full exposure not yet allowed (last phase: {phases[-1].name})")
            found.append(Binding(family="phase", note=note))
    if not week.full_duty:
        short = False
        for dim, value in week.exposure.items():
            limits = week.limits.get(dim)
            target = limits.full_duty_target if limits else None
            if target is not None and not at_limit(value, target, 0.0):
                short = True
                found.append(Binding(family="full_duty_target", dimension=dim, value=value, limit=target,
                                     slack=target - value, note=f"{number(target - value)} below the full-duty target"))
        if not short:
            found.append(Binding(family="full_duty_target",
                                 note="targets met but not yet full duty (phase length or later weeks)"))
    return WeekBinding(week.number, week.start_date.isoformat(), week.phase, week.full_duty, found)


def _certificate_hours(phase_cap: float, limits: WeekLimits) -> bool:
    """Whether the certificate's hours a day, as tight as the phase's cap or tighter, bound the week's days."""
    return limits.max_hours_per_day is not None and limits.max_hours_per_day <= phase_cap


def _certificate_load(week: WeekPlan, limits: WeekLimits) -> bool:
    """Whether the week's heaviest-load limit is the certificate's."""
    return limits.max_load_kg is not None and week.heaviest_load_limit_kg == limits.max_load_kg


def _certificate_bindings(scenario: Scenario, week: WeekPlan, limits: WeekLimits, share: float) -> list[Binding]:
    """The certificate's limits the week is at: hours a day, days a week, the heaviest load,
    and the duties it keeps out (a restriction, not the plan, holds the week back there)."""
    found: list[Binding] = []
    family = "restrictions"
    hours = [day.worked_minutes / 60 for day in week.days if day.worked_minutes > 0]
    cap = limits.max_hours_per_day
    at_cap = [h for h in hours if cap is not None and at_limit(h, cap, share)]
    if cap is not None and at_cap:
        found.append(Binding(family=family, value=max(at_cap), limit=cap, slack=cap - max(at_cap),
                             note=f"{len(at_cap)} of {len(hours)} worked days at the certificate's "
                             f"{limit_number(cap)} h a day"))
    most = limits.max_days_per_week
    if most is not None and len(hours) >= most:
        found.append(Binding(family=family, value=float(len(hours)), limit=float(most), slack=float(most - len(hours)),
                             note=f"{len(hours)} days worked, the certificate's most a week"))
    if _certificate_load(week, limits) and week.heaviest_load_kg > 0 and at_limit(
            week.heaviest_load_kg, limits.max_load_kg or 0, share):
        found.append(Binding(family=family, value=week.heaviest_load_kg, limit=limits.max_load_kg,
                             slack=(limits.max_load_kg or 0) - week.heaviest_load_kg,
                             note=f"the heaviest load at the certificate's {limit_number(limits.max_load_kg)} kg"))
    if limits.excluded_tasks and not week.full_duty:
        names = ", ".join(task.name for task in scenario.tasks if task.id in limits.excluded_tasks)
        found.append(Binding(family=family, note=f"the certificate keeps out: {names}"))
    return found


def binding_json(bindings: list[WeekBinding]) -> bytes:
    data = [{"week": wb.week, "start_date": wb.start_date, "phase": wb.phase, "full_duty": wb.full_duty,
             "bindings": [b.model_dump() for b in wb.bindings], "binding": wb.labels} for wb in bindings]
    return (json.dumps({"tolerance_share": DEFAULT_TOLERANCE_SHARE, "weeks": data}, indent=2) + "\n").encode(
        "utf-8")


def why_not_faster(plan: Plan) -> str:
    """Plain words, per week before full duty: what held the week back."""
    before = [week for week in plan.weeks if not week.full_duty]
    if not plan.weeks:
        return "why not faster: (no weeks planned)"
    if not before:
        return "why not faster: full duty from week 1"
    lines = ["why not faster (each week before full duty, what held it back):"]
    for week in before:
        text = f"week {week.number} ({week.phase}): " + "; ".join(held_back_by(week))
        lines.extend(textwrap.wrap(text, 118, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(lines)


def held_back_by(week: WeekPlan) -> list[str]:
    """What held a week back, in plain words, read from `week.binding` (computed once by
    rtw_scheduler.planning): the limits it is at, then what it still lacks of full duty."""
    reasons = [plain_reason(b) for b in week.binding if b.family != "full_duty_target"]
    missing = [b for b in week.binding if b.family == "full_duty_target" and b.dimension]
    if missing:
        reasons.append("still short of full duty on " + ", ".join(
            f"{_what(b.dimension)} ({number(b.value)} of {number(b.limit)})" for b in missing))
    return reasons or ["nothing at its limit"]


def plain_reason(binding: Binding) -> str:
    """One binding limit in a sentence a supervisor reads without the spec."""
    what = _what(binding.dimension)
    value, limit = limit_number(binding.value), limit_number(binding.limit)  # never above the limit
    if binding.family == "load_increments":
        return f"{what} at the most it may rise in a week ({value} of {limit})"
    if binding.family == "weekly_ceilings":
        return f"{what} at its weekly ceiling ({value} of {limit})"
    if binding.family == "heaviest_load_steps":
        return f"the heaviest load at the most it may rise ({value} of {limit} kg)"
    if binding.family in ("daily_hour_caps", "phase", "restrictions"):
        return binding.note
    if binding.family == "full_duty_target":
        return binding.note
    return f"{describe_family(binding.family)} ({binding.note})"


def _what(dimension: str | None) -> str:
    return "hours" if dimension in (None, "work_hours") else str(dimension).replace("_", " ")
