"""The spreadsheet ramp people use today, built for a scenario and held to the same checker.

2 h x 3 days -> 4 h x 4 days -> 6 h x 5 days -> 8 h x 5 days, two weeks per step, then
8 h x 5 days to the horizon (../shared/domain.md: "a common spreadsheet template ... the
naive baseline the optimiser should beat"). Each worked day is filled with the duties the
site offers that day, lightest first, each up to its offer (and its longest block, so that
the day can be laid out); the warm-up opens the day. The
days of a step are spread over the week's rostered days (Mon/Wed/Fri for three). It knows
nothing of loads, increments, phases or targets: the checker says what that costs.
"""

import dataclasses

from models.applied import apply_policy
from models.plan import Plan, SolveSummary
from models.scenario import Scenario
from solver.assemble import assemble_plan
from solver.day_kinds import PlanCalendar, day_capacity_slots, offered_minutes
from solver.layout import lightness
from solver.solution import Solution, WeekSolution
from solver.solve import SolveOutcome
from solver.variables import fixed_phase_starts

STEPS = [(2, 3), (4, 4), (6, 5), (8, 5)]
"""(hours a day, days a week), each for WEEKS_PER_STEP weeks, the last to the horizon."""
WEEKS_PER_STEP = 2


def ramp_plan(scenario: Scenario) -> Plan:
    """The spreadsheet ramp as a plan, full duty flagged from the first week that meets every target."""
    calendar = PlanCalendar.of(scenario)
    policy = scenario.policy
    starts = fixed_phase_starts(scenario, apply_policy(scenario)) or [sum(p.min_weeks for p in policy.phases[:i])
                                              for i in range(len(policy.phases))]
    weeks = []
    for number in range(scenario.horizon_weeks):
        hours, days = STEPS[min(number // WEEKS_PER_STEP, len(STEPS) - 1)]
        rostered = [day for day in calendar.days[7 * number: 7 * number + 7] if day_capacity_slots(scenario, day)]
        chosen = _spread(rostered, days)
        worked = {day.index: _fill(scenario, day, hours) for day in chosen}
        worked = {index: slots for index, slots in worked.items() if slots}
        phase = max(p for p, start in enumerate(starts) if number >= start)
        length = max((sum(slots.values()) for slots in worked.values()), default=0)
        weeks.append(WeekSolution(number=number, phase=phase, full_duty=False, day_length_slots=length, days=worked))
    plan = assemble_plan(scenario, SolveOutcome(SolveSummary(status="FEASIBLE"), Solution(weeks)))
    first = next((w.number for w in plan.weeks if _meets_targets(w)), None)
    if first is not None:
        flagged = [dataclasses.replace(w, full_duty=True) if i + 1 >= first else w
                   for w, i in zip(weeks, range(len(weeks)), strict=True)]
        plan = assemble_plan(scenario, SolveOutcome(SolveSummary(status="FEASIBLE"), Solution(flagged)))
    return plan


def _spread(days: list, count: int) -> list:  # type: ignore[type-arg]
    """`count` of the rostered days, as evenly spread as the week allows."""
    if count >= len(days):
        return days
    step = len(days) / count
    return [days[int(i * step)] for i in range(count)]


def _fill(scenario: Scenario, day, hours: float) -> dict[str, int]:  # type: ignore[no-untyped-def]
    slot = scenario.policy.slot_minutes
    room = min(round(hours * 60) // slot, day_capacity_slots(scenario, day))
    slots: dict[str, int] = {}
    warm_up = next((t for t in scenario.tasks if t.warm_up), None)
    if warm_up is not None and scenario.policy.warm_up_minutes:
        slots[warm_up.id] = scenario.policy.warm_up_minutes // slot
        room -= slots[warm_up.id]
    for task in sorted((t for t in scenario.tasks if not t.warm_up), key=lightness):
        if room <= 0:
            break
        take = min(room, offered_minutes(scenario, task, day) // slot)
        if task.max_block_minutes is not None:  # one run of each duty: the layout can always place it
            take = min(take, task.max_block_minutes // slot)
        if take > 0:
            slots[task.id] = take
            room -= take
    return slots if len(slots) > (1 if warm_up else 0) else {}


def _meets_targets(week) -> bool:  # type: ignore[no-untyped-def]
    return all(limit.full_duty_target is None or week.exposure[dim] >= limit.full_duty_target - 1e-6
               for dim, limit in week.limits.items())
