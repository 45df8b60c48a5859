"""Scenario validation: good input loads, each kind of bad input is refused with its path."""

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from models.applied import apply_policy
from models.scenario import Scenario

GOOD: dict[str, Any] = {
    "id": "s1",
    "worker": {
        "id": "w1", "display_name": "Ana", "time_zone": "Europe/London", "plan_start_date": "2027-01-04",
        "contracted_hours_per_week": 20,
        "shift_pattern": {"kind": "weekly", "shifts": {"D": {"name": "Day", "kind": "day", "start": "07:00",
                                                              "end": "11:00"}},
                          "week": {"mon": "D"}},
        "baseline": {"heaviest_load_kg": 5, "weekly_exposure": {"work_hours": 4}},
        "risk_factors": ["smoking"],
    },
    "tasks": [{"id": "warm", "name": "Warm-up", "warm_up": True},
              {"id": "pack", "name": "Pack", "exposure_per_hour": {"lifting": 100.004}}],
    "availability": {"offers": [{"task_id": "pack", "hours_per_day": 3}]},
    "policy": {"target": {"weekly_exposure": {"lifting": 1000}}},
}


def variant(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    *parents, leaf = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[leaf] = value
    return data


def messages(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(data)
    return str(caught.value)


def test_a_good_scenario_validates_and_rounds_rates_to_hundredths() -> None:
    scenario = Scenario.model_validate(GOOD)
    assert scenario.task("pack").rate("lifting") == 100.0


def test_an_unknown_field_is_refused() -> None:
    assert "colour" in messages(variant("tasks.1.colour", "red"))


def test_an_unknown_dimension_names_its_path() -> None:
    assert "tasks[1].exposure_per_hour.lifts" in messages(variant("tasks.1.exposure_per_hour", {"lifts": 3}))


def test_an_offer_for_an_unknown_task_names_its_path() -> None:
    assert "availability.offers[0].task_id" in messages(variant("availability.offers.0.task_id", "forklift"))


def test_duplicate_task_ids_are_refused() -> None:
    assert "duplicate task id" in messages(variant("tasks.1.id", "warm"))


def test_a_risk_factor_without_an_explicit_adjustment_is_refused() -> None:
    assert "worker.risk_factors[0]" in messages(variant("worker.risk_factors", ["obesity"]))


def test_a_missing_warm_up_task_is_refused_while_warm_up_minutes_are_set() -> None:
    assert "warm_up" in messages(variant("tasks.0.warm_up", False))


def test_an_unknown_time_zone_is_refused() -> None:
    assert "unknown IANA time zone" in messages(variant("worker.time_zone", "Mars/Olympus"))


def test_an_unquoted_yaml_time_read_as_a_number_is_refused() -> None:
    assert "HH:MM" in messages(variant("worker.shift_pattern.shifts.D.start", 420))


def test_not_a_number_is_refused() -> None:
    assert "finite" in messages(variant("policy.target.weekly_exposure", {"lifting": float("nan")}))


def test_an_undefined_shift_code_in_the_week_is_refused() -> None:
    assert "undefined shift codes" in messages(variant("worker.shift_pattern.week", {"mon": "N"}))


def test_a_break_outside_its_shift_is_refused() -> None:
    assert "does not fit" in messages(
        variant("worker.shift_pattern.shifts.D.breaks", [{"start": "12:00", "minutes": 15}]))


def test_duplicate_phase_names_are_refused() -> None:
    phase = {"name": "same", "daily_hours_cap": 4}
    assert "unique" in messages(variant("policy.phases", [phase, phase]))


def test_a_phase_that_lowers_the_daily_cap_is_refused() -> None:
    phases = [{"name": "a", "daily_hours_cap": 6}, {"name": "b", "daily_hours_cap": 4}]
    assert "lowers the daily hours cap" in messages(variant("policy.phases", phases))


def test_risk_factors_slow_increments_and_say_so_without_naming_them() -> None:
    applied = apply_policy(Scenario.model_validate(GOOD))
    assert applied.increments["lifting"].percent == pytest.approx(15 * 0.9)
    entry = next(v for v in applied.provenance if v.name == "increments.lifting.percent")
    assert entry.source == "clinician adjustment"
    assert entry.note == "limits adjusted by the clinician"


def test_how_the_risk_factors_adjusted_a_value_is_told_to_the_clinician_only() -> None:
    applied = apply_policy(Scenario.model_validate(GOOD))
    assert "x0.9" in applied.clinician_notes["increments.lifting.percent"]
    assert all("x0.9" not in entry.note for entry in applied.provenance)


def test_values_not_in_the_scenario_are_reported_as_policy_defaults() -> None:
    applied = apply_policy(Scenario.model_validate(GOOD))
    sources = {v.name: v.source for v in applied.provenance}
    assert sources["recovery.min_rest_days_per_week"] == "policy default"
    assert sources["baseline.work_hours"] == "assessment"
    assert sources["target.work_hours"] == "contract"
