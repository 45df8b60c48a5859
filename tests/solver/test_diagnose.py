"""Why no plan: the diagnosis names a minimal set of the scenario's promises that conflict.

Each infeasible fixture is diagnosed, then the claim is checked by solving: the named
promises alone (every other promise off) have no plan, and dropping any one of them
leaves a set that has one.
"""

from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.scenario_io import load_scenario
from solver.build import build_model
from solver.diagnose import Conflict, find_conflict

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
WAREHOUSE = ROOT / "scenarios" / "warehouse_order_picker.yaml"
INFEASIBLE = {
    "target date": ROOT / "scenarios" / "infeasible_target_date.yaml",
    "offers": FIXTURES / "infeasible_offers.yaml",
    "rest days": FIXTURES / "infeasible_rest_days.yaml",
}
EXPECTED = {
    "target date": ["policy.increments.work_hours", "worker.contracted_hours_per_week", "policy.target.latest_date"],
    "offers": ["worker.shift_pattern.shifts.D", "availability.offers[1]", "availability.offers",
               "policy.target.weekly_exposure.lifting", "policy.horizon_weeks"],
    "rest days": ["worker.shift_pattern.shifts.D", "policy.recovery.min_rest_days_per_week",
                  "worker.contracted_hours_per_week", "policy.horizon_weeks"],
}


@pytest.fixture(scope="module", params=list(INFEASIBLE))
def case(request: pytest.FixtureRequest) -> tuple[str, Scenario, Conflict]:
    scenario = load_scenario(INFEASIBLE[request.param])
    return request.param, scenario, find_conflict(scenario)


def _status_holding(scenario: Scenario, held: set[Promise]) -> cp_model.CpSolverStatus:
    built = build_model(scenario, diagnose=True)
    for promise, literal in built.context.guards.items():
        built.model.add(literal == int(promise in held))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 20.0
    return solver.solve(built.model)


def test_each_infeasible_fixture_names_the_promises_it_was_written_to_break(
        case: tuple[str, Scenario, Conflict]) -> None:
    name, _, conflict = case
    assert [p.path for p in conflict.promises] == EXPECTED[name]
    assert conflict.minimal


def test_the_named_promises_alone_have_no_plan(case: tuple[str, Scenario, Conflict]) -> None:
    _, scenario, conflict = case
    assert _status_holding(scenario, set(conflict.promises)) == cp_model.INFEASIBLE


def test_dropping_any_named_promise_leaves_a_set_that_has_a_plan(case: tuple[str, Scenario, Conflict]) -> None:
    _, scenario, conflict = case
    for promise in conflict.promises:
        status = _status_holding(scenario, set(conflict.promises) - {promise})
        assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE), promise.key


def test_the_families_are_those_of_the_promises(case: tuple[str, Scenario, Conflict]) -> None:
    _, _, conflict = case
    assert conflict.families == sorted({p.family for p in conflict.promises})


def test_holding_every_promise_is_the_planners_model() -> None:
    """The diagnosis model relaxes nothing by itself: with every promise held, a feasible
    scenario stays feasible and an infeasible one infeasible."""
    small = load_scenario(FIXTURES / "small_packer.yaml")
    every = set(build_model(small, diagnose=True).context.guards)
    assert _status_holding(small, every) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    infeasible = load_scenario(INFEASIBLE["offers"])
    assert _status_holding(infeasible, set(build_model(infeasible, diagnose=True).context.guards)) \
        == cp_model.INFEASIBLE


def test_the_roster_closures_and_appointments_are_promises_when_diagnosing() -> None:
    warehouse = load_scenario(WAREHOUSE)
    paths = {p.path for p in build_model(warehouse, diagnose=True).context.guards}
    assert {"availability.blackouts[0]", "availability.appointments[0]", "availability.offers[0]"} <= paths
    assert "policy.recovery.min_rest_days_per_week" in paths


def test_a_normal_build_has_no_guards() -> None:
    assert build_model(load_scenario(WAREHOUSE)).context.guards == {}


def test_the_same_scenario_always_names_the_same_conflict() -> None:
    scenario = load_scenario(INFEASIBLE["offers"])
    assert find_conflict(scenario) == find_conflict(scenario)
