"""What changed between two plan versions, day by day: blocks added, removed and moved.

A block is a stretch of one task. A task whose block sits at other times on the same day is
*moved* (the supervisor re-rosters it); a task that appears on a day is *added*, one that
disappears *removed*. Days with no change are left out, so an unchanged plan has no lines.
"""

import datetime as dt
from dataclasses import dataclass, field

from models.plan import Block, Plan


@dataclass(frozen=True)
class Moved:
    task_name: str
    before: str
    after: str


@dataclass
class DayChange:
    date: dt.date
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)


@dataclass(frozen=True)
class PlanDiff:
    days: list[DayChange]
    blocks_kept: int
    blocks_before: int

    @property
    def unchanged(self) -> bool:
        return not self.days


def diff_plans(before: Plan, after: Plan) -> PlanDiff:
    """The day-by-day changes from `before` to `after`."""
    old, new = _blocks_by_date(before), _blocks_by_date(after)
    changes, kept = [], 0
    for date in sorted(old.keys() | new.keys()):
        change, kept_today = _day_change(date, old.get(date, []), new.get(date, []))
        kept += kept_today
        if change.added or change.removed or change.moved:
            changes.append(change)
    return PlanDiff(days=changes, blocks_kept=kept, blocks_before=sum(len(blocks) for blocks in old.values()))


def _day_change(date: dt.date, old: list[Block], new: list[Block]) -> tuple[DayChange, int]:
    change = DayChange(date=date)
    old_keys, new_keys = {_key(b) for b in old}, {_key(b) for b in new}
    gone = [b for b in old if _key(b) not in new_keys]
    came = [b for b in new if _key(b) not in old_keys]
    for block in gone:
        match = next((b for b in came if b.task_id == block.task_id), None)
        if match is None:
            change.removed.append(_words(block))
        else:
            came.remove(match)
            change.moved.append(Moved(block.task_name, _times(block), _times(match)))
    change.added.extend(_words(b) for b in came)
    return change, len(old) - len(gone)


def _blocks_by_date(plan: Plan) -> dict[dt.date, list[Block]]:
    return {day.date: day.blocks for week in plan.weeks for day in week.days if day.blocks}


def _key(block: Block) -> tuple[str, dt.datetime, dt.datetime]:
    return block.task_id, block.start, block.end


def _times(block: Block) -> str:
    return f"{block.start:%H:%M}-{block.end:%H:%M}"


def _words(block: Block) -> str:
    return f"{block.task_name} {_times(block)}"
