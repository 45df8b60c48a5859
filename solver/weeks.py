"""One plan week's decision variables, in the three forms a model may hold it.

The planner decides per week: how many days of each kind of day are worked (solver.day_kinds),
the week's day length, and how many slots of each task a worked day of each kind holds.
Weekly exposure, hours, days worked, the heaviest load and the days themselves follow.

- `DetailedWeek`: every decision, as CP-SAT variables;
- `AggregateWeek`: a relaxation for looking ahead: weekly time per task, days worked and
  day length, without saying which day holds what (every detailed week maps onto one);
- `FixedWeek`: a week already decided (solver.solution.WeekSolution), as constants.

All three answer the same questions (`WeekVariables`), so one rule function serves the whole
plan at once, a week planned against the weeks before it, and the look-ahead.
"""

from abc import ABC, abstractmethod
from typing import TypeGuard, cast

from ortools.sat.python import cp_model

from models.calendar import PlanDay
from models.scenario import Scenario
from models.tasks import Task
from solver.day_kinds import DayKind
from solver.scaling import ExposureScale, load_units
from solver.solution import WeekSolution

Term = cp_model.LinearExpr | int
"""An integer expression, a variable or a plain int (constants where a week is fixed)."""
Literal = cp_model.IntVar | int
"""A Boolean variable, or 0/1 where the answer is known."""


def is_known(term: Term) -> TypeGuard[int]:
    """True when `term` is a plain number (a fixed week's, or an answer already settled)."""
    return isinstance(term, int)


def negation(literal: Literal) -> Literal:
    """Not `literal`: 1 - it where it is known."""
    return 1 - literal if isinstance(literal, int) else cast(cp_model.IntVar, literal.Not())


class WeekVariables(ABC):
    """What every rule may ask of a week, whatever its form."""

    def __init__(self, scenario: Scenario, scale: ExposureScale, number: int, kinds: list[DayKind]) -> None:
        self.scenario, self.scale, self.number, self.kinds = scenario, scale, number, kinds

    @property
    def rostered_days(self) -> list[PlanDay]:
        """Days of the week with workable time, in date order."""
        return sorted((day for kind in self.kinds for day in kind.days), key=lambda day: day.index)

    @property
    def capacity_slots(self) -> int:
        """All workable slots of the week."""
        return sum(kind.capacity_slots * kind.size for kind in self.kinds)

    @property
    @abstractmethod
    def full_duty(self) -> Literal: ...

    @abstractmethod
    def task_slots(self, task: Task) -> Term:
        """Slots of `task` in the whole week."""

    @abstractmethod
    def used(self, task: Task) -> Literal:
        """Whether `task` is done at all this week."""

    @abstractmethod
    def days_worked(self) -> Term: ...

    @abstractmethod
    def day_length(self) -> Term:
        """The week's day length in slots: every worked day holds this much, or all it can."""

    @abstractmethod
    def exposure(self, dimension: str) -> Term:
        """Weekly exposure in scaled units (solver.scaling)."""

    @abstractmethod
    def heaviest(self) -> Term:
        """The heaviest load handled this week, in tenths of a kilogram."""

    @abstractmethod
    def worked(self, day: PlanDay) -> Literal | None:
        """Whether `day` is worked; None when the week's form does not say (aggregate)."""

    def hours(self) -> cp_model.LinearExpr:
        """Worked slots of the week."""
        return cp_model.LinearExpr.sum([self.task_slots(task) for task in self.scenario.tasks])

    def exposure_bound(self, dimension: str) -> int:
        """An upper bound of the week's exposure: its whole capacity at the highest rate."""
        return self.scale.top_rates[dimension] * self.capacity_slots

    def offered_slots(self, task: Task) -> int:
        """Most slots of `task` the week's days offer together."""
        return sum(kind.offered_slots[task.id] * kind.size for kind in self.kinds)

    def _weighted(self, task_slots: dict[str, Term], dimension: str) -> cp_model.LinearExpr:
        tasks = self.scenario.tasks
        return cp_model.LinearExpr.weighted_sum([task_slots[t.id] for t in tasks],
                                                [self.scale.rate(t, dimension) for t in tasks])


