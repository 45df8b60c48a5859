"""The pain-monitoring rules: each pain pattern and the step it leads to."""

import pytest
from pydantic import ValidationError

from models.progress import Decision, MonitoringRules, ProgressEntry, Step
from rtw_scheduler.cases.monitoring import decide

RULES = MonitoringRules()


def week(number: int, during: float, morning: float, flare_up: bool = False) -> ProgressEntry:
    return ProgressEntry(week=number, pain_during=during, pain_next_morning=morning, flare_up=flare_up)


def history(*entries: ProgressEntry) -> list[tuple[ProgressEntry, Decision]]:
    decided: list[tuple[ProgressEntry, Decision]] = []
    for entry in entries:
        decided.append((entry, decide(entry, decided, RULES)))
    return decided


def test_low_pain_that_settles_progresses_as_planned() -> None:
    decision = decide(week(1, 2, 1), [], RULES)
    assert decision.step == Step.PROGRESS and decision.resume_from_week is None


def test_acceptable_pain_during_work_holds_this_weeks_load() -> None:
    decision = decide(week(3, 4, 1), history(week(1, 1, 0), week(2, 1, 0)), RULES)
    assert decision.step == Step.HOLD and decision.resume_from_week == 3


def test_pain_above_the_acceptable_level_steps_back_a_week() -> None:
    decision = decide(week(3, 6, 1), [], RULES)
    assert decision.step == Step.STEP_BACK and decision.resume_from_week == 2


def test_pain_not_settled_by_the_next_morning_steps_back_even_when_low_during_work() -> None:
    decision = decide(week(2, 1, 3), [], RULES)
    assert decision.step == Step.STEP_BACK and decision.resume_from_week == 1


def test_stepping_back_from_week_one_goes_to_the_baseline() -> None:
    assert decide(week(1, 7, 0), [], RULES).resume_from_week == 0


def test_next_morning_pain_that_rises_holds_even_within_the_safe_range() -> None:
    decision = decide(week(2, 1, 2), history(week(1, 1, 0)), RULES)
    assert decision.step == Step.HOLD


def test_a_flare_up_returns_to_the_last_well_tolerated_week_and_asks_for_a_review() -> None:
    earlier = history(week(1, 1, 0), week(2, 1, 0), week(3, 4, 1))
    decision = decide(week(4, 1, 0, flare_up=True), earlier, RULES)
    assert decision.step == Step.RETURN_TO_TOLERATED
    assert decision.resume_from_week == 2 and decision.review


def test_a_flare_up_with_no_well_tolerated_week_returns_to_the_baseline() -> None:
    decision = decide(week(2, 1, 0, flare_up=True), history(week(1, 4, 1)), RULES)
    assert decision.resume_from_week == 0


def test_later_weeks_do_not_count_as_earlier_ones() -> None:
    """A correction to week 2 logged after week 3 looks back only at week 1."""
    earlier = history(week(1, 1, 0), week(3, 1, 0))
    assert decide(week(2, 1, 0, flare_up=True), earlier, RULES).resume_from_week == 1


def test_the_scenarios_thresholds_decide_not_the_defaults() -> None:
    strict = MonitoringRules(safe_pain_max=1, acceptable_pain_max=3, settled_pain_max=0)
    assert decide(week(1, 2, 0), [], strict).step == Step.HOLD
    assert decide(week(1, 1, 1), [], strict).step == Step.STEP_BACK


def test_a_safe_level_above_the_acceptable_level_is_refused() -> None:
    with pytest.raises(ValidationError, match="safe_pain_max"):
        MonitoringRules(safe_pain_max=6, acceptable_pain_max=5)


def test_pain_scores_outside_zero_to_ten_are_refused() -> None:
    with pytest.raises(ValidationError):
        week(1, 11, 0)
