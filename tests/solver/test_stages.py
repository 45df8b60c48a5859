"""The staged solve: a week whose model repeats an earlier week's gets that week's plan, and
that changes nothing; the earliest full duty is proven where every earlier count is refuted."""

import copy
from dataclasses import replace
from functools import partial
from pathlib import Path

from models.applied import apply_policy
from models.plan import SolveSummary
from models.scenario import Scenario
from rtw_scheduler.scenario_io import load_scenario
from solver.assemble import assemble_plan
from solver.checker import check
from solver.deadline import Deadline
from solver.solution import Solution
from solver.solve import SolveOutcome, SolverParameters, new_solver
from solver.stages import _Solve, full_duty_lower_bound, solve_in_stages
from tests.certificate import SMALL_DATA, certified_data

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def test_reusing_repeated_weeks_gives_the_plan_solving_every_week_gives() -> None:
    scenario = load_scenario(SCENARIOS / "meat_processing_elbow.yaml")
    # 14 weeks, lengthened to 18 by the worker's risk factor (x0.8)
    scenario = scenario.model_copy(update={"policy": scenario.policy.model_copy(update={"horizon_weeks": 14})})
    solver = partial(new_solver, SolverParameters())
    reused = solve_in_stages(scenario, solver, lambda *_: None)
    solved = solve_in_stages(scenario, solver, lambda *_: None, reuse_repeated_weeks=False)
    assert reused.solution is not None and solved.solution is not None
    assert reused.solution.weeks == solved.solution.weeks
    assert any(stage.note.startswith("the model of week") for stage in reused.stages)
    assert [s.status for s in reused.stages] == [s.status for s in solved.stages] == ["OPTIMAL"] * 19


def test_the_lower_bound_is_the_phases_minimum_lengths() -> None:
    scenario = load_scenario(SCENARIOS / "warehouse_order_picker.yaml")
    assert full_duty_lower_bound(scenario, apply_policy(scenario)) == 2 + 3 + 2 - 1


def test_a_week_may_fall_by_more_than_its_whole_target_when_a_certificate_stops_the_job() -> None:
    """Week 2 works above the lifting target (within the no-duty-creep margin); a certificate bans
    packing in week 3, so week 3 holds no work at all: its lifting falls by more than 100 % of the
    target, which the week's preference must still be able to count."""
    data = certified_data([{"source": "certificate", "from_week": 3, "until_week": 3, "banned_tasks": ["pack"]}], [])
    solved = solve_in_stages(Scenario.model_validate(data), partial(new_solver, SolverParameters()), lambda *_: None)

    assert solved.solution is not None
    assert [week.full_duty for week in solved.solution.weeks].index(True) == 3


class _NeverRefuted:
    """A refutation check that never refutes the count (the dead end is the test's own)."""

    def refuted(self, wait: bool) -> bool:
        return False


def test_after_a_dead_end_the_weeks_step_back_to_the_latest_one_after_which_a_plan_exists() -> None:
    """The last pass after dead ends drops a week after which no plan exists (here week 2 with no
    work at all, from which the increment limits cannot reach full duty in week 3), keeps the weeks before it,
    and plans the weeks from there in full detail, each from the plan found for the week before:
    every week gets a plan, and the plan passes the checker."""
    scenario = Scenario.model_validate(copy.deepcopy(SMALL_DATA))
    factory = partial(new_solver, SolverParameters())
    planned = solve_in_stages(scenario, factory, lambda *_: None)
    assert planned.solution is not None
    weeks = planned.solution.weeks
    full_duty_from = [week.full_duty for week in weeks].index(True)
    assert full_duty_from == 2
    decided = [weeks[0], replace(weeks[1], days={}, day_length_slots=0)]
    results = list(planned.stages[1:3])
    solve = _Solve(scenario, factory, lambda *_: None, Deadline.unlimited())

    ended = solve._weeks_detailed(decided, results, _NeverRefuted(), full_duty_from,  # type: ignore[arg-type]
                                  solve._look_ahead_end(full_duty_from))

    assert ended is None
    assert decided[0] == weeks[0] and decided[1].days and len(decided) == len(results) == scenario.horizon_weeks
    outcome = SolveOutcome(SolveSummary(status="FEASIBLE", stages=[planned.stages[0], *results]), Solution(decided))
    assert check(scenario, assemble_plan(scenario, outcome)) == []


def test_a_week_shares_the_clock_with_the_weeks_up_to_a_little_past_full_duty_not_the_whole_horizon() -> None:
    scenario = load_scenario(SCENARIOS / "meat_processing_elbow.yaml")
    solve = _Solve(scenario, partial(new_solver, SolverParameters()), lambda *_: None, Deadline.unlimited())
    full_duty_from = 7
    end = solve._look_ahead_end(full_duty_from)
    assert end < scenario.horizon_weeks
    assert solve._week_parts(0, full_duty_from) == end
    assert solve._week_parts(end - 1, full_duty_from) == 1
    assert solve._week_parts(end, full_duty_from) == scenario.horizon_weeks - end
