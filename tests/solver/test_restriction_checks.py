"""The checker holds a plan to the certificate of capacity: one corruption per kind of restriction.

The fixture is test_checker's three-week plan (Mon-Fri, 90 min a day: warm-up, packing
5 kg, sorting 2 kg; lifting and standing on both duties, none on the warm-up), starting
Monday 3 March 2025, with a restriction added.
"""

from typing import Any

from models.plan import Plan
from models.restrictions import Restriction
from models.scenario import Scenario
from solver.checker import check
from tests.solver.test_checker import (
    FRI,
    MON,
    SUN,
    THU,
    TUE,
    WED,
    Schedule,
    build_plan,
    day,
    facts,
    make_scenario,
    valid_schedule,
)

SOURCE = "certificate of capacity, 2025-03-03"


def restricted(**limits: Any) -> Scenario:
    scenario = make_scenario()
    restriction = Restriction.model_validate({"source": SOURCE, **limits})
    return Scenario.model_validate({**scenario.model_dump(), "restrictions": [restriction.model_dump(mode="json")]})


def plan_of(scenario: Scenario, schedule: Schedule | None = None) -> Plan:
    return build_plan(scenario, valid_schedule(scenario) if schedule is None else schedule)


def test_a_plan_within_every_limit_breaks_no_restriction() -> None:
    scenario = restricted(max_hours_per_day=1.5, max_days_per_week=5, max_load_kg=5, banned_tasks=["crate"],
                          min_rest_days_between_worked_days=0)
    assert check(scenario, plan_of(scenario)) == []


def test_a_longer_day_than_the_certificate_allows_breaks_restrictions() -> None:
    scenario = restricted(max_hours_per_day=1.5, from_week=2, until_week=2)
    schedule = valid_schedule(scenario)
    schedule[day(2, MON)] += [("packing", "09:15", "09:30"), ("sorting", "09:30", "10:00")]
    violations = [v for v in check(scenario, plan_of(scenario, schedule)) if v.family == "restrictions"]
    assert facts(violations) == [("restrictions", 2, day(2, MON), "max_hours_per_day", 1.5, 2.25)]
    assert violations[0].message == (f"week 2: 2.25 h on {day(2, MON)}, above the 1.5 h a day of restriction 1 "
                                     f"({SOURCE}, from week 2, until week 2)")


def test_a_longer_day_outside_the_certificate_s_weeks_is_not_its_business() -> None:
    scenario = restricted(max_hours_per_day=1.5, from_week=2, until_week=2)
    schedule = valid_schedule(scenario)
    schedule[day(3, MON)] += [("packing", "09:15", "09:30"), ("sorting", "09:30", "10:00")]
    assert facts(check(scenario, plan_of(scenario, schedule)), "restrictions") == []


def test_more_days_than_the_certificate_allows_break_restrictions() -> None:
    scenario = restricted(max_days_per_week=4, until_date=str(day(1, WED)))  # binds the whole of week 1
    violations = check(scenario, plan_of(scenario))
    assert facts(violations, "restrictions") == [("restrictions", 1, None, "max_days_per_week", 4, 5)]
    assert "5 days worked, more than the 4 a week of restriction 1" in violations[0].message


def test_too_little_rest_between_worked_days_breaks_restrictions() -> None:
    scenario = restricted(min_rest_days_between_worked_days=1, from_week=2, until_week=2)
    schedule = valid_schedule(scenario)
    for weekday in (TUE, THU):
        del schedule[day(2, weekday)]
    assert facts(check(scenario, plan_of(scenario, schedule)), "restrictions") == []
    schedule[day(2, TUE)] = valid_schedule(scenario)[day(2, TUE)]
    assert facts(check(scenario, plan_of(scenario, schedule)), "restrictions") == [
        ("restrictions", 2, day(2, TUE), "min_rest_days_between_worked_days", 1, 0),
        ("restrictions", 2, day(2, WED), "min_rest_days_between_worked_days", 1, 0)]


def test_rest_between_worked_days_counts_the_days_of_the_week_before() -> None:
    scenario = restricted(min_rest_days_between_worked_days=3, from_date=str(day(2, MON)),
                          until_date=str(day(2, SUN)))
    schedule = {date: entries for date, entries in valid_schedule(scenario).items()
                if date in (day(1, FRI), day(2, MON), day(2, FRI))}
    assert facts(check(scenario, plan_of(scenario, schedule)), "restrictions") == [
        ("restrictions", 2, day(2, MON), "min_rest_days_between_worked_days", 3, 2)]


def test_a_load_over_the_certificate_s_kg_breaks_restrictions() -> None:
    scenario = restricted(max_load_kg=4.5)
    violations = [v for v in check(scenario, plan_of(scenario)) if v.family == "restrictions"]
    assert facts(violations) == [("restrictions", week, day(week, MON), "packing", 4.5, 5) for week in (1, 2, 3)]
    assert violations[0].message == (f"week 1: Pack small orders handles 5.0 kg, above the 4.5 kg of restriction 1 "
                                     f"({SOURCE})")


def test_a_task_on_a_banned_dimension_breaks_restrictions_but_a_warm_up_without_it_does_not() -> None:
    scenario = restricted(banned_dimensions=["standing"], from_week=3)
    violations = [v for v in check(scenario, plan_of(scenario)) if v.family == "restrictions"]
    assert facts(violations) == [("restrictions", 3, day(3, MON), task, None, None) for task in ("packing", "sorting")]
    assert violations[0].message == (f"week 3: Pack small orders involves standing, which restriction 1 "
                                     f"({SOURCE}, from week 3) bans")


def test_a_banned_task_breaks_restrictions() -> None:
    scenario = restricted(banned_tasks=["sorting"], until_week=1)
    violations = [v for v in check(scenario, plan_of(scenario)) if v.family == "restrictions"]
    assert facts(violations) == [("restrictions", 1, day(1, MON), "sorting", None, None)]
    assert "Sort returns is done, though restriction 1" in violations[0].message


def test_a_week_where_the_certificate_tightens_may_hold_less_than_the_week_before() -> None:
    schedule = valid_schedule(make_scenario())
    for weekday in (TUE, THU):
        del schedule[day(2, weekday)]
    loose = make_scenario()
    assert facts(check(loose, plan_of(loose, schedule)), "steady_climb") != []
    scenario = restricted(max_days_per_week=3, from_week=2, until_week=2)
    assert facts(check(scenario, plan_of(scenario, schedule))) == []
