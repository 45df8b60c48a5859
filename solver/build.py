"""Builds the CP-SAT model from the scenario: the weeks' variables, then each constraint family.

Two uses, one builder:

- the whole plan, every week detailed (`build_model(scenario)`): to refute an early full
  duty exactly, to name the promises that conflict (`diagnose=True`), to ask whether any
  plan exists at all;
- one week planned against the weeks already decided, with a look-ahead (`Window`): the
  weeks before are constants, the week itself detailed, the weeks after aggregate.
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from models.applied import AppliedPolicy, apply_policy
from models.calendar import PlanDay
from models.families import Family
from models.scenario import Scenario
from solver.context import BuildContext
from solver.day_kinds import DayKind, PlanCalendar, RosterFacts, diagnosis_kinds, top_cap_slots
from solver.rules import FAMILIES
from solver.rules.definitions import link_derived_variables
from solver.scaling import ExposureScale
from solver.solution import WeekSolution
from solver.variables import PlanVariables, fixed_phase_starts
from solver.weeks import AggregateWeek, DetailedWeek, FixedWeek, WeekVariables

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Window:
    """Which weeks a model holds and in which form."""

    decided: list[WeekSolution] = field(default_factory=list)
    """Weeks already planned, from week 0: constants."""
    detailed: int = 1
    """Weeks after those with every decision."""
    ahead: int = 0
    """Weeks after those as aggregates (a relaxation, to see what the next weeks need)."""
    full_duty_from: int | None = None
    """The first full-duty week (0-based), when it is already chosen."""


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    vars: PlanVariables
    context: BuildContext
    applied: AppliedPolicy
    calendar: PlanCalendar

    @property
    def days(self) -> list[PlanDay]:
        """The real calendar's days."""
        return self.calendar.days


def build_model(scenario: Scenario, *, diagnose: bool = False, window: Window | None = None,
                calendar: PlanCalendar | None = None, applied: AppliedPolicy | None = None,
                scale: ExposureScale | None = None, families: Collection[Family] | None = None) -> BuiltModel:
    """The model of the whole plan, or of a window of it; with `diagnose`, every promise sits
    behind its own guard literal and the roster's limits are promises too. A solve that builds
    many models passes the scenario's calendar, applied policy and scale, worked out once. `families`
    builds only those rules (each family's own tests build it alone); by default, all."""
    model = cp_model.CpModel()
    applied = applied or apply_policy(scenario)
    calendar = calendar or PlanCalendar.of(scenario)
    horizon = scenario.horizon_weeks
    window = window or Window(detailed=horizon)
    end = min(horizon, len(window.decided) + window.detailed + window.ahead)
    scale = scale or ExposureScale.of(scenario)
    facts: dict[int, RosterFacts] = {}
    if diagnose:
        room = DAY_MINUTES // scenario.policy.slot_minutes
        kinds_by_week, facts = diagnosis_kinds(scenario, room)
        top = room
    else:
        kinds_by_week = calendar.kinds
        top = top_cap_slots(scenario)
    weeks = [_week(model, scenario, scale, w, kinds_by_week[w], top, window) for w in range(end)]
    phase_starts = None if diagnose else fixed_phase_starts(scenario, applied)
    variables = PlanVariables(model, scenario, scale, weeks, phase_starts,
                              {week.number: week.phase for week in window.decided})
    ctx = BuildContext(scenario, applied, model, variables, calendar, horizon, diagnose=diagnose, roster_facts=facts)
    link_derived_variables(ctx)
    for family, rule in FAMILIES.items():
        if families is None or family in families:
            rule(ctx)
    if window.full_duty_from is not None:
        for week in variables.live_weeks():
            model.add(week.full_duty == int(week.number >= window.full_duty_from))
    return BuiltModel(model, variables, ctx, applied, calendar)


def _week(model: cp_model.CpModel, scenario: Scenario, scale: ExposureScale, number: int, kinds: list[DayKind],
          top: int, window: Window) -> WeekVariables:
    if number < len(window.decided):
        return FixedWeek(scenario, scale, number, kinds, window.decided[number])
    if number < len(window.decided) + window.detailed:
        return DetailedWeek(model, scenario, scale, number, kinds, top)
    return AggregateWeek(model, scenario, scale, number, kinds, top)
