"""Integer units for the model: CP-SAT needs integers, the checker works in real units.

Rates are kept to 0.01 per hour (models.tasks.RATE_DECIMALS), so one slot of a task adds
an exact whole number of hundredths-per-hour units. Each dimension is then divided by the
greatest common divisor of its tasks' rates: lifting rates of 60, 300 and 900 kg x lifts
an hour become 1, 5 and 15 units a slot. Small coefficients keep CP-SAT's presolve and
its linear relaxation fast (measured: benchmarks/RESULTS.md).

Limits round *inwards* (upper bounds down, lower bounds up), so a plan that satisfies the
integer model satisfies the real-valued rule the checker applies.
"""

import math
from dataclasses import dataclass, field
from fractions import Fraction

from models.dimensions import WORK_HOURS
from models.scenario import Scenario
from models.tasks import Task

PERCENT_SCALE = 100
"""Percentages are applied in hundredths of a percent."""

LOAD_SCALE = 10
"""Loads in tenths of a kilogram."""


def hourly_rate(task: Task, dimension: str) -> float:
    """Exposure per hour of work: 1 on working hours for every task, else the task's rate."""
    return 1.0 if dimension == WORK_HOURS else task.rate(dimension)


@dataclass(frozen=True)
class ExposureScale:
    """Converts between real exposure and the scaled integer units of each dimension."""

    slot_minutes: int
    divisor: dict[str, int] = field(default_factory=dict)
    """Per dimension, the common divisor of the tasks' rates in hundredths per slot."""
    rates: dict[tuple[str, str], int] = field(default_factory=dict)
    """Per (task id, dimension), the scaled units one slot adds (worked out once: every model reads them)."""
    top_rates: dict[str, int] = field(default_factory=dict)
    """Per dimension, the highest of its tasks' rates."""

    @classmethod
    def of(cls, scenario: Scenario) -> "ExposureScale":
        divisor = {}
        for dim in scenario.dimension_ids:
            common = 0
            for task in scenario.tasks:
                common = math.gcd(common, _hundredths(task, dim))
            divisor[dim] = common or 1
        rates = {(task.id, dim): _hundredths(task, dim) // divisor[dim]
                 for task in scenario.tasks for dim in scenario.dimension_ids}
        top = {dim: max(rates[task.id, dim] for task in scenario.tasks) for dim in scenario.dimension_ids}
        return cls(scenario.policy.slot_minutes, divisor, rates, top)

    def rate(self, task: Task, dimension: str) -> int:
        """Scaled units one slot of `task` adds on `dimension`."""
        return self.rates[task.id, dimension]

    def units(self, value: float, dimension: str) -> float:
        """`value` (in the dimension's own unit) in scaled units, unrounded."""
        return value * (6000 / self.slot_minutes) / self.divisor[dimension]

    def at_most(self, value: float, dimension: str) -> int:
        return math.floor(self.units(value, dimension) + 1e-9)

    def at_least(self, value: float, dimension: str) -> int:
        return math.ceil(self.units(value, dimension) - 1e-9)


def _hundredths(task: Task, dimension: str) -> int:
    return round(hourly_rate(task, dimension) * 100)


def growth(percent: float) -> Fraction:
    """1 + percent / 100 as an exact fraction (percentages are kept to hundredths)."""
    return Fraction(round((100 + percent) * PERCENT_SCALE), 100 * PERCENT_SCALE)


def share(value: float) -> Fraction:
    """A share (0.75) as an exact fraction, rounded down to a hundredth of a percent to stay safe."""
    return Fraction(math.floor(value * 100 * PERCENT_SCALE + 1e-9), 100 * PERCENT_SCALE)


def load_units(kg: float) -> int:
    """Tenths of a kilogram; task and baseline loads are already kept to 0.1 kg."""
    return round(kg * LOAD_SCALE)
