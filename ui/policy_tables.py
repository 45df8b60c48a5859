"""The policy tables: increments, phases, recovery, target, risk factors, and each applied value's source.

Phases are edited in one table (a phase's earliest start typed as a date or a number of weeks) and
their weekly ceilings and entry criteria in phase x dimension tables; the heaviest-load protocol is a
table of rungs (empty = none); recovery is the deload setting and the heavy-day thresholds; provenance
shows where each applied value comes from. Each `*_frame` builds a data-editor table from the scenario data;
`*_from` reads the edited table back and `apply_*` writes it into the data (pure functions, no Streamlit).
"""

import copy
import datetime as dt
from typing import Any

import pandas as pd

from models.applied import apply_policy
from models.policy import Policy
from models.scenario import Scenario
from ui.cells import Data, number, rows, text, whole

STRENGTH_LEVELS = ["sedentary", "light", "medium", "heavy", "very_heavy"]
SLOT_MINUTES = [5, 10, 15, 20, 30, 60]


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


PHASE_COLUMNS = ["name", "min_weeks", "max_weeks", "earliest_start", "daily_hours_cap", "max_strength_level",
                 "max_lifting_index", "min_rest_days_per_week"]


def phases_frame(data: Data) -> pd.DataFrame:
    """One row per phase; the earliest start as text (a date or a number of weeks, "" = none)."""
    phases = data["policy"]["phases"]
    frame = pd.DataFrame([{key: phase.get(key) for key in PHASE_COLUMNS} for phase in phases], columns=PHASE_COLUMNS)
    frame["max_weeks"] = pd.Series([phase.get("max_weeks") for phase in phases], dtype="float64")
    frame["earliest_start"] = pd.Series([text(phase.get("earliest_start")) for phase in phases], dtype="object")
    return frame


def earliest_start_value(typed: object) -> str | int | float | None:
    """A typed earliest start: None when empty, weeks as a number (whole: an int), a date as ISO text.

    Anything else is left as typed for the scenario model to name by field."""
    cell = text(typed).strip()
    if not cell:
        return None
    weeks = number(cell)
    if weeks is not None:
        return whole(weeks)
    try:
        return dt.date.fromisoformat(cell).isoformat()
    except ValueError:
        return cell


def phases_from(frame: pd.DataFrame, data: Data) -> list[Data]:
    """The phases in the table; a phase keeps its ceilings and entry criteria by row (edited in their own tables).

    An empty lifting index or rest-day count means none for the phase (the policy-wide value applies);
    an empty max weeks or earliest start means no limit."""
    old = data["policy"]["phases"]
    result = []
    for index, row in enumerate(rows(frame)):
        phase = copy.deepcopy(old[index]) if index < len(old) else {}
        min_weeks = number(row["min_weeks"])
        phase.update({
            "name": text(row["name"]),
            "min_weeks": whole(min_weeks),
            "max_weeks": whole(number(row["max_weeks"])),
            "earliest_start": earliest_start_value(row["earliest_start"]),
            "daily_hours_cap": number(row["daily_hours_cap"]),
            "max_strength_level": text(row["max_strength_level"]) or "very_heavy",
            "max_lifting_index": number(row["max_lifting_index"]),
            "min_rest_days_per_week": whole(number(row["min_rest_days_per_week"])),
        })
        result.append(phase)
    return result


PROTOCOL_COLUMNS = ["kg", "min_weeks"]


def protocol_frame(data: Data) -> pd.DataFrame:
    """The heaviest-load protocol's rungs, in order (no protocol: an empty table)."""
    rungs = data["policy"].get("heaviest_load_protocol") or []
    return pd.DataFrame({name: pd.Series([rung.get(name) for rung in rungs], dtype="float64")
                         for name in PROTOCOL_COLUMNS}, columns=PROTOCOL_COLUMNS)


def protocol_from(frame: pd.DataFrame) -> list[Data] | None:
    """The rungs in the table, or None for an empty table (the weekly step applies).

    A row with nothing in it (being typed in) is dropped; an empty min weeks means 1 week, an empty kg is
    left for the scenario model to name by field."""
    rungs = []
    for row in rows(frame):
        kg, weeks = number(row.get("kg")), number(row.get("min_weeks"))
        if kg is None and weeks is None:
            continue
        rungs.append({"kg": kg, "min_weeks": 1 if weeks is None else whole(weeks)})
    return rungs or None


def per_dimension_frame(values: dict[str, float], dims: list[str], column: str) -> pd.DataFrame:
    """One row per dimension with its value (empty = none)."""
    return pd.DataFrame({"dimension": dims, column: [values.get(dim) for dim in dims]})


def per_dimension_from(frame: pd.DataFrame, column: str) -> dict[str, float | None]:
    """The dimensions with a value; emptied cells are left out."""
    values = {text(row["dimension"]): number(row[column]) for row in rows(frame)}
    return {dim: value for dim, value in values.items() if value is not None}


def phase_limits_frame(data: Data, field: str, dims: list[str]) -> pd.DataFrame:
    """A phase x dimension table of `weekly_ceiling` or `entry_criteria` (empty = none)."""
    phases = data["policy"]["phases"]
    return pd.DataFrame([{"phase": phase["name"], **{dim: phase.get(field, {}).get(dim) for dim in dims}}
                         for phase in phases], columns=["phase", *dims])


def apply_phase_limits(data: Data, frame: pd.DataFrame, field: str, dims: list[str]) -> None:
    """Writes the table's values into each phase's `field`, by row; keys outside `dims` are kept."""
    for phase, row in zip(data["policy"]["phases"], rows(frame), strict=False):
        limits = {key: value for key, value in phase.get(field, {}).items() if key not in dims}
        for dim in dims:
            value = number(row.get(dim))
            if value is not None:
                limits[dim] = value
        phase[field] = limits


def risk_factors_frame(data: Data) -> pd.DataFrame:
    adjustments = data["policy"]["risk_factor_adjustments"]
    return pd.DataFrame({"risk factor": pd.Series(list(adjustments), dtype="object"),
                         "multiplier": pd.Series(list(adjustments.values()), dtype="float64")})


def risk_factors_from(frame: pd.DataFrame) -> dict[str, float | None]:
    """Multiplier per risk factor; rows without a name are dropped (an emptied multiplier is left for pydantic)."""
    return {text(row["risk factor"]).strip(): number(row["multiplier"]) for row in rows(frame)
            if text(row["risk factor"]).strip()}


DEFAULT_DELOAD: Data = {"every_weeks": 4, "max_percent_of_previous": 80.0}


def deload_value(on: bool, every_weeks: float | None, max_percent_of_previous: float | None) -> Data | None:
    """The recovery.deload setting: None when switched off."""
    if not on:
        return None
    return {"every_weeks": whole(number(every_weeks)), "max_percent_of_previous": number(max_percent_of_previous)}


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
    applied = apply_policy(scenario)
    for item in applied.provenance:  # the clinician's view: how the risk factors adjusted a value, too
        records.append({"value name": item.name, "value": item.value, "source": item.source,
                        "default": _default(item.name, defaults),
                        "note": applied.clinician_notes.get(item.name, item.note)})
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
