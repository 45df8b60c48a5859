"""One broken rule, in numbers and in words a clinician understands."""

import datetime as dt

from pydantic import BaseModel, ConfigDict

TOLERANCE = 1e-6
"""Every comparison allows this much slack (docs/constraint-families.md)."""

FAMILIES: tuple[str, ...] = (
    "shift_and_availability",
    "block_limits",
    "warm_up",
    "daily_hour_caps",
    "weekly_ceilings",
    "load_increments",
    "heaviest_load_steps",
    "lifting_index_limit",
    "phase_task_limits",
    "phase_progression",
    "rest_days",
    "consecutive_days",
    "heavy_days",
    "deload_weeks",
    "acwr",
    "movement_variability",
    "full_duty_target",
    "reported_totals",
)
"""The constraint families of the spec, in the order of its table (and of `check`'s output)."""


class Violation(BaseModel):
    """A plan breaking one family: where (week, date), what (subject), by how much."""

    model_config = ConfigDict(frozen=True)

    family: str
    week: int | None = None
    date: dt.date | None = None
    subject: str | None = None
    limit: float | None = None
    value: float | None = None
    message: str


def num(value: float) -> str:
    """A number as a clinician reads it: at most two decimals, e.g. 1650.0 or 0.25."""
    return str(round(float(value), 2))
