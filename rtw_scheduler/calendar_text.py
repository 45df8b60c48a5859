"""What each audience reads in a plan's calendar: least necessary disclosure, by construction.

`rtw_scheduler.calendar_facts` turns the plan into *facts* (shifts, blocks, weeks, reviews,
appointments, rest days). The facts are built from the plan, the tasks and the policy
only: they hold no diagnosis, no clinical notes, no risk factors and no appointment
kinds. Each audience has a wording class that turns facts into a summary and a
description:

- worker: tasks, times, loads, the certificate's restrictions, the warm-up and the
  pain-monitoring reminders, and the practitioner's capacity reviews;
- supervisor: tasks, times and the restrictions in force that week (the policy's and the
  certificate's, with its source), in plain words; never the capacity reviews, since who
  reviews can hint at the condition (a review date shows only where a restriction runs until it);
- hr: hours and duty type only, nothing about the tasks;
- clinician: everything, including the clinical record, in its events only (CLASS:PRIVATE):
  calendar-level fields (name, description) show to anyone a calendar is shared with.

The phrases they share (numbers, times, a week's limits) are in `rtw_scheduler.calendar_phrases`.

The clinical record reaches a calendar through one door: `wording_for` reads
`scenario.worker.clinical`, the risk factors and the appointment kinds in its clinician
branch only, and hands them to `ClinicianWording` alone. No other wording class is ever
given the scenario or the worker, so it cannot leak what it never receives.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

from models.scenario import Scenario
from rtw_scheduler.calendar_facts import (
    AppointmentFacts,
    BlockFacts,
    CapacityReviewFacts,
    RestDayFacts,
    ReviewFacts,
    ShiftFacts,
)
from rtw_scheduler.calendar_phrases import (
    amounts_text,
    block_line,
    capacity_review_title,
    certificate,
    clock,
    day_exposure,
    duty,
    duty_with_tasks,
    hours,
    kg,
    phase_name,
    restrictions,
    review_scope,
    span,
    week_line,
    week_numbers,
    weeks_text,
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
        return Text(f"Return-to-work review ({review_scope(review)})",
                    f"Review of {weeks_text(review.weeks)} of the graded return to work with the worker "
                    f"and the clinician. {REVIEW_TIME_NOTE}")

    def capacity_review(self, review: CapacityReviewFacts) -> Text | None:
        """None: only the worker and the clinician see the practitioner's reviews (who reviews can hint at the
        condition); the supervisor reads a review date only where a restriction runs until it."""
        return None

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
        lines = [week_line(shift), "", *(block_line(b) for b in shift.blocks), ""]
        heaviest = shift.heaviest
        if heaviest is None:
            lines.append("No loads to handle today.")
        else:
            lines.append(f"Heaviest load today: {kg(heaviest.heaviest_load_kg)} ({heaviest.task_name}).")
        lines += certificate(shift.week)
        if any(b.warm_up for b in shift.blocks):
            lines.append(WARM_UP_REMINDER)
        lines.append(PAIN_REMINDER)
        return Text(duty_with_tasks(shift), "\n".join(lines))

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        lines = [f"{span(block)}, {hours(block.minutes)}. {week_line(shift)}"]
        if block.heaviest_load_kg > 0:
            lines.append(f"Loads up to {kg(block.heaviest_load_kg)}.")
        lines += certificate(shift.week)
        lines.append(WARM_UP_REMINDER if block.warm_up else PAIN_REMINDER)
        return Text(block.task_name, "\n".join(lines))

    def review(self, review: ReviewFacts) -> Text:
        return Text(f"Review meeting ({review_scope(review)})",
                    f"Review of {weeks_text(review.weeks)} with your clinician and supervisor: how the work "
                    "has felt, any pain during work or the next morning, and the next step of your plan. "
                    f"{REVIEW_TIME_NOTE}")

    def capacity_review(self, review: CapacityReviewFacts) -> Text | None:
        return Text(capacity_review_title(review), "Your treating practitioner reviews your capacity to work: a "
                    "new certificate may change your restrictions and your plan. Bring your plan along.")

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
        lines = [week_line(shift), "", *(block_line(b) for b in shift.blocks), "",
                 f"Restrictions this week: {restrictions(shift.week)}.", *certificate(shift.week), _STOP_NOTE]
        return Text(self.titled(duty_with_tasks(shift)), "\n".join(lines))

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        lines = [f"{span(block)}, {hours(block.minutes)}. {week_line(shift)}",
                 f"Restrictions this week: {restrictions(shift.week)}.", *certificate(shift.week), _STOP_NOTE]
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
        lines = [week_line(shift), "",
                 *(f"{block_line(b)}, DOT {b.strength_level.replace('_', ' ')}" for b in shift.blocks), "",
                 f"Day's exposure: {amounts_text(day_exposure(shift)) or 'none'}.",
                 f"Week {shift.week.number}: {week_numbers(shift.week)}.",
                 f"Restrictions this week: {restrictions(shift.week)}.", *certificate(shift.week)]
        return Text(self.titled(duty_with_tasks(shift)), "\n".join(lines))

    def block(self, shift: ShiftFacts, block: BlockFacts) -> Text:
        lines = [f"{block_line(block)}, DOT {block.strength_level.replace('_', ' ')}. {week_line(shift)}",
                 f"Exposure: {amounts_text(block.exposure) or 'none'}.",
                 f"Restrictions this week: {restrictions(shift.week)}.", *certificate(shift.week)]
        return Text(self.titled(block.task_name), "\n".join(lines))

    def review(self, review: ReviewFacts) -> Text:
        lines = [f"Clinical review of {weeks_text(review.weeks)}. {REVIEW_TIME_NOTE}", ""]
        lines += [f"Week {w.number} ({phase_name(w.phase)}): {week_numbers(w)}." for w in review.weeks]
        lines += ["", *self.record_lines()]
        return Text(self.titled(f"Clinical review ({review_scope(review)})"), "\n".join(lines))

    def capacity_review(self, review: CapacityReviewFacts) -> Text | None:
        return Text(self.titled(capacity_review_title(review)), "Capacity review by the treating practitioner: "
                    "a new certificate may replace the restrictions in force.")

    def appointment(self, appointment: AppointmentFacts) -> Text:
        kind = self.record.appointment_kinds[appointment.index]
        return Text(self.titled(f"Appointment: {kind}"),
                    f"{kind}, {clock(appointment.start)}–{clock(appointment.end)} (time blocked in the working day).")


_STOP_NOTE = ("If the worker reports pain above 5/10 during work, they stop the task: offer other duties "
              "within these restrictions.")
