"""The app's editors: tables built from the scenario, and the scenario rebuilt from them."""

import copy
from pathlib import Path
from typing import Any

import pytest

from rtw_scheduler.scenario_io import load_scenario, parse_scenario
from ui import editing

BUNDLED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def through_every_editor(data: dict[str, Any]) -> dict[str, Any]:
    """`data` after each editor's table is read back unchanged, as the app does on every run."""
    data = copy.deepcopy(data)
    exposure_dims = [d["id"] for d in data["dimensions"]]
    dims = ["work_hours", *exposure_dims]
    data["worker"]["baseline"]["weekly_exposure"] = editing.baseline_from(editing.baseline_frame(data, dims))
    editing.apply_tasks(data, editing.tasks_frame(data, exposure_dims), exposure_dims)
    editing.apply_grid(data, editing.availability_grid(data))
    data["availability"]["blackouts"] = editing.blackouts_from(editing.blackouts_frame(data))
    data["policy"]["target"]["weekly_exposure"] = editing.target_from(editing.target_frame(data, exposure_dims))
    data["policy"]["increments"] = editing.increments_from(editing.increments_frame(data, dims), data["policy"], {})
    data["policy"]["phases"] = editing.phases_from(editing.phases_frame(data), data)
    return data


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_untouched_editors_leave_a_bundled_scenario_unchanged(path: Path) -> None:
    data = editing.scenario_data(load_scenario(path))
    assert through_every_editor(data) == data


def test_an_edited_exposure_rate_reaches_the_scenario(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    frame = editing.tasks_frame(data, ["lifting", "standing"])
    frame.loc[frame["id"] == "pack", "lifting"] = 120.0
    editing.apply_tasks(data, frame, ["lifting", "standing"])
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.task("pack").exposure_per_hour["lifting"] == 120.0


def test_an_emptied_phase_cap_is_named_by_field(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    frame = editing.phases_frame(data)
    frame.loc[0, "daily_hours_cap"] = None
    data["policy"]["phases"] = editing.phases_from(frame, data)
    scenario, problems = editing.validate(data)
    assert scenario is None
    assert any(line.startswith("policy.phases[0].daily_hours_cap: ") for line in problems)


def test_every_policy_value_shows_its_source_and_default(small_yaml: str) -> None:
    table = editing.provenance_frame(parse_scenario(small_yaml, "small.yaml")).set_index("value name")
    assert table.loc["horizon_weeks", "source"] == "scenario"
    assert table.loc["horizon_weeks", "default"] == "12"
    assert table.loc["acwr_max", "default"] == "off"
    assert table.loc["increments.lifting.percent", "default"] == "15"
