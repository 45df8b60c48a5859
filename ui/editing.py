"""Scenario data <-> the tables the app edits, and validation into field-named problems.

Pure functions over plain data (the scenario as `model_dump(mode="json")`): no Streamlit
here, so they can be tested directly. Validation is the scenario model's own; problems are
rendered as `path: reason` lines exactly as the CLI words them (without the file name).
"""

import copy
import datetime as dt
import math
from typing import Any

import pandas as pd
import yaml
from pydantic import ValidationError

from models.applied import apply_policy
from models.policy import Policy
from models.scenario import Scenario
from models.shifts import Weekday
from rtw_scheduler.scenario_io import InputError, parse_scenario, validation_problems

MAX_UPLOAD_BYTES = 1024 * 1024
"""Uploads larger than this are refused (no real scenario comes near it)."""

WEEKDAYS = [str(day.value) for day in Weekday]
STRENGTH_LEVELS = ["sedentary", "light", "medium", "heavy", "very_heavy"]

Data = dict[str, Any]


# --- loading and validating ----------------------------------------------------------------


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


def validate(data: Data) -> tuple[Scenario | None, list[str]]:
    """The edited data as a scenario, or one `path: reason` line per problem."""
    try:
        return Scenario.model_validate(data), []
    except ValidationError as error:
        return None, [f"{p.path}: {p.reason}" if p.path else p.reason for p in validation_problems(error, Scenario)]


def scenario_yaml(data: Data) -> str:
    """The edited scenario as a YAML file (dates and times as text, quoted where needed)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# --- cells -----------------------------------------------------------------------------------


def number(value: object) -> float | None:
    """A numeric cell: None for an empty or NaN cell, else the value (left for pydantic to judge)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        result = float(str(value))
    except ValueError:
        return None
    return None if math.isnan(result) else result


