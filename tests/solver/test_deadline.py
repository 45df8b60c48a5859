"""One wall-clock limit for the whole run: far from it the plan is the deterministic one;
at it the run ends with the best plan found in time, or says it found none and what it
ruled out; naming a conflict and the suggestions stop when it passes."""

import time
from pathlib import Path

import pytest

from models.scenario import Scenario
from rtw_scheduler.planning import make_plan
from rtw_scheduler.relaxations import suggest_relaxations
from rtw_scheduler.scenario_io import load_scenario
from solver.deadline import Deadline
from solver.diagnose import find_conflict

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCENARIOS = Path(__file__).parents[2] / "scenarios"


@pytest.fixture(scope="module")
def warehouse() -> Scenario:
    return load_scenario(SCENARIOS / "warehouse_order_picker.yaml")


def test_a_deadline_without_a_limit_never_expires() -> None:
    deadline = Deadline.unlimited()
    assert not deadline.expired and deadline.left_s() == float("inf")


def test_a_share_is_an_equal_part_of_the_time_left() -> None:
    deadline = Deadline(10.0)
    assert 4.9 < deadline.share(2) <= 5.0


def test_a_limit_far_above_the_need_gives_the_plan_of_no_limit() -> None:
    scenario = load_scenario(FIXTURES / "small_packer.yaml")
    limited = make_plan(scenario, deadline=Deadline(300.0)).plan
    unlimited = make_plan(scenario, deadline=Deadline.unlimited()).plan
    assert limited.weeks == unlimited.weeks
    assert limited.solve.time_limit_s == 300.0 and not limited.solve.time_limit_reached


def test_a_limit_too_short_for_any_plan_says_no_plan_was_found_within_it(warehouse: Scenario) -> None:
    started = time.monotonic()
    plan = make_plan(warehouse, deadline=Deadline(0.3)).plan
    assert time.monotonic() - started < 0.3 + 1.0
    assert plan.solve.status == "UNKNOWN" and plan.solve.time_limit_reached and not plan.weeks
    assert plan.solve.stages[0].note.startswith("no plan found within 0.3 s: full duty after 6")


def test_a_plan_cut_short_by_the_limit_passes_the_checker_and_says_so(warehouse: Scenario) -> None:
    plan = make_plan(warehouse, deadline=Deadline(2.5)).plan  # make_plan raises when the checker rejects
    if plan.weeks:  # on a slow machine even 2.5 s may not finish: then it must say so
        assert plan.solve.time_limit_reached == (plan.solve.status != "OPTIMAL")
    else:
        assert plan.solve.status == "UNKNOWN" and plan.solve.time_limit_reached


def test_naming_a_conflict_after_the_deadline_names_it_unproven_without_solving() -> None:
    scenario = load_scenario(FIXTURES / "infeasible_offers.yaml")
    started = time.monotonic()
    conflict = find_conflict(scenario, Deadline(0.0))
    assert time.monotonic() - started < 2.0
    assert not conflict.minimal


def test_suggestions_after_the_deadline_try_nothing() -> None:
    scenario = load_scenario(FIXTURES / "infeasible_offers.yaml")
    started = time.monotonic()
    assert suggest_relaxations(scenario, deadline=Deadline(0.0)) == []
    assert time.monotonic() - started < 2.0
