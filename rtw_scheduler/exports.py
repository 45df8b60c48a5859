"""The plan as files: plan.json (the Plan model), plan.csv (timed blocks), weekly.csv.

These files go to employers, supervisors and HR. They carry the worker's id and work
restrictions only: nothing here reads `scenario.worker.clinical` or the risk factors; the
plan itself says of a value the risk factors changed only "limits adjusted by the
clinician" (`models.applied`) and names an appointment by its time, not its kind.

Every CSV the program writes (these and `rtw compare`'s kpis.csv) goes through `csv_bytes`:
each cell, the header too, through `spreadsheet_safe`, so a task named `=HYPERLINK(...)` is
shown as text by a spreadsheet, not run as a formula, and a name with a line break in it
cannot start a row of its own.
"""

import csv
import io
import re
from collections.abc import Mapping, Sequence

from models.plan import Plan
from models.scenario import Scenario

PLAN_JSON = "plan.json"
PLAN_CSV = "plan.csv"
WEEKLY_CSV = "weekly.csv"

PLAN_CSV_COLUMNS = ["worker_id", "date", "week", "weekday", "shift", "task_id", "task_name",
                    "start", "end", "minutes"]
WEEKLY_CSV_COLUMNS = ["week", "start_date", "phase", "deload", "full_duty", "rest_days",
                      "heaviest_load_kg", "heaviest_load_limit_kg"]
DIMENSION_COLUMN_SUFFIXES = ["", "_increment_limit", "_ceiling", "_target", "_increase_pct"]
BINDING_COLUMN = "binding"

_FORMULA_STARTS = ("=", "+", "-", "@", "\t")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""Everything `str.splitlines` splits on."""


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet will not run, and that stays on its row's line.

    Each line break in text becomes a space: a reader that splits lines (or a spreadsheet
    that ends a row at a bare CR) would otherwise start a new row inside the cell, with
    whatever follows the break in its first column. Then text starting, after any leading
    spaces, with = + - @ or tab gets a leading single quote. Numbers, and text that is just
    a number such as `-2.5`, stay."""
    if not isinstance(value, str):
        return value
    text = _LINE_BREAK.sub(" ", value)
    if text.lstrip(" ").startswith(_FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def plan_json(plan: Plan) -> bytes:
    return plan.model_dump_json(indent=2).encode("utf-8")


def plan_csv(scenario: Scenario, plan: Plan) -> bytes:
    """One row per timed block, local times in ISO 8601 with their UTC offset."""
    if plan.scenario_id != scenario.id:
        raise ValueError(f"plan is for scenario {plan.scenario_id!r}, not {scenario.id!r}")
    rows = [
        {
            "worker_id": plan.worker_id,
            "date": day.date.isoformat(),
            "week": week.number,
            "weekday": str(day.weekday),
            "shift": day.shift_code or "",
            "task_id": block.task_id,
            "task_name": block.task_name,
            "start": block.start.isoformat(),
            "end": block.end.isoformat(),
            "minutes": block.minutes,
        }
        for week in plan.weeks for day in week.days for block in day.blocks
    ]
    return csv_bytes(rows, PLAN_CSV_COLUMNS)


def plan_dimensions(plan: Plan) -> list[str]:
    """The plan's dimensions in their order (work_hours first), as its weeks list them."""
    seen: dict[str, None] = {}
    for week in plan.weeks:
        seen.update(dict.fromkeys(week.exposure))
    return list(seen)


def weekly_csv(plan: Plan, scenario: Scenario | None = None) -> bytes:
    """One row per week: flags, heaviest load, and per dimension exposure, limits, increase.

    Given the scenario, a last column `binding` names the families at their limit that week
    (`rtw_scheduler.binding`), e.g. `load_increments:lifting; daily_hour_caps`."""
    dims = plan_dimensions(plan)
    columns = WEEKLY_CSV_COLUMNS + [f"{dim}{suffix}" for dim in dims
                                    for suffix in DIMENSION_COLUMN_SUFFIXES]
    labels: dict[int, str] = {}
    if scenario is not None:
        from rtw_scheduler.binding import binding_limits

        columns.append(BINDING_COLUMN)
        labels = {wb.week: wb.labels for wb in binding_limits(scenario, plan)}
    rows = []
    previous: dict[str, float] | None = None
    for week in plan.weeks:
        row: dict[str, object] = {
            "week": week.number,
            "start_date": week.start_date.isoformat(),
            "phase": week.phase,
            "deload": _flag(week.deload),
            "full_duty": _flag(week.full_duty),
            "rest_days": week.rest_days,
            "heaviest_load_kg": _round(week.heaviest_load_kg),
            "heaviest_load_limit_kg": _round(week.heaviest_load_limit_kg),
        }
        for dim in dims:
            value = week.exposure.get(dim)
            limit = week.limits.get(dim)
            before = previous.get(dim) if previous is not None else None
            row[dim] = _round(value)
            row[f"{dim}_increment_limit"] = _round(limit.increment_limit if limit else None)
            row[f"{dim}_ceiling"] = _round(limit.ceiling if limit else None)
            row[f"{dim}_target"] = _round(limit.full_duty_target if limit else None)
            row[f"{dim}_increase_pct"] = (
                _round((value - before) / before * 100) if value is not None and before else None)
        if scenario is not None:
            row[BINDING_COLUMN] = labels.get(week.number, "")
        rows.append(row)
        previous = week.exposure
    return csv_bytes(rows, columns)


def plan_output_files(scenario: Scenario, plan: Plan) -> dict[str, bytes]:
    """plan.json, plan.csv, weekly.csv (with its binding column) and binding.json."""
    from rtw_scheduler.binding import BINDING_JSON, binding_json, binding_limits

    return {
        PLAN_JSON: plan_json(plan),
        PLAN_CSV: plan_csv(scenario, plan),
        WEEKLY_CSV: weekly_csv(plan, scenario),
        BINDING_JSON: binding_json(binding_limits(scenario, plan)),
    }


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def csv_bytes(rows: Sequence[Mapping[str, object]], columns: list[str]) -> bytes:
    """A header and one line per row, UTF-8; the one CSV writer of the program.

    Every cell, the header's too (its names hold task and dimension ids), is spreadsheet-safe;
    None is an empty cell. A cell with a comma or a double quote is quoted as RFC 4180 says
    (quotes doubled); after `spreadsheet_safe` no cell holds a line break."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([spreadsheet_safe(column) for column in columns])
    writer.writerows([spreadsheet_safe(row.get(column)) for column in columns] for row in rows)
    return out.getvalue().encode("utf-8")
