"""The policy tables: edited phases, the load protocol, recovery and risk factors reach the scenario; bad values
are named (in the tables' functions, and in the app for the protocol and a phase's earliest start)."""

import copy
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from rtw_scheduler.scenario_io import load_scenario, parse_scenario
from tests.ui.conftest import SMALL_NAME, signed_in
from tests.ui.editor_helpers import BUNDLED, problems_of, small
from ui import editing, policy_tables

TIMEOUT = 120


def test_an_emptied_phase_cap_is_named_by_field(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    frame = policy_tables.phases_frame(data)
    frame.loc[0, "daily_hours_cap"] = None
    data["policy"]["phases"] = policy_tables.phases_from(frame, data)
    scenario, problems = editing.validate(data)
    assert scenario is None
    assert any(line.startswith("policy.phases[0].daily_hours_cap: ") for line in problems)


def test_every_policy_value_shows_its_source_and_default(small_yaml: str) -> None:
    table = policy_tables.provenance_frame(parse_scenario(small_yaml, "small.yaml")).set_index("value name")
    assert table.loc["horizon_weeks", "source"] == "scenario"
    assert table.loc["horizon_weeks", "default"] == "12"
    assert table.loc["acwr_max", "default"] == "off"
    assert table.loc["increments.lifting.percent", "default"] == "15"


def test_a_phase_ceiling_and_entry_criterion_reach_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    dims = ["work_hours", "lifting", "standing"]
    ceilings = policy_tables.phase_limits_frame(data, "weekly_ceiling", dims)
    ceilings.loc[0, "lifting"] = 900.0
    policy_tables.apply_phase_limits(data, ceilings, "weekly_ceiling", dims)
    entry = policy_tables.phase_limits_frame(data, "entry_criteria", dims)
    entry.loc[1, "work_hours"] = 0.5
    policy_tables.apply_phase_limits(data, entry, "entry_criteria", dims)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.phases[0].weekly_ceiling == {"lifting": 900.0}
    assert scenario.policy.phases[1].entry_criteria == {"work_hours": 0.5}


def test_an_emptied_phase_ceiling_is_removed() -> None:
    knee = next(path for path in BUNDLED if path.stem == "construction_labourer_knee")
    data = editing.scenario_data(load_scenario(knee))
    dims = ["work_hours", *(d["id"] for d in data["dimensions"])]
    ceilings = policy_tables.phase_limits_frame(data, "weekly_ceiling", dims)
    ceilings.loc[0, "kneeling"] = None
    policy_tables.apply_phase_limits(data, ceilings, "weekly_ceiling", dims)
    assert data["policy"]["phases"][0]["weekly_ceiling"] == {"ladder_climbs": 40.0}


def test_a_phase_lifting_index_of_zero_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.phases_frame(data)
    frame.loc[0, "max_lifting_index"] = 0.0
    data["policy"]["phases"] = policy_tables.phases_from(frame, data)
    assert any(line.startswith("policy.phases[0].max_lifting_index: ") for line in problems_of(data))


def test_a_phase_rest_day_override_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.phases_frame(data)
    frame.loc[0, "min_rest_days_per_week"] = 3.0
    data["policy"]["phases"] = policy_tables.phases_from(frame, data)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.phases[0].min_rest_days_per_week == 3


def with_protocol_and_phase_timing(small_yaml: str) -> dict[str, Any]:
    """The small scenario, read as the app reads it, with a heaviest-load protocol, a date and a week as
    earliest starts, and a max weeks."""
    data = yaml.safe_load(small_yaml)
    policy = data["policy"]
    policy["phases"] = [{"name": "technique", "min_weeks": 1, "max_weeks": 2, "daily_hours_cap": 4},
                        {"name": "loading", "min_weeks": 1, "earliest_start": "2027-01-18", "daily_hours_cap": 4},
                        {"name": "full_exposure", "min_weeks": 1, "earliest_start": 3, "daily_hours_cap": 4}]
    policy["heaviest_load_protocol"] = [{"kg": 0.5, "min_weeks": 2}, {"kg": 2}, {"kg": 5}]
    return small(yaml.safe_dump(data, sort_keys=False))


def test_a_protocol_and_phase_timing_round_trip_through_their_tables_unchanged(small_yaml: str) -> None:
    data = with_protocol_and_phase_timing(small_yaml)
    frame = policy_tables.phases_frame(data)
    assert list(frame["earliest_start"]) == ["", "2027-01-18", "3"]
    assert list(frame["max_weeks"].fillna(0)) == [2.0, 0.0, 0.0]
    assert list(policy_tables.protocol_frame(data)["kg"]) == [0.5, 2.0, 5.0]
    phases = policy_tables.phases_from(frame, data)
    protocol = policy_tables.protocol_from(policy_tables.protocol_frame(data))

    assert (phases, protocol) == (data["policy"]["phases"], data["policy"]["heaviest_load_protocol"])
    assert protocol is not None and problems_of(data) == []


def test_no_protocol_is_an_empty_table_and_an_empty_table_is_no_protocol(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.protocol_frame(data)

    assert frame.empty and list(frame.columns) == ["kg", "min_weeks"]
    assert policy_tables.protocol_from(frame) is None


def test_an_edited_protocol_reaches_the_scenario_and_an_empty_row_is_dropped(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.protocol_frame(data)
    frame = pd.concat([frame, pd.DataFrame([{"kg": 2.0, "min_weeks": 2.0}, {"kg": 5.0}, {}])], ignore_index=True)
    data["policy"]["heaviest_load_protocol"] = policy_tables.protocol_from(frame)

    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    rungs = scenario.policy.heaviest_load_protocol
    assert rungs is not None and [(r.kg, r.min_weeks) for r in rungs] == [(2.0, 2), (5.0, 1)]


def test_a_falling_protocol_and_a_rung_without_kg_are_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = pd.DataFrame({"kg": [5.0, 2.0], "min_weeks": [1.0, 1.5]})
    data["policy"]["heaviest_load_protocol"] = policy_tables.protocol_from(frame)
    assert problems_of(data) == ["policy.heaviest_load_protocol[1].min_weeks: Input should be a valid integer"]
    frame.loc[1, "min_weeks"] = 1.0
    data["policy"]["heaviest_load_protocol"] = policy_tables.protocol_from(frame)
    assert problems_of(data) == ["policy: heaviest_load_protocol: the rungs' kg must not fall"]
    frame.loc[1, "kg"] = None
    data["policy"]["heaviest_load_protocol"] = policy_tables.protocol_from(frame)
    assert problems_of(data) == ["policy.heaviest_load_protocol[1].kg: Input should be a valid number"]


@pytest.mark.parametrize(("typed", "value"), [
    ("", None), ("  ", None), ("16", 16), (" 3.0 ", 3), ("2027-02-01", "2027-02-01"), ("2.5", 2.5), ("soon", "soon"),
], ids=["empty", "blank", "weeks", "whole-decimal", "date", "part-week", "text"])
def test_a_typed_earliest_start_is_weeks_a_date_or_left_for_the_model(typed: str, value: object) -> None:
    assert policy_tables.earliest_start_value(typed) == value


def test_a_phase_earliest_start_in_weeks_and_max_weeks_reach_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.phases_frame(data)
    frame.loc[1, "earliest_start"] = "2"
    frame.loc[0, "max_weeks"] = 3.0
    data["policy"]["phases"] = policy_tables.phases_from(frame, data)

    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert (scenario.policy.phases[1].earliest_start, scenario.policy.phases[0].max_weeks) == (2, 3)
    assert policy_tables.phases_frame(data).loc[1, "earliest_start"] == "2"


@pytest.mark.parametrize(("row", "column", "typed", "line"), [
    (1, "earliest_start", "soon",
     "policy.phases[1].earliest_start: Input should be a valid date or datetime, input is too short"),
    (1, "earliest_start", "2027-13-01", "policy.phases[1].earliest_start: Input should be a valid date or datetime, "
     "month value is outside expected range of 1-12"),
    (0, "earliest_start", "2",
     "policy: the first phase starts with the plan: earliest_start belongs to a later phase"),
    (1, "max_weeks", 2.0, "policy: the last phase lasts to the horizon: max_weeks belongs to an earlier phase"),
    (0, "max_weeks", 0.0, "policy.phases[0].max_weeks: Input should be greater than or equal to 1"),
], ids=["text", "bad-date", "first-phase", "last-phase", "zero-weeks"])
def test_a_bad_earliest_start_or_max_weeks_is_named_by_field(
        small_yaml: str, row: int, column: str, typed: object, line: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.phases_frame(data)
    frame.loc[row, column] = typed
    data["policy"]["phases"] = policy_tables.phases_from(frame, data)
    assert line in problems_of(data)


def test_deload_switched_on_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    data["policy"]["recovery"]["deload"] = policy_tables.deload_value(True, 3, 70.0)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    deload = scenario.policy.recovery.deload
    assert deload is not None and (deload.every_weeks, deload.max_percent_of_previous) == (3, 70.0)


def test_deload_switched_off_is_none() -> None:
    assert policy_tables.deload_value(False, 4, 80.0) is None


def test_a_deload_every_week_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    data["policy"]["recovery"]["deload"] = policy_tables.deload_value(True, 1, 80.0)
    assert any(line.startswith("policy.recovery.deload.every_weeks: ") for line in problems_of(data))


def test_a_heavy_day_threshold_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.per_dimension_frame({}, ["work_hours", "lifting", "standing"], "threshold")
    frame.loc[1, "threshold"] = 400.0
    data["policy"]["recovery"]["heavy_day_threshold"] = policy_tables.per_dimension_from(frame, "threshold")
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.recovery.heavy_day_threshold == {"lifting": 400.0}


@pytest.mark.parametrize(("field", "value", "line"), [
    ("warm_up_minutes", 7, "policy: warm_up_minutes must be a multiple of slot_minutes"),
    ("min_hours_per_worked_day", 5.0,
     "policy: phase 'technique': the shortest worked day (5 h) is above its daily hours cap (4 h)"),
    ("increment_lookback_weeks", 5, "policy.increment_lookback_weeks: Input should be less than or equal to 4"),
], ids=["warm_up_minutes", "min_hours_per_worked_day", "increment_lookback_weeks"])
def test_a_bad_policy_number_is_named_by_field(small_yaml: str, field: str, value: float, line: str) -> None:
    data = small(small_yaml)
    data["policy"][field] = value
    assert problems_of(data) == [line]


def test_a_ceiling_margin_above_100_percent_is_named_by_field(small_yaml: str) -> None:
    data = small(small_yaml)
    data["policy"]["target"]["ceiling_margin_percent"] = 150.0
    assert problems_of(data) == ["policy.target.ceiling_margin_percent: Input should be less than or equal to 100"]


def test_a_new_risk_factor_reaches_the_scenario_and_can_be_given_to_the_worker(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.risk_factors_frame(data)
    frame.loc[1] = ["night_work", 0.85]
    data["policy"]["risk_factor_adjustments"] = policy_tables.risk_factors_from(frame)
    data["worker"]["risk_factors"] = ["smoking", "night_work"]
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.policy.risk_factor_adjustments == {"smoking": 0.9, "night_work": 0.85}


def test_a_risk_multiplier_above_one_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = policy_tables.risk_factors_frame(data)
    frame.loc[0, "multiplier"] = 1.5
    data["policy"]["risk_factor_adjustments"] = policy_tables.risk_factors_from(frame)
    assert problems_of(data) == ["policy: risk_factor_adjustments.smoking must be in (0, 1]"]


# --- in the app ----------------------------------------------------------------------------------

PROTOCOL = [{"kg": 2.0, "min_weeks": 2}, {"kg": 5.0, "min_weeks": 1}]


@pytest.fixture
def app(small_examples: Path, app_path: Path, small_yaml: str) -> AppTest:
    """The app opening the small scenario with a two-rung heaviest-load protocol."""
    data = yaml.safe_load(small_yaml)
    data["policy"]["heaviest_load_protocol"] = PROTOCOL
    (small_examples / SMALL_NAME).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return signed_in(app_path, timeout=TIMEOUT)


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The edited scenario data each run of the app offers for download, last run last."""
    seen: list[dict[str, Any]] = []
    dump = editing.scenario_yaml

    def capture(data: dict[str, Any]) -> str:
        seen.append(copy.deepcopy(data))
        return dump(data)

    monkeypatch.setattr(editing, "scenario_yaml", capture)
    return seen


def editor(app: AppTest, column: str):  # noqa: ANN201 (AppTest element)
    return next(table for table in app.data_editor if column in table.value.columns)


def edits(edited: dict[int, dict[str, Any]] | None = None, added: list[dict[str, Any]] | None = None,
          deleted: list[int] | None = None) -> dict[str, Any]:
    """A data editor's edit state, as the browser sends it."""
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}


def test_the_policy_tab_shows_the_protocol_beside_the_weekly_step(offered: list[dict[str, Any]], app: AppTest) -> None:
    assert not app.exception and not app.error
    rungs = editor(app, "kg").value

    assert list(rungs["kg"]) == [2.0, 5.0] and list(rungs["min_weeks"]) == [2.0, 1.0]
    assert any("it replaces the weekly step" in caption.value for caption in app.caption)
    assert list(editor(app, "earliest_start").value["earliest_start"]) == ["", ""]
    assert offered[-1]["policy"]["heaviest_load_protocol"] == PROTOCOL


def test_an_edited_rung_and_phase_earliest_start_reach_the_scenario_data(
        offered: list[dict[str, Any]], app: AppTest) -> None:
    protocol, phases = editor(app, "kg"), editor(app, "earliest_start")
    app.session_state[protocol.key] = edits({0: {"kg": 0.5}}, added=[{"kg": 8.0, "min_weeks": 3}])
    app.session_state[phases.key] = edits({1: {"earliest_start": "2027-01-18", "max_weeks": None}})
    app.run()

    assert not app.exception and not app.code and not app.button(key="plan").disabled
    policy = offered[-1]["policy"]
    assert policy["heaviest_load_protocol"] == [{"kg": 0.5, "min_weeks": 2}, {"kg": 5.0, "min_weeks": 1},
                                                {"kg": 8.0, "min_weeks": 3}]
    assert policy["phases"][1]["earliest_start"] == "2027-01-18"

    app.session_state[protocol.key] = edits(deleted=[0, 1])
    app.session_state[phases.key] = edits({1: {"earliest_start": "3"}})
    app.run()
    assert not app.code
    policy = offered[-1]["policy"]
    assert policy["heaviest_load_protocol"] is None and policy["phases"][1]["earliest_start"] == 3


def test_a_bad_rung_or_earliest_start_in_the_app_is_named_and_disables_plan(app: AppTest) -> None:
    protocol, phases = editor(app, "kg"), editor(app, "earliest_start")
    app.session_state[protocol.key] = edits({1: {"kg": 1.0}})
    app.session_state[phases.key] = edits({1: {"earliest_start": "soon"}})
    app.run()

    assert not app.exception
    problems = app.code[0].value.splitlines()
    assert "policy.phases[1].earliest_start: Input should be a valid date or datetime, input is too short" in problems
    assert app.button(key="plan").disabled

    app.session_state[phases.key] = edits({1: {"earliest_start": ""}})
    app.run()
    assert app.code[0].value.splitlines() == ["policy: heaviest_load_protocol: the rungs' kg must not fall"]
