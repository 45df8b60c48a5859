"""A small scenario that plans in about a second, and the plan made from it.

Four weeks, Monday-Friday mornings, a warm-up and two duties, targets reachable in
week 2. Its clinical notes carry SECRET-* markers (and it has a risk factor) so that the
export tests can prove none of it leaks into the plan files.
"""

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from models.plan import Plan
from models.scenario import Scenario

SMALL_SCENARIO_YAML = (Path(__file__).resolve().parents[1] / "fixtures" / "small_packer.yaml").read_text(
    encoding="utf-8")

CLINICAL_MARKERS = ("SECRET-DIAGNOSIS", "SECRET-HISTORY", "SECRET-NOTES", "smoking")
"""Text that must never appear in a plan file."""

FAST_SOLVE_SECONDS = 5.0
"""Deterministic time per stage for test solves (the small scenario solves well within it)."""


def small_scenario_data() -> dict[str, Any]:
    """A fresh, mutable copy of the small scenario as plain data."""
    return copy.deepcopy(_SMALL_DATA)


_SMALL_DATA: dict[str, Any] = yaml.safe_load(SMALL_SCENARIO_YAML)


@pytest.fixture
def scenario_data() -> dict[str, Any]:
    return small_scenario_data()


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[dict[str, Any], str], Path]:
    """Writes data as a YAML file in tmp_path and returns its path."""

    def write(data: dict[str, Any], name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_SCENARIO_YAML, encoding="utf-8")
    return path


@pytest.fixture
def infeasible_scenario_file(tmp_path: Path) -> Path:
    """Full duty demanded in week 1, which must be the technique phase: no plan exists."""
    data = small_scenario_data()
    data["policy"]["target"]["latest_date"] = "2027-01-05"
    path = tmp_path / "infeasible.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_scenario() -> Scenario:
    return Scenario.model_validate(small_scenario_data())


@pytest.fixture(scope="session")
def planning_ready() -> None:
    """Skips tests that plan while the independent checker is still being written."""
    try:
        import rtw_scheduler.planning  # noqa: F401
    except ImportError as error:
        pytest.skip(f"planning needs solver.checker.check, not importable yet: {error}")


@pytest.fixture(scope="session")
def small_plan(planning_ready: None, small_scenario: Scenario) -> Plan:
    """The plan for the small scenario (solved once per test session)."""
    from rtw_scheduler.planning import make_plan
    from solver.solve import SolverParameters

    result = make_plan(small_scenario, SolverParameters(deterministic_time_per_stage=FAST_SOLVE_SECONDS))
    assert result.has_plan, result.plan.solve
    return result.plan


@pytest.fixture
def clinical_markers() -> tuple[str, ...]:
    return CLINICAL_MARKERS


@pytest.fixture
def fast_solve_seconds() -> float:
    return FAST_SOLVE_SECONDS


@pytest.fixture(scope="session")
def small_scenario_yaml() -> str:
    return SMALL_SCENARIO_YAML