class FixedWeek(WeekVariables):
    """A week already planned: its numbers are constants."""

    def __init__(self, scenario: Scenario, scale: ExposureScale, number: int, kinds: list[DayKind],
                 decided: WeekSolution) -> None:
        super().__init__(scenario, scale, number, kinds)
        self.decided = decided
        self._exposure = {dim: sum(scale.rate(t, dim) * decided.slots(t.id) for t in scenario.tasks)
                          for dim in scenario.dimension_ids}

    @property
    def full_duty(self) -> int:
        return int(self.decided.full_duty)

    def task_slots(self, task: Task) -> int:
        return self.decided.slots(task.id)

    def used(self, task: Task) -> int:
        return int(self.decided.slots(task.id) > 0)

    def days_worked(self) -> int:
        return len(self.decided.days)

    def day_length(self) -> int:
        return self.decided.day_length_slots

    def exposure(self, dimension: str) -> int:
        return self._exposure[dimension]

    def heaviest(self) -> int:
        return max((load_units(t.heaviest_load_kg) for t in self.scenario.tasks if self.used(t)), default=0)

    def worked(self, day: PlanDay) -> int:
        return int(day.index in self.decided.days)

    def day_exposure(self, dimension: str, day: PlanDay) -> int:
        """Scaled exposure of one day of the week."""
        return sum(self.scale.rate(self.scenario.task(task_id), dimension) * slots
                   for task_id, slots in self.decided.days.get(day.index, {}).items())


class _LiveWeek(WeekVariables):
    """A week still to decide: its full-duty flag, day length, exposure and heaviest load are variables."""

    _full: cp_model.IntVar
    _day_length: cp_model.IntVar
    _used: dict[str, Literal]
    _exposure: dict[str, cp_model.IntVar]
    _heaviest: cp_model.IntVar

    @property
    def full_duty(self) -> cp_model.IntVar:
        return self._full

    def used(self, task: Task) -> Literal:
        return self._used[task.id]

    def day_length(self) -> cp_model.IntVar:
        return self._day_length

    def exposure(self, dimension: str) -> cp_model.IntVar:
        return self._exposure[dimension]

    def heaviest(self) -> cp_model.IntVar:
        return self._heaviest


class AggregateWeek(_LiveWeek):
    """A relaxation of a week for looking ahead: weekly time per task, days worked, day length.

    Every detailed week maps onto one (its totals), so a look-ahead built from these never
    rules out a week that could really be planned.
    """

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, scale: ExposureScale, number: int,
                 kinds: list[DayKind], top_slots: int) -> None:
        super().__init__(scenario, scale, number, kinds)
        name = f"w{number}"
        rostered = sum(kind.size for kind in kinds)
        self._full = model.new_bool_var(f"full_duty_{name}")
        self._days = model.new_int_var(0, rostered, f"days_{name}")
        self._day_length = model.new_int_var(0, top_slots, f"day_length_{name}")
        model.add(self._day_length <= top_slots * self._days)
        self._task_slots: dict[str, Term] = {}
        self._used: dict[str, Literal] = {}
        for task in scenario.tasks:
            self._task_slots[task.id], self._used[task.id] = _task_time(model, task, self.offered_slots(task), name)
            most_a_day = max((kind.offered_slots[task.id] for kind in kinds), default=0)
            if most_a_day:
                model.add(self._task_slots[task.id] <= most_a_day * self._days)
        model.add(self.hours() <= self.capacity_slots)
        self._add_regular_length(model, top_slots, name)
        self._exposure = _exposures(model, self, self._task_slots, name)
        self._heaviest = _heaviest(model, scenario, self._used, name)

    def _add_regular_length(self, model: cp_model.CpModel, top_slots: int, name: str) -> None:
        """Worked days hold the day length, bar days too short for it: days x length, less at most
        what the short days lack of the longest day. (With `day_pattern: free`, only the upper side.)"""
        rostered = sum(kind.size for kind in self.kinds)
        product = model.new_int_var(0, rostered * top_slots, f"days_times_length_{name}")
        model.add_multiplication_equality(product, [self._days, self._day_length])
        model.add(self.hours() <= product)
        if self.scenario.policy.day_pattern == "regular":
            shortfall = sum(max(0, top_slots - kind.capacity_slots) * kind.size for kind in self.kinds)
            model.add(self.hours() >= product - shortfall)

    def task_slots(self, task: Task) -> Term:
        return self._task_slots[task.id]

    def days_worked(self) -> cp_model.IntVar:
        return self._days

    def worked(self, day: PlanDay) -> None:
        return None


