"""The worker: roster, what the initial assessment found, and the private clinical record."""

from zoneinfo import ZoneInfo, available_timezones

from pydantic import Field, field_validator

from models.base import DomainModel, Exposure, Number, ScenarioDate
from models.dimensions import DimensionId
from models.shifts import ShiftPattern


class Baseline(DomainModel):
    """Tolerance measured at the initial assessment: the plan's week zero."""

    weekly_exposure: dict[DimensionId, Exposure] = Field(
        default_factory=dict,
        description="Weekly exposure tolerated now, per dimension (work_hours included).",
    )
    heaviest_load_kg: Number = Field(ge=0, le=200, description="Heaviest load tolerated now.")
    assessed_on: ScenarioDate | None = Field(default=None, description="Date of the assessment.")

    @field_validator("heaviest_load_kg")
    @classmethod
    def _load_to_tenth(cls, kg: float) -> float:
        return round(kg, 1)


class ClinicalNotes(DomainModel):
    """Private to the clinical team: never exported to employer, supervisor or HR views."""

    diagnosis: str = Field(default="", description="Diagnosis (clinician view only).")
    history: str = Field(default="", description="Relevant history (clinician view only).")
    notes: str = Field(default="", description="Free clinical notes (clinician view only).")


class Worker(DomainModel):
    """One worker returning to work."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$", description="Stable identifier.")
    display_name: str = Field(min_length=1, description="Name shown in calendars.")
    time_zone: str = Field(description="IANA time zone, e.g. Europe/London.")
    plan_start_date: ScenarioDate = Field(description="First day of plan week 1.")
    contracted_hours_per_week: Number = Field(gt=0, le=84, description="Full-duty weekly hours.")
    shift_pattern: ShiftPattern
    baseline: Baseline
    risk_factors: list[str] = Field(
        default_factory=list,
        description="e.g. previous_injury_same_region, smoking, diabetes (clinician view only).",
    )
    clinical: ClinicalNotes = Field(default_factory=ClinicalNotes)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        if zone not in available_timezones():
            raise ValueError(f"unknown IANA time zone {zone!r}")
        return zone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)
