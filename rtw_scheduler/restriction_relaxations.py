"""What would make a plan possible when a certificate's restriction is in the conflict.

A restriction is the treating practitioner's, not the planner's nor the employer's: no
suggestion loosens its limits. What a practitioner may do at a review is end it sooner,
so the one kind of change tried is its period ending earlier: at a review that falls
inside it, or by whole weeks (each week earlier frees one plan week, the restriction binding
whole weeks). The latest end that admits a plan is found by bisection (ending earlier only
ever frees weeks), then planned for real like every suggestion, and said to be a
clinical decision taken at a review.
"""

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from models.families import Family
from models.plan import Promise
from models.restriction_words import restriction_label, review_words
from models.scenario import Scenario
from rtw_scheduler.restriction_phrases import PATTERN
from rtw_scheduler.stepping import smallest_that_works

if TYPE_CHECKING:
    from rtw_scheduler.relaxations import Relaxation, _Budget

_PATH = re.compile(PATTERN)


def earlier_restriction_end(scenario: Scenario, budget: "_Budget",
                            conflict: list[Promise] | None) -> "Relaxation | None":
    """The latest earlier end, of the first restriction in the conflict that has one, that plans
    (every restriction when the conflict is not known)."""
    named = sorted({int(m["index"]) for p in conflict or [] if (m := _PATH.fullmatch(p.path))})
    for index in named if conflict else range(len(scenario.restrictions)):
        ends = earlier_ends(scenario, index)

        def changes(n: int, index: int = index, ends: list[tuple[dt.date, str]] = ends) -> dict[str, Any]:
            return ended(scenario, index, ends[n][0])

        def works(n: int, changes: Callable[[int], dict[str, Any]] = changes) -> bool:
            return budget.feasible(changes(n))

        found = smallest_that_works(list(range(len(ends))), works)
        if found is None:
            continue
        relaxation = budget.planned(_text(scenario, index, *ends[found]), changes(found))
        if relaxation is not None:
            return relaxation
    return None


def earlier_ends(scenario: Scenario, index: int) -> list[tuple[dt.date, str]]:
    """Earlier last days for restriction `index`, latest first, each with why: a review inside its period,
    or whole weeks before its end (the plan's last day for an open-ended one), down to its first day."""
    start, reviews = scenario.worker.plan_start_date, scenario.reviews
    restriction = scenario.restrictions[index]
    first = restriction.first_day(start)
    last = restriction.last_day(start, reviews) or start + dt.timedelta(weeks=scenario.horizon_weeks, days=-1)
    ends = {review.date: f"at the review on {review_words(review)}" for review in reviews
            if first <= review.date < last}
    weeks = 1
    while last - dt.timedelta(weeks=weeks) >= first:
        ends.setdefault(last - dt.timedelta(weeks=weeks), f"{weeks} week{'s' if weeks > 1 else ''} earlier")
        weeks += 1
    return sorted(ends.items(), reverse=True)


def ended(scenario: Scenario, index: int, last_day: dt.date) -> dict[str, Any]:
    """The changes (a variants file's) that end restriction `index` on `last_day`."""
    rows = scenario.model_dump(mode="json")["restrictions"]
    rows[index] = {**rows[index], "until_date": last_day.isoformat(), "until_week": None, "until_review": False}
    return {"restrictions": rows}


def _text(scenario: Scenario, index: int, last_day: dt.date, why: str) -> str:
    week = (last_day - scenario.worker.plan_start_date).days // 7 + 1
    label = restriction_label(index, scenario.restrictions[index], scenario)
    return (f"if the treating practitioner ended {label} on {last_day.isoformat()} (week {week}), {why}: "
            "a clinical decision, for a review, never the planner's")


def practitioner_lines(conflict: list[Promise] | None) -> list[str]:
    """Who alone can change the certificate's limits in the conflict (empty when none is in it)."""
    paths = list(dict.fromkeys(p.path for p in conflict or [] if p.family == Family.RESTRICTIONS))
    if not paths:
        return []
    return [f"only the treating practitioner can change the certificate's limits ({'; '.join(paths)}), "
            "at a review"]
