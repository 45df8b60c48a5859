"""The certificate of capacity in the Policy tab: a Restrictions table and a Reviews table.

One row per restriction, one per review, exactly the scenario's `restrictions` and `reviews`:
a restriction's period is a date or a plan week at each end (or `until_review`), its limits are
numbers (empty = not restricted), and its banned dimensions and tasks are comma-separated ids.
As in the other tables, `*_frame` builds the table from the scenario data and `*_from` reads it
back (pure functions, no Streamlit); a value that is not valid is left for the scenario model to
name by field (`restrictions[0].max_hours_per_day: ...`).
"""

import datetime as dt

import pandas as pd

from ui.cells import Data, date_text, flag, list_from, listed, number, rows, text, whole

DATE_COLUMNS = ["from_date", "until_date"]
WEEK_COLUMNS = ["from_week", "until_week"]
COUNT_COLUMNS = ["max_days_per_week", "min_rest_days_between_worked_days"]
AMOUNT_COLUMNS = ["max_hours_per_day", "max_load_kg"]
LIST_COLUMNS = ["banned_dimensions", "banned_tasks"]
RESTRICTION_COLUMNS = ["source", "from_date", "from_week", "until_date", "until_week", "until_review",
                       "max_hours_per_day", "max_days_per_week", "min_rest_days_between_worked_days",
                       "max_load_kg", "banned_dimensions", "banned_tasks"]
REVIEW_COLUMNS = ["date", "by"]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def restrictions_frame(data: Data) -> pd.DataFrame:
    """One row per restriction; dates as dates, weeks and limits as numbers, lists comma-separated."""
    restrictions = data.get("restrictions", [])
    columns: dict[str, pd.Series] = {
        "source": pd.Series([r.get("source", "") for r in restrictions], dtype="object"),
        "until_review": pd.Series([bool(r.get("until_review")) for r in restrictions], dtype="bool"),
    }
    for name in DATE_COLUMNS:
        columns[name] = pd.Series([_day(r.get(name)) for r in restrictions], dtype="object")
    for name in WEEK_COLUMNS + COUNT_COLUMNS + AMOUNT_COLUMNS:
        columns[name] = pd.Series([r.get(name) for r in restrictions], dtype="float64")
    for name in LIST_COLUMNS:
        columns[name] = pd.Series([listed(r.get(name)) for r in restrictions], dtype="object")
    return pd.DataFrame(columns, columns=RESTRICTION_COLUMNS)


def restrictions_from(frame: pd.DataFrame) -> list[Data]:
    """The restrictions in the table; a row with nothing in it (being typed in) is dropped."""
    result = []
    for row in rows(frame):
        restriction: Data = {"source": text(row.get("source")).strip(), "until_review": flag(row.get("until_review"))}
        for name in DATE_COLUMNS:
            restriction[name] = date_text(row.get(name))
        for name in WEEK_COLUMNS + COUNT_COLUMNS:
            restriction[name] = whole(number(row.get(name)))
        for name in AMOUNT_COLUMNS:
            restriction[name] = number(row.get(name))
        for name in LIST_COLUMNS:
            restriction[name] = list_from(row.get(name)) or []
        if any(value not in (None, "", False, []) for value in restriction.values()):
            result.append({name: restriction[name] for name in RESTRICTION_COLUMNS})
    return result


def reviews_frame(data: Data) -> pd.DataFrame:
    reviews = data.get("reviews", [])
    return pd.DataFrame({"date": pd.Series([_day(r["date"]) for r in reviews], dtype="object"),
                         "by": pd.Series([r.get("by", "") for r in reviews], dtype="object")}, columns=REVIEW_COLUMNS)


def reviews_from(frame: pd.DataFrame) -> list[Data]:
    """Rows without a date are dropped (a row being typed in)."""
    result = []
    for row in rows(frame):
        day = date_text(row.get("date"))
        if day is not None:
            result.append({"date": day, "by": text(row.get("by")).strip()})
    return result
