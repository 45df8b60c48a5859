"""What-if comparison: a base scenario and named variants of it, planned side by side.

A variants file (YAML) is a list of variants, each `{name, changes}`, where `changes`
maps a dotted path in the scenario file to its new value:

    - name: 30 % on hours
      changes:
        policy.increments.work_hours.percent: 30
    - name: packing from week 3
      changes:
        availability.offers[2].from_date: 2027-01-18

A path names existing data (`a.b`, list items as `a[2]`); a missing last key (or a missing
mapping on the way) is added, so optional fields can be set. Each variant is validated with
the scenario model, then every scenario (the base first) is planned in its own process,
single-worker and deterministic. The KPIs (`KPI_COLUMNS` plus task-hours per task) go to
`kpis.csv`; `weekly_load.html` overlays each variant's weekly exposure per dimension.
"""

import copy
import html
import io
import itertools
import math
import multiprocessing
import os
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from models.applied import apply_policy
from models.dimensions import WORK_HOURS
from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.scenario_io import InputError, Problem, parse_yaml, read_input_bytes, validation_problems
from solver.deadline import DEFAULT_TIME_LIMIT_S

BASE_NAME = "base"
KPIS_CSV = "kpis.csv"
WEEKLY_LOAD_HTML = "weekly_load.html"
DEFAULT_PROCESSES = 2
HOURS_WEEKS = (1, 2, 4, 8)
MAX_VARIANTS = 50

_SEGMENT = re.compile(r"^([A-Za-z_][\w-]*)((?:\[\d+\])*)$")
_INDEX = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Variant:
    name: str
    changes: dict[str, Any]


@dataclass
class VariantResult:
    name: str
    plan: Plan | None
    scenario: Scenario
    error: str = ""

    @property
    def status(self) -> str:
        if self.error:
            return "REJECTED"
        return self.plan.solve.status if self.plan else "UNKNOWN"


# --- variants file --------------------------------------------------------------------------


def load_variants(path: Path) -> list[Variant]:
    """The variants in a YAML file (safe loader); InputError naming the file and the entry."""
    file = str(path)
    try:
        text = read_input_bytes(Path(path)).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(file, [Problem("", "not UTF-8 text")]) from None
    return parse_variants(text, file)


def parse_variants(text: str, file: str) -> list[Variant]:
    """The variants in YAML text, read as scenarios are (a duplicate key, a tag or an alias bomb refused)."""
    data = parse_yaml(file, text)
    if not isinstance(data, list) or not data:
        raise InputError(file, [Problem("", "the top level must be a non-empty list of variants "
                                            "(each with a name and changes)")])
    if len(data) > MAX_VARIANTS:
        raise InputError(file, [Problem("", f"at most {MAX_VARIANTS} variants, found {len(data)}")])
    variants: list[Variant] = []
    seen = {BASE_NAME}
    for index, entry in enumerate(data):
        where = f"[{index}]"
        if not isinstance(entry, dict):
            raise InputError(file, [Problem(where, "each variant must be a mapping with name and changes")])
        unknown = sorted(set(entry) - {"name", "changes"})
        if unknown:
            raise InputError(file, [Problem(where, f"unknown key(s) {', '.join(map(str, unknown))}: "
                                                   "a variant has only name and changes")])
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(file, [Problem(f"{where}.name", "give each variant a name (text)")])
        if name in seen:
            reason = ("'base' is reserved for the unchanged scenario" if name == BASE_NAME
                      else "two variants have this name")
            raise InputError(file, [Problem(f"variant {name!r}", reason)])
        seen.add(name)
        changes = entry.get("changes")
        if not isinstance(changes, dict) or not changes:
            raise InputError(file, [Problem(f"variant {name!r}: changes",
                                            "a mapping of dotted.path: value, with at least one change")])
        for key in changes:
            if not isinstance(key, str):
                raise InputError(file, [Problem(f"variant {name!r}: {key!r}", "a path must be text")])
            _split_path(key, file, name)
        variants.append(Variant(name, dict(changes)))
    return variants


def _split_path(path: str, file: str, variant: str) -> list[str | int]:
    parts: list[str | int] = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if not match:
            raise InputError(file, [Problem(f"variant {variant!r}: {path}",
                                            f"not a field path (bad part {segment!r}): use a.b.c or a[2].b")])
        parts.append(match.group(1))
        parts.extend(int(i) for i in _INDEX.findall(match.group(2)))
    return parts


