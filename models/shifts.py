"""Shift patterns: when the worker is rostered, as weekly templates or anchored rotations.

A shift belongs to the date it starts on; a night shift that ends after midnight still
counts for that date. Times are wall-clock times in the worker's time zone; real
durations are measured in UTC so that a daylight-saving change is counted correctly.
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, model_validator

from models.base import DomainModel, ScenarioDate, WallTime, WholeNumber


class Weekday(StrEnum):
    """ISO weekdays in order, Monday first."""

    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"

    @classmethod
    def of(cls, day: dt.date) -> "Weekday":
        return list(cls)[day.weekday()]


class ShiftKind(StrEnum):
    """Employers offer some duties only on some kinds of shift (no packing on nights)."""

    day = "day"
    evening = "evening"
    night = "night"


class Break(DomainModel):
    """An unpaid or rest break inside a shift, starting at a wall-clock time."""

    start: WallTime = Field(description="Wall-clock start, e.g. 10:00; may fall after midnight.")
    minutes: WholeNumber = Field(gt=0, le=240, description="Length of the break in minutes.")


class ShiftTemplate(DomainModel):
    """One kind of shift: start, end (earlier than start means it ends the next day)."""

    name: str = Field(min_length=1, description="Label shown in calendars, e.g. 'Day 07-15:30'.")
    kind: ShiftKind = Field(description="day, evening or night; used by task availability.")
    start: WallTime = Field(description="Wall-clock start time.")
    end: WallTime = Field(description="Wall-clock end time; at or before start = next day.")
    breaks: list[Break] = Field(default_factory=list, description="Breaks inside the shift.")

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def wall_minutes(self) -> int:
        """Length on the wall clock (a DST night may really be an hour longer or shorter)."""
        return _minutes_after(self.start, self.end) or 24 * 60

    @model_validator(mode="after")
    def _breaks_inside(self) -> "ShiftTemplate":
        for index, brk in enumerate(self.breaks):
            if _minutes_after(self.start, brk.start) + brk.minutes > self.wall_minutes:
                raise ValueError(f"breaks[{index}] does not fit inside the shift")
        self._breaks_apart()
        return self

    def _breaks_apart(self) -> None:
        """Two breaks over the same minutes would count that time off twice (or hide a typo)."""
        spans = sorted((_minutes_after(self.start, brk.start), brk.minutes, index)
                       for index, brk in enumerate(self.breaks))
        for (start, minutes, earlier), (later_start, _, later) in zip(spans, spans[1:], strict=False):
            if later_start < start + minutes:
                first, second = sorted((earlier, later))
                raise ValueError(f"breaks[{second}] overlaps breaks[{first}]")


def _minutes_after(first: dt.time, then: dt.time) -> int:
    """Wall-clock minutes from `first` to the next occurrence of `then` (0 to 1439)."""
    return ((then.hour * 60 + then.minute) - (first.hour * 60 + first.minute)) % (24 * 60)


ShiftCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,20}$")]


class WeeklyPattern(DomainModel):
    """The same roster every week, e.g. Monday to Friday days."""

    kind: Literal["weekly"] = "weekly"
    shifts: dict[ShiftCode, ShiftTemplate] = Field(description="Shift templates by code.")
    week: dict[Weekday, ShiftCode] = Field(
        description="Shift code per weekday; a weekday left out is a day off."
    )

    @model_validator(mode="after")
    def _codes_exist(self) -> "WeeklyPattern":
        unknown = {c for c in self.week.values() if c not in self.shifts}
        if unknown:
            raise ValueError(f"week uses undefined shift codes {sorted(unknown)}")
        return self

    def code_on(self, day: dt.date) -> str | None:
        return self.week.get(Weekday.of(day))


class RotatingPattern(DomainModel):
    """A cycle of shift codes anchored on a date, e.g. 2 days, 2 nights, 4 off."""

    kind: Literal["rotating"] = "rotating"
    shifts: dict[ShiftCode, ShiftTemplate] = Field(description="Shift templates by code.")
    anchor_date: ScenarioDate = Field(description="The date on which the cycle's first entry falls.")
    cycle: list[ShiftCode | None] = Field(
        min_length=1, max_length=56, description="Shift code per day of the cycle; null = off."
    )

    @model_validator(mode="after")
    def _codes_exist(self) -> "RotatingPattern":
        unknown = {c for c in self.cycle if c is not None and c not in self.shifts}
        if unknown:
            raise ValueError(f"cycle uses undefined shift codes {sorted(unknown)}")
        return self

    def code_on(self, day: dt.date) -> str | None:
        return self.cycle[(day - self.anchor_date).days % len(self.cycle)]


ShiftPattern = Annotated[WeeklyPattern | RotatingPattern, Field(discriminator="kind")]


class Interval(DomainModel):
    """A half-open span of real time, [start, end), with aware datetimes."""

    start: dt.datetime
    end: dt.datetime

    @property
    def minutes(self) -> int:
        return real_minutes_between(self.start, self.end)

    def holds(self, start: dt.datetime, end: dt.datetime) -> bool:
        """Does [start, end) lie inside this interval? Compared as instants (in UTC), so that a
        block in the repeated hour of a clock change is not taken for one an hour earlier."""
        return utc(self.start) <= utc(start) and utc(end) <= utc(self.end)


class ShiftOccurrence(DomainModel):
    """A shift on a concrete date: its real span and the breaks inside it."""

    date: dt.date
    code: str
    template: ShiftTemplate
    span: Interval
    breaks: list[Interval]

    @property
    def kind(self) -> ShiftKind:
        return self.template.kind


UTC = ZoneInfo("UTC")


def utc(instant: dt.datetime) -> dt.datetime:
    """The same instant in UTC: the only reading in which two instants compare by time.

    Python compares (and subtracts) two datetimes of the same zone by their wall-clock reading,
    ignoring `fold`, so in the hour the clocks go back 01:15 GMT sorts before 01:45 BST although
    it comes an hour later. Every ordering, overlap and containment test of real time goes
    through this (sort keys too); local readings are for display only."""
    return instant.astimezone(UTC)


def local_instant(day: dt.date, wall: dt.time, zone: ZoneInfo) -> dt.datetime:
    """A wall-clock time on a date; in a DST gap or overlap the first reading (fold=0) wins."""
    return dt.datetime.combine(day, wall, tzinfo=zone)


def real_minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    """Elapsed minutes, measured in UTC (aware subtraction in one zone ignores DST)."""
    return int((utc(end) - utc(start)).total_seconds() // 60)


def shift_on(pattern: WeeklyPattern | RotatingPattern, day: dt.date, zone: ZoneInfo) -> ShiftOccurrence | None:
    """The shift the pattern rosters on `day`, with its breaks placed in real time."""
    code = pattern.code_on(day)
    if code is None:
        return None
    template = pattern.shifts[code]
    start = local_instant(day, template.start, zone)
    end_day = day + dt.timedelta(days=1) if template.crosses_midnight else day
    end = local_instant(end_day, template.end, zone)
    breaks: list[Interval] = []
    for brk in template.breaks:
        brk_day = day + dt.timedelta(days=1) if template.crosses_midnight and brk.start < template.start else day
        brk_start = local_instant(brk_day, brk.start, zone)
        breaks.append(Interval(start=brk_start, end=plus_minutes(brk_start, brk.minutes)))
    return ShiftOccurrence(date=day, code=code, template=template, span=Interval(start=start, end=end), breaks=breaks)


def plus_minutes(instant: dt.datetime, minutes: int) -> dt.datetime:
    """Adds real minutes (through UTC) and returns the local reading."""
    zone = instant.tzinfo
    return (utc(instant) + dt.timedelta(minutes=minutes)).astimezone(zone)

