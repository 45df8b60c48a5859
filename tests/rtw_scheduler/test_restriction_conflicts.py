"""A certificate that leaves no plan: named as a minimal conflict, in the certificate's words, with a
suggestion (the restriction ending earlier, at a review) that really plans and is said to be the
treating practitioner's to make.

The fixture is small_packer (Mon-Fri, 4 h a day, full duty at 1500 kg x lifts a week: at most
600 a day, so three days at least; its risk factor lengthens the 4-week horizon to 5) with a
certificate of 2 days a week to the end of week 4, too late to climb to full duty in week 5,
and a review on Sunday 24 January (the end of week 3).
"""

from pathlib import Path
from typing import Any

import pytest

from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.planning import make_plan
from rtw_scheduler.relaxations import Relaxation, none_found, suggest_relaxations
from rtw_scheduler.scenario_io import load_scenario
from rtw_scheduler.why_no_plan import describe_promise, has_phrase
from solver.build import build_model
from solver.checker import check
from solver.diagnose import find_conflict
from solver.solve import SolverParameters

ROOT = Path(__file__).resolve().parents[2]
FAST = SolverParameters(deterministic_time_per_stage=1.0)
CERTIFICATE = {"source": "certificate of capacity, 2027-01-04", "max_days_per_week": 2, "until_date": "2027-01-31"}
DAYS = Promise(family="restrictions", path="restrictions[0].max_days_per_week")


def with_restrictions(**changes: Any) -> Scenario:
    data = load_scenario(ROOT / "tests" / "fixtures" / "small_packer.yaml").model_dump(mode="json")
    return Scenario.model_validate({**data, **changes})


@pytest.fixture(scope="module")
def two_days() -> Scenario:
    return with_restrictions(restrictions=[CERTIFICATE], reviews=[{"date": "2027-01-24", "by": "GP"}])


@pytest.fixture(scope="module")
def suggestions(two_days: Scenario) -> tuple[list[Promise], list[Relaxation]]:
    conflict = find_conflict(two_days)
    assert conflict.minimal
    return conflict.promises, suggest_relaxations(two_days, FAST, conflict.promises)


def test_the_certificate_is_named_in_a_minimal_conflict_in_its_own_words(
        two_days: Scenario, suggestions: tuple[list[Promise], list[Relaxation]]) -> None:
    conflict, _ = suggestions
    assert DAYS in conflict
    assert describe_promise(two_days, DAYS) == (
        "at most 2 days a week, by restriction 1 (certificate of capacity, 2027-01-04, until 2027-01-31)")


def test_the_restriction_ending_at_the_review_is_suggested_and_really_plans(
        two_days: Scenario, suggestions: tuple[list[Promise], list[Relaxation]]) -> None:
    _, found = suggestions
    ended = [r for r in found if "treating practitioner" in r.description]
    assert len(ended) == 1
    relaxation = ended[0]
    assert relaxation.changes["restrictions"][0]["until_date"] == "2027-01-24"
    assert "on 2027-01-24 (week 3), at the review on 2027-01-24 (GP)" in relaxation.description
    plan = make_plan(relaxation.scenario, FAST, name_conflict=False).plan
    assert plan.full_duty_week == relaxation.full_duty_week == 5
    assert check(relaxation.scenario, plan) == []
    assert [week.days_worked for week in plan.weeks[:3]] == [2, 2, 2]


def test_without_a_suggestion_the_certificate_is_left_to_the_treating_practitioner(two_days: Scenario) -> None:
    lines = none_found(two_days, [DAYS])
    assert "an earlier end of a restriction (at a review)" in lines[0]
    assert lines[-1] == ("only the treating practitioner can change the certificate's limits "
                         "(restrictions[0].max_days_per_week), at a review")


def test_a_certificate_that_ends_before_full_duty_makes_it_later_but_still_plans() -> None:
    early = with_restrictions(restrictions=[{**CERTIFICATE, "until_date": "2027-01-17"}])  # weeks 1-2
    plan = make_plan(early, FAST, name_conflict=False).plan
    free = make_plan(with_restrictions(), FAST, name_conflict=False).plan
    assert plan.full_duty_week is not None and free.full_duty_week is not None
    assert plan.full_duty_week > free.full_duty_week and check(early, plan) == []
    assert [week.days_worked for week in plan.weeks[:2]] == [2, 2]
    assert all(day.date.weekday() < 5 for week in plan.weeks for day in week.days if day.blocks)


def test_every_limit_of_a_certificate_is_a_promise_with_its_own_phrase() -> None:
    full = with_restrictions(restrictions=[
        {"max_hours_per_day": 3.5, "max_days_per_week": 4, "min_rest_days_between_worked_days": 1, "max_load_kg": 4},
        {"banned_dimensions": ["lifting"], "banned_tasks": ["label"], "from_week": 2}])
    made = [p for p in build_model(full, diagnose=True).context.guards if p.family == "restrictions"]
    words = {p.path: describe_promise(full, p) for p in made if has_phrase(p)}
    assert words == {
        "restrictions[0].max_hours_per_day": "at most 3.5 h a day, by restriction 1",
        "restrictions[0].max_days_per_week": "at most 4 days a week, by restriction 1",
        "restrictions[0].min_rest_days_between_worked_days":
            "at least 1 rest day between worked days, by restriction 1",
        "restrictions[0].max_load_kg": "nothing over 4 kg lifted or carried, by restriction 1 (keeps out pack)",
        "restrictions[1].banned_dimensions": "no lifting, by restriction 2 (from week 2) (keeps out pack)",
        "restrictions[1].banned_tasks": "not Label returns, by restriction 2 (from week 2)",
    }
