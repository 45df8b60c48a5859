"""The Compare tab, driven by Streamlit's AppTest.

AppTest cannot type into a data editor, so a test puts its own variants table in the session
state (as the app keeps it) and runs the app again; the data editor then shows that table."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from rtw_scheduler.scenario_io import InputError, parse_scenario
from tests.ui.conftest import SMALL_SCENARIO_YAML, signed_in
from ui import editing, variants

TIMEOUT = 120


@pytest.fixture
def app(small_examples: Path, app_path: Path) -> AppTest:
    return signed_in(app_path, timeout=TIMEOUT)


def kpi_table(app: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if "KPI" in frame.value.columns)


def test_compare_shows_a_kpi_column_per_variant_of_the_default_table(app: AppTest) -> None:
    assert not app.exception
    app.button(key="compare").click().run()
    assert not app.exception
    assert not app.error
    table = kpi_table(app)
    assert list(table.columns) == ["KPI", "base", "hours +10 pp", "horizon +4 weeks"]
    kpis = table.set_index("KPI")
    assert list(kpis.loc["status"]) == ["OPTIMAL"] * 3
    assert kpis.loc["hours_week_8", "base"] == "-"  # a 4-week horizon
    assert kpis.loc["hours_week_8", "horizon +4 weeks"] != "-"
    assert len(app.get("vega_lite_chart")) == 3  # one overlaid chart per dimension (hours, lifting, standing)


def test_a_bad_path_gives_an_error_naming_the_variant_and_the_path(app: AppTest) -> None:
    app.session_state["compare_table"] = pd.DataFrame(
        [["longer", "policy.horizon_weeks", "6"], ["oops", "policy.horizon_weeks.days", "3"]],
        columns=variants.COLUMNS)
    app.run()
    app.button(key="compare").click().run()
    assert not app.exception
    assert any("cannot be used" in error.value for error in app.error)
    assert ("variants table: variant 'oops': policy.horizon_weeks.days: policy.horizon_weeks is not a mapping"
            in app.code[0].value)
    assert not any("KPI" in frame.value.columns for frame in app.dataframe)


def small_data() -> dict:
    return editing.scenario_data(parse_scenario(SMALL_SCENARIO_YAML, "small.yaml"))


def test_table_values_are_read_as_yaml_and_rows_with_one_name_make_one_variant() -> None:
    frame = pd.DataFrame([["a", "policy.horizon_weeks", "6"], ["a", "policy.target.latest_date", "2027-03-01"],
                          ["b", "policy.increments.work_hours", "{percent: 30, allowance: 3}"],
                          [None, None, None]], columns=variants.COLUMNS)
    scenarios = variants.scenarios_for(small_data(), frame)
    assert list(scenarios) == ["base", "a", "b"]
    assert scenarios["a"]["policy"]["horizon_weeks"] == 6
    assert str(scenarios["a"]["policy"]["target"]["latest_date"]) == "2027-03-01"
    assert scenarios["b"]["policy"]["increments"]["work_hours"] == {"percent": 30, "allowance": 3}


@pytest.mark.parametrize(("row", "message"), [
    (["x", "policy.nonsense", "3"], "variant 'x': policy.nonsense: Extra inputs are not permitted"),
    (["base", "policy.horizon_weeks", "3"], "variant 'base': 'base' is reserved"),
    (["x", "", "3"], "variant 'x': row 1: path"),
    (["x", "policy.horizon_weeks", "[3"], "variant 'x': policy.horizon_weeks: value '[3' is not valid YAML"),
])
def test_bad_rows_are_named(row: list[str], message: str) -> None:
    with pytest.raises(InputError) as caught:
        variants.scenarios_for(small_data(), pd.DataFrame([row], columns=variants.COLUMNS))
    assert message in str(caught.value)


def test_the_default_table_sets_the_whole_hours_increment_when_the_policy_default_applies() -> None:
    data = small_data()
    del data["policy"]["increments"]["work_hours"]
    frame = variants.default_frame(data)
    assert frame.loc[0, "path"] == "policy.increments.work_hours"
    scenarios = variants.scenarios_for(data, frame)
    percent = data["policy"]["default_increment_percent"] + variants.HOURS_STEP_PP
    assert scenarios["hours +10 pp"]["policy"]["increments"]["work_hours"]["percent"] == percent
    assert scenarios["horizon +4 weeks"]["policy"]["horizon_weeks"] == 8
