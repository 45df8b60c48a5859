"""Why no plan, in the scenario's own words: one phrase per conflicting promise.

solver.diagnose names a minimal set of promises (models.plan.Promise) that cannot all
hold; each is phrased here from the scenario's numbers and the place it is set, so a
supervisor reads "order-picking offered up to 4 h a day, Mon-Fri" rather than a rule
name, and a clinician sees which field to change. Appointments are named by date and
time only, never by kind (the kind may be clinical).
"""

import re
from collections.abc import Callable

from models.availability import TaskOffer
from models.numbers import limit as limit_num
from models.plan import Promise, SolveSummary
from models.scenario import Scenario
from models.shifts import WeeklyPattern
from rtw_scheduler import promise_words as words
from rtw_scheduler import restriction_phrases
from rtw_scheduler.promise_words import amount, capital, hhmm, num, plan_week, weekdays_text
from rtw_scheduler.report import describe_family

Phrase = Callable[[Scenario, Promise, re.Match[str]], str]


def explain_conflict(scenario: Scenario, conflict: list[Promise]) -> list[str]:
    """One phrase per promise of the conflict, with the scenario's numbers."""
    return [describe_promise(scenario, promise) for promise in conflict]


def conflict_sentence(scenario: Scenario, conflict: list[Promise]) -> str:
    """All of it in one sentence: 'A; B; C: these cannot all hold together.'"""
    phrases = explain_conflict(scenario, conflict)
    if not phrases:
        return "No plan, and the conflicting promises were not identified."
    if len(phrases) == 1:
        return f"{capital(phrases[0])}: this cannot hold."
    return f"{capital('; '.join(phrases))}: these cannot all hold together."


def conflict_lines(scenario: Scenario, summary: SolveSummary) -> list[str]:
    """The terminal's 'Why no plan': the sentence, then each promise with where it is set."""
    if not summary.conflict:
        return ["Why no plan: the conflicting promises were not identified in the time allowed."]
    lines = [f"Why no plan: {conflict_sentence(scenario, summary.conflict)}",
             "Change any one of these and the others admit a plan:"
             if summary.conflict_is_minimal else
             "These have no plan together (not proven minimal: a check ran out of time, fewer might do):"]
    lines += [f"  - {promise.path}: {phrase}"
              for promise, phrase in zip(summary.conflict, explain_conflict(scenario, summary.conflict), strict=True)]
    return lines


def describe_promise(scenario: Scenario, promise: Promise) -> str:
    """e.g. 'at most 20 % more hours each week plus 3 h, from a 12 h baseline'."""
    for pattern, phrase in _PHRASES:
        match = pattern.fullmatch(promise.path)
        if match:
            return phrase(scenario, promise, match)
    return f"{describe_family(promise.family)} ({promise.path})"


def has_phrase(promise: Promise) -> bool:
    """Whether the promise has its own phrase (not the family's generic description)."""
    return any(pattern.fullmatch(promise.path) for pattern, _ in _PHRASES)


# --- hours and recovery -------------------------------------------------------------------


