"""Demand dimensions: the exposure channels a plan grades week by week.

Working hours are always a dimension (derived from scheduled minutes); the others are
declared by the scenario so that a site can add its own (kneeling, ladder climbs...).
"""

from typing import Annotated

from pydantic import Field, StringConstraints

from models.base import DomainModel

WORK_HOURS = "work_hours"
"""The one dimension every plan has: scheduled working time, in hours."""

DimensionId = Annotated[
    str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=40)
]


class DemandDimension(DomainModel):
    """A named exposure channel; tasks expose the worker to it at a rate per hour."""

    id: DimensionId = Field(description="Identifier used as a key everywhere, e.g. `lifting`.")
    name: str = Field(min_length=1, description="Human-readable name, e.g. 'Lifting'.")
    unit: str = Field(min_length=1, description="Unit of the weekly exposure, e.g. 'kg x lifts'.")


def default_dimensions() -> list[DemandDimension]:
    """The six channels a functional capacity evaluation usually measures (domain.md)."""
    return [
        DemandDimension(id="lifting", name="Lifting", unit="kg x lifts"),
        DemandDimension(id="carrying", name="Carrying", unit="kg x m"),
        DemandDimension(id="standing", name="Standing", unit="h"),
        DemandDimension(id="overhead", name="Overhead work", unit="min"),
        DemandDimension(id="hand_reps", name="Repetitive hand work", unit="count"),
    ]
