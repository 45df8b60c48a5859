"""The diff between two plan versions, day by day."""

import datetime as dt

from models.plan import Plan
from rtw_scheduler.cases.diff import diff_plans


def _first_worked_day(plan: Plan) -> tuple[int, int]:
    return next((w, d) for w, week in enumerate(plan.weeks) for d, day in enumerate(week.days) if day.blocks)


def test_an_unchanged_plan_keeps_every_block(small_plan: Plan) -> None:
    diff = diff_plans(small_plan, small_plan.model_copy(deep=True))
    blocks = sum(len(day.blocks) for week in small_plan.weeks for day in week.days)
    assert diff.unchanged and diff.blocks_kept == diff.blocks_before == blocks


def test_a_block_at_other_times_on_the_same_day_is_moved(small_plan: Plan) -> None:
    after = small_plan.model_copy(deep=True)
    w, d = _first_worked_day(after)
    block = after.weeks[w].days[d].blocks[-1]
    later = dt.timedelta(hours=1)
    after.weeks[w].days[d].blocks[-1] = block.model_copy(update={"start": block.start + later,
                                                                 "end": block.end + later})
    diff = diff_plans(small_plan, after)
    assert [(c.date, len(c.moved), c.added, c.removed) for c in diff.days] == [
        (after.weeks[w].days[d].date, 1, [], [])]
    assert diff.days[0].moved[0].task_name == block.task_name


def test_a_day_no_longer_worked_has_its_blocks_removed(small_plan: Plan) -> None:
    after = small_plan.model_copy(deep=True)
    w, d = _first_worked_day(after)
    dropped = len(after.weeks[w].days[d].blocks)
    after.weeks[w].days[d].blocks = []
    diff = diff_plans(small_plan, after)
    assert len(diff.days) == 1 and len(diff.days[0].removed) == dropped
    assert diff.blocks_kept == diff.blocks_before - dropped
    assert len(diff_plans(after, small_plan).days[0].added) == dropped
