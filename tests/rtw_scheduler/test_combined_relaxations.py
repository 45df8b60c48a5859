"""Suggestions when the full-duty target is in the conflict, and changes together when no single
change plans (tests/fixtures/infeasible_two_ways.yaml conflicts in two independent ways)."""

from pathlib import Path

import pytest

from models.scenario import Scenario
from rtw_scheduler.relaxations import Relaxation, suggest_relaxations
from rtw_scheduler.scenario_io import load_scenario
from rtw_scheduler.target_relaxations import HOURS_PATH, MAX_CUT_PERCENT, target_ladder
from solver.diagnose import find_conflict
from solver.solve import SolverParameters
from tests.rtw_scheduler.test_relaxations import has_no_plan

ROOT = Path(__file__).resolve().parents[2]
TWO_WAYS = ROOT / "tests" / "fixtures" / "infeasible_two_ways.yaml"
FAST = SolverParameters(deterministic_time_per_stage=1.0)
LIFTING_PATH = "policy.target.weekly_exposure.lifting"


@pytest.fixture(scope="module")
def two_ways() -> tuple[Scenario, list[Relaxation]]:
    scenario = load_scenario(TWO_WAYS)
    return scenario, suggest_relaxations(scenario, FAST, find_conflict(scenario).promises)


def test_a_scenario_infeasible_in_two_ways_gets_changes_together_that_plan(
        two_ways: tuple[Scenario, list[Relaxation]]) -> None:
    _, found = two_ways
    assert len(found) == 1 and found[0].description.startswith("together: ")
    assert set(found[0].changes) == {HOURS_PATH, LIFTING_PATH, "policy.horizon_weeks"}
    assert found[0].full_duty_week is not None


def test_no_one_of_the_changes_together_plans_on_its_own(two_ways: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = two_ways
    changes = found[0].changes
    assert has_no_plan(scenario, {"policy.horizon_weeks": changes["policy.horizon_weeks"]})
    assert has_no_plan(scenario, {path: changes[path] for path in (HOURS_PATH, LIFTING_PATH)})


def test_each_change_together_is_the_smallest_with_the_others_as_found(
        two_ways: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = two_ways
    changes = found[0].changes
    assert has_no_plan(scenario, {**changes, "policy.horizon_weeks": changes["policy.horizon_weeks"] - 2})
    one_percent_less_cut = target_ladder(scenario, [HOURS_PATH, LIFTING_PATH]).changes(
        round(100 * (1 - changes[HOURS_PATH] / scenario.worker.contracted_hours_per_week)) - 1)
    assert has_no_plan(scenario, {**changes, **one_percent_less_cut})


def test_the_changes_together_are_worded_as_decisions_for_people(
        two_ways: tuple[Scenario, list[Relaxation]]) -> None:
    _, found = two_ways
    text = found[0].description
    assert "instead of the contracted 58 h" in text and "a decision for people" in text
    assert "never the planner's" in text and "set the horizon to" in text


def test_lowered_hours_fall_to_a_whole_planning_slot() -> None:
    scenario = load_scenario(TWO_WAYS)
    slot_hours = scenario.policy.slot_minutes / 60
    for cut in range(1, MAX_CUT_PERCENT + 1):
        hours = target_ladder(scenario, [HOURS_PATH]).changes(cut)[HOURS_PATH]
        assert hours % slot_hours == 0 and hours <= 58 * (100 - cut) / 100


def test_a_target_is_never_lowered_by_more_than_half() -> None:
    scenario = load_scenario(TWO_WAYS)
    ladder = target_ladder(scenario, [HOURS_PATH])
    assert ladder.rungs[-1] == MAX_CUT_PERCENT == 50
    assert ladder.changes(ladder.rungs[-1])[HOURS_PATH] == 29
