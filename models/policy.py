"""The clinician's policy: how fast exposure may rise, how much is allowed, and when to rest.

Every default here is a starting point taken from ../shared/domain.md, not a rule; the
plan records which values were defaults and which came from the scenario.
"""

from typing import Literal

from pydantic import Field, model_validator

from models.base import DomainModel, Exposure, Flag, Number, ScenarioDate, Share, WholeNumber
from models.dimensions import DimensionId
from models.ergonomics import StrengthLevel, strength_rank
from models.progress import MonitoringRules

MAX_LIFTING_INDEX = 10.0
"""Highest lifting-index limit accepted: NIOSH calls a lift above 3 hazardous for most workers."""

MAX_HORIZON_WEEKS = 104
"""Longest plan: two years (the risk factors' lengthening stops here too)."""

MAX_ACWR = 10.0
"""Highest acute:chronic ratio ceiling accepted (the literature's danger zone starts near 1.5)."""


class IncrementLimit(DomainModel):
    """Week-over-week growth: at most `percent` more than the reference week plus `allowance`.

    The absolute allowance lets a plan start from a near-zero baseline, where a pure
    percentage would never grow.
    """

    percent: Number = Field(ge=0, le=200, description="Allowed increase in % of the reference week.")
    allowance: Exposure = Field(description="Absolute extra allowed per week, in the unit.")


class LoadRung(DomainModel):
    """One rung of a stepped load protocol: the heaviest load allowed, held for at least `min_weeks`."""

    kg: Number = Field(ge=0, le=200, description="Heaviest load lifted or carried on this rung, in kg.")
    min_weeks: WholeNumber = Field(default=1, ge=1, le=52, description="Weeks at least on this rung.")


class Phase(DomainModel):
    """A block of the periodised plan (technique, moderate loading, full exposure)."""

    name: str = Field(min_length=1, description="e.g. technique, moderate_loading, full_exposure.")
    min_weeks: WholeNumber = Field(default=1, ge=1, le=52, description="Shortest length of the phase.")
    daily_hours_cap: Number = Field(gt=0, le=16, description="Most working hours on one day; a day holds whole "
                                    "slots, so a cap between two is rounded down (7.75 h with 30-minute slots: 7.5 h).")
    weekly_ceiling: dict[DimensionId, Exposure] = Field(
        default_factory=dict, description="Most weekly exposure per dimension in this phase."
    )
    max_strength_level: StrengthLevel = Field(
        default=StrengthLevel.very_heavy, description="Heaviest DOT level of task allowed."
    )
    max_lifting_index: Number | None = Field(
        default=None, gt=0, le=MAX_LIFTING_INDEX, description="Highest NIOSH lifting index allowed in this phase."
    )
    min_rest_days_per_week: WholeNumber | None = Field(
        default=None, ge=0, le=7, description="Overrides recovery.min_rest_days_per_week."
    )
    entry_criteria: dict[DimensionId, Share] = Field(
        default_factory=dict,
        description="Enter only after the previous week reached this share (0-1) of the target.",
    )
    earliest_start: ScenarioDate | WholeNumber | None = Field(
        default=None, description="Not before this date, or not before this many weeks from the plan start "
        "(e.g. 16: no overhead work before week 17); null = as soon as the phases before allow. Not on the "
        "first phase.")
    max_weeks: WholeNumber | None = Field(
        default=None, ge=1, le=104, description="Longest the phase may last; null = no limit (not on "
        "the last phase, which lasts to the horizon).")
    min_hours_per_worked_day: Number | None = Field(
        default=None, ge=0, le=16,
        description="Fewest working hours on a worked day in this phase; null = policy.min_hours_per_worked_day.",
    )
    max_consecutive_work_days: WholeNumber | None = Field(
        default=None, ge=1, le=14,
        description="Most worked days in a row in this phase; null = recovery.max_consecutive_work_days.",
    )
    min_rest_days_between_worked_days: WholeNumber | None = Field(
        default=None, ge=0, le=6,
        description="Rest days at least between two worked days in this phase (1 = a day off between "
        "shifts); null = 1 in the first phase, 0 after it (domain.md: early weeks put a day off between shifts).",
    )


def default_phases() -> list[Phase]:
    """Technique, moderate loading, full exposure, with graded daily hours 4 -> 6 -> 12."""
    return [
        Phase(name="technique", min_weeks=2, daily_hours_cap=4,
              max_strength_level=StrengthLevel.light, max_lifting_index=0.75),
        Phase(name="moderate_loading", min_weeks=2, daily_hours_cap=6,
              max_strength_level=StrengthLevel.medium, max_lifting_index=0.9),
        Phase(name="full_exposure", min_weeks=1, daily_hours_cap=12),
    ]


