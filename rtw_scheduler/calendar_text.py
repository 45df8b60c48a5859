"""What each audience reads in a plan's calendar: least necessary disclosure, by construction.

`rtw_scheduler.calendar_facts` turns the plan into *facts* (shifts, blocks, weeks, reviews,
appointments, rest days). The facts are built from the plan, the tasks and the policy
only: they hold no diagnosis, no clinical notes, no risk factors and no appointment
kinds. Each audience has a wording class that turns facts into a summary and a
description:

- worker: tasks, times, loads, the warm-up and the pain-monitoring reminders;
- supervisor: tasks, times and the restrictions in force that week, in plain words;
- hr: hours and duty type only, nothing about the tasks;
- clinician: everything, including the clinical record, in its events only (CLASS:PRIVATE):
  calendar-level fields (name, description) show to anyone a calendar is shared with.

The clinical record reaches a calendar through one door: `wording_for` reads
`scenario.worker.clinical`, the risk factors and the appointment kinds in its clinician
branch only, and hands them to `ClinicianWording` alone. No other wording class is ever
given the scenario or the worker, so it cannot leak what it never receives.
"""

import datetime as dt
import math
from dataclasses import dataclass
from typing import ClassVar, Literal

from models.scenario import Scenario
from rtw_scheduler.calendar_facts import (
    Amount,
    AppointmentFacts,
    BlockFacts,
    RestDayFacts,
    ReviewFacts,
    ShiftFacts,
    WeekFacts,
)

Audience = Literal["worker", "supervisor", "hr", "clinician"]
AUDIENCES: tuple[Audience, ...] = ("worker", "supervisor", "hr", "clinician")

PAIN_REMINDER = (
    "Pain check: pain during work up to 2/10 is fine and up to 5/10 is acceptable; above 5/10 stop "
    "and tell your supervisor. Pain should settle by the next morning; if it does not, tell your "
    "clinician before your next shift."
)
WARM_UP_REMINDER = "Warm up first: start the shift with the warm-up, before any other task."
REVIEW_TIME_NOTE = "This is the date the review is due; the time will be agreed."


@dataclass(frozen=True)
class Text:
    """What an event says: its title and its description."""

    summary: str
    description: str = ""


@dataclass(frozen=True)
class ClinicalRecord:
    """Private to the clinical team; only `ClinicianWording` ever holds one."""

    diagnosis: str
    history: str
    notes: str
    risk_factors: tuple[str, ...]
    appointment_kinds: tuple[str, ...]


def wording_for(audience: str, scenario: Scenario) -> "Wording":
    """The wording for `audience`; the clinical record is read in the clinician branch only."""
    name = scenario.worker.display_name
    if audience == "worker":
        return WorkerWording(name)
    if audience == "supervisor":
        return SupervisorWording(name)
    if audience == "hr":
        return HrWording(name)
    if audience == "clinician":
        worker = scenario.worker
        record = ClinicalRecord(
            diagnosis=worker.clinical.diagnosis,
            history=worker.clinical.history,
            notes=worker.clinical.notes,
            risk_factors=tuple(worker.risk_factors),
            appointment_kinds=tuple(a.kind for a in scenario.availability.appointments),
        )
        return ClinicianWording(name, record)
    raise ValueError(f"unknown audience {audience!r} (choose from {', '.join(AUDIENCES)})")


class Wording:
    """Shared wording; each audience overrides what it sees differently."""

    audience: ClassVar[Audience]
    private: ClassVar[bool] = False
    """Mark events CLASS:PRIVATE (hidden from others who can see a shared calendar)."""
    names_in_summary: ClassVar[bool] = True
    """Start each summary with the worker's name (the worker's own calendar does not)."""

    def __init__(self, display_name: str) -> None:
        self.display_name = display_name

    def titled(self, summary: str, force_name: bool = False) -> str:
        return f"{self.display_name}: {summary}" if self.names_in_summary or force_name else summary

    def calendar_description(self) -> str:
        return f"Graded return-to-work plan for {self.display_name}."

    def shift(self, shift: ShiftFacts) -> Text:
        raise NotImplementedError

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        raise NotImplementedError

    def review(self, review: ReviewFacts) -> Text:
        return Text(f"Return-to-work review ({_review_scope(review)})",
                    f"Review of {_weeks(review.weeks)} of the graded return to work with the worker "
                    f"and the clinician. {REVIEW_TIME_NOTE}")

    def appointment(self, appointment: AppointmentFacts) -> Text:
        return Text("Appointment (time blocked)", "Time blocked in the working day for an appointment.")

    def rest_day(self, day: RestDayFacts) -> Text:
        if day.site_closed is not None:
            closed = f"Site closed: {day.site_closed}." if day.site_closed else "Site closed."
            return Text("Rest day (site closed)", closed)
        return Text("Rest day", "No work planned today.")


