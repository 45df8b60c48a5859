"""The policy tables: edited phases, recovery and risk factors reach the scenario; bad values are named."""

import pytest

from rtw_scheduler.scenario_io import load_scenario, parse_scenario
from tests.ui.editor_helpers import BUNDLED, problems_of, small
from ui import editing, policy_tables


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
