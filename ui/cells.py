"""Cell conversions shared by every table the app edits, and the scenario's plain-data vocabulary.

A data editor hands back pandas cells (NaN, NaT, Timestamps, numbers typed as text); these
functions turn one cell into the plain value the scenario stores, leaving anything that is
not a valid value as it is, so that the scenario model names the problem by field.
"""

import datetime as dt
import math
from typing import Any

import pandas as pd

from models.shifts import Weekday

WEEKDAYS = [str(day.value) for day in Weekday]

Data = dict[str, Any]
"""A scenario, or a part of one, as plain JSON-compatible data (`model_dump(mode="json")`)."""


def number(value: object) -> float | None:
    """A numeric cell: None for an empty or NaN cell, else the value (left for pydantic to judge)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        result = float(str(value))
    except ValueError:
        return None
    return None if math.isnan(result) else result


def whole(value: float | None) -> int | float | None:
    """A count: an int when the number is whole, else left as it is for pydantic to refuse."""
    return int(value) if value is not None and value.is_integer() else value


def time_text(value: object) -> str:
    """A time of day as shown in the tables, "HH:MM" (seconds only when there are some)."""
    shown = text(value)
    return shown[:5] if len(shown) == 8 and shown.endswith(":00") else shown


def time_value(value: object) -> str | None:
    """A typed "HH:MM" as the scenario stores it; text that is no time is left for pydantic to name."""
    typed = text(value).strip()
    if not typed:
        return None
    try:
        return dt.time.fromisoformat(typed.zfill(5) if len(typed) == 4 else typed).isoformat()
    except ValueError:
        return typed


def text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def date_text(value: object) -> str | None:
    """A date cell as ISO text (None when empty)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) or None


def listed(values: list[str] | None) -> str:
    """A list as one comma-separated cell."""
    return ", ".join(values or [])


def list_from(typed: object) -> list[str] | None:
    """A comma-separated cell as a list; an empty cell means none (None)."""
    parts = [part.strip() for part in text(typed).split(",") if part.strip()]
    return parts or None


def flag(value: object) -> bool:
    """A checkbox cell: True only when ticked (an empty cell of a row being added is False)."""
    return text(value).lower() == "true"


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(name): value for name, value in row.items()} for row in frame.to_dict(orient="records")]
