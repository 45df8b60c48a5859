"""The policy actually applied to one worker: defaults filled in, risk factors applied.

Planner and checker both enforce these numbers; the plan lists each with its source so a
clinician can see which were assessed, which were defaults and which were adjusted.

The provenance travels in plan.json, which goes to employers, so a value the risk factors
changed says only "limits adjusted by the clinician": naming the factors, or the combined
multiplier, would let an employer infer a risk factor. The detail (which value was adjusted
from what, and by how much) is in `AppliedPolicy.clinician_notes`, which the plan never holds.
"""

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from models.base import DomainModel
from models.dimensions import WORK_HOURS
from models.scenario import Scenario

Source = Literal["assessment", "policy default", "scenario", "clinician adjustment", "contract"]

ADJUSTED_NOTE = "limits adjusted by the clinician"
"""The whole of what an employer-bound file says about a value the risk factors changed."""


def _renamed_source(source: object) -> object:
    """Plans written before the risk factors' source was renamed said "risk adjustment"."""
    return "clinician adjustment" if source == "risk adjustment" else source


class AppliedValue(DomainModel):
    """One number the plan enforces, and where it came from."""

    name: str = Field(description="Dotted path of the value, e.g. increments.lifting.percent.")
    value: float | None
    source: Annotated[Source, BeforeValidator(_renamed_source)]
    note: str = ""


class AppliedIncrement(DomainModel):
    percent: float
    allowance: float


class AppliedPolicy(DomainModel):
    """Resolved numbers per dimension, plus their provenance."""

    dimensions: list[str]
    baseline: dict[str, float]
    baseline_heaviest_load_kg: float
    increments: dict[str, AppliedIncrement]
    heaviest_load_step_kg: float
    heaviest_load_ceiling_kg: list[float] = Field(
        default_factory=list, description="Per 0-based plan week, the most the heaviest load may be by the "
        "calendar alone: the protocol's rung, or the baseline plus one step per week (risk factors: per "
        "longer stretch of weeks). Empty in plans written before it existed.")
    heaviest_load_rungs: list[int] = Field(
        default_factory=list, description="With a protocol: the 0-based week each rung starts.")
    phase_earliest_week: list[int] = Field(
        default_factory=list, description="Per phase, the first 0-based plan week it may start (earliest_start).")
    target: dict[str, float]
    target_heaviest_load_kg: float | None
    risk_multiplier: float
    provenance: list[AppliedValue]
    clinician_notes: dict[str, str] = Field(
        default_factory=dict, description="For the clinician's views only: value name -> how the risk "
        "factors adjusted it (never copied into the plan).")

    def full_duty_target(self, dimension: str, available_hours: float) -> float:
        """Target for a week with `available_hours` rostered: scaled down in short weeks.

        A week with a public holiday cannot hold the contracted hours; full duty in such a
        week means working every rostered hour, with the other dimensions scaled alike.
        """
        hours = self.target[WORK_HOURS]
        share = min(1.0, available_hours / hours) if hours else 1.0
        return self.target[dimension] * share


