"""Re-planning a case from its weekly reassessments: weeks done kept, the next week as the rule decided,
as little else changed as the plan allows."""

from pathlib import Path

import pytest

from models.plan import Plan
from models.progress import ProgressEntry, Step
from models.resumption import Resumption, worked_week
from models.scenario import Scenario
from rtw_scheduler.cases.diff import diff_plans
from rtw_scheduler.cases.errors import CaseError
from rtw_scheduler.cases.replan import replan, resumption_after
from rtw_scheduler.cases.store import CaseStore
from rtw_scheduler.planning import make_plan
from solver.checker import check

WELL = {"pain_during": 1, "pain_next_morning": 0}
ACCEPTABLE = {"pain_during": 4, "pain_next_morning": 0}
TOO_MUCH = {"pain_during": 7, "pain_next_morning": 1}


def entry(week: int, **values: object) -> ProgressEntry:
    return ProgressEntry.model_validate({"week": week, **values})


@pytest.fixture
def store(tmp_path: Path) -> CaseStore:
    return CaseStore(f"sqlite:///{tmp_path / 'cases.sqlite'}")


@pytest.fixture
def case_id(store: CaseStore, small_scenario: Scenario, small_plan: Plan) -> int:
    return store.open_case(small_scenario, small_plan, "ana").id


def days_of(plan: Plan, weeks: range) -> list[object]:
    return [day.model_dump() for week in plan.weeks if week.number in weeks for day in week.days]


def test_progress_as_planned_leaves_the_version_standing_and_says_so(store: CaseStore, case_id: int) -> None:
    store.log_progress(case_id, [entry(1, **WELL)], "ana")
    done = replan(store, case_id, "weekly review", "ana")
    assert (done.issued, done.number, store.case(case_id).latest_version) == (False, 1, 1)
    assert store.audit(case_id)[-1].action == "version.stands"


def test_a_hold_keeps_the_weeks_done_and_holds_the_next_week_at_this_weeks_load(
        store: CaseStore, case_id: int, small_plan: Plan) -> None:
    store.log_progress(case_id, [entry(1, **WELL), entry(2, **ACCEPTABLE)], "ana")
    done = replan(store, case_id, "pain during week 2", "ana")
    scenario, plan = store.plan(case_id, 2)
    assert done.issued and done.decision.step == Step.HOLD
    assert days_of(plan, range(1, 3)) == days_of(small_plan, range(1, 3))
    for dim, value in plan.weeks[2].exposure.items():
        assert value <= small_plan.weeks[1].exposure[dim] + 1e-6
    assert check(scenario, plan) == []
    assert store.version(case_id, 2).decision == done.decision


def test_a_step_back_repeats_the_week_before_and_the_plan_names_the_fall(store: CaseStore, case_id: int,
                                                                         small_plan: Plan) -> None:
    store.log_progress(case_id, [entry(1, **WELL), entry(2, **TOO_MUCH)], "ana")
    replan(store, case_id, "pain above 5 in week 2", "ana")
    _, plan = store.plan(case_id, 2)
    assert plan.weeks[2].exposure["work_hours"] <= small_plan.weeks[0].exposure["work_hours"]
    assert any("after week 2's reassessment" in fall for fall in plan.weeks[2].falls)
    assert plan.full_duty_week is not None and plan.full_duty_week > (small_plan.full_duty_week or 0)


def test_a_flare_up_goes_back_to_the_last_well_tolerated_week(store: CaseStore, case_id: int,
                                                              small_plan: Plan) -> None:
    store.log_progress(case_id, [entry(1, **WELL), entry(2, **ACCEPTABLE), entry(3, flare_up=True, **WELL)], "ana")
    done = replan(store, case_id, "flare-up in week 3", "ana")
    _, plan = store.plan(case_id, 2)
    assert (done.decision.step, done.decision.resume_from_week) == (Step.RETURN_TO_TOLERATED, 1)
    assert plan.weeks[3].exposure["work_hours"] <= small_plan.weeks[0].exposure["work_hours"]


def test_less_tolerated_than_planned_caps_the_next_week_at_the_increment_above_it(
        store: CaseStore, case_id: int, small_scenario: Scenario, small_plan: Plan) -> None:
    store.log_progress(case_id, [entry(1, tolerated={"lifting": 600.0}, **WELL)], "ana")
    resumption = resumption_after(small_scenario, small_plan, store.progress(case_id, latest_only=True))
    assert resumption.step == Step.PROGRESS and set(resumption.ceiling) == {"lifting"}
    assert 600 < resumption.ceiling["lifting"] < small_plan.weeks[1].exposure["lifting"]
    replan(store, case_id, "week 1 lifted less", "ana")
    _, plan = store.plan(case_id, 2)
    assert plan.weeks[1].exposure["lifting"] <= resumption.ceiling["lifting"] + 1e-6


def test_a_re_plan_whose_ceiling_binds_nothing_keeps_every_block(small_scenario: Scenario,
                                                                  small_plan: Plan) -> None:
    """The solver's own path, not the shortcut: weeks done fixed, a ceiling above anything planned, the
    previous version to keep; the re-plan is the same plan, block for block."""
    resumption = Resumption(done=[worked_week(week) for week in small_plan.weeks[:1]], step=Step.HOLD,
                            resume_from_week=1, ceiling={dim: 1e6 for dim in small_plan.weeks[0].exposure})
    again = make_plan(small_scenario.model_copy(update={"resumption": resumption}), keep=small_plan).plan
    diff = diff_plans(small_plan, again)
    assert diff.unchanged and diff.blocks_kept == diff.blocks_before > 0


def test_re_planning_needs_a_logged_week(store: CaseStore, case_id: int) -> None:
    with pytest.raises(CaseError, match="no week's progress"):
        replan(store, case_id, "why not", "ana")


def test_a_correction_to_an_earlier_week_re_decides_the_weeks_after_it(store: CaseStore, case_id: int) -> None:
    """Week 3's flare-up goes back to the last well-tolerated week: week 2 once it is corrected to a
    week without pain (it was logged as held at first)."""
    store.log_progress(case_id, [entry(1, **WELL), entry(2, **ACCEPTABLE), entry(3, flare_up=True, **WELL)], "ana")
    store.log_progress(case_id, [entry(2, **WELL)], "ana")
    done = replan(store, case_id, "week 2 corrected", "ana")
    assert (done.decision.step, done.decision.resume_from_week) == (Step.RETURN_TO_TOLERATED, 2)


def test_less_tolerated_after_full_duty_reaches_full_duty_again_later(store: CaseStore, case_id: int,
                                                                      small_plan: Plan) -> None:
    weeks = [entry(week, **WELL) for week in range(1, 3)] + [entry(3, tolerated={"lifting": 600.0}, **WELL)]
    store.log_progress(case_id, weeks, "ana")
    done = replan(store, case_id, "week 3 lifted less", "ana")
    assert done.issued and done.plan.full_duty_week is not None
    assert done.plan.full_duty_week > (small_plan.full_duty_week or 0)
    assert len(done.plan.weeks) > len(small_plan.weeks)


def test_re_planning_twice_from_the_same_reassessment_issues_one_version(store: CaseStore, case_id: int) -> None:
    store.log_progress(case_id, [entry(1, **WELL), entry(2, **ACCEPTABLE)], "ana")
    replan(store, case_id, "pain during week 2", "ana")
    again = replan(store, case_id, "pressed twice", "ana")
    assert (again.issued, again.number, store.case(case_id).latest_version) == (False, 2, 2)
