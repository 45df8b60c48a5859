"""Lays the solved minutes out in time: a warm-up first, lighter tasks before heavier.

The solver decides how many slots each task gets per day; here they become timed blocks
from the start of the shift, pausing over breaks and appointments. A task with a longest
block is split into as few runs as that allows, as even as possible, and runs of one task
are never placed back to back (solver.rules.calendar_rules guarantees that this is
possible: every other task of the day can separate two of them).
"""

from collections import Counter

from models.calendar import PlanDay
from models.ergonomics import strength_rank
from models.plan import Block, DayPlan
from models.scenario import Scenario
from models.shifts import Weekday, plus_minutes
from models.tasks import Task


class LayoutError(RuntimeError):
    """The solved minutes cannot be arranged; a bug, since the model forbids it."""


def lightness(task: Task) -> tuple[int, float, float]:
    """Sort key: DOT level, heaviest load, then total exposure rate."""
    return (strength_rank(task.effective_strength_level()), task.heaviest_load_kg,
            sum(task.exposure_per_hour.values()))


def lay_out_day(scenario: Scenario, day: PlanDay, slots: dict[str, int]) -> DayPlan:
    """Timed blocks for one day from the slots of each task."""
    slot = scenario.policy.slot_minutes
    plan_day = DayPlan(date=day.date, weekday=Weekday.of(day.date),
                       shift_code=day.shift.code if day.shift else None,
                       shift_kind=day.shift.kind if day.shift else None, blackout=day.blackout)
    worked = {task_id: n for task_id, n in slots.items() if n > 0}
    if not worked:
        return plan_day
    tasks = {t.id: t for t in scenario.tasks}
    runs_of = {task_id: _split(n, runs_needed(tasks[task_id], n, slot)) for task_id, n in worked.items()}
    warm_ups = [task_id for task_id in worked if tasks[task_id].warm_up]
    order = sorted((task_id for task_id in worked if task_id not in warm_ups),
                   key=lambda task_id: (lightness(tasks[task_id]), task_id))
    sequence = warm_ups + _arrange(Counter({t: len(runs_of[t]) for t in order}), order)
    pieces = [(task_id, runs_of[task_id].pop(0) * slot) for task_id in sequence]
    plan_day.blocks = _place(day, [(tasks[t], minutes) for t, minutes in pieces])
    return plan_day


def runs_needed(task: Task, slots: int, slot_minutes: int) -> int:
    """Fewest runs that keep each within the task's longest block."""
    if task.max_block_minutes is None or task.warm_up:
        return 1
    longest = task.max_block_minutes // slot_minutes
    return -(-slots // longest)


def _split(total: int, parts: int) -> list[int]:
    """`total` slots in `parts` runs as even as possible, longer runs first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _arrange(counts: Counter[str], order: list[str]) -> list[str]:
    """Lightest-first sequence with no task twice in a row, never painting itself in."""
    sequence: list[str] = []
    last: str | None = None
    while sum(counts.values()):
        for task_id in order:
            if counts[task_id] == 0 or task_id == last:
                continue
            counts[task_id] -= 1
            if _arrangeable(counts, task_id):
                sequence.append(task_id)
                last = task_id
                break
            counts[task_id] += 1
        else:
            raise LayoutError(f"cannot separate runs {dict(counts)}")
    return sequence


def _arrangeable(counts: Counter[str], last: str) -> bool:
    """Can the rest follow `last` with no task twice in a row?"""
    size = sum(counts.values()) + 1
    for task_id, count in counts.items():
        if task_id == last:
            if count + 1 > (size + 1) // 2:
                return False
        elif count > size // 2:
            return False
    return True


def _place(day: PlanDay, pieces: list[tuple[Task, int]]) -> list[Block]:
    """Fills the free intervals from the shift start; a run that meets a break resumes after it.

    Time advances in real minutes (models.shifts.plus_minutes goes through UTC) and each
    block is read back in the worker's zone, so a block over a clock change has its true
    length and one in the repeated hour its own UTC offset."""
    blocks: list[Block] = []
    intervals = list(day.free)
    index, used = 0, 0
    for task, minutes in pieces:
        while minutes:
            if index >= len(intervals):
                raise LayoutError(f"{day.date}: more work than free time")
            interval = intervals[index]
            room = interval.minutes - used
            if room == 0:
                index, used = index + 1, 0
                continue
            take = min(room, minutes)
            start = plus_minutes(interval.start, used)
            blocks.append(Block(task_id=task.id, task_name=task.name, start=start,
                                end=plus_minutes(start, take), minutes=take, warm_up=task.warm_up))
            used += take
            minutes -= take
    return blocks

