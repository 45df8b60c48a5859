"""The Policy tab's Restrictions and Reviews tables: they show the certificate and edits reach the scenario."""

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.certificate import CERTIFICATE, certified, certified_data
from tests.ui.conftest import SMALL_NAME, signed_in
from tests.ui.editor_helpers import problems_of
from ui import editing, restriction_tables

TIMEOUT = 120


def data() -> dict[str, Any]:
    """The certified scenario as the app edits it."""
    return editing.scenario_data(certified())


def test_the_certificate_round_trips_through_its_tables_unchanged() -> None:
    before = data()
    restrictions = restriction_tables.restrictions_from(restriction_tables.restrictions_frame(before))
    after = dict(before, restrictions=restrictions,
                 reviews=restriction_tables.reviews_from(restriction_tables.reviews_frame(before)))

    assert after == before and problems_of(after) == []


def test_a_restriction_shows_its_period_limits_and_comma_separated_bans() -> None:
    frame = restriction_tables.restrictions_frame(data())

    first = frame.iloc[0]
    assert first["source"] == "certificate of capacity, 2027-01-04"
    assert bool(first["until_review"]) and first["max_hours_per_day"] == 4.5 and first["max_load_kg"] == 5
    assert first["banned_dimensions"] == "overhead"
    assert frame.iloc[1]["from_week"] == 3 and frame.iloc[1]["banned_tasks"] == "pack"


def test_an_edited_limit_and_typed_bans_reach_the_scenario() -> None:
    edited = data()
    frame = restriction_tables.restrictions_frame(edited)
    frame.loc[1, "max_hours_per_day"] = 6.0
    frame.loc[1, "banned_tasks"] = " pack, label "
    frame.loc[1, "until_week"] = 4.0
    edited["restrictions"] = restriction_tables.restrictions_from(frame)

    scenario, problems = editing.validate(edited)
    assert problems == [] and scenario is not None
    second = scenario.restrictions[1]
    assert (second.max_hours_per_day, second.banned_tasks, second.until_week) == (6.0, ["pack", "label"], 4)


def test_an_empty_row_being_added_is_dropped_and_a_bad_value_is_named_by_field() -> None:
    edited = data()
    frame = restriction_tables.restrictions_frame(edited)
    frame = pd.concat([frame, pd.DataFrame([{}])], ignore_index=True)  # a row being typed in: all empty
    frame.loc[0, "banned_tasks"] = "ladder"
    edited["restrictions"] = restriction_tables.restrictions_from(frame)

    assert len(edited["restrictions"]) == 2
    assert "restrictions[0].banned_tasks: unknown task 'ladder'" in problems_of(edited)


def test_removing_the_review_a_restriction_runs_until_is_named() -> None:
    edited = data()
    edited["reviews"] = restriction_tables.reviews_from(restriction_tables.reviews_frame(edited).iloc[0:0])

    assert any(line.startswith("restrictions[0].until_review: no review on or after 2027-01-04")
               for line in problems_of(edited))


# --- in the app ----------------------------------------------------------------------------------


@pytest.fixture
def app(small_examples: Path, app_path: Path) -> AppTest:
    """The app opening the small scenario with a certificate."""
    (small_examples / SMALL_NAME).write_text(yaml.safe_dump(certified_data(), sort_keys=False), encoding="utf-8")
    return signed_in(app_path, timeout=TIMEOUT)


def editor(app: AppTest, column: str):  # noqa: ANN201 (AppTest element)
    return next(table for table in app.data_editor if column in table.value.columns)


def test_the_policy_tab_shows_the_restrictions_and_reviews(app: AppTest) -> None:
    assert not app.exception and not app.error
    restrictions, reviews = editor(app, "banned_tasks").value, editor(app, "by").value

    assert list(restrictions["source"]) == ["certificate of capacity, 2027-01-04"] * 2
    assert list(restrictions["banned_dimensions"]) == ["overhead", ""]
    assert list(reviews["by"]) == ["GP, Dr Lee"]


def test_editing_a_restriction_in_the_app_reaches_the_scenario(app: AppTest) -> None:
    table = editor(app, "banned_tasks")
    app.session_state[table.key] = {"edited_rows": {0: {"max_hours_per_day": 20.0}}, "added_rows": [],
                                    "deleted_rows": []}
    app.run()

    assert not app.exception
    assert "restrictions[0].max_hours_per_day: Input should be less than or equal to 16" in app.code[0].value
    assert app.button(key="plan").disabled

    app.session_state[table.key] = {"edited_rows": {0: {"max_hours_per_day": 3.5}}, "added_rows": [],
                                    "deleted_rows": []}
    app.run()
    assert not app.code and not app.button(key="plan").disabled


def test_the_plan_page_shows_the_certificate_beside_the_duties_and_the_review_dates(
        small_examples: Path, app_path: Path) -> None:
    lenient = certified_data(restrictions=[dict(CERTIFICATE[0])])  # one the small plan meets anyway
    (small_examples / SMALL_NAME).write_text(yaml.safe_dump(lenient, sort_keys=False), encoding="utf-8")
    app = signed_in(app_path, timeout=TIMEOUT)
    app.button(key="plan").click().run()

    assert not app.exception
    roster = next(frame.value for frame in app.dataframe if "duties (hours a day)" in frame.value.columns)
    week = list(roster["certificate of capacity"])
    assert week[0].startswith("at most 4.5 h a day;") and week[1] == week[0] and set(week[2:]) == {""}
    assert any("**Capacity reviews:** 2027-01-13 (GP, Dr Lee)" in m.value for m in app.markdown)
