"""A certificate's restrictions in plain words, once, for every view (plan, calendars, report, app).

The words are computed when the plan is assembled and travel in it (`WeekPlan.restrictions`),
so the supervisor's calendar, the CLI report and the app all say the same thing. They name
dimensions and tasks by the names staff read, and print numbers exactly as the certificate
gives them: a limit is never rounded (4.5 h stays 4.5 h, 0.5 kg stays 0.5 kg), because a
rounded-up limit would tell the supervisor more is allowed than the clinician wrote.
They hold work restrictions and the free-text `source` only: nothing clinical.
"""

from models.restrictions import Restriction, Review
from models.scenario import Scenario


def exact(value: float) -> str:
    """A number as written: 4.0 -> '4', 4.5 -> '4.5', 0.25 -> '0.25' (never rounded)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def restriction_limits(restriction: Restriction, scenario: Scenario) -> list[str]:
    """Each limit of the restriction in plain words, in the order a certificate lists them."""
    parts: list[str] = []
    if restriction.max_hours_per_day is not None:
        parts.append(f"at most {exact(restriction.max_hours_per_day)} h a day")
    days = restriction.max_days_per_week
    if days is not None:
        parts.append("no working days" if days == 0 else f"at most {days} {_plural(days, 'day')} a week")
    rest = restriction.min_rest_days_between_worked_days
    if rest:
        parts.append(f"at least {rest} rest {_plural(rest, 'day')} between worked days")
    kg = restriction.max_load_kg
    if kg is not None:
        parts.append("nothing lifted or carried" if kg == 0 else f"nothing over {exact(kg)} kg lifted or carried")
    names = {d.id: d.name for d in scenario.dimensions}
    parts += [f"no {_lower_first(names.get(dim, dim.replace('_', ' ')))}" for dim in restriction.banned_dimensions]
    tasks = {t.id: t.name for t in scenario.tasks}
    parts += [f"not {tasks.get(task_id, task_id)}" for task_id in restriction.banned_tasks]
    return parts


def restriction_period(restriction: Restriction, scenario: Scenario) -> str:
    """'from 2027-01-18, until the review on 2027-02-12': when it holds, as written (empty when always)."""
    parts: list[str] = []
    if restriction.from_date is not None:
        parts.append(f"from {restriction.from_date.isoformat()}")
    elif restriction.from_week is not None:
        parts.append(f"from week {restriction.from_week}")
    if restriction.until_date is not None:
        parts.append(f"until {restriction.until_date.isoformat()}")
    elif restriction.until_week is not None:
        parts.append(f"until week {restriction.until_week}")
    elif restriction.until_review:
        last = restriction.last_day(scenario.worker.plan_start_date, scenario.reviews)
        parts.append("until the next review" if last is None else f"until the review on {last.isoformat()}")
    return ", ".join(parts)


def restriction_words(restriction: Restriction, scenario: Scenario) -> str:
    """e.g. 'at most 4 h a day; no overhead work (certificate of capacity, 2027-01-04, until 2027-02-12)'.

    The review's reviewer is never named here (who reviews can hint at the condition): the
    words go to the supervisor."""
    limits = "; ".join(restriction_limits(restriction, scenario)) or "no limits given"
    context = restriction_context(restriction, scenario)
    return f"{limits} ({context})" if context else limits


def restriction_context(restriction: Restriction, scenario: Scenario) -> str:
    """'certificate of capacity, 2027-01-04, until 2027-02-12': its source and period (empty when neither)."""
    return ", ".join(part for part in (restriction.source.strip(), restriction_period(restriction, scenario)) if part)


def restrictions_by_week(scenario: Scenario) -> list[list[str]]:
    """For each plan week of the horizon, the restrictions binding it in plain words, in scenario order
    (whole-week semantics: a restriction binds every week holding one of its days)."""
    horizon = scenario.horizon_weeks
    weeks: list[list[str]] = [[] for _ in range(horizon)]
    for restriction in scenario.restrictions:
        words = restriction_words(restriction, scenario)
        for week in restriction.plan_weeks(scenario.worker.plan_start_date, scenario.reviews, horizon):
            weeks[week].append(words)
    return weeks


def review_words(review: Review) -> str:
    """'2027-02-12 (GP, Dr Lee)': a review date with its reviewer, for the clinician, worker and report."""
    return f"{review.date.isoformat()} ({review.by})" if review.by else review.date.isoformat()


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def _lower_first(name: str) -> str:
    """'Overhead work' -> 'overhead work'; an acronym ('DOT heavy work') keeps its capitals."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def restriction_label(index: int, restriction: Restriction, scenario: Scenario) -> str:
    """How the checker and "why no plan" name a restriction: 'restriction 1 (certificate of capacity,
    2027-01-04, until 2027-02-12)' (1-based, as a user counts the scenario's list)."""
    context = restriction_context(restriction, scenario)
    return f"restriction {index + 1}" + (f" ({context})" if context else "")
