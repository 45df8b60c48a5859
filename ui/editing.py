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
from models.shifts import ShiftKind, Weekday
from rtw_scheduler.scenario_io import InputError, parse_scenario, validation_problems

MAX_UPLOAD_BYTES = 1024 * 1024
"""Uploads larger than this are refused (no real scenario comes near it)."""

WEEKDAYS = [str(day.value) for day in Weekday]
STRENGTH_LEVELS = ["sedentary", "light", "medium", "heavy", "very_heavy"]
SLOT_MINUTES = [5, 10, 15, 20, 30, 60]

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


def whole(value: float | None) -> int | float | None:
    """A count: an int when the number is whole, else left as it is for pydantic to refuse."""
    return int(value) if value is not None and value.is_integer() else value


def time_text(value: object) -> str:
    """A time of day as shown in the tables, "HH:MM" (seconds only when there are some)."""
    shown = text(value)
    return shown[:5] if len(shown) == 8 and shown.endswith(":00") else shown


def time_value(value: object) -> str | None:
    """A typed "HH:MM" as the scenario stores it; text that is no time is left for pydantic to name."""
    typed = text(value).strip()
    if not typed:
        return None
    try:
        return dt.time.fromisoformat(typed.zfill(5) if len(typed) == 4 else typed).isoformat()
    except ValueError:
        return typed


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


# --- shift pattern ---------------------------------------------------------------------------

SHIFT_COLUMNS = ["code", "name", "kind", "start", "end", "breaks"]
SHIFT_KINDS = [str(kind.value) for kind in ShiftKind]
OFF = "off"


def breaks_text(breaks: list[Data]) -> str:
    """Breaks as typed in the shift table: "10:00+15, 12:00+30" (start + minutes)."""
    return ", ".join(f"{time_text(b['start'])}+{b['minutes']}" for b in breaks)


def breaks_from(typed: str) -> list[Data]:
    """The breaks in "10:00+15, 12:00+30"; a malformed part is passed on for pydantic to name."""
    result: list[Data] = []
    for part in typed.split(","):
        if not part.strip():
            continue
        start, _, minutes = part.partition("+")
        count = minutes.strip()
        result.append({"start": time_value(start), "minutes": int(count) if count.isdigit() else (count or None)})
    return result


def shifts_frame(data: Data) -> pd.DataFrame:
    shifts = data["worker"]["shift_pattern"]["shifts"]
    return pd.DataFrame([{"code": code, "name": shift["name"], "kind": shift["kind"],
                          "start": time_text(shift["start"]), "end": time_text(shift["end"]),
                          "breaks": breaks_text(shift["breaks"])} for code, shift in shifts.items()],
                        columns=SHIFT_COLUMNS)


def shifts_from(frame: pd.DataFrame) -> tuple[dict[str, Data], list[str]]:
    """Shift templates by code, and a problem line for each code given twice or missing; empty rows are dropped."""
    shifts: dict[str, Data] = {}
    problems = []
    for row in rows(frame):
        if not any(text(row.get(column)).strip() for column in SHIFT_COLUMNS):
            continue
        code = text(row["code"]).strip()
        if not code:
            problems.append(f"worker.shift_pattern.shifts: the shift {text(row['name'])!r} has no code")
            continue
        if code in shifts:
            problems.append(f"worker.shift_pattern.shifts.{code}: the code is used by two shifts")
        shifts[code] = {"name": text(row["name"]), "kind": text(row["kind"]) or None,
                        "start": time_value(row["start"]), "end": time_value(row["end"]),
                        "breaks": breaks_from(text(row["breaks"]))}
    return shifts, problems


def week_frame(data: Data) -> pd.DataFrame:
    """Shift code per weekday of a weekly pattern (empty = day off)."""
    week = data["worker"]["shift_pattern"].get("week", {})
    return pd.DataFrame({"weekday": WEEKDAYS, "shift": [week.get(day, "") for day in WEEKDAYS]})


def week_from(frame: pd.DataFrame) -> dict[str, str]:
    return {text(row["weekday"]): text(row["shift"]).strip() for row in rows(frame) if text(row["shift"]).strip()}


def cycle_text(cycle: list[str | None]) -> str:
    """A rotating cycle as typed: codes separated by commas, "off" for a day off."""
    return ", ".join(code or OFF for code in cycle)


def cycle_from(typed: str) -> list[str | None]:
    return [None if part.strip().lower() == OFF else part.strip() for part in typed.split(",") if part.strip()]


def switch_pattern(pattern: Data, kind: str, plan_start: str) -> Data:
    """The pattern as the other kind, rostering the same first week from the plan's start.

    Weekly -> rotating is exact (a 7-day cycle anchored on the Monday of the plan's first week);
    rotating -> weekly keeps the shifts of the 7 days from that Monday, so a cycle that is
    not 7 days long becomes its first week only.
    """
    if pattern["kind"] == kind:
        return pattern
    start = dt.date.fromisoformat(plan_start)
    monday = start - dt.timedelta(days=start.weekday())
    if kind == "rotating":
        return {"kind": "rotating", "shifts": pattern["shifts"], "anchor_date": monday.isoformat(),
                "cycle": [pattern["week"].get(day) for day in WEEKDAYS]}
    anchor, cycle = dt.date.fromisoformat(pattern["anchor_date"]), pattern["cycle"]
    week = {}
    for offset, day in enumerate(WEEKDAYS):
        code = cycle[((monday + dt.timedelta(days=offset)) - anchor).days % len(cycle)]
        if code is not None:
            week[day] = code
    return {"kind": "weekly", "shifts": pattern["shifts"], "week": week}


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


