"""The tasks and availability tables: exposure per task, offered hours, blackouts and appointments.

Offered hours are edited twice over: a task x weekday grid for the simple offers, and a table
of the offers the grid cannot show (by date, shift kind or date range). Each `*_frame` builds
a data-editor table from the scenario data; `*_from` reads the edited table back and
`apply_*` writes it into the data (pure functions, no Streamlit).
"""

import datetime as dt
from typing import Any

import pandas as pd

from ui.cells import WEEKDAYS, Data, date_text, list_from, listed, number, rows, text, time_text, time_value


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


def other_offers_frame(data: Data) -> pd.DataFrame:
    """The offers the grid cannot show, one row each; list cells are comma-separated (empty = any)."""
    offers = other_offers(data)

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return pd.DataFrame({
        "task_id": pd.Series([o["task_id"] for o in offers], dtype="object"),
        "hours_per_day": pd.Series([float(o["hours_per_day"]) for o in offers], dtype="float64"),
        "weekdays": pd.Series([listed(o.get("weekdays")) for o in offers], dtype="object"),
        "shift_kinds": pd.Series([listed(o.get("shift_kinds")) for o in offers], dtype="object"),
        "dates": pd.Series([listed(o.get("dates")) for o in offers], dtype="object"),
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
        offers.append({"task_id": task_id, "weekdays": list_from(row.get("weekdays")),
                       "dates": list_from(row.get("dates")), "shift_kinds": list_from(row.get("shift_kinds")),
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

