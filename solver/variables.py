"""All decision variables of one model: its weeks (solver.weeks) and the phase each week is in.

Rules never index raw dictionaries: they ask a week for its exposure, days worked or day
length, and ask `PlanVariables` whether a day is worked or which phase a week is in.
"""

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy
from models.calendar import PlanDay
from models.ergonomics import strength_rank
from models.policy import Phase
from models.scenario import Scenario
from models.tasks import Task
from solver.scaling import ExposureScale
from solver.weeks import AggregateWeek, DetailedWeek, FixedWeek, Literal, Term, WeekVariables


class PlanVariables:
    """The weeks of one model, in order from week 0, and the phase each is in."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, scale: ExposureScale,
                 weeks: list[WeekVariables], phase_starts: list[int] | None, decided_phases: dict[int, int]) -> None:
        self.scenario, self.scale, self.weeks = scenario, scale, weeks
        self.phase_at_least: dict[tuple[int, int], Literal] = {}
        """(p, w): week w is in phase p or a later one."""
        self.phase_is: dict[tuple[int, int], Literal] = {}
        for w in range(len(weeks)):
            for p in self.phases:
                if phase_starts is not None:
                    self.phase_at_least[p, w] = int(w >= phase_starts[p])
                elif w in decided_phases:
                    self.phase_at_least[p, w] = int(decided_phases[w] >= p)
                else:
                    self.phase_at_least[p, w] = 1 if p == 0 else model.new_bool_var(f"phase_ge{p}_w{w}")
            for p in self.phases:
                self.phase_is[p, w] = _difference(model, self.phase_at_least[p, w],
                                                  self.phase_at_least.get((p + 1, w), 0), f"phase_is{p}_w{w}")

    @property
    def phases(self) -> range:
        return range(len(self.scenario.policy.phases))

    @property
    def week_numbers(self) -> range:
        return range(len(self.weeks))

    def week(self, number: int) -> WeekVariables:
        return self.weeks[number]

    def live_weeks(self) -> list[WeekVariables]:
        """Weeks still to decide (detailed or aggregate)."""
        return [week for week in self.weeks if not isinstance(week, FixedWeek)]

    def detailed_weeks(self) -> list[DetailedWeek]:
        return [week for week in self.weeks if isinstance(week, DetailedWeek)]

    def aggregate_weeks(self) -> list[AggregateWeek]:
        return [week for week in self.weeks if isinstance(week, AggregateWeek)]

    def exposure(self, dimension: str, week: int, baseline: int) -> Term:
        """Week `week`'s exposure; weeks before the plan stand at the assessed baseline."""
        return baseline if week < 0 else self.weeks[week].exposure(dimension)

    def in_phase(self, phase: int, week: int) -> list[cp_model.IntVar] | None:
        """Literals meaning 'week is in phase' ([] when certain); None when it cannot be."""
        literal = self.phase_is[phase, week]
        if isinstance(literal, int):
            return None if literal == 0 else []
        return [literal]

    def phase_value(self, solver: cp_model.CpSolver, week: int) -> int:
        return max(p for p in self.phases if _value(solver, self.phase_at_least[p, week]))

    def worked(self, day: PlanDay) -> Literal | None:
        """Whether a day is worked, where the model says (None in an aggregate week or past the model)."""
        if day.week >= len(self.weeks):
            return None
        return self.weeks[day.week].worked(day)


def _difference(model: cp_model.CpModel, at_least: Literal, above: Literal, name: str) -> Literal:
    """'in phase p' = 'at least p' and not 'at least p + 1' (a constant where both are known)."""
    if isinstance(at_least, int) and isinstance(above, int):
        return at_least - above
    literal = model.new_bool_var(name)
    model.add(literal == at_least - above)
    model.add(above <= at_least)
    return literal


def _value(solver: cp_model.CpSolver, literal: Literal) -> int:
    return literal if isinstance(literal, int) else int(solver.value(literal))


def fixed_phase_starts(scenario: Scenario, applied: AppliedPolicy) -> list[int] | None:
    """Start week of each phase when advancing at the earliest moment is always best.

    If every phase is at least as permissive as the one before (caps, shortest day,
    ceilings, strength level, lifting index, rest rules) and none has entry criteria, a
    plan that advanced later could always have advanced earlier, so the phases can be
    fixed in advance: a much tighter model. Otherwise (None) the solver chooses. A certificate's
    restrictions leave the argument whole: they bind calendar weeks whatever the phase, so a
    week allows under them what its phase allows, less the same limits in either phase.
    """
    phases = scenario.policy.phases
    if any(p.entry_criteria for p in phases):
        return None
    for before, after in zip(phases, phases[1:], strict=False):
        if not _at_least_as_permissive(scenario, before, after):
            return None
    starts = earliest_phase_starts(scenario, applied)
    for phase, start, following in zip(phases, starts, starts[1:], strict=False):
        if phase.max_weeks is not None and following - start > phase.max_weeks:
            return None  # a later phase's earliest start outlasts this one: let the solver say so
    return starts


def earliest_phase_starts(scenario: Scenario, applied: AppliedPolicy) -> list[int]:
    """The first 0-based week each phase can start: each phase after the one before has run its
    minimum weeks, and not before the phase's own `earliest_start`."""
    earliest = applied.phase_earliest_week
    starts, week = [], 0
    for phase, first in zip(scenario.policy.phases, earliest, strict=True):
        week = max(week, first)
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

    policy = scenario.policy
    return (
        after.daily_hours_cap >= before.daily_hours_cap
        and policy.shortest_day_hours(after) <= policy.shortest_day_hours(before)
        and all(admits(after, task) for task in scenario.tasks if admits(before, task))
        and all(looser(before.weekly_ceiling.get(dim), after.weekly_ceiling.get(dim))
                for dim in set(before.weekly_ceiling) | set(after.weekly_ceiling))
        and policy.rest_days_per_week(after) <= policy.rest_days_per_week(before)
        and policy.rest_days_between(after) <= policy.rest_days_between(before)
        and policy.most_days_in_a_row(after) >= policy.most_days_in_a_row(before)
    )