OFFER_COLUMNS = ["task_id", "hours_per_day", "weekdays", "shift_kinds", "dates", "from_date", "until_date"]


def _listed(values: list[str] | None) -> str:
    return ", ".join(values or [])


def _list_from(typed: object) -> list[str] | None:
    """A comma-separated cell as a list; an empty cell means no filter (None)."""
    parts = [part.strip() for part in text(typed).split(",") if part.strip()]
    return parts or None


def other_offers_frame(data: Data) -> pd.DataFrame:
    """The offers the grid cannot show, one row each; list cells are comma-separated (empty = any)."""
    offers = other_offers(data)

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return pd.DataFrame({
        "task_id": pd.Series([o["task_id"] for o in offers], dtype="object"),
        "hours_per_day": pd.Series([float(o["hours_per_day"]) for o in offers], dtype="float64"),
        "weekdays": pd.Series([_listed(o.get("weekdays")) for o in offers], dtype="object"),
        "shift_kinds": pd.Series([_listed(o.get("shift_kinds")) for o in offers], dtype="object"),
        "dates": pd.Series([_listed(o.get("dates")) for o in offers], dtype="object"),
        "from_date": pd.Series([day(o.get("from_date")) for o in offers], dtype="object"),
        "until_date": pd.Series([day(o.get("until_date")) for o in offers], dtype="object"),
    }, columns=OFFER_COLUMNS)


def apply_other_offers(data: Data, frame: pd.DataFrame) -> None:
    """Replaces the offers by date, shift kind or date range by the table's rows, when it was edited.

    Rows without a task are dropped (a row being typed in)."""
    if frame.reset_index(drop=True).astype(object).fillna("").equals(
            other_offers_frame(data).astype(object).fillna("")):
        return
    offers = []
    for row in rows(frame):
        task_id = text(row.get("task_id")).strip()
        if not task_id:
            continue
        offers.append({"task_id": task_id, "weekdays": _list_from(row.get("weekdays")),
                       "dates": _list_from(row.get("dates")), "shift_kinds": _list_from(row.get("shift_kinds")),
                       "hours_per_day": number(row.get("hours_per_day")), "from_date": date_text(row.get("from_date")),
                       "until_date": date_text(row.get("until_date"))})
    data["availability"]["offers"] = [o for o in data["availability"]["offers"] if _simple(o)] + offers


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


APPOINTMENT_COLUMNS = ["date", "start", "end", "kind"]


def appointments_frame(data: Data) -> pd.DataFrame:
    appointments = data["availability"]["appointments"]
    return pd.DataFrame({
        "date": pd.Series([dt.date.fromisoformat(a["date"]) for a in appointments], dtype="object"),
        "start": pd.Series([time_text(a["start"]) for a in appointments], dtype="object"),
        "end": pd.Series([time_text(a["end"]) for a in appointments], dtype="object"),
        "kind": pd.Series([a["kind"] for a in appointments], dtype="object"),
    })


def appointments_from(frame: pd.DataFrame) -> list[Data]:
    """Rows without a date are dropped (a row being typed in); an empty kind is "appointment"."""
    result = []
    for row in rows(frame):
        day = date_text(row.get("date"))
        if day is not None:
            result.append({"date": day, "start": time_value(row.get("start")), "end": time_value(row.get("end")),
                           "kind": text(row.get("kind")).strip() or "appointment"})
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


PHASE_COLUMNS = ["name", "min_weeks", "daily_hours_cap", "max_strength_level", "max_lifting_index",
                 "min_rest_days_per_week"]


def phases_frame(data: Data) -> pd.DataFrame:
    return pd.DataFrame([{key: phase.get(key) for key in PHASE_COLUMNS} for phase in data["policy"]["phases"]],
                        columns=PHASE_COLUMNS)


def phases_from(frame: pd.DataFrame, data: Data) -> list[Data]:
    """The phases in the table; a phase keeps its ceilings and entry criteria by row (edited in their own tables).

    An empty lifting index or rest-day count means none for the phase (the policy-wide value applies)."""
    old = data["policy"]["phases"]
    result = []
    for index, row in enumerate(rows(frame)):
        phase = copy.deepcopy(old[index]) if index < len(old) else {}
        min_weeks = number(row["min_weeks"])
        phase.update({
            "name": text(row["name"]),
            "min_weeks": whole(min_weeks),
            "daily_hours_cap": number(row["daily_hours_cap"]),
            "max_strength_level": text(row["max_strength_level"]) or "very_heavy",
            "max_lifting_index": number(row["max_lifting_index"]),
            "min_rest_days_per_week": whole(number(row["min_rest_days_per_week"])),
        })
        result.append(phase)
    return result


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
