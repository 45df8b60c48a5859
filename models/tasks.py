"""Tasks: employer duties and functional task simulations, with what they expose the worker to."""

from pydantic import Field, field_validator, model_validator

from models.base import DomainModel, Flag, Number, RatePerHour, WholeNumber
from models.dimensions import DimensionId
from models.ergonomics import (
    ForceFrequency,
    NioshLift,
    StrengthLevel,
    dot_strength_level,
    lifting_index,
)

RATE_DECIMALS = 2
"""Exposure rates are kept to 0.01 per hour so that planner and checker compute exactly."""


class Task(DomainModel):
    """A duty the worker can be given, described by its exposure per hour of work."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$", description="Identifier.")
    name: str = Field(min_length=1, description="Name shown to staff, e.g. 'Pack small orders'.")
    description: str = Field(default="", description="What the duty involves.")
    exposure_per_hour: dict[DimensionId, RatePerHour] = Field(
        default_factory=dict,
        description="Exposure per hour of this task on each demand dimension (in its unit).",
    )
    heaviest_load_kg: Number = Field(default=0, ge=0, le=200, description="Heaviest single load.")
    force_frequency: ForceFrequency = Field(
        default=ForceFrequency.occasional,
        description="How often the heaviest load is handled (DOT: occasional/frequent/constant).",
    )
    strength_level: StrengthLevel | None = Field(
        default=None, description="DOT strength level; computed from load and frequency if null."
    )
    lift: NioshLift | None = Field(
        default=None, description="NIOSH lift geometry of the heaviest lift, for the lifting index."
    )
    job_specific: Flag = Field(default=False, description="Part of the pre-injury job.")
    warm_up: Flag = Field(default=False, description="The warm-up placed at the start of shifts.")
    min_block_minutes: WholeNumber = Field(
        default=15, ge=1, le=720, description="Shortest time this task is scheduled on a day."
    )
    max_block_minutes: WholeNumber | None = Field(
        default=None, ge=1, le=720, description="Longest unbroken run; null = no limit."
    )
    max_minutes_per_day: WholeNumber | None = Field(
        default=None, ge=0, le=1440, description="Most minutes per day; null = no limit."
    )

    @field_validator("exposure_per_hour")
    @classmethod
    def _rates_rounded(cls, rates: dict[str, float]) -> dict[str, float]:
        return {key: round(value, RATE_DECIMALS) for key, value in rates.items()}

    @field_validator("heaviest_load_kg")
    @classmethod
    def _load_to_tenth(cls, kg: float) -> float:
        return round(kg, 1)

    @model_validator(mode="after")
    def _blocks_ordered(self) -> "Task":
        if self.max_block_minutes is not None and self.max_block_minutes < self.min_block_minutes:
            raise ValueError("max_block_minutes is below min_block_minutes")
        return self

    def rate(self, dimension: str) -> float:
        return self.exposure_per_hour.get(dimension, 0.0)

    def effective_strength_level(self) -> StrengthLevel:
        """The given DOT level, or the one the DOT table assigns to load and frequency."""
        if self.strength_level is not None:
            return self.strength_level
        return dot_strength_level(self.heaviest_load_kg, self.force_frequency)

    def lifting_index(self) -> float | None:
        """NIOSH lifting index of the heaviest lift, when its geometry is known."""
        if self.lift is None:
            return None
        return lifting_index(self.heaviest_load_kg, self.lift)