class WorkerWording(Wording):
    """The worker's own calendar: what to do, how heavy, warm up, and how to read pain."""

    audience: ClassVar[Audience] = "worker"
    names_in_summary = False

    def calendar_description(self) -> str:
        return ("Your graded return-to-work plan: each shift lists your tasks, their times and the "
                f"heaviest loads. {WARM_UP_REMINDER} {PAIN_REMINDER}")

    def shift(self, shift: ShiftFacts) -> Text:
        lines = [_week_line(shift), "", *(_block_line(b) for b in shift.blocks), ""]
        heaviest = shift.heaviest
        if heaviest is None:
            lines.append("No loads to handle today.")
        else:
            lines.append(f"Heaviest load today: {kg(heaviest.heaviest_load_kg)} ({heaviest.task_name}).")
        if any(b.warm_up for b in shift.blocks):
            lines.append(WARM_UP_REMINDER)
        lines.append(PAIN_REMINDER)
        return Text(_duty_with_tasks(shift), "\n".join(lines))

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        lines = [f"{span(block)}, {hours(block.minutes)}. {_week_line(shift)}"]
        if block.heaviest_load_kg > 0:
            lines.append(f"Loads up to {kg(block.heaviest_load_kg)}.")
        lines.append(WARM_UP_REMINDER if block.warm_up else PAIN_REMINDER)
        return Text(block.task_name, "\n".join(lines))

    def review(self, review: ReviewFacts) -> Text:
        return Text(f"Review meeting ({_review_scope(review)})",
                    f"Review of {_weeks(review.weeks)} with your clinician and supervisor: how the work "
                    "has felt, any pain during work or the next morning, and the next step of your plan. "
                    f"{REVIEW_TIME_NOTE}")

    def rest_day(self, day: RestDayFacts) -> Text:
        text = super().rest_day(day)
        return Text(text.summary, f"{text.description} Rest lets your body recover between working days.")


class SupervisorWording(Wording):
    """Organising duties: tasks, times and this week's restrictions; nothing clinical."""

    audience: ClassVar[Audience] = "supervisor"

    def calendar_description(self) -> str:
        return (f"Graded return-to-work plan for {self.display_name}: tasks, times and the work "
                "restrictions in force each week.")

    def shift(self, shift: ShiftFacts) -> Text:
        lines = [_week_line(shift), "", *(_block_line(b) for b in shift.blocks), "",
                 f"Restrictions this week: {restrictions(shift.week)}.", _STOP_NOTE]
        return Text(self.titled(_duty_with_tasks(shift)), "\n".join(lines))

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        lines = [f"{span(block)}, {hours(block.minutes)}. {_week_line(shift)}",
                 f"Restrictions this week: {restrictions(shift.week)}.", _STOP_NOTE]
        return Text(self.titled(block.task_name), "\n".join(lines))

    def review(self, review: ReviewFacts) -> Text:
        text = super().review(review)
        return Text(self.titled(text.summary), text.description)

    def appointment(self, appointment: AppointmentFacts) -> Text:
        text = super().appointment(appointment)
        return Text(self.titled(text.summary), text.description)

    def rest_day(self, day: RestDayFacts) -> Text:
        text = super().rest_day(day)
        return Text(self.titled(text.summary), text.description)


class HrWording(SupervisorWording):
    """Hours and duty type only: no task names, loads or restrictions."""

    audience: ClassVar[Audience] = "hr"

    def calendar_description(self) -> str:
        return f"Graded return-to-work plan for {self.display_name}: working hours and duty type."

    def shift(self, shift: ShiftFacts) -> Text:
        first, last = shift.blocks[0], shift.blocks[-1]
        return Text(self.titled(f"{duty(shift.week)}, {hours(shift.worked_minutes)}"),
                    f"Graded return to work, week {shift.week.number}: {duty(shift.week).lower()}, "
                    f"{hours(shift.worked_minutes)} of work between {clock(first.start)} and {clock(last.end)}.")

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        return Text(self.titled(f"{duty(shift.week)}, {hours(block.minutes)}"),
                    f"Graded return to work, week {shift.week.number}: {span(block)}.")


