"""The Compare tab's data: a table of variant changes, planned in this process, side by side.

The table has one row per change (variant name, dotted path, value); rows sharing a name make
one variant. Values are read with `yaml.safe_load`, so `35`, `2027-02-01`, `[mon, tue]` and
`{percent: 30, allowance: 3}` mean what they would in a variants file. Everything else
(checking names and paths, applying the changes, validating each variant, planning, KPIs and
the weekly-load data) is `rtw_scheduler.compare`'s, as for `rtw compare`.

The variants are planned one after the other in the app's own process, each with the same
single-worker, deterministic solver parameters as `rtw compare` uses in its worker processes:
a process pool started from inside Streamlit's script thread is awkward (spawned children
re-import the app's entry point, and each start costs a second or two of imports).
"""

from collections.abc import Callable
from typing import Any

import pandas as pd
import yaml

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler import compare
from rtw_scheduler.compare import BASE_NAME, Variant, VariantResult
from rtw_scheduler.relaxations import Relaxation
from rtw_scheduler.scenario_io import InputError, Problem
from ui.cells import text

Data = dict[str, Any]
TABLE_NAME = "variants table"
COLUMNS = ["variant", "path", "value"]
HOURS_STEP_PP = 10
HORIZON_STEP_WEEKS = 4


def default_frame(data: Data) -> pd.DataFrame:
    """Two variants of `data`: +10 percentage points on the work-hours increment; +4 weeks of horizon."""
    policy = data["policy"]
    explicit = (policy.get("increments") or {}).get("work_hours")
    if explicit:
        hours = ("policy.increments.work_hours.percent", _number(explicit["percent"] + HOURS_STEP_PP))
    else:  # the policy default applies: set the whole entry, keeping the default allowance
        allowance = policy["default_allowance_share_of_target"] * float(data["worker"]["contracted_hours_per_week"])
        percent = policy["default_increment_percent"] + HOURS_STEP_PP
        hours = ("policy.increments.work_hours", f"{{percent: {_number(percent)}, allowance: {_number(allowance)}}}")
    rows = [[f"hours +{HOURS_STEP_PP} pp", *hours],
            [f"horizon +{HORIZON_STEP_WEEKS} weeks", "policy.horizon_weeks",
             _number(int(policy["horizon_weeks"]) + HORIZON_STEP_WEEKS)]]
    return pd.DataFrame(rows, columns=COLUMNS)


def relaxations_frame(relaxations: list[Relaxation]) -> pd.DataFrame:
    """The Plan tab's suggested changes as rows of this table, one variant each."""
    rows = [[r.description, path, yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()
             .removesuffix("...").strip()]
            for r in relaxations for path, value in r.changes.items()]
    return pd.DataFrame(rows, columns=COLUMNS)


def _number(value: float) -> str:
    return f"{round(float(value), 4):g}"


def variants_from(frame: pd.DataFrame) -> list[Variant]:
    """The table's variants (empty rows skipped); InputError naming the variant and the path."""
    entries: dict[str, dict[str, Any]] = {}
    for index, row in enumerate(frame.to_dict("records")):
        name, path, typed = (text(row.get(column)).strip() for column in COLUMNS)
        if not (name or path or typed):
            continue
        if not name:
            raise InputError(TABLE_NAME, [Problem(f"row {index + 1}: variant", "give each change a variant name")])
        if not path:
            raise InputError(TABLE_NAME, [Problem(f"variant {name!r}: row {index + 1}: path",
                                                  "give the dotted path of the field to change, e.g. "
                                                  "policy.horizon_weeks")])
        try:
            value = yaml.safe_load(typed) if typed else None
        except yaml.YAMLError as error:
            reason = f"value {typed!r} is not valid YAML ({_first_line(error)})"
            raise InputError(TABLE_NAME, [Problem(f"variant {name!r}: {path}", reason)]) from None
        changes = entries.setdefault(name, {})
        if path in changes:
            raise InputError(TABLE_NAME, [Problem(f"variant {name!r}: {path}", "this path is changed twice")])
        changes[path] = value
    if not entries:
        raise InputError(TABLE_NAME, [Problem("", "add at least one row: variant, path, value")])
    listed = [{"name": name, "changes": changes} for name, changes in entries.items()]
    return compare.parse_variants(yaml.safe_dump(listed, sort_keys=False), TABLE_NAME)


def _first_line(error: yaml.YAMLError) -> str:
    return " ".join(str(getattr(error, "problem", None) or error).split())


def scenarios_for(base: Data, frame: pd.DataFrame) -> dict[str, Data]:
    """Base and variant scenario data by name, each validated (InputError naming variant and path)."""
    return compare.variant_scenarios(base, variants_from(frame), TABLE_NAME)


def run_in_process(scenarios: dict[str, Data], done: Callable[[str], None] | None = None) -> list[VariantResult]:
    """Plans each scenario in turn, in this process, as `rtw compare` plans each in a worker process."""
    results: list[VariantResult] = []
    for name, data in scenarios.items():
        _, plan_text, error = compare.plan_variant(name, data, None, 0)
        plan = Plan.model_validate_json(plan_text) if plan_text else None
        results.append(VariantResult(name, plan, Scenario.model_validate(data), error))
        if done is not None:
            done(name)
    return results


def kpi_display(results: list[VariantResult]) -> pd.DataFrame:
    """KPIs as rows, one column per variant (the base first), cells as text ('-' for none)."""
    frame = compare.kpi_frame(results).set_index("variant").T.astype(object).map(compare._cell)
    frame.index.name = "KPI"
    frame.columns.name = None
    return frame.reset_index()


__all__ = ["BASE_NAME", "default_frame", "kpi_display", "relaxations_frame", "run_in_process", "scenarios_for",
           "variants_from"]
