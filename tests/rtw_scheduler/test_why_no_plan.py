"""Why no plan, in words: each promise of a conflict phrased with the scenario's own numbers."""

import re
from pathlib import Path

import pytest

from models.plan import Promise, SolveSummary
from models.scenario import Scenario
from rtw_scheduler.scenario_io import load_scenario
from rtw_scheduler.why_no_plan import conflict_lines, conflict_sentence, describe_promise, has_phrase
from solver.build import build_model
from solver.diagnose import find_conflict

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


# --- the warm-up needs no offer ---------------------------------------------------------

OFFERS = ROOT / "tests" / "fixtures" / "infeasible_offers.yaml"


def with_warm_up_row(scenario: Scenario) -> Scenario:
    """The scenario with an offer row written for its warm-up too (Mondays only), as a user might."""
    data = scenario.model_dump(mode="json")
    warm_up = next(task["id"] for task in data["tasks"] if task["warm_up"])
    data["availability"]["offers"].append({"task_id": warm_up, "hours_per_day": 0.25, "weekdays": ["mon"]})
    return Scenario.model_validate(data)


def names_a_warm_up_offer(scenario: Scenario, made: Promise) -> bool:
    warm_ups = {task.id for task in scenario.tasks if task.warm_up}
    row = re.fullmatch(r"availability\.offers\[(\d+)\]", made.path)
    return ((made.path == "availability.offers" and made.subject in warm_ups)
            or (row is not None and scenario.availability.offers[int(row[1])].task_id in warm_ups))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("warm_up_row", [False, True], ids=["no-warm-up-row", "warm-up-row"])
def test_the_warm_up_is_never_an_offer_promise_the_conflict_finder_can_pick(path: Path, warm_up_row: bool) -> None:
    scenario = load_scenario(path)
    if not any(task.warm_up for task in scenario.tasks):
        pytest.skip("no warm-up task")
    if warm_up_row:
        scenario = with_warm_up_row(scenario)
    guarded = build_model(scenario, diagnose=True).context.guards
    assert [made.key for made in guarded if names_a_warm_up_offer(scenario, made)] == []


def test_a_warm_up_offer_promise_is_phrased_as_the_warm_up_never_as_an_offer() -> None:
    scenario = with_warm_up_row(load_scenario(OFFERS))
    row = len(scenario.availability.offers) - 1
    for made in (promise("shift_and_availability", "availability.offers", "warm-up"),
                 promise("shift_and_availability", f"availability.offers[{row}]")):
        assert describe_promise(scenario, made) == "a 15-minute warm-up at the start of every worked shift"


def test_too_little_packing_names_its_offers_and_no_warm_up_offer() -> None:
    scenario = with_warm_up_row(load_scenario(OFFERS))
    conflict = find_conflict(scenario)
    summary = SolveSummary(status="INFEASIBLE", conflict=conflict.promises, conflict_is_minimal=conflict.minimal)
    lines = conflict_lines(scenario, summary)
    assert "pack not offered at all" not in " ".join(lines)
    assert not [line for line in lines if "warm-up" in line.lower() and "offer" in line.lower()]
    assert any("pack offered up to 1 h a day" in line for line in lines), lines


# --- limits are never printed rounded up ------------------------------------------------


def test_why_no_plan_prints_limits_as_written_and_cuts_longer_ones_down(warehouse: Scenario) -> None:
    phases = list(warehouse.policy.phases)
    phases[0] = phases[0].model_copy(update={"max_lifting_index": 0.75, "daily_hours_cap": 7.75})
    phases[1] = phases[1].model_copy(update={"daily_hours_cap": 6.666})
    scenario = warehouse.model_copy(update={"policy": warehouse.policy.model_copy(update={"phases": phases})})
    first, second = phases[0].name, phases[1].name
    assert describe_promise(scenario, promise("daily_hour_caps", "policy.phases[0].daily_hours_cap")) == \
        f"at most 7.75 h a day in {first}"
    assert describe_promise(scenario, promise("daily_hour_caps", "policy.phases[1].daily_hours_cap")) == \
        f"at most 6.66 h a day in {second}"
    text = describe_promise(scenario, promise("phase_task_limits", "policy.phases[0].max_lifting_index"))
    assert text.startswith(f"tasks up to lifting index 0.75 in {first}")


def test_a_protocol_rung_and_the_phases_timing_are_named_with_their_weeks(warehouse: Scenario) -> None:
    data = warehouse.model_dump(mode="json")
    data["policy"]["heaviest_load_protocol"] = [{"kg": 0.5, "min_weeks": 2}, {"kg": 2, "min_weeks": 3}]
    data["policy"]["phases"][1].update(earliest_start=4, max_weeks=5)
    scenario = Scenario.model_validate(data)

    assert describe_promise(scenario, promise("heaviest_load_steps", "policy.heaviest_load_protocol[0]")) == (
        "the load protocol's rung 1: nothing over 0.5 kg, weeks 1-2")
    assert describe_promise(scenario, promise("heaviest_load_steps", "policy.heaviest_load_protocol[1]")) == (
        "the load protocol's rung 2: nothing over 2 kg, from week 3")
    name = scenario.policy.phases[1].name
    assert describe_promise(scenario, promise("phase_progression", "policy.phases[1].earliest_start")) == (
        f"{name} not before week 5")
    assert describe_promise(scenario, promise("phase_progression", "policy.phases[1].max_weeks")) == (
        f"at most 5 weeks of {name}")