class ClinicianWording(SupervisorWording):
    """Everything: tasks, loads, exposures against limits, and the clinical record."""

    audience: ClassVar[Audience] = "clinician"
    private = True

    def __init__(self, display_name: str, record: ClinicalRecord) -> None:
        super().__init__(display_name)
        self.record = record

    def calendar_description(self) -> str:
        """No clinical text: a calendar's own name and description show to everyone it is
        shared with, even where its events are private. The record is in the review events."""
        return f"Graded return-to-work plan for {self.display_name} (clinician view)."

    def record_lines(self) -> list[str]:
        record = self.record
        return [f"Diagnosis: {record.diagnosis or '(not recorded)'}",
                f"History: {record.history or '(not recorded)'}",
                f"Clinical notes: {record.notes or '(none)'}",
                f"Risk factors: {', '.join(record.risk_factors) or 'none'}"]

    def shift(self, shift: ShiftFacts) -> Text:
        lines = [_week_line(shift), "",
                 *(f"{_block_line(b)}, DOT {b.strength_level.replace('_', ' ')}" for b in shift.blocks), "",
                 f"Day's exposure: {_amounts(_day_exposure(shift)) or 'none'}.",
                 f"Week {shift.week.number}: {_week_numbers(shift.week)}.",
                 f"Restrictions this week: {restrictions(shift.week)}."]
        return Text(self.titled(_duty_with_tasks(shift)), "\n".join(lines))

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        lines = [f"{_block_line(block)}, DOT {block.strength_level.replace('_', ' ')}. {_week_line(shift)}",
                 f"Exposure: {_amounts(block.exposure) or 'none'}.",
                 f"Restrictions this week: {restrictions(shift.week)}."]
        return Text(self.titled(block.task_name), "\n".join(lines))

    def review(self, review: ReviewFacts) -> Text:
        lines = [f"Clinical review of {_weeks(review.weeks)}. {REVIEW_TIME_NOTE}", ""]
        lines += [f"Week {w.number} ({phase_name(w.phase)}): {_week_numbers(w)}." for w in review.weeks]
        lines += ["", *self.record_lines()]
        return Text(self.titled(f"Clinical review ({_review_scope(review)})"), "\n".join(lines))

    def appointment(self, appointment: AppointmentFacts) -> Text:
        kind = self.record.appointment_kinds[appointment.index]
        return Text(self.titled(f"Appointment: {kind}"),
                    f"{kind}, {clock(appointment.start)}–{clock(appointment.end)} (time blocked in the working day).")


_STOP_NOTE = ("If the worker reports pain above 5/10 during work, they stop the task: offer other duties "
              "within these restrictions.")


# --- shared phrasing -------------------------------------------------------------------------


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


def _block_line(block: BlockFacts) -> str:
    load = f" (loads up to {kg(block.heaviest_load_kg)})" if block.heaviest_load_kg > 0 else ""
    return f"{span(block)}  {block.task_name}{load}"


def _week_line(shift: ShiftFacts) -> str:
    week = shift.week
    deload = ", lighter (deload) week" if week.deload else ""
    return (f"Week {week.number}, {phase_name(week.phase)} phase{deload}: {duty(week).lower()}, "
            f"{hours(shift.worked_minutes)} of work.")


def _duty_with_tasks(shift: ShiftFacts) -> str:
    tasks = shift.tasks
    return f"{duty(shift.week)}: {', '.join(tasks)}" if tasks else duty(shift.week)


def _review_scope(review: ReviewFacts) -> str:
    if review.plan_end:
        return "end of plan"
    if review.phase is not None:
        return f"end of {phase_name(review.phase)} phase"
    return _weeks(review.weeks)


def _weeks(weeks: tuple[WeekFacts, ...]) -> str:
    first, last = weeks[0].number, weeks[-1].number
    return f"week {first}" if first == last else f"weeks {first}–{last}"


def _amounts(amounts: tuple[Amount, ...] | list[Amount]) -> str:
    return ", ".join(f"{a.name.lower()} {number(a.value)} {a.unit}" for a in amounts)


def _day_exposure(shift: ShiftFacts) -> list[Amount]:
    totals: dict[tuple[str, str], float] = {}
    for block in shift.blocks:
        for amount in block.exposure:
            key = (amount.name, amount.unit)
            totals[key] = totals.get(key, 0.0) + amount.value
    return [Amount(name, unit, round(value, 2)) for (name, unit), value in totals.items()]


def _week_numbers(week: WeekFacts) -> str:
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
