"""Scenario data for the app: loading (examples and uploads), validation into field-named problems, YAML export.

Pure functions over plain data (the scenario as `model_dump(mode="json")`): no Streamlit
here, so they can be tested directly. Validation is the scenario model's own; problems are
rendered as `path: reason` lines exactly as the CLI words them (without the file name).
The tables the app edits are built and read back in ui/worker_tables.py,
ui/availability_tables.py and ui/policy_tables.py, from the cell conversions in ui/cells.py.
"""

import yaml
from pydantic import ValidationError

from models.scenario import Scenario
from rtw_scheduler.scenario_io import InputError, parse_scenario, validation_problems
from ui.cells import Data

MAX_UPLOAD_BYTES = 1024 * 1024
"""Uploads larger than this are refused (no real scenario comes near it)."""


def scenario_data(scenario: Scenario) -> Data:
    """The scenario as plain, JSON-compatible data (what the editors start from)."""
    return scenario.model_dump(mode="json")


def read_upload(name: str, content: bytes) -> tuple[Scenario | None, list[str]]:
    """An uploaded file as a scenario, or the problems with it, one `path: reason` line each."""
    if len(content) > MAX_UPLOAD_BYTES:
        return None, [f"{name}: file is larger than the 1 MB upload limit"]
    try:
        return parse_scenario(content, name), []
    except InputError as error:
        return None, [problem.render(name) for problem in error.problems]


def validate(data: Data, found: list[str] | None = None) -> tuple[Scenario | None, list[str]]:
    """The edited data as a scenario, or one `path: reason` line per problem.

    `found` holds problems an editor saw that the data no longer shows (a shift code given twice)."""
    found = list(found or [])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as error:
        return None, found + [f"{p.path}: {p.reason}" if p.path else p.reason
                              for p in validation_problems(error, Scenario)]
    return (None, found) if found else (scenario, [])


def scenario_yaml(data: Data) -> str:
    """The edited scenario as a YAML file (dates and times as text, quoted where needed)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
