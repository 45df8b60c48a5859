"""The Progress page: what a reassessment form logs or refuses, and planned against done."""

from pathlib import Path

import pytest

from models.progress import ProgressEntry
from rtw_scheduler.cases.store import CaseStore
from tests.ui.case_helpers import open_page
from tests.ui.conftest import signed_in
from ui.progress_page import planned_and_done


def test_done_is_what_was_tolerated_else_the_week_as_planned(case_record: CaseStore) -> None:
    case_record.log_progress(1, [ProgressEntry(week=2, pain_during=1, pain_next_morning=0,
                                               tolerated={"lifting": 10})], "Ana Clinician")
    _, plan = case_record.plan(1)
    frame = planned_and_done(plan, case_record.progress(1, latest_only=True), "lifting")
    assert list(frame.index) == [week.number for week in plan.weeks]
    assert frame.loc[1, "done"] == plan.weeks[0].exposure["lifting"] and frame.loc[2, "done"] == 10
    assert frame["done"].iloc[2:].isna().all() and list(frame["planned"]) == [
        week.exposure["lifting"] for week in plan.weeks]


@pytest.mark.parametrize("tolerated", ["lifting=lots", "walking=3"])
def test_a_tolerated_amount_that_is_no_number_or_no_dimension_of_the_plan_is_not_logged(
        app_path: Path, case_record: CaseStore, tolerated: str) -> None:
    app = open_page(signed_in(app_path, "ana"), "Progress")
    app.text_input(key="log_tolerated").input(tolerated)
    app.button[0].click().run()  # the form's submit button
    assert app.error[0].value.startswith("Not logged:")
    assert [p.week for p in case_record.progress(1)] == [1]


def test_a_tolerated_amount_is_logged_with_the_week(app_path: Path, case_record: CaseStore) -> None:
    app = open_page(signed_in(app_path, "ana"), "Progress")
    app.text_input(key="log_tolerated").input("lifting=10")
    app.button[0].click().run()
    assert app.success[0].value.startswith("Week 2: progress as planned")
    assert case_record.progress(1, latest_only=True)[-1].entry.tolerated == {"lifting": 10}
