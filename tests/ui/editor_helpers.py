"""What the table tests share: the bundled scenarios, the small scenario as data, and its problems."""

from pathlib import Path
from typing import Any

from rtw_scheduler.scenario_io import parse_scenario
from ui import editing

BUNDLED = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def small(small_yaml: str) -> dict[str, Any]:
    return editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))


def problems_of(data: dict[str, Any], found: list[str] | None = None) -> list[str]:
    scenario, problems = editing.validate(data, found)
    assert (scenario is None) == bool(problems)
    return problems
