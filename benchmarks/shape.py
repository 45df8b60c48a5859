"""What a clinician sees first in a plan, as numbers: how regular its days are, how short its
shortest day, how often its hours fall without a reason, how its first weeks rest."""

from dataclasses import dataclass

from models.plan import Plan


@dataclass(frozen=True)
class Shape:
    most_day_lengths: int
    """The most distinct worked-day lengths in any one week."""
    shortest_day_h: float
    unexplained_falls: int
    """Weeks before full duty holding fewer hours than the week before, with no reason named."""
    longest_run_first_phase: int
    """The longest run of worked days in a row in the first phase."""


def plan_shape(plan: Plan) -> Shape:
    lengths = [len({d.worked_minutes for d in w.days if d.blocks}) for w in plan.weeks]
    shortest = min((d.worked_minutes for w in plan.weeks for d in w.days if d.blocks), default=0) / 60
    falls = sum(1 for before, week in zip(plan.weeks, plan.weeks[1:], strict=False)
                if not week.full_duty and week.exposure["work_hours"] < before.exposure["work_hours"] - 1e-9
                and not week.falls)
    first = plan.weeks[0].phase if plan.weeks else None
    run = longest = 0
    for week in plan.weeks:
        for day in week.days:
            run = run + 1 if day.blocks else 0
            if week.phase == first:
                longest = max(longest, run)
    return Shape(max(lengths, default=0), round(shortest, 2), falls, longest)
