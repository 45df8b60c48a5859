"""The weekly reassessment a clinician logs, and the pain-monitoring rules that read it.

Each week of a return to work the clinician asks what was tolerated, how much it hurt during
work and the next morning, how tired the worker was and whether the condition flared up. The
answer decides the next week: move on as planned, hold this week's load, step back a week, or,
after a flare-up, go back to the last week that was well tolerated and review. The rules follow
the pain-monitoring model (Silbernagel 2007, ../shared/domain.md): pain 0-2/10 during activity is
safe, up to 5/10 acceptable, above 5 not; pain must settle by the next morning; pain that does not
settle, or rises above the level before, means hold or reduce.

`ProgressEntry` is clinical: its pain scores and notes stay in the clinician's view, like the
worker's diagnosis.
"""

from enum import StrEnum

from pydantic import Field, model_validator

from models.base import DomainModel, Exposure, Number, WholeNumber
from models.dimensions import DimensionId

PainScore = Number
"""A 0-10 numeric rating of pain (or fatigue)."""


class MonitoringRules(DomainModel):
    """The thresholds of the pain-monitoring model, editable per scenario (policy.monitoring)."""

    safe_pain_max: PainScore = Field(default=2, ge=0, le=10, description="Pain during work at or under this "
                                     "is safe: the plan moves on as written (Silbernagel 2007: 0-2/10).")
    acceptable_pain_max: PainScore = Field(default=5, ge=0, le=10, description="Pain during work above the "
                                           "safe level and at or under this is acceptable: this week's load "
                                           "is held (Silbernagel 2007: up to 5/10).")
    settled_pain_max: PainScore = Field(default=2, ge=0, le=10, description="Pain the next morning at or under "
                                        "this has settled; above it, the load steps back a week.")

    @model_validator(mode="after")
    def _ordered(self) -> "MonitoringRules":
        if self.safe_pain_max > self.acceptable_pain_max:
            raise ValueError("safe_pain_max must not exceed acceptable_pain_max")
        return self


class ProgressEntry(DomainModel):
    """One week's reassessment (clinician view only)."""

    week: WholeNumber = Field(ge=1, le=520, description="The plan week reassessed.")
    tolerated: dict[DimensionId, Exposure] | None = Field(
        default=None, description="Weekly exposure tolerated per dimension; null: the week as planned.")
    repetitions: WholeNumber | None = Field(default=None, ge=0, description="Repetitions done, where counted.")
    pain_during: PainScore = Field(ge=0, le=10, description="Worst pain during work, 0-10.")
    pain_next_morning: PainScore = Field(ge=0, le=10, description="Pain the next morning, 0-10.")
    fatigue: PainScore | None = Field(default=None, ge=0, le=10, description="Fatigue at the end of the day, 0-10.")
    flare_up: bool = Field(default=False, description="A flare-up of the condition this week.")
    adherence_percent: Number | None = Field(default=None, ge=0, le=100,
                                             description="Share of the planned work actually done.")
    notes: str = Field(default="", max_length=4000, description="Free notes (clinician view only).")


class Step(StrEnum):
    """What the next week does, as the monitoring rules decide it."""

    PROGRESS = "progress"
    HOLD = "hold"
    STEP_BACK = "step_back"
    RETURN_TO_TOLERATED = "return_to_tolerated"


STEP_MEANING: dict[Step, str] = {
    Step.PROGRESS: "progress as planned",
    Step.HOLD: "hold this week's load next week",
    Step.STEP_BACK: "step back to the week before's load",
    Step.RETURN_TO_TOLERATED: "go back to the last well-tolerated week's load, and review",
}


class Decision(DomainModel):
    """The rule applied to one week's reassessment, and why; recorded with the entry."""

    week: WholeNumber = Field(ge=1)
    step: Step
    reason: str = Field(description="Which threshold decided it, in plain words.")
    resume_from_week: WholeNumber | None = Field(
        default=None, description="The plan week whose load the next week repeats (null: the next planned week, "
        "or week 0 - the baseline - when no week before was well tolerated).")
    review: bool = Field(default=False, description="The treating practitioner reviews before the plan moves on.")
