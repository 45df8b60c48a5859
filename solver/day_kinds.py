"""Days of a week that the plan treats alike: the same workable time and the same duties offered.

A written plan says "4 h a day, Mon/Wed/Fri: label scanning, then packing". The planner
decides per week and per *kind* of day rather than per calendar day: rostered days of one
week whose workable time and offered duties are identical form one kind, and every worked
day of a kind gets the same duties for the same minutes. Days differ only where the site
differs (restocking only on Mondays, Wednesdays and Fridays), where an appointment or a
shorter shift takes time, or, with `policy.day_pattern: free`, always (each day its own kind).
"""

from dataclasses import dataclass

from models.calendar import PlanDay, plan_days, whole_slot_minutes
from models.policy import Phase, Policy
from models.scenario import Scenario
from models.tasks import Task


@dataclass(frozen=True)
class DayKind:
    """Rostered days of one week that hold the same work when worked."""

    week: int
    days: tuple[PlanDay, ...]
    capacity_slots: int
    """Workable slots of each of these days: free shift time in whole slots, at most the last
    phase's daily hours cap (models.calendar.PlanDay.capacity_minutes)."""
    offered_slots: dict[str, int]
    """Per task id, the most slots a day may hold: the site's offer, the task's own daily
    maximum and the day's capacity (the warm-up task needs no offer)."""

    @property
    def size(self) -> int:
        return len(self.days)

    def offers(self, task: Task) -> bool:
        return self.offered_slots[task.id] > 0


def offered_minutes(scenario: Scenario, task: Task, day: PlanDay) -> int:
    """Minutes of a task the site offers on a rostered day; the warm-up task is always offered."""
    assert day.shift is not None
    minutes = round(scenario.availability.hours_offered(task.id, day.date, day.shift.kind) * 60)
    return max(minutes, scenario.policy.warm_up_minutes) if task.warm_up else minutes


def top_cap_slots(scenario: Scenario) -> int:
    """The last phase's daily hours cap in whole slots: no day of the plan can ever hold more."""
    policy = scenario.policy
    return whole_slot_minutes(policy.phases[-1].daily_hours_cap, policy.slot_minutes) // policy.slot_minutes


def day_capacity_slots(scenario: Scenario, day: PlanDay) -> int:
    """Whole slots a rostered day can hold (0 on days off and site closures)."""
    slot = scenario.policy.slot_minutes
    return day.capacity_minutes(slot, top_cap_slots(scenario) * slot) // slot if day.shift else 0


def workable_slots(scenario: Scenario, day: PlanDay) -> int:
    """Slots of work a day can really hold: its capacity, at most what the site offers in all
    (0 on a shift where no duty is offered: a night shift before night duties start)."""
    capacity = day_capacity_slots(scenario, day)
    if capacity == 0:
        return 0
    offered = [_task_slots(scenario, task, day, capacity) for task in scenario.tasks]
    if not any(n for task, n in zip(scenario.tasks, offered, strict=True) if not task.warm_up):
        return 0
    return min(capacity, sum(offered))


def rostered_slots(scenario: Scenario, days: list[PlanDay], week: int) -> int:
    """All slots the roster leaves free in a week, whatever is offered: the hours a full-duty
    week is measured against (models.applied.AppliedPolicy.full_duty_target)."""
    return sum(day_capacity_slots(scenario, day) for day in days[7 * week: 7 * week + 7])


def week_capacity_slots(scenario: Scenario, days: list[PlanDay], week: int) -> list[int]:
    """Workable slots of each workable day of a week (days without work left out)."""
    slots = [workable_slots(scenario, day) for day in days[7 * week: 7 * week + 7]]
    return [n for n in slots if n]


def week_kinds(scenario: Scenario, days: list[PlanDay], week: int) -> list[DayKind]:
    """The kinds of day of one plan week, in the order of their first day."""
    groups: dict[tuple[object, ...], list[PlanDay]] = {}
    for day in days[7 * week: 7 * week + 7]:
        capacity = day_capacity_slots(scenario, day)
        if workable_slots(scenario, day) == 0:
            continue
        offered = tuple(_task_slots(scenario, task, day, capacity) for task in scenario.tasks)
        key: tuple[object, ...] = (capacity, offered)
        if scenario.policy.day_pattern == "free":
            key = (day.index,)
        groups.setdefault(key, []).append(day)
    kinds = []
    for members in groups.values():
        capacity = day_capacity_slots(scenario, members[0])
        kinds.append(DayKind(week, tuple(members), capacity,
                             {t.id: _task_slots(scenario, t, members[0], capacity) for t in scenario.tasks}))
    return kinds