def _daily_cap(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    return f"at most {limit_num(phase.daily_hours_cap)} h a day in {phase.name}"


def _unless_phases_set(scenario: Scenario, text: str, field: str) -> str:
    """A policy-wide promise, with the phases that set their own named."""
    own = [p.name for p in scenario.policy.phases if getattr(p, field) is not None]
    return text + (f" (outside {', '.join(own)}, which set their own)" if own else "")


def _shortest_day(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return _unless_phases_set(scenario, f"at least {num(scenario.policy.min_hours_per_worked_day)} h on a day worked",
                              "min_hours_per_worked_day")


def _phase_shortest_day(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    return f"at least {num(scenario.policy.shortest_day_hours(phase))} h on a day worked in {phase.name}"


def _regular_days(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return ("the same hours on every worked day of a week, and the same duties where the same are offered "
            "(shorter only where an appointment or a shorter shift leaves less room)")


def _steady_climb(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return ("no fewer hours, days or a shorter day than the week before until full duty, "
            "unless the calendar takes them away (closures, appointments, fewer shifts) or it is a deload week")


def _rest(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return _unless_phases_set(scenario, f"at least {scenario.policy.recovery.min_rest_days_per_week} rest days a week",
                              "min_rest_days_per_week")


def _phase_rest(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    return f"at least {phase.min_rest_days_per_week} rest days a week in {phase.name}"


def _consecutive(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return _unless_phases_set(
        scenario, f"at most {scenario.policy.recovery.max_consecutive_work_days} working days in a row",
        "max_consecutive_work_days")


def _phase_consecutive(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    return f"at most {scenario.policy.most_days_in_a_row(phase)} working days in a row in {phase.name}"


def _rest_between(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    phase = scenario.policy.phases[int(match["phase"])]
    days = scenario.policy.rest_days_between(phase)
    default = "" if phase.min_rest_days_between_worked_days is not None else " (the default for a first phase)"
    return f"{days} rest day{'s' if days != 1 else ''} between worked days in {phase.name}{default}"


def _heavy(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    thresholds = scenario.policy.recovery.heavy_day_threshold
    parts = ", ".join(amount(scenario, dim, value) for dim, value in thresholds.items())
    return f"no two heavy days in a row (a day with {parts} or more is heavy)"


def _deload(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    deload = scenario.policy.recovery.deload
    assert deload is not None
    return (f"a deload week every {deload.every_weeks} weeks, at most "
            f"{limit_num(deload.max_percent_of_previous)} % of the week before")


def _share(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    period = match["period"]
    share = getattr(scenario.policy.variability, f"max_share_of_{period}")
    return f"at most {limit_num(share * 100)} % of a {period} on one task"


def _warm_up(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    return f"a {scenario.policy.warm_up_minutes}-minute warm-up at the start of every worked shift"


# --- tasks, the roster and the site ------------------------------------------------------


def _block(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    task = scenario.tasks[int(match["task"])]
    if match["bound"] == "min":
        return f"{task.id} in stretches of at least {task.min_block_minutes} min"
    return f"{task.id} in stretches of at most {task.max_block_minutes} min, with other work between"


def _task_day(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    task = scenario.tasks[int(match["task"])]
    return f"{task.id} at most {task.max_minutes_per_day} min a day"


def _offer(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    offer = scenario.availability.offers[int(match["offer"])]
    if _is_warm_up(scenario, offer.task_id):
        return _warm_up(scenario, promise, match)
    text = f"{offer.task_id} offered up to {limit_num(offer.hours_per_day)} h a day on {offer_days(offer)}"
    if offer.shift_kinds:
        text += " (" + " or ".join(k.value for k in offer.shift_kinds) + " shifts)"
    if offer.from_date:
        text += f" from {offer.from_date.isoformat()} (week {plan_week(scenario, offer.from_date)})"
    if offer.until_date:
        text += f" until {offer.until_date.isoformat()} (week {plan_week(scenario, offer.until_date)})"
    return text


def offer_days(offer: TaskOffer) -> str:
    """'Mon-Fri', '2027-01-11, 2027-01-12', 'every day'."""
    return ", ".join(d.isoformat() for d in offer.dates) if offer.dates else weekdays_text(offer.weekdays)


def _is_warm_up(scenario: Scenario, task_id: str | None) -> bool:
    """The warm-up needs no offer: whatever promise names its task is the warm-up itself."""
    return any(task.warm_up for task in scenario.tasks if task.id == task_id)


def _not_offered(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    if _is_warm_up(scenario, promise.subject):
        return _warm_up(scenario, promise, match)
    if any(o.task_id == promise.subject for o in scenario.availability.offers):
        return f"{promise.subject} offered on no other day or shift"
    return f"{promise.subject} not offered at all"


def _closure(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    blackout = scenario.availability.blackouts[int(match["index"])]
    reason = f" ({blackout.reason})" if blackout.reason else ""
    return f"the site closed on {blackout.date.isoformat()}{reason}"


def _appointment(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    appointment = scenario.availability.appointments[int(match["index"])]
    return (f"an appointment on {appointment.date.isoformat()} "
            f"{hhmm(appointment.start)}-{hhmm(appointment.end)}")


def _shift(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    pattern = scenario.worker.shift_pattern
    code = match["code"]
    shift = pattern.shifts[code]
    if isinstance(pattern, WeeklyPattern):
        days = weekdays_text([day for day, c in pattern.week.items() if c == code])
    else:
        days = f"{sum(c == code for c in pattern.cycle)} of every {len(pattern.cycle)} days"
    minutes = sum(b.minutes for b in shift.breaks)
    breaks = f" less {minutes} min of breaks" if minutes else ""
    return f"the {code} shift ({hhmm(shift.start)}-{hhmm(shift.end)}{breaks}) on {days}"


_PHRASES: list[tuple[re.Pattern[str], Phrase]] = [(re.compile(pattern), phrase) for pattern, phrase in [
    (r"worker\.contracted_hours_per_week", words.contracted),
    (r"policy\.target\.weekly_exposure\.(?P<dim>[\w-]+)", words.target_exposure),
    (r"policy\.target\.heaviest_load_kg", words.target_heaviest),
    (r"policy\.target\.latest_date", words.latest_date),
    (r"policy\.horizon_weeks", words.horizon),
    (r"policy\.phases\[(?P<phase>\d+)\]\.min_weeks", words.min_weeks),
    (r"policy\.increments\.(?P<dim>[\w-]+)", words.increment),
    (r"policy\.heaviest_load_step_kg", words.load_step),
    (r"policy\.heaviest_load_protocol\[(?P<rung>\d+)\]", words.protocol_rung),
    (r"policy\.phases\[(?P<phase>\d+)\]\.earliest_start", words.earliest_start),
    (r"policy\.phases\[(?P<phase>\d+)\]\.max_weeks", words.max_weeks),
    (r"policy\.target\.ceiling_margin_percent", words.job_ceiling),
    (r"policy\.phases\[(?P<phase>\d+)\]\.weekly_ceiling\.(?P<dim>[\w-]+)", words.phase_ceiling),
    (r"policy\.acwr_max", words.acwr),
    (r"policy\.max_lifting_index", words.lifting_index),
    (r"policy\.phases\[(?P<phase>\d+)\]\.(?P<limit>max_strength_level|max_lifting_index)", words.phase_task_limit),
    (r"policy\.phases\[(?P<phase>\d+)\]\.entry_criteria", words.entry),
    (r"policy\.phases\[(?P<phase>\d+)\]\.daily_hours_cap", _daily_cap),
    (r"policy\.min_hours_per_worked_day", _shortest_day),
    (r"policy\.phases\[(?P<phase>\d+)\]\.min_hours_per_worked_day", _phase_shortest_day),
    (r"policy\.day_pattern", _regular_days),
    (r"policy\.steady_climb", _steady_climb),
    (r"policy\.phases\[(?P<phase>\d+)\]\.max_consecutive_work_days", _phase_consecutive),
    (r"policy\.phases\[(?P<phase>\d+)\]\.min_rest_days_between_worked_days", _rest_between),
    (r"policy\.recovery\.min_rest_days_per_week", _rest),
    (r"policy\.phases\[(?P<phase>\d+)\]\.min_rest_days_per_week", _phase_rest),
    (r"policy\.recovery\.max_consecutive_work_days", _consecutive),
    (r"policy\.recovery\.heavy_day_threshold", _heavy),
    (r"policy\.recovery\.deload", _deload),
    (r"policy\.variability\.max_share_of_(?P<period>day|week)", _share),
    (r"policy\.warm_up_minutes", _warm_up),
    (r"tasks\[(?P<task>\d+)\]\.(?P<bound>min|max)_block_minutes", _block),
    (r"tasks\[(?P<task>\d+)\]\.max_minutes_per_day", _task_day),
    (r"availability\.offers\[(?P<offer>\d+)\]", _offer),
    (r"availability\.offers", _not_offered),
    (r"availability\.blackouts\[(?P<index>\d+)\]", _closure),
    (r"availability\.appointments\[(?P<index>\d+)\]", _appointment),
    (r"worker\.shift_pattern\.shifts\.(?P<code>[\w-]+)", _shift),
    (restriction_phrases.PATTERN, restriction_phrases.restriction_phrase),
]]