def apply_policy(scenario: Scenario) -> AppliedPolicy:
    """Fills defaults and applies the worker's risk factors, recording where each value came from."""
    policy = scenario.policy
    worker = scenario.worker
    provenance: list[AppliedValue] = []
    factors = {f: policy.risk_factor_adjustments[f] for f in worker.risk_factors}
    multiplier = scenario.risk_multiplier
    risk_note = f"the worker's risk factors (combined x{multiplier:g}; named in the clinical record)"
    clinician_notes: dict[str, str] = {}

    target = {WORK_HOURS: worker.contracted_hours_per_week}
    provenance.append(AppliedValue(name=f"target.{WORK_HOURS}", value=target[WORK_HOURS],
                                   source="contract", note="worker.contracted_hours_per_week"))
    for dim in scenario.dimension_ids[1:]:
        value = policy.target.weekly_exposure.get(dim, 0.0)
        target[dim] = value
        given = dim in policy.target.weekly_exposure
        provenance.append(AppliedValue(name=f"target.{dim}", value=value,
                                       source="scenario" if given else "policy default",
                                       note="" if given else "not in the job: no target"))

    baseline: dict[str, float] = {}
    for dim in scenario.dimension_ids:
        measured = worker.baseline.weekly_exposure.get(dim)
        baseline[dim] = measured or 0.0
        provenance.append(AppliedValue(name=f"baseline.{dim}", value=baseline[dim],
                                       source="assessment",
                                       note="" if measured is not None else "not measured: 0"))
    provenance.append(AppliedValue(name="baseline.heaviest_load_kg",
                                   value=worker.baseline.heaviest_load_kg, source="assessment"))

    increments: dict[str, AppliedIncrement] = {}
    for dim in scenario.dimension_ids:
        explicit = policy.increments.get(dim)
        if explicit is not None:
            percent, allowance, source = explicit.percent, explicit.allowance, "scenario"
        else:
            percent = policy.default_increment_percent
            allowance = policy.default_allowance_share_of_target * target[dim]
            source = "policy default"
        if factors:
            percent, allowance = percent * multiplier, allowance * multiplier
        increments[dim] = AppliedIncrement(percent=round(percent, 2), allowance=round(allowance, 2))
        for part in ("percent", "allowance"):
            name = f"increments.{dim}.{part}"
            provenance.append(AppliedValue(
                name=name, value=getattr(increments[dim], part),
                source="clinician adjustment" if factors else source,  # type: ignore[arg-type]
                note=ADJUSTED_NOTE if factors else ""))
            if factors:
                clinician_notes[name] = f"{source} value adjusted for {risk_note}"

    step = policy.heaviest_load_step_kg
    step_given = "heaviest_load_step_kg" in policy.model_fields_set
    provenance.append(AppliedValue(name="heaviest_load_step_kg", value=step,
                                   source="scenario" if step_given else "policy default"))
    rung_starts = _rung_starts(scenario, multiplier)
    if factors:
        provenance.append(AppliedValue(name="heaviest_load_weeks_per_step", value=None,  # would show the multiplier
                                       source="clinician adjustment", note=ADJUSTED_NOTE))
        clinician_notes["heaviest_load_weeks_per_step"] = (
            f"each load step (or protocol rung) held {1 / multiplier:.2f} times as long for {risk_note}; "
            "the steps keep their size")
    for field in ("increment_lookback_weeks", "max_lifting_index", "acwr_max", "warm_up_minutes",
                  "slot_minutes", "horizon_weeks"):
        value = getattr(policy, field)
        provenance.append(AppliedValue(
            name=field, value=value,
            source="scenario" if field in policy.model_fields_set else "policy default"))
    for field in ("min_rest_days_per_week", "max_consecutive_work_days"):
        provenance.append(AppliedValue(
            name=f"recovery.{field}", value=getattr(policy.recovery, field),
            source="scenario" if field in policy.recovery.model_fields_set else "policy default"))
    for field in ("max_share_of_day", "max_share_of_week"):
        provenance.append(AppliedValue(
            name=f"variability.{field}", value=getattr(policy.variability, field),
            source="scenario" if field in policy.variability.model_fields_set else "policy default"))

    return AppliedPolicy(
        dimensions=scenario.dimension_ids,
        baseline=baseline,
        baseline_heaviest_load_kg=worker.baseline.heaviest_load_kg,
        increments=increments,
        heaviest_load_step_kg=step,
        heaviest_load_ceiling_kg=_heaviest_load_ceiling(scenario, multiplier, rung_starts),
        heaviest_load_rungs=rung_starts,
        phase_earliest_week=[_earliest_week(scenario, phase.earliest_start) for phase in policy.phases],
        target=target,
        target_heaviest_load_kg=policy.target.heaviest_load_kg,
        risk_multiplier=multiplier,
        provenance=provenance,
        clinician_notes=clinician_notes,
    )


def stretched_weeks(weeks: int, multiplier: float) -> int:
    """Weeks a rung lasts once the risk factors slow it: longer, never shorter, whole weeks."""
    return math.ceil(weeks / multiplier - 1e-9)


def _rung_starts(scenario: Scenario, multiplier: float) -> list[int]:
    """The 0-based week each protocol rung starts, each rung held its (stretched) minimum weeks."""
    starts, week = [], 0
    for rung in scenario.policy.heaviest_load_protocol or []:
        starts.append(week)
        week += stretched_weeks(rung.min_weeks, multiplier)
    return starts


def _heaviest_load_ceiling(scenario: Scenario, multiplier: float, rung_starts: list[int]) -> list[float]:
    """The heaviest load each week may hold by the calendar alone, in kg.

    Risk factors slow the climb without making any load unreachable: a step keeps its size
    and comes every 1/multiplier weeks instead of every week (a smaller step could never
    reach an 8 kg carton from 5 kg, a later one always does). A protocol's rungs are held
    longer in the same way.
    """
    policy = scenario.policy
    weeks = range(scenario.horizon_weeks)
    rungs = policy.heaviest_load_protocol
    if rungs:
        return [rungs[max(i for i, start in enumerate(rung_starts) if start <= week)].kg for week in weeks]
    base, step = scenario.worker.baseline.heaviest_load_kg, policy.heaviest_load_step_kg
    return [round(base + step * math.floor((week + 1) * multiplier + 1e-9), 2) for week in weeks]


def _earliest_week(scenario: Scenario, start: dt.date | int | None) -> int:
    """The first plan week wholly on or after a phase's earliest start (a date or weeks from the start)."""
    if start is None:
        return 0
    if isinstance(start, int):
        return start
    return max(0, -(-(start - scenario.worker.plan_start_date).days // 7))