def _task_slots(scenario: Scenario, task: Task, day: PlanDay, capacity: int) -> int:
    minutes = offered_minutes(scenario, task, day)
    if task.max_minutes_per_day is not None:
        minutes = min(minutes, task.max_minutes_per_day)
    return min(minutes // scenario.policy.slot_minutes, capacity)


def spaced_days(days: list[PlanDay], between: int) -> int:
    """The most of these days that can be worked with `between` rest days between any two."""
    count, last = 0, None
    for day in days:
        if last is None or day.index - last > between:
            count, last = count + 1, day.index
    return count


def most_days_a_week(policy: Policy, phase: Phase, days: list[PlanDay]) -> int:
    """Of these rostered days, the most a phase allows worked: its rest days, and its rest days
    between worked days."""
    return min(7 - policy.rest_days_per_week(phase), spaced_days(days, policy.rest_days_between(phase)), len(days))


@dataclass(frozen=True)
class RosterFacts:
    """What the real calendar says about the days of a diagnosis kind (all alike by construction)."""

    shift_code: str
    shift_slots: int
    """Whole slots of the shift's free time without closures and appointments."""
    real_slots: int
    """Whole slots the real calendar leaves (0 on a closure)."""
    closure: int | None
    """Index of the site closure on these days, if any."""
    appointments: tuple[int, ...]
    """Indices of the appointments that cut into these days' shifts."""
    offers: tuple[tuple[int, int | None], ...]
    """Per task (scenario order): (slots offered, index of the offer row that sets them)."""


def diagnosis_kinds(scenario: Scenario, room_slots: int) -> tuple[list[list[DayKind]], dict[int, RosterFacts]]:
    """Per week, kinds of day for a diagnosis, and the real limits of each day.

    The kinds are built on the roster without closures and appointments, each with room
    for a whole day, and split so that the days of a kind share every real limit, which the
    diagnosis then states as promises of their own (solver.rules.calendar_rules).
    """
    roster = plan_days(scenario)
    open_site = scenario.availability.model_copy(update={"blackouts": [], "appointments": []})
    open_days = plan_days(scenario.model_copy(update={"availability": open_site}))
    cuts = _appointment_cuts(scenario, open_days)
    weeks: list[list[DayKind]] = []
    facts: dict[int, RosterFacts] = {}
    for week in range(scenario.horizon_weeks):
        groups: dict[tuple[object, ...], list[PlanDay]] = {}
        for day in open_days[7 * week: 7 * week + 7]:
            if day.shift is None:
                continue
            fact = _roster_facts(scenario, day, roster[day.index], cuts.get(day.index, ()))
            facts[day.index] = fact
            key: tuple[object, ...] = (fact,) if scenario.policy.day_pattern == "regular" else (day.index,)
            groups.setdefault(key, []).append(day)
        weeks.append([DayKind(week, tuple(members), room_slots, {t.id: room_slots for t in scenario.tasks})
                      for members in groups.values()])
    return weeks, facts


def _roster_facts(scenario: Scenario, open_day: PlanDay, real_day: PlanDay,
                  appointments: tuple[int, ...]) -> RosterFacts:
    assert open_day.shift is not None
    slot = scenario.policy.slot_minutes
    closures = [i for i, b in enumerate(scenario.availability.blackouts) if b.date == open_day.date]
    shift = open_day.shift
    offers = tuple((offered_minutes(scenario, t, open_day) // slot,
                    scenario.availability.offer_applying(t.id, open_day.date, shift.kind))
                   for t in scenario.tasks)
    return RosterFacts(shift_code=shift.code, shift_slots=open_day.free_minutes // slot,
                       real_slots=0 if real_day.shift is None else real_day.free_minutes // slot,
                       closure=closures[0] if closures else None,
                       appointments=() if closures else appointments, offers=offers)


def _appointment_cuts(scenario: Scenario, open_days: list[PlanDay]) -> dict[int, tuple[int, ...]]:
    """Per day index, the appointments that take free time from its shift."""
    cuts: dict[int, list[int]] = {}
    for index, appointment in enumerate(scenario.availability.appointments):
        alone = scenario.availability.model_copy(update={"blackouts": [], "appointments": [appointment]})
        for open_day, cut in zip(open_days, plan_days(scenario.model_copy(update={"availability": alone})),
                                 strict=True):
            if open_day.shift is not None and cut.free_minutes < open_day.free_minutes:
                cuts.setdefault(open_day.index, []).append(index)
    return {day: tuple(indices) for day, indices in cuts.items()}


@dataclass(frozen=True)
class PlanCalendar:
    """Everything the model reads from the calendar, worked out once per scenario and shared by
    every model of one solve (a week-by-week solve builds dozens)."""

    days: list[PlanDay]
    """The real calendar (closures and appointments included)."""
    kinds: list[list[DayKind]]
    """Per week, its kinds of day."""
    workable: list[list[int]]
    """Per week, the workable slots of each day that can be worked (solver.day_kinds.workable_slots)."""
    rostered: list[int]
    """Per week, all slots the roster leaves free (the hours a full-duty week is measured against)."""

    @classmethod
    def of(cls, scenario: Scenario) -> "PlanCalendar":
        days = plan_days(scenario)
        weeks = range(scenario.horizon_weeks)
        return cls(days=days, kinds=[week_kinds(scenario, days, w) for w in weeks],
                   workable=[week_capacity_slots(scenario, days, w) for w in weeks],
                   rostered=[rostered_slots(scenario, days, w) for w in weeks])
