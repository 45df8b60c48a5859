"""The decision variables, wrapped so that rules read like the clinical rule they state.

Time is indexed at day level: for each task and day, the number of slots (15 minutes by
default) the worker spends on it. Everything else (worked days, weekly exposure, the
heaviest load, phases, full duty) is derived from those counts.
"""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.calendar import PlanDay
from models.ergonomics import strength_rank
from models.policy import Phase
from models.scenario import Scenario
from models.tasks import Task
from solver.scaling import ExposureScale, load_units

DAY_MINUTES = 24 * 60
IntTerm = cp_model.IntVar | int
BoolTerm = cp_model.IntVar | int


@dataclass
class PlanVariables:
    """All decision variables of one worker's plan, indexed by task id, day and week."""

    scenario: Scenario
    days: list[PlanDay]
    scale: ExposureScale
    slots: dict[tuple[str, int], IntTerm] = field(default_factory=dict)
    does: dict[tuple[str, int], BoolTerm] = field(default_factory=dict)
    runs: dict[tuple[str, int], IntTerm] = field(default_factory=dict)
    worked: dict[int, BoolTerm] = field(default_factory=dict)
    used_in_week: dict[tuple[str, int], BoolTerm] = field(default_factory=dict)
    heaviest: dict[int, cp_model.IntVar] = field(default_factory=dict)
    phase_at_least: dict[tuple[int, int], BoolTerm] = field(default_factory=dict)
    phase_is: dict[tuple[int, int], BoolTerm] = field(default_factory=dict)
    full_duty: dict[int, cp_model.IntVar] = field(default_factory=dict)
    exposure: dict[tuple[str, int], cp_model.IntVar] = field(default_factory=dict)
    capacity: dict[int, int] = field(default_factory=dict)
    """Slots the roster leaves free on each day, capped by the top phase's daily hours."""
    room: dict[int, int] = field(default_factory=dict)
    """Most slots a day's variables may take: the capacity, except when diagnosing, where
    the roster's limits are promises of their own (solver.rules.calendar_rules)."""
    exposure_bound: dict[str, int] = field(default_factory=dict)
    heaviest_bound: int = 0

    @property
    def weeks(self) -> range:
        return range(self.scenario.policy.horizon_weeks)

    @property
    def phases(self) -> range:
        return range(len(self.scenario.policy.phases))

    def days_of_week(self, week: int) -> list[PlanDay]:
        return self.days[7 * week: 7 * week + 7]

    def task_slots(self, task: Task, day: PlanDay) -> IntTerm:
        """Slots of `task` on `day` (0 where it cannot be offered)."""
        return self.slots[task.id, day.index]

    def day_slots(self, day: PlanDay) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum([self.slots[t.id, day.index] for t in self.scenario.tasks])

    def week_task_slots(self, task: Task, week: int) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum([self.slots[task.id, d.index] for d in self.days_of_week(week)])

    def week_slots(self, week: int) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.sum([self.day_slots(d) for d in self.days_of_week(week)])

    def day_exposure(self, dimension: str, day: PlanDay) -> cp_model.LinearExpr:
        """Scaled exposure of one day (see solver.scaling)."""
        return cp_model.LinearExpr.weighted_sum(
            [self.slots[t.id, day.index] for t in self.scenario.tasks],
            [self.scale.rate(t, dimension) for t in self.scenario.tasks],
        )

    def week_exposure(self, dimension: str, week: int) -> cp_model.IntVar:
        """Scaled weekly exposure (defined in rules.definitions)."""
        return self.exposure[dimension, week]

    def exposure_or_baseline(self, dimension: str, week: int, baseline: int) -> IntTerm:
        """Week `week`'s exposure; weeks before the plan stand at the assessed baseline."""
        return baseline if week < 0 else self.exposure[dimension, week]


