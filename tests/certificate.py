"""The small scenario with a certificate of capacity, for the tests of how restrictions are shown.

These tests build plans directly (or plan a scenario whose certificate the plan meets anyway), so
they specify the presentation whether or not the planner enforces every restriction yet.
"""

import copy
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from models.plan import Block, DayPlan, Plan, SolveSummary, WeekPlan
from models.restriction_words import restrictions_by_week
from models.scenario import Scenario
from models.shifts import Weekday

SMALL_DATA: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parent / "fixtures" / "small_packer.yaml").read_text(encoding="utf-8"))

CERTIFICATE: list[dict[str, Any]] = [
    {"source": "certificate of capacity, 2027-01-04", "until_review": True, "max_hours_per_day": 4.5,
     "max_days_per_week": 5, "max_load_kg": 5, "banned_dimensions": ["overhead"]},
    {"source": "certificate of capacity, 2027-01-04", "from_week": 3, "banned_tasks": ["pack"]},
]
REVIEWS: list[dict[str, Any]] = [{"date": "2027-01-13", "by": "GP, Dr Lee"}]
"""A review on Wednesday of week 2: the first restriction binds weeks 1-2, the second weeks 3-4."""


def certified_data(restrictions: list[dict[str, Any]] | None = None,
                   reviews: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The small scenario (plan start Monday 2027-01-04, four weeks) as data, with an overhead dimension
    and a certificate (by default CERTIFICATE and REVIEWS)."""
    data = copy.deepcopy(SMALL_DATA)
    data["dimensions"].append({"id": "overhead", "name": "Overhead work", "unit": "min"})
    data["restrictions"] = copy.deepcopy(CERTIFICATE if restrictions is None else restrictions)
    data["reviews"] = copy.deepcopy(REVIEWS if reviews is None else reviews)
    return data


def certified(restrictions: list[dict[str, Any]] | None = None,
              reviews: list[dict[str, Any]] | None = None) -> Scenario:
    return Scenario.model_validate(certified_data(restrictions, reviews))


def certified_plan(scenario: Scenario) -> Plan:
    """A four-week plan for `certified()` built by hand (no solve): Monday-Friday 08:00-12:00 labelling,
    each week carrying the certificate's words and the plan the reviews, as assembly writes them."""
    start, zone = scenario.worker.plan_start_date, ZoneInfo(scenario.worker.time_zone)
    in_force = restrictions_by_week(scenario)
    weeks = []
    for number in range(4):
        days = []
        for offset in range(7):
            day = start + dt.timedelta(days=7 * number + offset)
            blocks = [] if offset >= 5 else [Block(
                task_id="label", task_name="Label returns", minutes=240,
                start=dt.datetime.combine(day, dt.time(8), tzinfo=zone),
                end=dt.datetime.combine(day, dt.time(12), tzinfo=zone))]
            days.append(DayPlan(date=day, weekday=Weekday.of(day), shift_code="D" if blocks else None, blocks=blocks))
        weeks.append(WeekPlan(number=number + 1, start_date=days[0].date, phase="technique" if number < 2 else
                              "full_exposure", exposure={"work_hours": 20}, heaviest_load_kg=2,
                              restrictions=in_force[number], days=days))
    return Plan(scenario_id=scenario.id, worker_id=scenario.worker.id, time_zone=scenario.worker.time_zone,
                slot_minutes=15, solve=SolveSummary(status="FEASIBLE"), weeks=weeks,
                reviews=[review.model_copy() for review in scenario.reviews])
