"""Why no plan, for a certificate's limit: 'at most 4 h a day, by restriction 1 (certificate of capacity,
2027-01-04, until 2027-02-12)'.

Each limit of a restriction is a promise of its own (solver.rules.restriction_rules); its
words are the certificate's own (models.restriction_words, the words the supervisor's
calendar shows), and a limit that keeps tasks out names them, so the clinician sees what
the certificate costs the plan. These are promises only the treating practitioner can
change (rtw_scheduler.relaxations says so).
"""

import re

from models.plan import Promise
from models.restriction_words import restriction_label, restriction_limits
from models.restrictions import Restriction
from models.scenario import Scenario

PATTERN = r"restrictions\[(?P<index>\d+)\]\.(?P<field>\w+)"
"""The promise paths of restrictions (why_no_plan's table holds it)."""

_LIMITS = ("max_hours_per_day", "max_days_per_week", "min_rest_days_between_worked_days", "max_load_kg",
           "banned_dimensions", "banned_tasks")


def restriction_phrase(scenario: Scenario, promise: Promise, match: re.Match[str]) -> str:
    """One limit of one restriction in the certificate's words, with the tasks it keeps out."""
    index, field = int(match["index"]), match["field"]
    restriction = scenario.restrictions[index]
    words = "; ".join(restriction_limits(only(restriction, field), scenario)) or field.replace("_", " ")
    text = f"{words}, by {restriction_label(index, restriction, scenario)}"
    if field in ("max_load_kg", "banned_dimensions"):
        out = [task.id for task in scenario.tasks if restriction.excludes(task) == field]
        text += f" (keeps out {', '.join(out)})" if out else ""
    return text


def only(restriction: Restriction, field: str) -> Restriction:
    """The restriction with one limit kept and the others left out (its period unchanged)."""
    cleared: dict[str, list[str] | None] = {name: [] if name.startswith("banned_") else None
                                            for name in _LIMITS if name != field}
    return restriction.model_copy(update=cleared)
