"""Every editor together: a bundled scenario read back through all of the app's tables is unchanged."""

import copy
from pathlib import Path
from typing import Any

import pytest

from rtw_scheduler.scenario_io import load_scenario
from tests.ui.editor_helpers import BUNDLED
from ui import availability_tables, editing, policy_tables, worker_tables


def through_every_editor(data: dict[str, Any]) -> dict[str, Any]:
    """`data` after each editor's table is read back unchanged, as the app does on every run."""
    data = copy.deepcopy(data)
    exposure_dims = [d["id"] for d in data["dimensions"]]
    dims = ["work_hours", *exposure_dims]
    data["worker"]["baseline"]["weekly_exposure"] = worker_tables.baseline_from(
        worker_tables.baseline_frame(data, dims))
    availability_tables.apply_tasks(data, availability_tables.tasks_frame(data, exposure_dims), exposure_dims)
    availability_tables.apply_grid(data, availability_tables.availability_grid(data))
    data["availability"]["blackouts"] = availability_tables.blackouts_from(availability_tables.blackouts_frame(data))
    data["policy"]["target"]["weekly_exposure"] = policy_tables.target_from(
        policy_tables.target_frame(data, exposure_dims))
    data["policy"]["increments"] = policy_tables.increments_from(
        policy_tables.increments_frame(data, dims), data["policy"], {})
    data["policy"]["phases"] = policy_tables.phases_from(policy_tables.phases_frame(data), data)
    data["policy"]["heaviest_load_protocol"] = policy_tables.protocol_from(policy_tables.protocol_frame(data))
    pattern = data["worker"]["shift_pattern"]
    pattern["shifts"], found = worker_tables.shifts_from(worker_tables.shifts_frame(data))
    assert found == []
    if pattern["kind"] == "weekly":
        pattern["week"] = worker_tables.week_from(worker_tables.week_frame(data))
    else:
        pattern["cycle"] = worker_tables.cycle_from(worker_tables.cycle_text(pattern["cycle"]))
    availability_tables.apply_other_offers(data, availability_tables.other_offers_frame(data))
    data["availability"]["appointments"] = availability_tables.appointments_from(
        availability_tables.appointments_frame(data))
    for field in ("weekly_ceiling", "entry_criteria"):
        policy_tables.apply_phase_limits(data, policy_tables.phase_limits_frame(data, field, dims), field, dims)
    recovery = data["policy"]["recovery"]
    recovery["heavy_day_threshold"] = policy_tables.per_dimension_from(
        policy_tables.per_dimension_frame(recovery["heavy_day_threshold"], dims, "threshold"), "threshold")
    data["policy"]["risk_factor_adjustments"] = policy_tables.risk_factors_from(policy_tables.risk_factors_frame(data))
    deload = recovery["deload"] or policy_tables.DEFAULT_DELOAD
    recovery["deload"] = policy_tables.deload_value(recovery["deload"] is not None, deload["every_weeks"],
                                                    deload["max_percent_of_previous"])
    return data


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_untouched_editors_leave_a_bundled_scenario_unchanged(path: Path) -> None:
    data = editing.scenario_data(load_scenario(path))
    assert through_every_editor(data) == data


def test_the_bundled_scenarios_include_a_rotating_pattern_deload_and_date_bound_offers() -> None:
    """The round trip above covers every editor only if the examples use these features."""
    scenarios = [load_scenario(path) for path in BUNDLED]
    assert any(s.worker.shift_pattern.kind == "rotating" for s in scenarios)
    assert any(s.policy.recovery.deload is not None for s in scenarios)
    assert any(o.shift_kinds and o.from_date for s in scenarios for o in s.availability.offers)
    assert any(p.entry_criteria for s in scenarios for p in s.policy.phases)