class Deload(DomainModel):
    """A lighter week after each block of progression (practice literature; optional)."""

    every_weeks: WholeNumber = Field(ge=2, le=12, description="Every Nth week is a deload week.")
    max_percent_of_previous: Number = Field(
        gt=0, le=100, description="Deload week volume, in % of the week before."
    )


class Recovery(DomainModel):
    """Rest that lets tissue remodel between exposures."""

    min_rest_days_per_week: WholeNumber = Field(default=2, ge=0, le=7, description="Days with no work.")
    max_consecutive_work_days: WholeNumber = Field(default=5, ge=1, le=14)
    heavy_day_threshold: dict[DimensionId, Exposure] = Field(
        default_factory=dict,
        description="A day at or above any of these daily exposures is heavy; no two in a row.",
    )
    deload: Deload | None = Field(default=None, description="Optional deload weeks.")


class Variability(DomainModel):
    """Movement variability: no day or week dominated by one task."""

    max_share_of_day: Number = Field(default=0.75, gt=0, le=1, description="Of a day's minutes.")
    max_share_of_week: Number = Field(default=0.6, gt=0, le=1, description="Of a week's minutes.")


class Target(DomainModel):
    """Full duty: the weekly exposure of the pre-injury job, sustained."""

    weekly_exposure: dict[DimensionId, Exposure] = Field(
        default_factory=dict,
        description="Full-duty weekly exposure per dimension (hours come from the contract).",
    )
    heaviest_load_kg: Number | None = Field(
        default=None, ge=0, le=200, description="Heaviest load the job requires handling."
    )
    latest_date: ScenarioDate | None = Field(
        default=None, description="Full duty must be reached in the week holding this date."
    )
    ceiling_margin_percent: Number | None = Field(
        default=10, ge=0, le=100,
        description="No week asks more than the full-duty exposure (hours: the contract) plus this "
        "margin: no duty creep. Null switches the ceiling off.",
    )

    def ceiling(self, full_duty_exposure: float) -> float | None:
        """The most any week may ask on a dimension whose full-duty exposure is given."""
        if self.ceiling_margin_percent is None or full_duty_exposure <= 0:
            return None
        return full_duty_exposure * (1 + self.ceiling_margin_percent / 100)


def default_risk_adjustments() -> dict[str, float]:
    """No source gives numbers (domain.md): these are explicit placeholders to edit."""
    return {"previous_injury_same_region": 0.8, "smoking": 0.9, "diabetes": 0.9}


