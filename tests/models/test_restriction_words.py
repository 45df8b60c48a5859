"""A certificate's restrictions in plain words: each kind of limit, its period, and the weeks it binds."""

import datetime as dt
import json
from typing import Any

import pytest

from models.plan import Plan
from models.restriction_words import exact, restriction_words, restrictions_by_week, review_words
from models.restrictions import Restriction, Review
from tests.certificate import certified


def words(**restriction: Any) -> str:
    return restriction_words(Restriction.model_validate(restriction), certified([], []))


@pytest.mark.parametrize(("restriction", "expected"), [
    ({"max_hours_per_day": 4.5}, "at most 4.5 h a day"),
    ({"max_hours_per_day": 4}, "at most 4 h a day"),
    ({"max_days_per_week": 3}, "at most 3 days a week"),
    ({"max_days_per_week": 1}, "at most 1 day a week"),
    ({"max_days_per_week": 0}, "no working days"),
    ({"min_rest_days_between_worked_days": 1}, "at least 1 rest day between worked days"),
    ({"min_rest_days_between_worked_days": 2}, "at least 2 rest days between worked days"),
    ({"max_load_kg": 5}, "nothing over 5 kg lifted or carried"),
    ({"max_load_kg": 0.5}, "nothing over 0.5 kg lifted or carried"),
    ({"max_load_kg": 0}, "nothing lifted or carried"),
    ({"banned_dimensions": ["overhead"]}, "no overhead work"),
    ({"banned_tasks": ["pack"]}, "not Pack orders"),
    ({}, "no limits given"),
])
def test_each_kind_of_limit_reads_in_plain_words(restriction: dict[str, Any], expected: str) -> None:
    assert words(**restriction) == expected


def test_a_limit_is_printed_as_written_never_rounded() -> None:
    assert words(max_hours_per_day=7.75, max_load_kg=12.25) == ("at most 7.75 h a day; "
                                                                 "nothing over 12.25 kg lifted or carried")
    assert [exact(4.0), exact(4.5), exact(0.25), exact(120)] == ["4", "4.5", "0.25", "120"]


def test_a_certificate_reads_in_order_with_its_source_and_period() -> None:
    text = words(source="certificate of capacity, 2027-01-04", until_date="2027-02-12", max_hours_per_day=4,
                 max_days_per_week=3, max_load_kg=5, banned_dimensions=["overhead"], banned_tasks=["pack"])

    assert text == ("at most 4 h a day; at most 3 days a week; nothing over 5 kg lifted or carried; "
                    "no overhead work; not Pack orders (certificate of capacity, 2027-01-04, until 2027-02-12)")


@pytest.mark.parametrize(("period", "expected"), [
    ({"from_date": "2027-01-18"}, "(from 2027-01-18)"),
    ({"from_week": 3, "until_week": 4}, "(from week 3, until week 4)"),
    ({"until_date": "2027-01-20"}, "(until 2027-01-20)"),
])
def test_the_period_is_said_as_the_certificate_gives_it(period: dict[str, Any], expected: str) -> None:
    assert words(max_hours_per_day=4, **period) == f"at most 4 h a day {expected}"


def test_until_review_names_the_review_date_but_never_the_reviewer() -> None:
    scenario = certified([{"max_hours_per_day": 4, "until_review": True}],
                         [{"date": "2027-01-20", "by": "psychiatrist, Dr Lee"}])

    assert restriction_words(scenario.restrictions[0], scenario) == "at most 4 h a day (until the review on 2027-01-20)"
    assert review_words(scenario.reviews[0]) == "2027-01-20 (psychiatrist, Dr Lee)"
    assert review_words(Review(date=dt.date(2027, 1, 20))) == "2027-01-20"


def test_a_restriction_binds_every_week_holding_one_of_its_days() -> None:
    scenario = certified([{"source": "A", "max_hours_per_day": 4, "until_date": "2027-01-13"},  # Wed of week 2
                          {"source": "B", "max_load_kg": 2, "from_week": 2, "until_week": 3}])

    weeks = restrictions_by_week(scenario)

    assert [len(week) for week in weeks[:4]] == [1, 2, 1, 0] and not any(weeks[4:])
    assert weeks[1] == ["at most 4 h a day (A, until 2027-01-13)",
                        "nothing over 2 kg lifted or carried (B, from week 2, until week 3)"]


def test_a_plan_written_before_restrictions_still_loads() -> None:
    old = {"schema_version": 1, "scenario_id": "s", "worker_id": "W-1", "time_zone": "Europe/London",
           "slot_minutes": 15, "solve": {"status": "FEASIBLE"},
           "weeks": [{"number": 1, "start_date": "2027-01-04", "phase": "technique",
                      "exposure": {"work_hours": 0}, "days": []}]}

    loaded = Plan.model_validate_json(json.dumps(old))

    assert loaded.reviews == [] and loaded.weeks[0].restrictions == []