def apply_changes(base: dict[str, Any], variant: Variant, file: str) -> dict[str, Any]:
    """A deep copy of the scenario data `base` with the variant's changes made."""
    data = copy.deepcopy(base)
    for path, value in variant.changes.items():
        parts = _split_path(path, file, variant.name)

        def bad(reason: str, path: str = path) -> InputError:
            return InputError(file, [Problem(f"variant {variant.name!r}: {path}", reason)])

        node: Any = data
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            shown = _show(parts[:depth]) or "the scenario"
            if isinstance(part, int):
                if not isinstance(node, list):
                    raise bad(f"{shown} is not a list, so it has no item [{part}]")
                if part >= len(node):
                    raise bad(f"{shown} has {len(node)} item(s), so there is no item [{part}]")
            elif not isinstance(node, dict):
                raise bad(f"{shown} is not a mapping, so it has no field {part!r}")
            if last:
                node[part] = copy.deepcopy(value)
            else:
                if isinstance(node, dict) and part not in node:
                    node[part] = [] if isinstance(parts[depth + 1], int) else {}
                node = node[part]
    return data


def _show(parts: list[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def variant_scenarios(base: dict[str, Any], variants: list[Variant], file: str) -> dict[str, dict[str, Any]]:
    """Base and variant scenario data by name, each validated (InputError naming the variant)."""
    scenarios = {BASE_NAME: copy.deepcopy(base)}
    for variant in variants:
        data = apply_changes(base, variant, file)
        try:
            Scenario.model_validate(data)
        except ValidationError as error:
            problems = [Problem(f"variant {variant.name!r}: {p.path}" if p.path else f"variant {variant.name!r}",
                                p.reason) for p in validation_problems(error, Scenario)]
            raise InputError(file, problems) from None
        scenarios[variant.name] = data
    return scenarios


# --- solving --------------------------------------------------------------------------------


def plan_variant(name: str, data: dict[str, Any], time_per_stage: float | None, seed: int,
                 time_limit_s: float | None = DEFAULT_TIME_LIMIT_S) -> tuple[str, str, str]:
    """Plans one variant (in a worker process, or in the app) within `time_limit_s` of wall
    clock from its start: (name, plan JSON or "", error or "")."""
    from rtw_scheduler.planning import PlanRejected, make_plan
    from solver.deadline import Deadline
    from solver.solve import SolverParameters

    scenario = Scenario.model_validate(data)
    params = SolverParameters(num_workers=1, random_seed=seed)
    if time_per_stage is not None:
        params = SolverParameters(num_workers=1, random_seed=seed, deterministic_time_per_stage=time_per_stage)
    try:
        result = make_plan(scenario, params, deadline=Deadline(time_limit_s))
    except PlanRejected as rejected:
        return name, "", f"rejected by the independent checker: {rejected}"
    return name, result.plan.model_dump_json(), ""


def _leave_sigint_to_the_parent() -> None:
    """A worker ignores Ctrl-C, which the terminal sends to every process of the group: the parent
    stops the run and terminates the workers, so no worker prints a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_variants(scenarios: dict[str, dict[str, Any]], processes: int = DEFAULT_PROCESSES,
                 time_per_stage: float | None = None, seed: int = 0,
                 time_limit_s: float | None = DEFAULT_TIME_LIMIT_S,
                 done: Callable[[str], None] | None = None) -> list[VariantResult]:
    """Plans every scenario in parallel processes; results in the order given.

    The run's wall-clock limit is split evenly: each variant gets the limit times the
    processes over the variants, so the whole comparison ends within about the limit."""
    workers = max(1, min(processes, os.cpu_count() or 1, len(scenarios)))
    each_s = None if time_limit_s is None else time_limit_s * workers / max(1, len(scenarios))
    context = multiprocessing.get_context("spawn")  # no fork of a process that already ran CP-SAT threads
    outputs: dict[str, tuple[str, str]] = {}
    # Leaving the block, by a signal too (solver.interrupts raises in this process), terminates
    # the workers: none goes on planning after the run has stopped.
    with context.Pool(workers, initializer=_leave_sigint_to_the_parent) as pool:
        pending = [pool.apply_async(plan_variant, (name, data, time_per_stage, seed, each_s))
                   for name, data in scenarios.items()]
        for async_result in pending:
            name, plan_text, error = async_result.get()
            outputs[name] = (plan_text, error)
            if done is not None:
                done(name)
    results = []
    for name, data in scenarios.items():
        plan_text, error = outputs[name]
        plan = Plan.model_validate_json(plan_text) if plan_text else None
        results.append(VariantResult(name, plan, Scenario.model_validate(data), error))
    return results


# --- KPIs -----------------------------------------------------------------------------------


def kpis(result: VariantResult) -> dict[str, object]:
    """One row of kpis.csv."""
    scenario, plan = result.scenario, result.plan
    row: dict[str, object] = {"variant": result.name, "status": result.status}
    weeks = plan.weeks if plan else []
    row["weeks_to_full_duty"] = plan.full_duty_week if plan else None
    for number in HOURS_WEEKS:
        row[f"hours_week_{number}"] = (_round(weeks[number - 1].exposure.get(WORK_HOURS))
                                       if number <= len(weeks) else None)
    baseline = apply_policy(scenario).baseline
    dims = scenario.dimension_ids
    series = {dim: [baseline.get(dim, 0.0)] + [w.exposure.get(dim, 0.0) for w in weeks] for dim in dims}
    for dim in dims:
        rises = [(after - before) / before * 100 for before, after in itertools.pairwise(series[dim])
                 if before > 0]
        row[f"max_increase_pct_{dim}"] = _round(max(rises)) if rises else None
    ratios: list[tuple[float, str]] = []
    for dim in dims:
        values = series[dim]
        for index in range(1, len(values)):
            chronic = sum(values[max(0, index - k)] for k in range(1, 5)) / 4
            if chronic > 0:
                ratios.append((values[index] / chronic, dim))
    highest = max(ratios) if ratios else None
    row["max_acwr"] = _round(highest[0]) if highest else None
    row["max_acwr_dimension"] = highest[1] if highest else None
    job_specific = {task.id for task in scenario.tasks if task.job_specific}
    minutes: dict[str, int] = {task.id: 0 for task in scenario.tasks}
    for week in weeks:
        for day in week.days:
            for block in day.blocks:
                minutes[block.task_id] = minutes.get(block.task_id, 0) + block.minutes
    row["job_specific_hours"] = _round(sum(m for t, m in minutes.items() if t in job_specific) / 60) if weeks else None
    row["rest_days"] = sum(w.rest_days for w in weeks) if weeks else None
    row["solve_time_s"] = _round(plan.solve.wall_time_s) if plan else None
    row["gap"] = plan.solve.gap if plan else None
    for task_id, task_minutes in minutes.items():
        row[f"task_hours_{task_id}"] = _round(task_minutes / 60) if weeks else None
    return row


def kpi_frame(results: list[VariantResult]) -> pd.DataFrame:
    rows = [kpis(result) for result in results]
    return pd.DataFrame(rows, columns=_columns(rows))


def _columns(rows: list[dict[str, object]]) -> list[str]:
    """Every KPI any row has, in first-seen order (variants may plan different tasks)."""
    return list(dict.fromkeys(column for row in rows for column in row))


def kpi_table(frame: pd.DataFrame) -> str:
    """KPIs as rows, variants as columns (readable with many KPIs)."""
    shown = frame.set_index("variant").T.astype(object).map(_cell)
    text: str = shown.to_string()
    return text


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


# --- chart ----------------------------------------------------------------------------------


def weekly_load_frame(results: list[VariantResult]) -> pd.DataFrame:
    rows = [{"variant": r.name, "week": w.number, "dimension": dim, "exposure": round(value, 2)}
            for r in results if r.plan for w in r.plan.weeks for dim, value in w.exposure.items()]
    return pd.DataFrame(rows, columns=["variant", "week", "dimension", "exposure"])


CHART_TITLE = "Weekly load per dimension, variants overlaid"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
</head>
<body>
<h1>{title}</h1>
{svg}
</body>
</html>
"""
"""The page around the chart. Its Content-Security-Policy runs no script and loads nothing, so
even text that slipped past escaping could not act, and the page reads the same offline."""


def weekly_load_html(results: list[VariantResult]) -> str:
    """Weekly exposure per dimension (one panel each), variants overlaid, as one static page.

    The chart is drawn here, not in the reader's browser: vl-convert (Vega and Vega-Lite
    inside its wheel, no network) renders it to SVG, which the page holds inline. So the
    page has no script and no link to a CDN, and variant names are text that Vega escapes
    in the SVG (`</script>` in a name is shown, never run)."""
    import altair as alt

    frame = weekly_load_frame(results)
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(x=alt.X("week:O", title="week"), y=alt.Y("exposure:Q", title="weekly exposure"),
                color=alt.Color("variant:N", title="variant"),
                tooltip=["variant", "week", "dimension", "exposure"])
        .properties(width=420, height=180)
        .facet(facet=alt.Facet("dimension:N", title=None), columns=2)
        .resolve_scale(y="independent")
    )
    svg = io.StringIO()
    chart.save(svg, format="svg")
    return _PAGE.format(title=html.escape(CHART_TITLE), svg=svg.getvalue())


def compare_files(results: list[VariantResult]) -> dict[str, bytes]:
    """kpis.csv (through the program's one CSV writer) and weekly_load.html."""
    from rtw_scheduler.exports import csv_bytes

    rows = [kpis(result) for result in results]
    return {KPIS_CSV: csv_bytes(rows, _columns(rows)), WEEKLY_LOAD_HTML: weekly_load_html(results).encode("utf-8")}