class Policy(DomainModel):
    """Every limit the planner enforces as a hard constraint."""

    slot_minutes: WholeNumber = Field(default=15, description="Planning granularity; divides 60.")
    horizon_weeks: WholeNumber = Field(
        default=12, ge=1, le=MAX_HORIZON_WEEKS, description="Weeks planned; the worker's risk factors lengthen "
        "it by the factor they slow progression (Scenario.horizon_weeks).")
    increments: dict[DimensionId, IncrementLimit] = Field(
        default_factory=dict, description="Increment limit per dimension (work_hours included)."
    )
    default_increment_percent: Number = Field(
        default=15, ge=0, le=200, description="For dimensions without an explicit increment."
    )
    default_allowance_share_of_target: Number = Field(
        default=0.05, ge=0, le=1, description="Default allowance, as a share of the target."
    )
    increment_lookback_weeks: WholeNumber = Field(
        default=2, ge=1, le=4,
        description="Increase is measured from the highest of this many previous weeks, so "
        "one deload or holiday week does not reset progress (1 = strict week over week).",
    )
    heaviest_load_step_kg: Number = Field(
        default=2.5, ge=0, le=50, description="Most the heaviest handled load may rise in a week, above the "
        "heaviest load of the last increment_lookback_weeks weeks (unless a heaviest_load_protocol is given)."
    )
    heaviest_load_protocol: list[LoadRung] | None = Field(
        default=None, min_length=1, max_length=52,
        description="A stepped load protocol (e.g. the surgeon's): rungs in kg, each held for its minimum weeks, "
        "in place of the weekly step; the limit follows the protocol, not the tasks done. The last rung holds "
        "to the horizon.")
    phases: list[Phase] = Field(default_factory=default_phases, min_length=1)
    recovery: Recovery = Field(default_factory=Recovery)
    acwr_max: Number | None = Field(
        default=None, gt=0, le=MAX_ACWR,
        description="Uncoupled acute:chronic ratio ceiling (this week / mean of 4 before).",
    )
    variability: Variability = Field(default_factory=Variability)
    max_lifting_index: Number | None = Field(
        default=1.0, gt=0, le=MAX_LIFTING_INDEX, description="No task with a higher NIOSH lifting index, ever."
    )
    risk_factor_adjustments: dict[str, Number] = Field(
        default_factory=default_risk_adjustments,
        description="Per risk factor, how much it slows progression, (0-1] (several multiply): smaller increases, "
        "each load step or protocol rung held longer, a longer horizon (docs/scenario-format.md).",
    )
    target: Target
    warm_up_minutes: WholeNumber = Field(default=15, ge=0, le=60, description="Warm-up at shift start.")
    min_hours_per_worked_day: Number = Field(
        default=2.0, ge=0, le=12,
        description="A day worked holds at least this much work (nobody travels in for an hour; domain.md: "
        "a day of 1-2 h is rare outside work conditioning). A phase may set its own.",
    )
    day_pattern: Literal["regular", "free"] = Field(
        default="regular",
        description="regular: every worked day of a week has the week's day length and, where the site offers "
        "the same duties, the same duties (a day shortened by an appointment or a shorter shift excepted); "
        "free: each day's hours and duties are chosen on their own.",
    )
    steady_climb: Flag = Field(
        default=True,
        description="Before full duty, weekly working time, days worked and the day length never fall from one "
        "week to the next, except by what a deload week, a site closure, an appointment, fewer rostered shifts "
        "or a phase's own rest rules take away.",
    )
    monitoring: MonitoringRules = Field(
        default_factory=MonitoringRules,
        description="Pain-monitoring thresholds that turn a week's reassessment into progress, hold or step back "
        "(rtw case log; docs/cases.md).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> "Policy":
        if self.slot_minutes not in (5, 10, 15, 20, 30, 60):
            raise ValueError("slot_minutes must be one of 5, 10, 15, 20, 30, 60")
        if self.warm_up_minutes % self.slot_minutes:
            raise ValueError("warm_up_minutes must be a multiple of slot_minutes")
        for phase in self.phases:
            shortest = self.shortest_day_hours(phase)
            if shortest > phase.daily_hours_cap:
                raise ValueError(f"phase {phase.name!r}: the shortest worked day ({shortest:g} h) is above its "
                                 f"daily hours cap ({phase.daily_hours_cap:g} h)")
        names = [phase.name for phase in self.phases]
        if len(set(names)) != len(names):
            raise ValueError("phase names must be unique")
        for name, factor in self.risk_factor_adjustments.items():
            if not 0 < factor <= 1:
                raise ValueError(f"risk_factor_adjustments.{name} must be in (0, 1]")
        for phase in self.phases:
            if phase.max_weeks is not None and phase.max_weeks < phase.min_weeks:
                raise ValueError(f"phase {phase.name!r}: max_weeks is below min_weeks")
            if isinstance(phase.earliest_start, int) and not 0 <= phase.earliest_start <= 104:
                raise ValueError(f"phase {phase.name!r}: earliest_start in weeks must be from 0 to 104")
        if self.phases[0].earliest_start is not None:
            raise ValueError("the first phase starts with the plan: earliest_start belongs to a later phase")
        if self.phases[-1].max_weeks is not None:
            raise ValueError("the last phase lasts to the horizon: max_weeks belongs to an earlier phase")
        rungs = self.heaviest_load_protocol or []
        if any(later.kg < earlier.kg for earlier, later in zip(rungs, rungs[1:], strict=False)):
            raise ValueError("heaviest_load_protocol: the rungs' kg must not fall")
        for before, after in zip(self.phases, self.phases[1:], strict=False):
            if after.daily_hours_cap < before.daily_hours_cap:
                raise ValueError(f"phase {after.name!r} lowers the daily hours cap")
            if strength_rank(after.max_strength_level) < strength_rank(before.max_strength_level):
                raise ValueError(f"phase {after.name!r} lowers the strength level")
        return self

    def shortest_day_hours(self, phase: Phase) -> float:
        """The fewest hours a worked day holds in `phase` (its own value, else the policy's)."""
        own = phase.min_hours_per_worked_day
        return self.min_hours_per_worked_day if own is None else own

    def most_days_in_a_row(self, phase: Phase) -> int:
        """The most worked days in a row in `phase` (its own value, else the recovery policy's)."""
        own = phase.max_consecutive_work_days
        return self.recovery.max_consecutive_work_days if own is None else own

    def rest_days_between(self, phase: Phase) -> int:
        """Rest days between two worked days in `phase`: its own value, else 1 in the first phase, 0 after."""
        if phase.min_rest_days_between_worked_days is not None:
            return phase.min_rest_days_between_worked_days
        return 1 if phase.name == self.phases[0].name else 0

    def rest_days_per_week(self, phase: Phase) -> int:
        """Days without work a week in `phase` (its own value, else the recovery policy's)."""
        own = phase.min_rest_days_per_week
        return self.recovery.min_rest_days_per_week if own is None else own
