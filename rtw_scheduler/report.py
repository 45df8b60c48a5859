"""Plain-text views of a plan for the terminal: the roster, the weekly loads and the solve summary."""

import datetime as dt
import textwrap
from dataclasses import dataclass

from models import numbers as shown
from models.dimensions import WORK_HOURS
from models.families import describe_family
from models.plan import DayPlan, Plan, SolveSummary, StageResult, WeekPlan
from models.restriction_words import review_words
from models.shifts import Weekday

MAX_WIDTH = 120
"""The weekly table is split into several tables rather than exceed this many columns."""

def number(value: float | None) -> str:
    """Compact: whole numbers from 100 up, hundredths below, '-' for none (nearest)."""
    if value is None:
        return "-"
    return shown.number(value, 0 if abs(value) >= 100 else shown.PLACES, grouped=False)


def limit_number(value: float | None) -> str:
    """As `number`, for a limit and for a value shown against a limit it keeps: cut, never
    rounded up (models.numbers), so 0.75 reads 0.75, not 0.8, and a value at its limit never
    reads above it."""
    if value is None:
        return "-"
    return shown.limit(value, 0 if abs(value) >= 100 else shown.PLACES, grouped=False)


def binding_limit(week: WeekPlan, dim: str) -> float | None:
    """The tighter of the week's increment limit and phase ceiling for a dimension."""
    limit = week.limits.get(dim)
    if limit is None:
        return None
    candidates = [v for v in (limit.increment_limit, limit.ceiling) if v is not None]
    return min(candidates) if candidates else None


@dataclass(frozen=True)
class RosterRow:
    """One week as a supervisor rosters it."""

    week: int
    start: dt.date
    phase: str
    days: str
    """Worked weekdays, e.g. 'Mon Wed Fri' ('no work' when none)."""
    day_hours: str
    hours: str
    duties: str
    """Each duty with its hours on a worked day (the most any worked day of the week holds)."""
    notes: list[str]
    """Days shorter than the day length and why; why the week holds less than the week before."""
    full_duty: bool


def roster_rows(plan: Plan, task_names: dict[str, str]) -> list[RosterRow]:
    rows = []
    for week in plan.weeks:
        worked = [day for day in week.days if day.blocks]
        notes = [f"{day.date:%a %d %b}: {hours(day.worked_minutes)} h, {day.shortened_by}"
                 for day in worked if day.shortened_by]
        if week.falls:
            notes.append("less than the week before: " + "; ".join(week.falls))
        rows.append(RosterRow(
            week=week.number, start=week.start_date, phase=_phase(week),
            days=" ".join(Weekday.of(day.date).value.capitalize() for day in worked) or "no work",
            day_hours=hours(week.day_length_minutes) if worked else "-",
            hours=hours(round(week.exposure[WORK_HOURS] * 60)), duties=_duties(worked, task_names),
            notes=notes, full_duty=week.full_duty))
    return rows


def roster_table(plan: Plan, task_names: dict[str, str]) -> str:
    """What a supervisor rosters from: per week, the days worked, the day length and the duties."""
    if not plan.weeks:
        return "(no weeks planned)"
    lines = ["the plan, week by week (days worked, hours a day, duties in hours a day):"]
    for row in roster_rows(plan, task_names):
        head = (f"{row.week:>3}  {row.start:%d %b}  {row.phase:<22} {row.days:<27} {row.day_hours:>5} h"
                f"  {row.hours:>6} h{'  full duty' if row.full_duty else ''}")
        lines.append(head.rstrip())
        indent = " " * 7
        for text in ([row.duties] if row.duties else []) + row.notes:
            lines.extend(textwrap.wrap(text, MAX_WIDTH, initial_indent=indent, subsequent_indent=indent + "  "))
    return "\n".join([*lines, *certificate_lines(plan)])


def certificate_lines(plan: Plan) -> list[str]:
    """The certificate's restrictions with the weeks each binds, then the review dates (nothing when none).

    Each restriction once with its weeks, not once per week: a certificate usually holds for weeks."""
    spans = restriction_spans(plan)
    lines = ["restrictions in force (from the certificate), by plan week:"] if spans else []
    for span in spans:
        lines.extend(textwrap.wrap(span, MAX_WIDTH, initial_indent="  ", subsequent_indent="      "))
    if plan.reviews:
        lines.append("capacity reviews: " + ", ".join(review_words(review) for review in plan.reviews))
    return lines


def restriction_spans(plan: Plan) -> list[str]:
    """'weeks 1-3: no lifting over 5 kg ...': each restriction in plain words once, with the weeks it binds."""
    weeks_of: dict[str, list[int]] = {}
    for week in plan.weeks:
        for words in week.restrictions:
            weeks_of.setdefault(words, []).append(week.number)
    return [f"{week_span(numbers)}: {words}" for words, numbers in weeks_of.items()]


