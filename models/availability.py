"""What the employer can offer: which duties on which days and shifts, and when nobody works."""

import datetime as dt

from pydantic import Field, model_validator

from models.base import DomainModel, Number, ScenarioDate, WallTime
from models.shifts import ShiftKind, Weekday


class TaskOffer(DomainModel):
    """A promise by the site: this duty, on these days and shifts, for up to so many hours.

    Several offers for one task are alternatives: on a given day the most generous
    matching offer applies.
    """

    task_id: str = Field(description="The task offered.")
    weekdays: list[Weekday] | None = Field(
        default=None, description="Weekdays on which it is offered; null = every day."
    )
    dates: list[ScenarioDate] | None = Field(
        default=None, description="Only these dates (in addition to the weekday filter)."
    )
    shift_kinds: list[ShiftKind] | None = Field(
        default=None, description="Shift kinds on which it is offered; null = all."
    )
    hours_per_day: Number = Field(gt=0, le=24, description="Hours per day the site can absorb.")
    from_date: ScenarioDate | None = Field(default=None, description="First date offered.")
    until_date: ScenarioDate | None = Field(default=None, description="Last date offered.")

    @model_validator(mode="after")
    def _dates_ordered(self) -> "TaskOffer":
        if self.from_date and self.until_date and self.until_date < self.from_date:
            raise ValueError("until_date is before from_date")
        return self

    def covers(self, day: dt.date, kind: ShiftKind) -> bool:
        """True when this offer applies to a shift of `kind` on `day`."""
        return (
            (self.weekdays is None or Weekday.of(day) in self.weekdays)
            and (self.dates is None or day in self.dates)
            and (self.shift_kinds is None or kind in self.shift_kinds)
            and (self.from_date is None or day >= self.from_date)
            and (self.until_date is None or day <= self.until_date)
        )


class Blackout(DomainModel):
    """A date on which nobody works at the site (shutdown, public holiday)."""

    date: ScenarioDate
    reason: str = Field(default="", description="Shown to staff, e.g. 'Public holiday'.")


class Appointment(DomainModel):
    """A fixed appointment that blocks working time (physiotherapy, medical review)."""

    date: ScenarioDate = Field(description="Calendar date of the appointment; it blocks any shift it overlaps.")
    start: WallTime
    end: WallTime
    kind: str = Field(default="appointment", description="e.g. physiotherapy, medical review.")

    @model_validator(mode="after")
    def _ordered(self) -> "Appointment":
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class Availability(DomainModel):
    """Everything the employer side contributes to the plan's calendar."""

    offers: list[TaskOffer] = Field(default_factory=list)
    blackouts: list[Blackout] = Field(default_factory=list)
    appointments: list[Appointment] = Field(default_factory=list)

    def hours_offered(self, task_id: str, day: dt.date, kind: ShiftKind) -> float:
        """Most generous matching offer for the task, 0 when nothing is offered."""
        index = self.offer_applying(task_id, day, kind)
        return 0.0 if index is None else self.offers[index].hours_per_day

    def offer_applying(self, task_id: str, day: dt.date, kind: ShiftKind) -> int | None:
        """Index of the offer that sets the task's hours on a day (the most generous, the first
        of equals), None when no offer covers it."""
        matching = [i for i, o in enumerate(self.offers) if o.task_id == task_id and o.covers(day, kind)]
        return max(matching, key=lambda i: (self.offers[i].hours_per_day, -i), default=None)

    def is_blackout(self, day: dt.date) -> bool:
        return any(b.date == day for b in self.blackouts)
