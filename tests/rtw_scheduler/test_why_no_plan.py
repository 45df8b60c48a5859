"""Why no plan, in words: each promise of a conflict phrased with the scenario's own numbers."""

from pathlib import Path

import pytest

from models.plan import Promise, SolveSummary
from models.scenario import Scenario
from rtw_scheduler.scenario_io import load_scenario
from rtw_scheduler.why_no_plan import conflict_lines, conflict_sentence, describe_promise, has_phrase
from solver.build import build_model

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").glob("*.yaml"))
INFEASIBLE = ROOT / "scenarios" / "infeasible_target_date.yaml"
WAREHOUSE = ROOT / "scenarios" / "warehouse_order_picker.yaml"


def promise(family: str, path: str, subject: str | None = None) -> Promise:
    return Promise(family=family, path=path, subject=subject)


@pytest.fixture(scope="module")
def infeasible() -> Scenario:
    return load_scenario(INFEASIBLE)


@pytest.fixture(scope="module")
def warehouse() -> Scenario:
    return load_scenario(WAREHOUSE)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_promise_the_planner_makes_has_its_own_phrase(path: Path) -> None:
    scenario = load_scenario(path)
    for made in build_model(scenario, diagnose=True).context.guards:
        assert has_phrase(made), made.key
        assert describe_promise(scenario, made)


def test_the_target_date_contract_and_increment_carry_their_numbers(infeasible: Scenario) -> None:
    assert describe_promise(infeasible, promise("full_duty_target", "policy.target.latest_date")) == \
        "full duty by 2027-01-15 (week 2)"
    assert describe_promise(infeasible, promise("full_duty_target", "worker.contracted_hours_per_week")) == \
        "full duty at the contracted 38.75 h a week"
    assert describe_promise(infeasible, promise("load_increments", "policy.increments.work_hours")).startswith(
        "at most 20 % more hours each week plus 3 h, from a 12 h baseline")


def test_an_increment_from_the_policy_default_says_so(infeasible: Scenario) -> None:
    text = describe_promise(infeasible, promise("load_increments", "policy.increments.overhead"))
    assert "(the policy default" in text


def test_an_offer_row_names_its_task_hours_and_days(warehouse: Scenario) -> None:
    offers = warehouse.availability.offers
    index = next(i for i, o in enumerate(offers) if o.weekdays)
    text = describe_promise(warehouse, promise("shift_and_availability", f"availability.offers[{index}]"))
    assert text.startswith(f"{offers[index].task_id} offered up to ")
    assert " h a day on " in text


def test_a_task_without_other_offers_is_said_to_be_offered_nowhere_else(warehouse: Scenario) -> None:
    task = warehouse.availability.offers[0].task_id
    assert describe_promise(warehouse, promise("shift_and_availability", "availability.offers", task)) == \
        f"{task} offered on no other day or shift"


def test_an_appointment_is_named_by_date_and_time_never_by_kind(warehouse: Scenario) -> None:
    appointment = warehouse.availability.appointments[0]
    text = describe_promise(warehouse, promise("shift_and_availability", "availability.appointments[0]"))
    assert appointment.date.isoformat() in text
    assert appointment.kind not in text


def test_a_shift_names_its_times_breaks_and_days(warehouse: Scenario) -> None:
    assert describe_promise(warehouse, promise("shift_and_availability", "worker.shift_pattern.shifts.D")) == \
        "the D shift (07:00-15:30 less 45 min of breaks) on Mon-Fri"


def test_the_sentence_joins_the_phrases_and_says_they_cannot_all_hold(infeasible: Scenario) -> None:
    conflict = [promise("full_duty_target", "worker.contracted_hours_per_week"),
                promise("full_duty_target", "policy.target.latest_date")]
    assert conflict_sentence(infeasible, conflict) == (
        "Full duty at the contracted 38.75 h a week; full duty by 2027-01-15 (week 2): "
        "these cannot all hold together.")


def test_the_terminal_lines_give_each_promise_with_where_it_is_set(infeasible: Scenario) -> None:
    summary = SolveSummary(status="INFEASIBLE", conflict=[promise("full_duty_target", "policy.target.latest_date")],
                           conflict_is_minimal=True)
    lines = conflict_lines(infeasible, summary)
    assert lines[1] == "Change any one of these and the others admit a plan:"
    assert lines[2] == "  - policy.target.latest_date: full duty by 2027-01-15 (week 2)"


def test_a_conflict_not_proven_minimal_says_so(infeasible: Scenario) -> None:
    summary = SolveSummary(status="INFEASIBLE", conflict=[promise("full_duty_target", "policy.target.latest_date")],
                           conflict_is_minimal=False)
    assert "not proven minimal" in conflict_lines(infeasible, summary)[1]


def test_no_conflict_named_says_so(infeasible: Scenario) -> None:
    assert "not identified" in conflict_lines(infeasible, SolveSummary(status="INFEASIBLE"))[0]
