"""A re-plan's weeks (models.resumption) as the planner's own week solutions: the weeks done, which it
fixes, and the previous version's weeks, which it keeps where it can."""

from models.resumption import DoneWeek
from models.scenario import Scenario
from solver.solution import WeekSolution


def done_weeks(scenario: Scenario) -> list[WeekSolution]:
    """The weeks the scenario's resumption holds as worked, from week 0 (none without one)."""
    return [] if scenario.resumption is None else week_solutions(scenario, scenario.resumption.done)


def week_solutions(scenario: Scenario, weeks: list[DoneWeek]) -> list[WeekSolution]:
    """Weeks of minutes per task and day as solutions in slots, from week 0."""
    slot = scenario.policy.slot_minutes
    start = scenario.worker.plan_start_date
    phases = [phase.name for phase in scenario.policy.phases]
    return [WeekSolution(number=w, phase=phases.index(week.phase), full_duty=week.full_duty,
                         day_length_slots=week.day_length_minutes // slot,
                         days={(date - start).days: {task: minutes // slot for task, minutes in tasks.items()}
                               for date, tasks in week.days.items() if tasks})
            for w, week in enumerate(weeks)]