def create_variables(
    model: cp_model.CpModel, scenario: Scenario, days: list[PlanDay], *,
    unrestricted_days: list[PlanDay] | None = None,
) -> PlanVariables:
    """Creates every variable with the tightest bounds the calendar allows.

    A normal solve starts phases at fixed weeks when that loses nothing. A diagnosis
    passes `unrestricted_days` (the roster without site closures and appointments): the
    variables live on those days with room for a whole day (the shift's length and the
    daily hours caps are then rules like the others), and
    phases stay free, so that the roster and the phase rules can be named in a conflict.
    """
    policy = scenario.policy
    slot = policy.slot_minutes
    top_cap_minutes = round(policy.phases[-1].daily_hours_cap * 60)
    v = PlanVariables(scenario=scenario, days=unrestricted_days or days, scale=ExposureScale(slot))
    for day in days:
        v.capacity[day.index] = day.capacity_minutes(slot, top_cap_minutes) // slot if day.shift else 0
        v.room[day.index] = v.capacity[day.index]
    for day in unrestricted_days or []:
        v.room[day.index] = DAY_MINUTES // slot if day.shift else 0
    for day in v.days:
        any_task = False
        for task in scenario.tasks:
            upper = v.room[day.index]
            key = (task.id, day.index)
            if upper == 0:
                v.slots[key], v.does[key], v.runs[key] = 0, 0, 0
                continue
            any_task = True
            v.slots[key] = model.new_int_var(0, upper, f"slots_{task.id}_{day.index}")
            v.does[key] = model.new_bool_var(f"does_{task.id}_{day.index}")
            v.runs[key] = (
                model.new_int_var(0, upper, f"runs_{task.id}_{day.index}")
                if task.max_block_minutes is not None else v.does[key]
            )
        v.worked[day.index] = model.new_bool_var(f"worked_{day.index}") if any_task else 0
    for week in v.weeks:
        for task in scenario.tasks:
            if any(not isinstance(v.does[task.id, d.index], int) for d in v.days_of_week(week)):
                v.used_in_week[task.id, week] = model.new_bool_var(f"used_{task.id}_w{week}")
            else:
                v.used_in_week[task.id, week] = 0
        v.heaviest_bound = max((load_units(t.heaviest_load_kg) for t in scenario.tasks), default=0)
        v.heaviest[week] = model.new_int_var(0, v.heaviest_bound, f"heaviest_w{week}")
        v.full_duty[week] = model.new_bool_var(f"full_duty_w{week}")
        for dim in scenario.dimension_ids:
            top_rate = max(v.scale.rate(t, dim) for t in scenario.tasks)
            v.exposure_bound[dim] = top_rate * 7 * max(top_cap_minutes // slot, *v.room.values())
            v.exposure[dim, week] = model.new_int_var(0, v.exposure_bound[dim], f"exposure_{dim}_w{week}")
    starts = None if unrestricted_days else fixed_phase_starts(scenario)
    for week in v.weeks:
        for phase in v.phases:
            if starts is not None:
                v.phase_at_least[phase, week] = int(week >= starts[phase])
            else:
                v.phase_at_least[phase, week] = (
                    1 if phase == 0 else model.new_bool_var(f"phase_ge{phase}_w{week}"))
        for phase in v.phases:
            if starts is not None:
                after = starts[phase + 1] if phase + 1 in v.phases else len(v.weeks)
                v.phase_is[phase, week] = int(starts[phase] <= week < after)
            else:
                v.phase_is[phase, week] = model.new_bool_var(f"phase_is{phase}_w{week}")
    return v


def fixed_phase_starts(scenario: Scenario) -> list[int] | None:
    """Start week of each phase when advancing at the earliest moment is always best.

    If every phase is at least as permissive as the one before (caps, ceilings, strength
    level, lifting index, rest days) and none has entry criteria, a plan that advanced
    later could always have advanced earlier, so the phases can be fixed in advance: a
    much tighter model. Otherwise (None) the solver chooses when to advance.
    """
    policy = scenario.policy
    phases = policy.phases
    if any(p.entry_criteria for p in phases):
        return None
    for before, after in zip(phases, phases[1:], strict=False):
        if not _at_least_as_permissive(scenario, before, after):
            return None
    starts, week = [], 0
    for phase in phases:
        starts.append(week)
        week += phase.min_weeks
    return starts


def admits(phase: Phase, task: Task) -> bool:
    """Whether a phase allows a task, by DOT strength level and lifting index."""
    return excluding_limit(phase, task) is None


def excluding_limit(phase: Phase, task: Task) -> str | None:
    """The phase's field that keeps a task out (`max_strength_level` first), None if it is allowed."""
    if strength_rank(task.effective_strength_level()) > strength_rank(phase.max_strength_level):
        return "max_strength_level"
    index = task.lifting_index()
    if index is not None and phase.max_lifting_index is not None and index > phase.max_lifting_index:
        return "max_lifting_index"
    return None


def _at_least_as_permissive(scenario: Scenario, before: Phase, after: Phase) -> bool:
    def looser(earlier: float | None, later: float | None) -> bool:
        return later is None or (earlier is not None and later >= earlier)

    rest = scenario.policy.recovery.min_rest_days_per_week
    return (
        after.daily_hours_cap >= before.daily_hours_cap
        and all(admits(after, task) for task in scenario.tasks if admits(before, task))
        and all(looser(before.weekly_ceiling.get(dim), after.weekly_ceiling.get(dim))
                for dim in set(before.weekly_ceiling) | set(after.weekly_ceiling))
        and (after.min_rest_days_per_week if after.min_rest_days_per_week is not None else rest)
        <= (before.min_rest_days_per_week if before.min_rest_days_per_week is not None else rest)
    )

