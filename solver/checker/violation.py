"""One broken rule, in numbers and in words a clinician understands."""

import datetime as dt

from pydantic import BaseModel, ConfigDict

from models.families import Family
from models.numbers import cut

TOLERANCE = 1e-6
"""Every comparison allows this much slack (docs/constraint-families.md)."""

FAMILIES: tuple[str, ...] = tuple(family.value for family in Family)
"""The constraint families (models.families), in the order of docs/constraint-families.md and
of `check`'s output."""


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


def limit_num(value: float) -> str:
    """A limit in `num`'s style, cut at two decimals and never rounded up (models.numbers):
    a 0.755 lifting-index limit reads 0.75, so a message never shows a limit above the real one."""
    return str(cut(value))
