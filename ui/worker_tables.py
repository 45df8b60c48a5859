"""The worker's tables: the baseline exposure and the shift pattern (shifts, weekly roster, rotating cycle).

Each `*_frame` builds a data-editor table from the scenario data and its `*_from` reads the
edited table back (pure functions, no Streamlit); `switch_pattern` turns a weekly pattern
into a rotating one and back.
"""

import datetime as dt

import pandas as pd

from models.shifts import ShiftKind
from ui.cells import WEEKDAYS, Data, number, rows, text, time_text, time_value


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

