"""Numbers re-derived from the plan's timed blocks alone: minutes, exposure, loads, rest.

Nothing here trusts a number the plan reports: a block's length is the real time between
its start and end (measured in UTC, so a daylight-saving night counts right), a day is
the date the block is listed under (the shift's date, even after midnight), and a week
is the 1-based plan week holding that date. Blocks and runs carry their instants in UTC,
so every check that orders, joins or overlaps them compares time, not wall-clock readings
(which repeat in the hour the clocks go back); the plan's own local reading is kept for
messages.
"""

import datetime as dt
from dataclasses import dataclass, field

from models.calendar import PlanDay
from models.dimensions import WORK_HOURS
from models.plan import Block, Plan
from models.scenario import Scenario
from models.shifts import real_minutes_between, utc
from models.tasks import Task


@dataclass(frozen=True)
class TimedBlock:
    """A plan block with its real length and its task resolved against the scenario.

    `start` and `end` are UTC instants (compare these); `block.start`/`block.end` are the
    plan's local readings (show these)."""

    block: Block
    day: dt.date
    start: dt.datetime
    end: dt.datetime
    minutes: int
    task: Task | None
    naive: bool

    @property
    def task_id(self) -> str:
        return self.block.task_id

    @property
    def label(self) -> str:
        return self.task.name if self.task else self.block.task_id

    @property
    def local_start(self) -> dt.datetime:
        return self.block.start

    @property
    def local_end(self) -> dt.datetime:
        return self.block.end


@dataclass(frozen=True)
class Run:
    """Consecutive blocks of one task with no other task and no gap between them.

    `start`/`end` are UTC instants; `local_start` is the first block's local reading."""

    task_id: str
    start: dt.datetime
    end: dt.datetime
    minutes: int
    local_start: dt.datetime


@dataclass
class DayTotals:
    date: dt.date
    week: int
    blocks: list[TimedBlock] = field(default_factory=list)
    minutes: int = 0
    task_minutes: dict[str, int] = field(default_factory=dict)
    exposure: dict[str, float] = field(default_factory=dict)

    @property
    def worked(self) -> bool:
        return bool(self.blocks)


@dataclass
class WeekTotals:
    number: int
    dates: list[dt.date]
    minutes: int = 0
    task_minutes: dict[str, int] = field(default_factory=dict)
    first_date: dict[str, dt.date] = field(default_factory=dict)
    exposure: dict[str, float] = field(default_factory=dict)
    heaviest_load_kg: float = 0.0
    heaviest_task: str | None = None
    rest_days: int = 7


@dataclass
class Recomputed:
    blocks: list[TimedBlock]
    days: dict[dt.date, DayTotals]
    weeks: list[WeekTotals]


def exposure(scenario: Scenario, task_minutes: dict[str, int]) -> dict[str, float]:
    """Per dimension: sum of minutes / 60 x rate; work hours count every block at 1 per hour."""
    tasks = {task.id: task for task in scenario.tasks}
    totals: dict[str, float] = {}
    for dim in scenario.dimension_ids:
        if dim == WORK_HOURS:
            totals[dim] = sum(task_minutes.values()) / 60
        else:
            totals[dim] = sum(
                minutes * tasks[task_id].rate(dim)
                for task_id, minutes in task_minutes.items() if task_id in tasks
            ) / 60
    return totals


def timed_blocks(scenario: Scenario, plan: Plan) -> list[TimedBlock]:
    """Every block of the plan, in time order (of instants, in UTC); naive times are read in the
    worker's zone."""
    zone = scenario.worker.zone
    tasks = {task.id: task for task in scenario.tasks}
    found: list[TimedBlock] = []
    for week in plan.weeks:
        for day in week.days:
            for block in day.blocks:
                naive = block.start.tzinfo is None or block.end.tzinfo is None
                start = utc(block.start if block.start.tzinfo else block.start.replace(tzinfo=zone))
                end = utc(block.end if block.end.tzinfo else block.end.replace(tzinfo=zone))
                found.append(TimedBlock(
                    block=block, day=day.date, start=start, end=end,
                    minutes=real_minutes_between(start, end),
                    task=tasks.get(block.task_id), naive=naive,
                ))
    return sorted(found, key=lambda b: (b.start, b.end))


def runs(blocks: list[TimedBlock]) -> list[Run]:
    """Merges time-ordered blocks into runs; a gap (break, appointment) or another task ends one."""
    result: list[Run] = []
    for block in blocks:
        last = result[-1] if result else None
        if last and last.task_id == block.task_id and last.end == block.start:
            result[-1] = Run(last.task_id, last.start, block.end, last.minutes + block.minutes,
                             last.local_start)
        else:
            result.append(Run(block.task_id, block.start, block.end, block.minutes,
                              block.local_start))
    return result


def recompute(scenario: Scenario, days: list[PlanDay], plan: Plan) -> Recomputed:
    """Day and week totals for every day of the horizon; blocks outside it are kept apart."""
    blocks = timed_blocks(scenario, plan)
    by_date = {day.date: DayTotals(day.date, day.week + 1) for day in days}
    horizon = scenario.horizon_weeks
    weeks = [WeekTotals(number, [d.date for d in days if d.week + 1 == number])
             for number in range(1, horizon + 1)]
    for block in blocks:
        totals = by_date.get(block.day)
        if totals is None:
            continue
        minutes = max(block.minutes, 0)
        totals.blocks.append(block)
        totals.minutes += minutes
        totals.task_minutes[block.task_id] = totals.task_minutes.get(block.task_id, 0) + minutes
        week = weeks[totals.week - 1]
        week.minutes += minutes
        week.task_minutes[block.task_id] = week.task_minutes.get(block.task_id, 0) + minutes
        week.first_date.setdefault(block.task_id, block.day)
        load = block.task.heaviest_load_kg if block.task else 0.0
        if load > week.heaviest_load_kg:
            week.heaviest_load_kg, week.heaviest_task = load, block.task_id
    for totals in by_date.values():
        totals.exposure = exposure(scenario, totals.task_minutes)
    for week in weeks:
        week.exposure = exposure(scenario, week.task_minutes)
        week.rest_days = sum(1 for d in week.dates if not by_date[d].worked)
    return Recomputed(blocks=blocks, days=by_date, weeks=weeks)
