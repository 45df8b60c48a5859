"""Shared base for every domain model: unknown fields are errors, not silently dropped."""

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


class DomainModel(BaseModel):
    """Forbids unknown keys so that a typo in a scenario file is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def _refuse_numbers(value: Any) -> Any:
    """YAML 1.1 reads an unquoted 7:00 as the number 420: refuse it rather than guess."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("write times as \"HH:MM\" in quotes (an unquoted 7:00 reads as a number)")
    return value


WallTime = Annotated[dt.time, BeforeValidator(_refuse_numbers)]
"""A wall-clock time of day, written "HH:MM"."""
