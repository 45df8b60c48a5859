"""Why no plan: the minimal conflict, the domain sentences, the relaxations and the CLI."""

from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from models.scenario import Scenario
from rtw_scheduler.cli import main
from rtw_scheduler.explain import Relaxation, explain_infeasibility, suggest_relaxations
from rtw_scheduler.scenario_io import load_scenario
from solver.build import build_model
from solver.diagnose import conflicting_families
from solver.rules import FAMILIES
from solver.solve import SolverParameters, solve_scenario

INFEASIBLE = Path(__file__).resolve().parents[2] / "scenarios" / "infeasible_target_date.yaml"
FAST = SolverParameters(deterministic_time_per_stage=1.0)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(INFEASIBLE)


@pytest.fixture(scope="module")
def families(scenario: Scenario) -> list[str]:
    return conflicting_families(scenario)


@pytest.fixture(scope="module")
def relaxations(scenario: Scenario, families: list[str]) -> list[Relaxation]:
    return suggest_relaxations(scenario, FAST, families)


def _status_with(scenario: Scenario, enforced: set[str]) -> cp_model.CpSolverStatus:
    built = build_model(scenario, diagnose=True)
    model = built.model
    model.clear_objective()
    for name, guard in built.context.guards.items():
        model.add(guard == (1 if name in enforced else 0))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 10.0
    return solver.solve(model)


def test_the_conflict_alone_has_no_plan(scenario: Scenario, families: list[str]) -> None:
    assert families == ["full_duty_target", "load_increments"]
    assert _status_with(scenario, set(families)) == cp_model.INFEASIBLE


def test_removing_any_member_of_the_conflict_makes_the_whole_model_feasible(
        scenario: Scenario, families: list[str]) -> None:
    guarded = set(build_model(scenario, diagnose=True).context.guards)
    for family in families:
        status = _status_with(scenario, guarded - {family})
        assert status in (cp_model.FEASIBLE, cp_model.OPTIMAL), family


def test_the_sentences_carry_the_scenarios_numbers(scenario: Scenario, families: list[str]) -> None:
    target, increments = explain_infeasibility(scenario, families)

    assert "by 2027-01-15 (week 2)" in target
    assert "38.75 h/week" in target and "lifting 20,000 kg x lifts" in target
    assert "at most 20 % more hours each week plus 3 h, from a 12 h baseline" in increments


def test_every_family_gets_a_sentence(scenario: Scenario) -> None:
    sentences = explain_infeasibility(scenario, list(FAMILIES))

    assert len(sentences) == len(FAMILIES)
    assert all(sentences)
    assert "the Mon-Fri 07:00-15:30 roster" in sentences[list(FAMILIES).index("shift_and_availability")]
    assert "phase technique lasts at least 1 week with at most 6 h a day" in sentences[
        list(FAMILIES).index("phase_progression")]


def test_relaxations_match_the_conflict_and_the_date_moves_by_the_smallest_extension(
        relaxations: list[Relaxation]) -> None:
    descriptions = [r.description for r in relaxations]

    assert len(relaxations) == 2
    assert descriptions[0].startswith("move the latest date for full duty 3 weeks later")
    assert relaxations[0].full_duty_week == 5
    assert descriptions[1].startswith("allow larger weekly increments")


def test_every_suggested_relaxation_really_solves(relaxations: list[Relaxation]) -> None:
    for relaxation in relaxations:
        outcome = solve_scenario(relaxation.scenario, FAST)

        assert outcome.solution is not None, relaxation.description
        assert outcome.solution.full_duty.index(True) + 1 == relaxation.full_duty_week


def test_the_cli_prints_why_no_plan_and_what_would_make_one_with_exit_3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["plan", str(INFEASIBLE), "-o", str(tmp_path / "out"), "--time-per-stage", "1"])
    out = capsys.readouterr().out

    assert code == 3
    assert "Why no plan:" in out and "2027-01-15 (week 2)" in out
    assert "What would make a plan possible:" in out and "full duty in week 5 (from 2027-02-01)" in out
    assert not (tmp_path / "out").exists()


def test_no_suggestions_skips_the_relaxations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["plan", str(INFEASIBLE), "-o", str(tmp_path / "out"), "--no-suggestions"])
    out = capsys.readouterr().out

    assert code == 3
    assert "Why no plan:" in out
    assert "What would make a plan possible:" not in out
