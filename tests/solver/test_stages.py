"""The staged solve: a week whose model repeats an earlier week's gets that week's plan, and
that changes nothing; the earliest full duty is proven where every earlier count is refuted."""

from functools import partial
from pathlib import Path

from models.applied import apply_policy
from models.scenario import Scenario
from rtw_scheduler.scenario_io import load_scenario
from solver.solve import SolverParameters, new_solver
from solver.stages import full_duty_lower_bound, solve_in_stages
from tests.certificate import certified_data

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
