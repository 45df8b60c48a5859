"""A solved plan in numbers, before it is laid out in time: per week, the decisions taken.

The planner decides week by week (solver.stages), so a solution grows a week at a time;
each decided week is also what later weeks are planned against (solver.weeks.FixedWeek).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WeekSolution:
    number: int
    """0-based plan week."""
    phase: int
    """Index of the week's phase in policy.phases."""
    full_duty: bool
    day_length_slots: int
    """The week's regular day length (0 when nothing is worked)."""
    days: dict[int, dict[str, int]] = field(default_factory=dict)
    """Worked days by day index: slots of each task done that day (tasks without time left out)."""

    def slots(self, task_id: str) -> int:
        """Slots of a task over the whole week."""
        return sum(day.get(task_id, 0) for day in self.days.values())


@dataclass
class Solution:
    """The plan so far, week by week."""

    weeks: list[WeekSolution] = field(default_factory=list)

    def day(self, day_index: int) -> dict[str, int]:
        """Slots per task on a day (empty when it is not worked)."""
        return self.weeks[day_index // 7].days.get(day_index, {})

    @property
    def phase_of_week(self) -> list[int]:
        return [week.phase for week in self.weeks]

    @property
    def full_duty(self) -> list[bool]:
        return [week.full_duty for week in self.weeks]
