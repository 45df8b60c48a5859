"""Shared base for every domain model: unknown fields are errors, not silently dropped.

Also the value types a scenario is written in: strict numbers and booleans (a `true` where hours
belong is refused, not read as 1), bounded amounts, wall-clock times and dates in a sensible range.
"""

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict


class DomainModel(BaseModel):
    """Forbids unknown keys so that a typo in a scenario file is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def _refuse_numbers(value: Any) -> Any:
    """YAML 1.1 reads an unquoted 7:00 as the number 420: refuse it rather than guess."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("write times as \"HH:MM\" in quotes (an unquoted 7:00 reads as a number)")
    return value


def _wall_clock_only(value: dt.time) -> dt.time:
    """A UTC offset on a shift, break or appointment time would be silently dropped (times are
    read in worker.time_zone, which already knows its offsets), and seconds cannot be planned
    in minute slots: refuse both rather than plan a different time than the one written."""
    if value.tzinfo is not None:
        raise ValueError(f"has a UTC offset: write the wall-clock time alone, e.g. \"{value:%H:%M}\" "
                         "(times are read in worker.time_zone)")
    if value.second or value.microsecond:
        raise ValueError("has seconds: write whole minutes, \"HH:MM\"")
    return value


WallTime = Annotated[dt.time, BeforeValidator(_refuse_numbers), AfterValidator(_wall_clock_only)]
"""A wall-clock time of day, written "HH:MM", in the worker's time zone."""

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
"""Every date of a scenario lies in this range. A return to work is planned for now, not for
year 9999 (whose horizon would run past the last date Python knows); and since 2000 every
time zone's UTC offset is whole minutes (before 1972 Liberia's was -0:44:30), so plan times
are always whole minutes."""


def _refuse_date_numbers(value: Any) -> Any:
    """Lax pydantic reads a number as a Unix timestamp: 20270104 would be a date in 1970."""
    if isinstance(value, int | float):
        raise ValueError("write dates as YYYY-MM-DD (a number is not a date)")
    return value


def _in_date_range(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"must be from {EARLIEST_DATE} to {LATEST_DATE}")
    return value


ScenarioDate = Annotated[dt.date, BeforeValidator(_refuse_date_numbers), AfterValidator(_in_date_range)]
"""A calendar date of a scenario, YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE."""

Flag = Annotated[bool, Strict()]
"""true or false only: lax pydantic would read 1, "yes" or "off" as a boolean."""

WholeNumber = Annotated[int, Strict()]
"""An integer only: lax pydantic would read true as 1 and "15" as 15."""

Number = Annotated[float, Strict()]
"""A number (integer or decimal) only: lax pydantic would read true as 1 and "20" as 20.
Infinity and NaN are refused by DomainModel's allow_inf_nan=False."""

MAX_WEEKLY_EXPOSURE = 1e9
"""Largest weekly (or daily) exposure on any dimension, in its unit: far above any job (a full
week of carrying 25 kg at walking pace is about 5e6 kg x m), low enough that the solver's
scaled integers (solver.scaling) never overflow."""

MAX_RATE_PER_HOUR = 1e6
"""Largest exposure a task adds per hour on one dimension (same reasoning as MAX_WEEKLY_EXPOSURE)."""

Exposure = Annotated[float, Strict(), Field(ge=0, le=MAX_WEEKLY_EXPOSURE)]
"""An amount of exposure (a baseline, target, ceiling, threshold or allowance), in the dimension's unit."""

RatePerHour = Annotated[float, Strict(), Field(ge=0, le=MAX_RATE_PER_HOUR)]
"""Exposure per hour of a task on one dimension, in the dimension's unit."""

Share = Annotated[float, Strict(), Field(ge=0, le=1)]
"""A share from 0 to 1 (e.g. 0.8 = 80 % of the target)."""
