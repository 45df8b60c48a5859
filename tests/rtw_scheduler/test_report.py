"""The CLI report: each certificate restriction once with the weeks it binds, then the review dates."""

from rtw_scheduler.report import roster_table, solve_summary, week_span
from tests.certificate import certified, certified_plan


def test_the_roster_lists_each_restriction_with_its_weeks_and_the_reviews() -> None:
    scenario = certified()
    text = roster_table(certified_plan(scenario), {task.id: task.name for task in scenario.tasks})

    tail = text.split("restrictions in force (from the certificate), by plan week:\n")[1].splitlines()
    assert tail[0].startswith("  weeks 1-2: at most 4.5 h a day; at most 5 days a week;")
    assert "(certificate of capacity, 2027-01-04, until the review on 2027-01-13)" in " ".join(tail[:2])
    assert "  weeks 3-4: not Pack orders (certificate of capacity, 2027-01-04, from week 3)" in tail
    assert tail[-1] == "capacity reviews: 2027-01-13 (GP, Dr Lee)"


def test_a_plan_without_a_certificate_prints_no_restriction_section() -> None:
    scenario = certified([], [])
    plan = certified_plan(scenario)

    assert "restrictions in force" not in roster_table(plan, {}) and "capacity reviews" not in roster_table(plan, {})


def test_weeks_are_said_as_runs() -> None:
    assert [week_span([4]), week_span([1, 2, 3, 6]), week_span([2, 3])] == ["week 4", "weeks 1-3, 6", "weeks 2-3"]


def test_an_interrupted_plan_says_so_in_the_summary() -> None:
    plan = certified_plan(certified())
    plan.solve = plan.solve.model_copy(update={"interrupted": True})

    assert "interrupted: the best plan found before the stop" in solve_summary(plan)