class DetailedWeek(_LiveWeek):
    """Every decision of a week: days of each kind worked, the day length, each kind's tasks.

    `count(k, j)` is true when exactly `j` days of kind `k` are worked; a worked day of the
    kind then holds `slots(task, k, j)` slots of each task (zero for every other `j`), so
    weekly totals stay linear: `sum_j j * slots(task, k, j)`.
    """

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, scale: ExposureScale, number: int,
                 kinds: list[DayKind], top_slots: int) -> None:
        super().__init__(scenario, scale, number, kinds)
        name = f"w{number}"
        self._full = model.new_bool_var(f"full_duty_{name}")
        self._day_length = model.new_int_var(0, top_slots, f"day_length_{name}")
        self._count: dict[tuple[int, int], cp_model.IntVar] = {}
        self._slots: dict[tuple[str, int, int], cp_model.IntVar] = {}
        self._does: dict[tuple[str, int], cp_model.IntVar] = {}
        self._worked: dict[int, cp_model.IntVar] = {}
        for k, kind in enumerate(kinds):
            self._add_kind(model, k, kind, f"{name}_k{k}")
        self._used: dict[str, Literal] = {}
        for task in scenario.tasks:
            doing = [self._does[task.id, k] for k in range(len(kinds)) if (task.id, k) in self._does]
            self._used[task.id] = _any(model, doing, f"used_{task.id}_{name}")
        self._exposure = _exposures(model, self, {t.id: self.task_slots(t) for t in scenario.tasks}, name)
        self._heaviest = _heaviest(model, scenario, self._used, name)

    def _add_kind(self, model: cp_model.CpModel, k: int, kind: DayKind, name: str) -> None:
        for j in range(1, kind.size + 1):
            count = self._count[k, j] = model.new_bool_var(f"count_{name}_{j}")
            for task in self.scenario.tasks:
                offered = kind.offered_slots[task.id]
                if offered:
                    slots = self._slots[task.id, k, j] = model.new_int_var(0, offered, f"slots_{task.id}_{name}_{j}")
                    model.add(slots <= offered * count)
            model.add(cp_model.LinearExpr.sum([self._slots[t.id, k, j] for t in self.scenario.tasks
                                               if (t.id, k, j) in self._slots]) <= kind.capacity_slots * count)
        model.add_at_most_one([self._count[k, j] for j in range(1, kind.size + 1)])
        for day in kind.days:
            self._worked[day.index] = model.new_bool_var(f"worked_{day.index}")
        model.add(sum(self._worked[d.index] for d in kind.days)
                  == sum(j * self._count[k, j] for j in range(1, kind.size + 1)))
        for task in self.scenario.tasks:
            offered = kind.offered_slots[task.id]
            if offered:
                does = self._does[task.id, k] = model.new_bool_var(f"does_{task.id}_{name}")
                model.add(self.kind_slots(task, k) <= offered * does)
                model.add(self.kind_slots(task, k) >= does)

    # --- per kind of day -------------------------------------------------------------------

    def counts(self, k: int) -> list[tuple[int, cp_model.IntVar]]:
        """(j, literal 'exactly j days of kind k are worked') for j = 1..size."""
        return [(j, self._count[k, j]) for j in range(1, self.kinds[k].size + 1)]

    def kind_worked(self, k: int) -> cp_model.LinearExpr:
        """1 when any day of kind k is worked."""
        return cp_model.LinearExpr.sum([literal for _, literal in self.counts(k)])

    def slots(self, task: Task, k: int, j: int) -> Term:
        """Slots of `task` on each worked day of kind k when exactly j of its days are worked."""
        return self._slots.get((task.id, k, j), 0)

    def kind_slots(self, task: Task, k: int) -> cp_model.LinearExpr:
        """Slots of `task` on each worked day of kind k (0 when none is worked)."""
        return cp_model.LinearExpr.sum([self.slots(task, k, j) for j, _ in self.counts(k)])

    def kind_length(self, k: int, j: int) -> cp_model.LinearExpr:
        """Worked slots of each day of kind k when exactly j of its days are worked (else 0)."""
        return cp_model.LinearExpr.sum([self.slots(task, k, j) for task in self.scenario.tasks])

    def kind_day_length(self, k: int) -> cp_model.LinearExpr:
        """Worked slots of each worked day of kind k (0 when none is worked)."""
        return cp_model.LinearExpr.sum([self.kind_slots(task, k) for task in self.scenario.tasks])

    def kind_exposure(self, dimension: str, k: int) -> cp_model.LinearExpr:
        """Scaled exposure of one worked day of kind k."""
        return self._weighted({t.id: self.kind_slots(t, k) for t in self.scenario.tasks}, dimension)

    def does(self, task: Task, k: int) -> Literal:
        """Whether a worked day of kind k holds `task`."""
        return self._does.get((task.id, k), 0)

    def all_does(self) -> list[cp_model.IntVar]:
        """Every (task, kind) literal: one task on one kind of day."""
        return list(self._does.values())

    def kind_of(self, day: PlanDay) -> int:
        return next(k for k, kind in enumerate(self.kinds) if day in kind.days)

    # --- the week ----------------------------------------------------------------------------

    def task_slots(self, task: Task) -> cp_model.LinearExpr:
        keys = [(k, j) for (t, k, j) in self._slots if t == task.id]
        return cp_model.LinearExpr.weighted_sum([self._slots[task.id, k, j] for k, j in keys], [j for _, j in keys])

    def days_worked(self) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum(list(self._worked.values()))

    def worked(self, day: PlanDay) -> Literal:
        return self._worked.get(day.index, 0)

    def values_of(self, plan: WeekSolution) -> list[tuple[cp_model.IntVar, int]]:
        """This week's decision variables at the values that give `plan` (a plan of its days)."""
        values = [(self._day_length, plan.day_length_slots)]
        for k, kind in enumerate(self.kinds):
            worked = [day for day in kind.days if day.index in plan.days]
            slots = plan.days[worked[0].index] if worked else {}
            values += [(self._worked[day.index], int(day.index in plan.days)) for day in kind.days]
            for j, count in self.counts(k):
                values.append((count, int(j == len(worked))))
                values += [(self._slots[t.id, k, j], slots.get(t.id, 0) if j == len(worked) else 0)
                           for t in self.scenario.tasks if (t.id, k, j) in self._slots]
            values += [(self._does[t.id, k], int(slots.get(t.id, 0) > 0))
                       for t in self.scenario.tasks if (t.id, k) in self._does]
        return values

    def extract(self, solver: cp_model.CpSolver, phase: int) -> WeekSolution:
        """The week's decisions as plain numbers."""
        days: dict[int, dict[str, int]] = {}
        for k, kind in enumerate(self.kinds):
            slots = {t.id: int(solver.value(self.kind_slots(t, k))) for t in self.scenario.tasks}
            slots = {task_id: n for task_id, n in slots.items() if n}
            for day in kind.days:
                if solver.value(self._worked[day.index]):
                    days[day.index] = slots
        return WeekSolution(number=self.number, phase=phase, full_duty=bool(solver.value(self._full)),
                            day_length_slots=int(solver.value(self._day_length)), days=days)