def text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def date_text(value: object) -> str | None:
    """A date cell as ISO text (None when empty)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) or None


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(name): value for name, value in row.items()} for row in frame.to_dict(orient="records")]


# --- worker ----------------------------------------------------------------------------------


def baseline_frame(data: Data, dimension_ids: list[str]) -> pd.DataFrame:
    exposure = data["worker"]["baseline"]["weekly_exposure"]
    return pd.DataFrame({"dimension": dimension_ids,
                         "weekly_exposure": [exposure.get(dim) for dim in dimension_ids]})


def baseline_from(frame: pd.DataFrame) -> dict[str, float | None]:
    """Rows with an empty value are left out (not measured)."""
    values = {text(row["dimension"]): number(row["weekly_exposure"]) for row in rows(frame)}
    return {dim: value for dim, value in values.items() if value is not None}


# --- tasks -----------------------------------------------------------------------------------


def tasks_frame(data: Data, exposure_dims: list[str]) -> pd.DataFrame:
    records = []
    for task in data["tasks"]:
        record: dict[str, Any] = {"id": task["id"], "name": task["name"],
                                  "heaviest_load_kg": task.get("heaviest_load_kg", 0.0)}
        for dim in exposure_dims:
            record[dim] = task.get("exposure_per_hour", {}).get(dim, 0.0)
        records.append(record)
    return pd.DataFrame(records, columns=["id", "name", "heaviest_load_kg", *exposure_dims])


def apply_tasks(data: Data, frame: pd.DataFrame, exposure_dims: list[str]) -> None:
    """Name, heaviest load and exposure per hour of each task, by row (ids are not edited)."""
    for task, row in zip(data["tasks"], rows(frame), strict=False):
        task["name"] = text(row["name"])
        task["heaviest_load_kg"] = number(row["heaviest_load_kg"])
        exposure = dict(task.get("exposure_per_hour", {}))
        for dim in exposure_dims:
            value = number(row.get(dim))
            if value:
                exposure[dim] = value
            elif value is None and dim in exposure:
                exposure[dim] = None  # an emptied cell: the model names it
            else:
                exposure.pop(dim, None)
        task["exposure_per_hour"] = exposure


# --- availability ----------------------------------------------------------------------------


def _simple(offer: Data) -> bool:
    """An offer the task x weekday grid can show: no dates, shift kinds or date range."""
    return not (offer.get("dates") or offer.get("shift_kinds") or offer.get("from_date") or offer.get("until_date"))


def availability_grid(data: Data) -> pd.DataFrame:
    """Hours per day offered for each task (rows) on each weekday (columns), from the simple offers.

    Several offers for one task are alternatives: the most generous one applies.
    """
    grid = {task["id"]: dict.fromkeys(WEEKDAYS, 0.0) for task in data["tasks"] if not task.get("warm_up")}
    for offer in data["availability"]["offers"]:
        if not _simple(offer) or offer["task_id"] not in grid:
            continue
        for day in offer.get("weekdays") or WEEKDAYS:
            cell = grid[offer["task_id"]]
            cell[day] = max(cell[day], float(offer["hours_per_day"]))
    frame = pd.DataFrame.from_dict(grid, orient="index", columns=WEEKDAYS)
    frame.index.name = "task"
    return frame


def other_offers(data: Data) -> list[Data]:
    """Offers the grid cannot show (by date, shift kind or date range): kept as they are."""
    return [offer for offer in data["availability"]["offers"] if not _simple(offer)]


def apply_grid(data: Data, frame: pd.DataFrame) -> None:
    """Replaces the simple offers by the grid (one offer per task and hours), when it was edited."""
    if frame.fillna(-1).equals(availability_grid(data).fillna(-1)):
        return
    offers: list[Data] = []
    for task_id, row in frame.iterrows():
        by_hours: dict[float | None, list[str]] = {}
        for day in WEEKDAYS:
            hours = number(row[day])
            if hours == 0:
                continue
            by_hours.setdefault(hours, []).append(day)
        for hours, days in by_hours.items():
            offer: Data = {"task_id": str(task_id), "hours_per_day": hours}
            if len(days) < len(WEEKDAYS):
                offer["weekdays"] = days
            offers.append(offer)
    data["availability"]["offers"] = offers + other_offers(data)


def blackouts_frame(data: Data) -> pd.DataFrame:
    blackouts = data["availability"]["blackouts"]
    return pd.DataFrame({"date": pd.Series([dt.date.fromisoformat(b["date"]) for b in blackouts], dtype="object"),
                         "reason": pd.Series([b.get("reason", "") for b in blackouts], dtype="object")})


def blackouts_from(frame: pd.DataFrame) -> list[Data]:
    """Rows without a date are dropped (a row being typed in)."""
    result = []
    for row in rows(frame):
        day = date_text(row.get("date"))
        if day is not None:
            result.append({"date": day, "reason": text(row.get("reason"))})
    return result


# --- policy ----------------------------------------------------------------------------------


def increments_frame(data: Data, dimension_ids: list[str]) -> pd.DataFrame:
    """Explicit increments per dimension; empty cells mean the policy default."""
    increments = data["policy"].get("increments", {})
    return pd.DataFrame({
        "dimension": dimension_ids,
        "percent": [increments.get(dim, {}).get("percent") for dim in dimension_ids],
        "allowance": [increments.get(dim, {}).get("allowance") for dim in dimension_ids],
    })


def increments_from(frame: pd.DataFrame, policy: Data, target: dict[str, float]) -> dict[str, Data]:
    """Rows with a value become explicit increments; a missing half takes its default."""
    result: dict[str, Data] = {}
    for row in rows(frame):
        dim = text(row["dimension"])
        percent, allowance = number(row["percent"]), number(row["allowance"])
        if percent is None and allowance is None:
            continue
        if percent is None:
            percent = policy["default_increment_percent"]
        if allowance is None:
            allowance = policy["default_allowance_share_of_target"] * target.get(dim, 0.0)
        result[dim] = {"percent": percent, "allowance": allowance}
    return result


PHASE_COLUMNS = ["name", "min_weeks", "daily_hours_cap", "max_strength_level"]


def phases_frame(data: Data) -> pd.DataFrame:
    return pd.DataFrame([{key: phase.get(key) for key in PHASE_COLUMNS} for phase in data["policy"]["phases"]],
                        columns=PHASE_COLUMNS)


def phases_from(frame: pd.DataFrame, data: Data) -> list[Data]:
    """The phases in the table; a phase keeps its other settings (ceilings, entry criteria) by row."""
    old = data["policy"]["phases"]
    result = []
    for index, row in enumerate(rows(frame)):
        phase = copy.deepcopy(old[index]) if index < len(old) else {}
        min_weeks = number(row["min_weeks"])
        phase.update({
            "name": text(row["name"]),
            "min_weeks": int(min_weeks) if min_weeks is not None and min_weeks.is_integer() else min_weeks,
            "daily_hours_cap": number(row["daily_hours_cap"]),
            "max_strength_level": text(row["max_strength_level"]) or "very_heavy",
        })
        result.append(phase)
    return result


def target_frame(data: Data, exposure_dims: list[str]) -> pd.DataFrame:
    exposure = data["policy"]["target"]["weekly_exposure"]
    return pd.DataFrame({"dimension": exposure_dims,
                         "weekly_exposure": [exposure.get(dim) for dim in exposure_dims]})


def target_from(frame: pd.DataFrame) -> dict[str, float]:
    values = {text(row["dimension"]): number(row["weekly_exposure"]) for row in rows(frame)}
    return {dim: value for dim, value in values.items() if value is not None}


def provenance_frame(scenario: Scenario) -> pd.DataFrame:
    """Every applied value with its source and the policy default it would otherwise take."""
    defaults = Policy.model_validate({"target": {}}).model_dump(mode="json")
    records = []
    for item in apply_policy(scenario).provenance:
        records.append({"value name": item.name, "value": item.value, "source": item.source,
                        "default": _default(item.name, defaults), "note": item.note})
    return pd.DataFrame(records, columns=["value name", "value", "source", "default", "note"])


def _default(name: str, defaults: Data) -> str:
    parts = name.split(".")
    if parts[0] == "increments" and len(parts) == 3:
        if parts[2] == "percent":
            return f"{defaults['default_increment_percent']:g}"
        return f"{defaults['default_allowance_share_of_target']:g} x target"
    if parts[0] in ("target", "baseline"):
        return "(none: from the job or the assessment)"
    node: Any = defaults
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return ""
        node = node[part]
    return "off" if node is None else str(node)