def week_span(numbers: list[int]) -> str:
    """[1, 2, 3, 6] -> 'weeks 1-3, 6'; [4] -> 'week 4'."""
    runs: list[list[int]] = []
    for week_number in sorted(numbers):
        if runs and week_number == runs[-1][-1] + 1:
            runs[-1].append(week_number)
        else:
            runs.append([week_number])
    text = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"{'week' if len(numbers) == 1 else 'weeks'} {text}"


def _duties(worked: list[DayPlan], task_names: dict[str, str]) -> str:
    most: dict[str, int] = {}
    for day in worked:
        minutes: dict[str, int] = {}
        for block in day.blocks:
            if not block.warm_up:
                minutes[block.task_id] = minutes.get(block.task_id, 0) + block.minutes
        for task_id, total in minutes.items():
            most[task_id] = max(most.get(task_id, 0), total)
    return ", ".join(f"{task_names.get(task_id, task_id)} {hours(m)}" for task_id, m in most.items())


def hours(minutes: int) -> str:
    """Minutes as hours to the quarter, e.g. 2.75 or 4."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def weekly_table(plan: Plan) -> str:
    """Week by week: phase, each dimension's exposure against its binding limit, loads, rest."""
    if not plan.weeks:
        return "(no weeks planned)"
    dims = list(dict.fromkeys(d for w in plan.weeks for d in w.exposure))
    left = [_column("wk", [str(w.number) for w in plan.weeks], right=True),
            _column("phase", [_phase(w) for w in plan.weeks])]
    tail = [
        _column("heaviest kg", [f"{limit_number(w.heaviest_load_kg)}/{limit_number(w.heaviest_load_limit_kg)}"
                                for w in plan.weeks], right=True),
        _column("rest", [str(w.rest_days) for w in plan.weeks], right=True),
        _column("full", ["yes" if w.full_duty else "" for w in plan.weeks]),
    ]
    middle = [
        _column("hours" if dim == WORK_HOURS else dim[:16],
                [f"{limit_number(w.exposure.get(dim))}/{limit_number(binding_limit(w, dim))}"
                 for w in plan.weeks],
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
    lines.append(f"time: {solve.wall_time_s:.2f} s  workers: {solve.num_workers}  seed: {solve.random_seed}")
    lines.extend(_stage_lines(solve.stages))
    if solve.status == "INFEASIBLE":
        if solve.conflicting_families:
            lines.append("no plan satisfies these constraint families together:")
            lines.extend(f"  {describe_family(family)}" for family in solve.conflicting_families)
        else:
            lines.append("no plan exists (the conflicting constraint families were not identified)")
    elif solve.status == "UNKNOWN":
        lines.append(_out_of_time(solve))
    elif solve.interrupted:
        lines.append(f"interrupted: the best plan found before the stop, gap {_percent(solve.gap)} "
                     "(not the plan a full run would make)")
    elif solve.time_limit_reached:
        lines.append(f"the time limit ({solve.time_limit_s:g} s) cut a stage short: the best plan found in time, "
                     f"gap {_percent(solve.gap)} (a longer --time-limit may find a better one)")
    return "\n".join(lines)


def _out_of_time(solve: SolveSummary) -> str:
    """No plan, and why: the wall-clock limit, or each stage's own budget."""
    what = next((stage.note for stage in solve.stages if stage.note), "")
    if solve.time_limit_reached and solve.time_limit_s is not None:
        return (what or f"no plan found within {solve.time_limit_s:g} s") + " (try a longer --time-limit)"
    return "no plan found within each stage's budget (try a longer --time-per-stage)"


def _stage_lines(stages: list[StageResult]) -> list[str]:
    """The first stage (earliest full duty) in full, then the week stages summed up, each one
    named only when it is not proven optimal."""
    if not stages:
        return []
    first, weeks = stages[0], stages[1:]
    lines = [f"stages: {first.name} {first.status}, objective {_value(first.objective)} weeks before full duty, "
             f"bound {_value(first.best_bound)} ({first.wall_time_s:.2f} s)"]
    if weeks:
        proven = sum(1 for stage in weeks if stage.status == "OPTIMAL")
        seconds = sum(stage.wall_time_s for stage in weeks)
        lines.append(f"        each week in turn (job, hours, steady demands, fewer switches): {proven} of "
                     f"{len(weeks)} proven OPTIMAL ({seconds:.2f} s)")
        lines.extend(f"          {stage.name}: {stage.status}, gap {_percent(_stage_gap(stage))}"
                     for stage in weeks if stage.status != "OPTIMAL")
    return lines


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
