"""Integer units for the model: CP-SAT needs integers, the checker works in real units.

Rates are kept to 0.01 per hour (models.tasks.RATE_DECIMALS), so one slot of a task adds
exactly `rate_centi` scaled units and `scaled / per_unit` is the true exposure. Limits
round *inwards* (upper bounds down, lower bounds up), so a plan that satisfies the
integer model satisfies the real-valued rule the checker applies.
"""

import math
from dataclasses import dataclass

from models.dimensions import WORK_HOURS
from models.tasks import Task

PERCENT_SCALE = 100
"""Percentages are applied in hundredths of a percent."""

LOAD_SCALE = 10
"""Loads in tenths of a kilogram."""


@dataclass(frozen=True)
class ExposureScale:
    """Converts between real exposure and scaled integer units for one slot length."""

    slot_minutes: int

    @property
    def per_unit(self) -> int:
        """Scaled units per one unit of exposure (per hour of a 1/h rate)."""
        return 6000 // self.slot_minutes

    def rate(self, task: Task, dimension: str) -> int:
        """Scaled units one slot of `task` adds on `dimension`."""
        rate = 1.0 if dimension == WORK_HOURS else task.rate(dimension)
        return round(rate * 100)

    def at_most(self, value: float) -> int:
        return math.floor(value * self.per_unit + 1e-9)

    def at_least(self, value: float) -> int:
        return math.ceil(value * self.per_unit - 1e-9)


def percent_factor(percent: float) -> int:
    """(100 + percent) % in hundredths of a percent, e.g. 15 % -> 11500."""
    return round((100 + percent) * PERCENT_SCALE)


def share_factor(share: float) -> int:
    """A share (0.75) in hundredths of a percent (7500), rounded down to stay safe."""
    return math.floor(share * 100 * PERCENT_SCALE + 1e-9)


def load_units(kg: float) -> int:
    """Tenths of a kilogram; task and baseline loads are already kept to 0.1 kg."""
    return round(kg * LOAD_SCALE)
