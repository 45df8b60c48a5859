"""Plain-text views of a plan for the terminal: the weekly table and the solve summary."""

from models.dimensions import WORK_HOURS
from models.plan import Plan, StageResult, WeekPlan

MAX_WIDTH = 120
"""The weekly table is split into several tables rather than exceed this many columns."""

FAMILY_DESCRIPTIONS: dict[str, str] = {
    "shift_and_availability": "rostered shifts, breaks, appointments and the duties the site offers",
    "block_limits": "shortest and longest stretch of each task",
    "warm_up": "the warm-up at the start of every worked day",
    "daily_hour_caps": "most working hours per day in each phase",
    "weekly_ceilings": "most weekly exposure allowed in each phase",
    "load_increments": "week-over-week increase limits",
    "heaviest_load_steps": "how fast the heaviest handled load may rise",
    "lifting_index_limit": "the NIOSH lifting index limit on tasks",
    "phase_task_limits": "which tasks each phase allows (strength level, lifting index)",
    "phase_progression": "phase order, minimum phase lengths and entry criteria",
    "rest_days": "minimum rest days per week",
    "consecutive_days": "most working days in a row",
    "heavy_days": "no two heavy days in a row",
    "deload_weeks": "lighter deload weeks",
    "acwr": "acute:chronic workload ratio limit",
    "movement_variability": "most share of a day or week on one task",
    "full_duty_target": "reaching full duty (target exposure, latest date, last week)",
    "reported_totals": "the plan's reported weekly totals",
}


def describe_family(family: str) -> str:
    """e.g. 'load_increments: week-over-week increase limits'."""
    description = FAMILY_DESCRIPTIONS.get(family)
    return f"{family}: {description}" if description else family


def number(value: float | None) -> str:
    """Compact: whole numbers from 100 up, one decimal below, '-' for none."""
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def binding_limit(week: WeekPlan, dim: str) -> float | None:
    """The tighter of the week's increment limit and phase ceiling for a dimension."""
    limit = week.limits.get(dim)
    if limit is None:
        return None
    candidates = [v for v in (limit.increment_limit, limit.ceiling) if v is not None]
    return min(candidates) if candidates else None


def weekly_table(plan: Plan) -> str:
    """Week by week: phase, each dimension's exposure against its binding limit, loads, rest."""
    if not plan.weeks:
        return "(no weeks planned)"
    dims = list(dict.fromkeys(d for w in plan.weeks for d in w.exposure))
    left = [_column("wk", [str(w.number) for w in plan.weeks], right=True),
            _column("phase", [_phase(w) for w in plan.weeks])]
    tail = [
        _column("heaviest kg", [f"{number(w.heaviest_load_kg)}/{number(w.heaviest_load_limit_kg)}"
                                for w in plan.weeks], right=True),
        _column("rest", [str(w.rest_days) for w in plan.weeks], right=True),
        _column("full", ["yes" if w.full_duty else "" for w in plan.weeks]),
    ]
    middle = [
        _column("hours" if dim == WORK_HOURS else dim[:16],
                [f"{number(w.exposure.get(dim))}/{number(binding_limit(w, dim))}" for w in plan.weeks],
                right=True)
        for dim in dims
    ]
    groups = _pack(left, middle + tail)
    tables = [_render(left + group, len(plan.weeks)) for group in groups]
    legend = "exposure/limit: the week's exposure and the tighter of its increment limit and phase ceiling"
    return "\n\n".join(tables) + "\n" + legend


def _phase(week: WeekPlan) -> str:
    name = week.phase if len(week.phase) <= 20 else week.phase[:19] + "~"
    return name + (" (deload)" if week.deload else "")


def _column(header: str, cells: list[str], right: bool = False) -> tuple[str, list[str], bool]:
    return header, cells, right


def _width(column: tuple[str, list[str], bool]) -> int:
    header, cells, _ = column
    return max(len(header), *(len(c) for c in cells))


def _pack(left: list[tuple[str, list[str], bool]],
          columns: list[tuple[str, list[str], bool]]) -> list[list[tuple[str, list[str], bool]]]:
    """Splits columns into groups that fit MAX_WIDTH next to the left columns."""
    base = sum(_width(c) + 2 for c in left)
    groups: list[list[tuple[str, list[str], bool]]] = [[]]
    used = base
    for column in columns:
        width = _width(column) + 2
        if groups[-1] and used + width > MAX_WIDTH:
            groups.append([])
            used = base
        groups[-1].append(column)
        used += width
    return groups


def _render(columns: list[tuple[str, list[str], bool]], rows: int) -> str:
    widths = [_width(c) for c in columns]

    def line(cells: list[str]) -> str:
        parts = [cell.rjust(w) if column[2] else cell.ljust(w)
                 for cell, w, column in zip(cells, widths, columns, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line([c[0] for c in columns]), line(["-" * w for w in widths])]
    out.extend(line([c[1][i] for c in columns]) for i in range(rows))
    return "\n".join(out)


def solve_summary(plan: Plan) -> str:
    """How the solve went: status, full duty, objective and bound, time, model size, stages."""
    solve = plan.solve
    lines = [f"status: {solve.status}"]
    if plan.full_duty_week is not None:
        when = f" (from {plan.full_duty_date.isoformat()})" if plan.full_duty_date else ""
        lines.append(f"full duty: week {plan.full_duty_week}{when}")
    else:
        lines.append("full duty: not reached")
    lines.append(f"time: {solve.wall_time_s:.2f} s  model: {solve.num_variables} variables, "
                 f"{solve.num_constraints} constraints  workers: {solve.num_workers}  "
                 f"seed: {solve.random_seed}")
    if solve.stages:
        lines.append("stages:")
        name_width = max(len(stage.name) for stage in solve.stages)
        for stage in solve.stages:
            lines.append(f"  {stage.name.ljust(name_width)}  {stage.status:<10} "
                         f"objective {_value(stage.objective)}  bound {_value(stage.best_bound)}  "
                         f"gap {_percent(_stage_gap(stage))}  {stage.wall_time_s:.2f} s")
            if stage.note:
                lines.append(f"    {stage.note}")
    if solve.status == "INFEASIBLE":
        if solve.conflicting_families:
            lines.append("no plan satisfies these constraint families together:")
            lines.extend(f"  {describe_family(family)}" for family in solve.conflicting_families)
        else:
            lines.append("no plan exists (the conflicting constraint families were not identified)")
    elif solve.status == "UNKNOWN":
        lines.append("no plan found within the time limit (try a longer --time-per-stage)")
    return "\n".join(lines)


def _stage_gap(stage: StageResult) -> float | None:
    if stage.objective is None or stage.best_bound is None:
        return None
    return abs(stage.objective - stage.best_bound) / max(1.0, abs(stage.objective))


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.2f}%"


def _value(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3f}"
