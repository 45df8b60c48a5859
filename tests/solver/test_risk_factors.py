"""Risk factors slow a return to work, never block it.

Their multipliers (models.applied; several factors multiply) shrink the weekly percentage
increases and hold each heaviest-load step, or each protocol rung, for longer; the steps
keep their size and the horizon grows by the same factor, so whatever the worker reaches
without risk factors stays reachable, only later. The case from the issue: a 3 kg step
and two risk factors (x0.8 x0.9 = x0.72) once shrank the step to 2.16 kg, and an 8 kg
carton was never reachable from 5 kg.
"""

from typing import Any

import pytest

from models.applied import apply_policy
from models.scenario import Scenario
from rtw_scheduler.planning import make_plan
from tests.rtw_scheduler.conftest import small_scenario_data


def carton_case(*risk_factors: str) -> Scenario:
    data: dict[str, Any] = small_scenario_data()
    data["tasks"].append({"id": "carton", "name": "Stack 8 kg cartons", "heaviest_load_kg": 8,
                          "job_specific": True, "exposure_per_hour": {"standing": 1, "lifting": 150}})
    data["availability"]["offers"].append({"task_id": "carton", "hours_per_day": 4})
    data["worker"]["risk_factors"] = list(risk_factors)
    data["worker"]["clinical"] = {}
    data["policy"].update(heaviest_load_step_kg=3, horizon_weeks=6,
                          risk_factor_adjustments={"previous_injury_same_region": 0.8, "smoking": 0.9})
    data["policy"]["target"]["heaviest_load_kg"] = 8
    return Scenario.model_validate(data)


def test_several_risk_factors_multiply() -> None:
    assert apply_policy(carton_case("previous_injury_same_region", "smoking")).risk_multiplier == pytest.approx(0.72)


def test_a_risk_factor_keeps_the_load_step_s_size_and_holds_it_longer() -> None:
    applied = apply_policy(carton_case("previous_injury_same_region", "smoking"))
    assert applied.heaviest_load_step_kg == 3
    # one 3 kg step every 1 / 0.72 = 1.4 weeks: 5 kg in week 1, 8 kg from week 2
    assert applied.heaviest_load_ceiling_kg[:4] == [5, 8, 11, 11]


def test_risk_factors_lengthen_the_horizon_by_the_factor_they_slow_progression() -> None:
    assert carton_case().horizon_weeks == 6
    assert carton_case("previous_injury_same_region", "smoking").horizon_weeks == 9  # 6 / 0.72 = 8.3


def test_an_8_kg_carton_stays_reachable_from_5_kg_with_two_risk_factors() -> None:
    without = make_plan(carton_case(), name_conflict=False).plan
    slowed = make_plan(carton_case("previous_injury_same_region", "smoking"), name_conflict=False).plan
    assert without.full_duty_week is not None and slowed.full_duty_week is not None
    assert slowed.full_duty_week >= without.full_duty_week
    assert max(week.heaviest_load_kg for week in slowed.weeks) == 8


def test_a_protocol_rung_is_held_longer_not_made_lighter() -> None:
    data = carton_case("smoking").model_dump(mode="json")
    data["policy"]["heaviest_load_protocol"] = [{"kg": 5, "min_weeks": 2}, {"kg": 8, "min_weeks": 1}]
    applied = apply_policy(Scenario.model_validate(data))
    assert applied.heaviest_load_rungs == [0, 3]  # 2 weeks / 0.9 = 2.2: three weeks at 5 kg
    assert applied.heaviest_load_ceiling_kg[:4] == [5, 5, 5, 8]
