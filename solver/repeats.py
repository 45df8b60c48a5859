"""Weeks whose model repeats an earlier week's, moved in time: they take its plan without a solve.

At full duty the weeks of a long plan are alike: the same calendar, the same needs, the same
weeks before them. Two weeks whose models match, counted from their own first day, have the
same plan (the solver is deterministic), so a week whose model was solved before is not
solved again (solver.stages). A model reads at most `REPEAT_MEMORY` weeks back.
"""

from dataclasses import dataclass, field

from models.calendar import week_of
from models.plan import StageResult
from models.restrictions import WeekLimits
from models.scenario import Scenario
from solver.day_kinds import PlanCalendar
from solver.reachability import Needs
from solver.rules.recovery_rules import is_deload_week
from solver.scaling import ExposureScale
from solver.solution import WeekSolution

REPEAT_MEMORY = 4
"""Weeks before a week that its model reads (increments' look-back, the acute:chronic ratio's four
weeks, runs of worked days across weeks): two weeks whose last four weeks, calendars and needs
match, modulo when they fall, have the same model."""

RepeatKey = tuple[object, ...]


@dataclass
class RepeatedWeeks:
    """The weeks solved so far at full duty, by what their models depend on."""

    scenario: Scenario
    calendar: PlanCalendar
    scale: ExposureScale
    restrictions: list[WeekLimits]
    _plans: dict[RepeatKey, tuple[WeekSolution, StageResult]] = field(default_factory=dict)

    def key(self, decided: list[WeekSolution], look_ahead: int, full_duty_from: int, detailed_to: int,
            needs: Needs) -> RepeatKey | None:
        """What the model of the week after `decided` depends on, with the weeks counted from it
        (None before full duty is settled: weeks in the last phase at full duty after a settled
        run of them)."""
        number = len(decided)
        last_phase = len(self.scenario.policy.phases) - 1
        tail = decided[max(0, number - REPEAT_MEMORY):]
        if (number < full_duty_from + 1 or len(tail) < REPEAT_MEMORY
                or any(not week.full_duty or week.phase != last_phase for week in tail)):
            return None
        horizon = self.scenario.horizon_weeks
        end = min(horizon, number + 1 + look_ahead)
        tasks = self.scenario.tasks
        history = tuple(max(sum(self.scale.rate(t, dim) * week.slots(t.id) for t in tasks) for week in decided)
                        for dim in self.scenario.dimension_ids)
        heaviest = max((t.heaviest_load_kg for week in decided for t in tasks if week.slots(t.id)), default=0.0)
        return (end - number, end == horizon, max(0, detailed_to - number), history, heaviest,
                tuple(_relative(week, number) for week in tail),
                tuple(self._week_facts(w, number, needs, full_duty_from) for w in range(number, end)))

    def plan_of(self, key: RepeatKey) -> tuple[WeekSolution, StageResult] | None:
        """The plan and stage result of the week solved with this key, if any."""
        return self._plans.get(key)

    def keep(self, key: RepeatKey, plan: WeekSolution, result: StageResult) -> None:
        self._plans[key] = (plan, result)

    def _week_facts(self, week: int, origin: int, needs: Needs, full_duty_from: int) -> tuple[object, ...]:
        """A week's calendar, deload and target-date status, needs and restrictions, its days counted from
        week `origin` (a deload week at full duty is a week like the others: no rule reads it)."""
        kinds = tuple((tuple(day.index - 7 * origin for day in kind.days), kind.capacity_slots,
                       tuple(sorted(kind.offered_slots.items()))) for kind in self.calendar.kinds[week])
        latest = self.scenario.policy.target.latest_date
        return (kinds, tuple(self.calendar.workable[week]), self.calendar.rostered[week],
                week < full_duty_from and is_deload_week(self.scenario, week),
                latest is not None and week_of(self.scenario, latest) == week,
                tuple(chain[week] for chain in needs.exposure.values()), needs.heaviest[week],
                self.restrictions[week])


def moved(week: WeekSolution, number: int) -> WeekSolution:
    """An earlier week's plan moved to 0-based week `number`."""
    shift = 7 * (number - week.number)
    return WeekSolution(number=number, phase=week.phase, full_duty=week.full_duty,
                        day_length_slots=week.day_length_slots,
                        days={index + shift: dict(slots) for index, slots in week.days.items()})


def _relative(week: WeekSolution, origin: int) -> tuple[object, ...]:
    return (week.phase, week.full_duty, week.day_length_slots,
            tuple((index - 7 * origin, tuple(sorted(slots.items()))) for index, slots in sorted(week.days.items())))
