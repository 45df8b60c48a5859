"""Phrases every calendar wording shares, and the app's restrictions table: weeks, limits, numbers, times.

Split from `rtw_scheduler.calendar_text` (the audience wordings) so that each stays small. Everything
here is worded from calendar facts alone (`rtw_scheduler.calendar_facts`), which hold nothing clinical.
Numbers that are limits are rounded down for display, never up; the certificate's restrictions are
worded once, with their own exact numbers, when the plan is assembled (`models.restriction_words`).
"""

import datetime as dt
import math

from rtw_scheduler.calendar_facts import (
    Amount,
    BlockFacts,
    CapacityReviewFacts,
    ReviewFacts,
    ShiftFacts,
    WeekFacts,
)


def restrictions(week: WeekFacts) -> str:
    """The week's restrictions in plain words, e.g. 'no single lift over 15 kg; at most 6 h a day'."""
    parts: list[str] = []
    if week.heaviest_load_limit_kg is not None:
        parts.append(f"no single lift over {number(week.heaviest_load_limit_kg, down=True)} kg")
    if week.max_strength_level is not None:
        parts.append(f"tasks up to DOT {week.max_strength_level.replace('_', ' ')}")
    if week.max_lifting_index is not None:
        parts.append(f"no lift above NIOSH lifting index {week.max_lifting_index:g}")
    parts.append(f"at most {number(week.daily_hours_cap, down=True)} h a day")
    if week.hours.limit is not None:
        parts.append(f"at most {number(week.hours.limit, down=True)} h this week")
    for amount in week.dimensions:
        if amount.limit is None:
            continue
        if amount.limit <= 0:
            parts.append(f"no {amount.name.lower()}")
        else:
            parts.append(f"weekly {amount.name.lower()} at most {number(amount.limit, down=True)} {amount.unit}")
    return "; ".join(parts)


def certificate(week: WeekFacts) -> list[str]:
    """One line per certificate restriction binding the week, worded once for the plan (models.restriction_words)."""
    return [f"Certificate restriction: {words}." for words in week.certificate]


def duty(week: WeekFacts) -> str:
    return "Full duties" if week.full_duty else "Modified duties"


def phase_name(phase: str) -> str:
    return phase.replace("_", " ")


def number(value: float, down: bool = False) -> str:
    """2400 -> '2,400'; 17.39 -> '17.4'; 7.25 -> '7.25': whole numbers from 100, one decimal from
    10, two below. `down` rounds towards zero instead, so that a limit is never overstated."""
    decimals = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    scale = 10**decimals
    shown = math.floor(value * scale + 1e-6) / scale if down else round(value, decimals)
    if abs(shown - round(shown)) < 1e-9:
        return f"{round(shown):,}"
    return f"{shown:,.{decimals}f}".rstrip("0").rstrip(".")


def kg(value: float) -> str:
    return f"{number(value)} kg"


def hours(minutes: int) -> str:
    """240 -> '4 h'; 225 -> '3 h 45 min'; 45 -> '45 min'."""
    whole, rest = divmod(minutes, 60)
    if not whole:
        return f"{rest} min"
    return f"{whole} h {rest} min" if rest else f"{whole} h"


def is_ambiguous(local: dt.datetime) -> bool:
    """True in the hour a daylight-saving change repeats: the wall time alone names two instants."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def clock(local: dt.datetime) -> str:
    """HH:MM, with the zone abbreviation in a repeated hour (01:30 BST vs 01:30 GMT)."""
    text = f"{local:%H:%M}"
    return f"{text} {local.tzname()}" if is_ambiguous(local) else text


def span(block: BlockFacts) -> str:
    return f"{clock(block.start)}–{clock(block.end)}"


def block_line(block: BlockFacts) -> str:
    load = f" (loads up to {kg(block.heaviest_load_kg)})" if block.heaviest_load_kg > 0 else ""
    return f"{span(block)}  {block.task_name}{load}"


def week_line(shift: ShiftFacts) -> str:
    week = shift.week
    deload = ", lighter (deload) week" if week.deload else ""
    return (f"Week {week.number}, {phase_name(week.phase)} phase{deload}: {duty(week).lower()}, "
            f"{hours(shift.worked_minutes)} of work.")


def duty_with_tasks(shift: ShiftFacts) -> str:
    tasks = shift.tasks
    return f"{duty(shift.week)}: {', '.join(tasks)}" if tasks else duty(shift.week)


def review_scope(review: ReviewFacts) -> str:
    if review.plan_end:
        return "end of plan"
    if review.phase is not None:
        return f"end of {phase_name(review.phase)} phase"
    return weeks_text(review.weeks)


def capacity_review_title(review: CapacityReviewFacts) -> str:
    return f"Capacity review ({review.by})" if review.by else "Capacity review"


def weeks_text(weeks: tuple[WeekFacts, ...]) -> str:
    first, last = weeks[0].number, weeks[-1].number
    return f"week {first}" if first == last else f"weeks {first}–{last}"


def amounts_text(amounts: tuple[Amount, ...] | list[Amount]) -> str:
    return ", ".join(f"{a.name.lower()} {number(a.value)} {a.unit}" for a in amounts)


def day_exposure(shift: ShiftFacts) -> list[Amount]:
    totals: dict[tuple[str, str], float] = {}
    for block in shift.blocks:
        for amount in block.exposure:
            key = (amount.name, amount.unit)
            totals[key] = totals.get(key, 0.0) + amount.value
    return [Amount(name, unit, round(value, 2)) for (name, unit), value in totals.items()]


def week_numbers(week: WeekFacts) -> str:
    """Exposure against limit per dimension, e.g. 'working time 10 of 12.5 h; heaviest load 5 of 7.5 kg'."""
    parts = []
    for amount in (week.hours, *week.dimensions):
        limit = f" of {number(amount.limit, down=True)}" if amount.limit is not None else ""
        parts.append(f"{amount.name.lower()} {number(amount.value)}{limit} {amount.unit}")
    load_limit = ""
    if week.heaviest_load_limit_kg is not None:
        load_limit = f" of {number(week.heaviest_load_limit_kg, down=True)}"
    parts.append(f"heaviest load {number(week.heaviest_load_kg)}{load_limit} kg")
    if week.full_duty:
        parts.append("full duty")
    return "; ".join(parts)
