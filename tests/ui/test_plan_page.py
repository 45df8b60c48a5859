"""The Plan tab's explanations, driven by Streamlit's AppTest: why not faster, why no plan,
and the suggested changes, which can be taken into the editors or sent to the Compare tab."""

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import signed_in

TIMEOUT = 120


@pytest.fixture
def app(small_examples: Path, app_path: Path) -> AppTest:
    return signed_in(app_path, timeout=TIMEOUT)


@pytest.fixture
def infeasible(app: AppTest) -> AppTest:
    """The small scenario with full duty asked for in week 1, planned: it has no plan."""
    latest = next(box for box in app.date_input if box.label.startswith("Full duty by the week holding"))
    latest.set_value(dt.date(2027, 1, 4)).run()
    app.button(key="plan").click().run()
    return app


def headers(app: AppTest) -> list[str]:
    return [header.value for header in app.subheader]


def test_the_plan_tab_opens_on_the_week_by_week_plan(app: AppTest) -> None:
    app.button(key="plan").click().run()
    assert not app.exception
    assert headers(app).index("The plan, week by week") < headers(app).index("Why not faster")
    grid = next(frame.value for frame in app.dataframe if "duties (hours a day)" in frame.value.columns)
    assert list(grid["week"]) == list(range(1, len(grid) + 1))
    assert grid["days"].str.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)( \w{3})*|no work").all()


def test_the_plan_tab_explains_why_not_faster_in_words(app: AppTest) -> None:
    app.button(key="plan").click().run()
    assert not app.exception
    assert "Why not faster" in headers(app)
    listed = "\n".join(m.value for m in app.markdown)
    assert "- **Week 1** (" in listed
    assert "still short of full duty" in listed


def test_an_infeasible_scenario_names_its_conflict_in_its_own_numbers(infeasible: AppTest) -> None:
    assert not infeasible.exception
    assert "Why no plan" in headers(infeasible) and "Why not faster" not in headers(infeasible)
    assert "full duty by 2027-01-04 (week 1)" in infeasible.error[0].value
    assert "these cannot all hold together" in infeasible.error[0].value
    listed = "\n".join(m.value for m in infeasible.markdown)
    assert "- **policy.target.latest_date**: full duty by 2027-01-04 (week 1) *(full_duty_target: reaching full " \
        "duty" in listed


def test_suggested_changes_are_planned_and_one_can_be_taken_into_the_editors(infeasible: AppTest) -> None:
    infeasible.button(key="suggest").click().run()
    assert not infeasible.exception
    assert "What would make a plan possible" in headers(infeasible)
    assert re.search(r"full duty in week \d+", "\n".join(m.value for m in infeasible.markdown))

    infeasible.button(key="use-relaxation-0").click().run()
    assert not infeasible.exception
    infeasible.button(key="plan").click().run()
    assert "Why not faster" in headers(infeasible) and "Why no plan" not in headers(infeasible)


def test_suggested_changes_can_be_compared_side_by_side(infeasible: AppTest) -> None:
    infeasible.button(key="suggest").click().run()
    infeasible.button(key="compare-relaxations").click().run()
    assert list(infeasible.session_state["compare_table"]["path"])[0] == "policy.target.latest_date"

    infeasible.button(key="compare").click().run()
    assert not infeasible.exception
    table = next(frame.value for frame in infeasible.dataframe if "KPI" in frame.value.columns)
    kpis = table.set_index("KPI")
    assert kpis.loc["status", "base"] == "INFEASIBLE"
    assert all(status != "INFEASIBLE" for status in kpis.loc["status"].iloc[1:])