def _task_time(model: cp_model.CpModel, task: Task, offered: int, name: str) -> tuple[Term, Literal]:
    """A week's slots of one task and whether it is done at all (0, 0 when nothing is offered)."""
    if not offered:
        return 0, 0
    slots = model.new_int_var(0, offered, f"slots_{task.id}_{name}")
    used = model.new_bool_var(f"used_{task.id}_{name}")
    model.add(slots <= offered * used)
    model.add(slots >= used)
    return slots, used


def _any(model: cp_model.CpModel, literals: list[cp_model.IntVar], name: str) -> Literal:
    if not literals:
        return 0
    result = model.new_bool_var(name)
    model.add_max_equality(result, literals)
    return result


def _exposures(model: cp_model.CpModel, week: WeekVariables, task_slots: dict[str, Term],
               name: str) -> dict[str, cp_model.IntVar]:
    exposures = {}
    for dim in week.scenario.dimension_ids:
        exposures[dim] = model.new_int_var(0, week.exposure_bound(dim), f"exposure_{dim}_{name}")
        model.add(exposures[dim] == week._weighted(task_slots, dim))
    return exposures


def _heaviest(model: cp_model.CpModel, scenario: Scenario, used: dict[str, Literal], name: str) -> cp_model.IntVar:
    loads = {t.id: load_units(t.heaviest_load_kg) for t in scenario.tasks}
    heaviest = model.new_int_var(0, max(loads.values()), f"heaviest_{name}")
    model.add_max_equality(heaviest, [0, *(loads[t.id] * used[t.id] for t in scenario.tasks)])
    return heaviest
