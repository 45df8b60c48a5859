"""What would make a plan possible: each suggested change is planned for real, and is the smallest of its kind."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from models.plan import Promise
from models.scenario import Scenario
from rtw_scheduler.cli import main
from rtw_scheduler.compare import BASE_NAME, Variant, apply_changes, parse_variants, variant_scenarios
from rtw_scheduler.planning import make_plan
from rtw_scheduler.relaxations import (
    Relaxation,
    kinds_to_try,
    none_found,
    smallest_that_works,
    suggest_relaxations,
    variants_yaml,
)
from rtw_scheduler.scenario_io import load_scenario
from solver.diagnose import find_conflict
from solver.solve import SolverParameters, solve_scenario

ROOT = Path(__file__).resolve().parents[2]
TARGET_DATE = ROOT / "scenarios" / "infeasible_target_date.yaml"
OFFERS = ROOT / "tests" / "fixtures" / "infeasible_offers.yaml"
REST_DAYS = ROOT / "tests" / "fixtures" / "infeasible_rest_days.yaml"
FAST = SolverParameters(deterministic_time_per_stage=1.0)


def suggested(path: Path) -> tuple[Scenario, list[Relaxation]]:
    scenario = load_scenario(path)
    return scenario, suggest_relaxations(scenario, FAST, find_conflict(scenario).promises)


@pytest.fixture(scope="module")
def target_date() -> tuple[Scenario, list[Relaxation]]:
    return suggested(TARGET_DATE)


@pytest.fixture(scope="module")
def offers() -> tuple[Scenario, list[Relaxation]]:
    return suggested(OFFERS)


def has_no_plan(scenario: Scenario, changes: dict[str, Any]) -> bool:
    changed = Scenario.model_validate(apply_changes(scenario.model_dump(mode="json"), Variant("t", changes), "t"))
    return solve_scenario(changed, FAST, name_conflict=False).summary.status == "INFEASIBLE"


def test_a_missed_target_date_gets_a_later_date_and_larger_increments(
        target_date: tuple[Scenario, list[Relaxation]]) -> None:
    _, found = target_date
    assert [r.description.split(":")[0].split(",")[0] for r in found] == [
        "move the latest date for full duty 3 weeks later", "allow larger weekly increments"]
    assert found[0].changes == {"policy.target.latest_date": "2027-02-05"}
    assert found[0].full_duty_week == 5


def test_the_date_moves_by_the_fewest_weeks(target_date: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, _ = target_date
    assert has_no_plan(scenario, {"policy.target.latest_date": "2027-01-29"})


def test_the_increment_is_the_smallest_whole_percentage(target_date: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = target_date
    raised = found[1].changes
    percent = raised["policy.increments.work_hours"]["percent"]
    one_less = {path: {"percent": percent - 1, "allowance": value["allowance"] * (percent - 1) / percent}
                for path, value in raised.items()}
    assert has_no_plan(scenario, one_less)


@pytest.mark.parametrize("which", ["target_date", "offers"])
def test_every_suggestion_really_plans_and_passes_the_checker(which: str, request: pytest.FixtureRequest) -> None:
    _, found = request.getfixturevalue(which)
    assert found
    for relaxation in found:
        result = make_plan(relaxation.scenario, FAST)
        assert not result.violations, relaxation.description
        assert result.plan.full_duty_week == relaxation.full_duty_week


def test_too_few_task_hours_get_more_of_the_duty_from_the_latest_week_that_works(
        offers: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = offers
    assert [r.description for r in found] == [
        "offer more of the duties: pack 2 h a day instead of 1 h on Mon, Tue (availability.offers[1]); pack 1 h "
        "a day on its other shifts too, from week 4 (2027-01-25): 5 task-hours more offered in all"]
    rows = found[0].changes["availability.offers"]
    before = scenario.model_dump(mode="json")["availability"]["offers"]
    assert rows[:len(before)] == before  # the weeks before keep today's offers
    assert rows[len(before):] == [
        {**before[1], "hours_per_day": 2.0, "from_date": "2027-01-25"},
        {"task_id": "pack", "hours_per_day": 1.0, "from_date": "2027-01-25"}]


def test_a_quarter_hour_less_or_a_week_later_has_no_plan(offers: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = offers
    rows = found[0].changes["availability.offers"]
    added = len(scenario.availability.offers)
    less = [*rows[:added], *({**row, "hours_per_day": row["hours_per_day"] - 0.25} for row in rows[added:])]
    assert has_no_plan(scenario, {"availability.offers": less})
    a_week_later = [*rows[:added], *({**row, "from_date": "2027-02-01"} for row in rows[added:])]
    assert has_no_plan(scenario, {"availability.offers": a_week_later})


def test_each_offer_raised_is_needed(offers: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = offers
    rows = found[0].changes["availability.offers"]
    added = len(scenario.availability.offers)
    for dropped in range(added, len(rows)):
        assert has_no_plan(scenario, {"availability.offers": [r for i, r in enumerate(rows) if i != dropped]})


def test_rest_days_the_roster_cannot_hold_with_the_contracted_hours_get_fewer_hours_as_a_decision_for_people(
        ) -> None:
    scenario, found = suggested(REST_DAYS)
    assert [r.changes for r in found] == [{"worker.contracted_hours_per_week": 20.0}]
    assert found[0].description.startswith(
        f"full duty at 20 h a week instead of the contracted {scenario.worker.contracted_hours_per_week:g} h")
    assert "a decision for people" in found[0].description and "never the planner's" in found[0].description


def test_the_suggestions_make_a_variants_file_for_compare(target_date: tuple[Scenario, list[Relaxation]]) -> None:
    scenario, found = target_date
    variants = parse_variants(variants_yaml(found), "suggested.yaml")
    scenarios = variant_scenarios(scenario.model_dump(mode="json"), variants, "suggested.yaml")
    assert list(scenarios) == [BASE_NAME, *(r.description for r in found)]


def test_the_cli_prints_why_no_plan_and_what_would_make_one_with_exit_3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["plan", str(TARGET_DATE), "-o", str(tmp_path / "out"), "--time-per-stage", "1"])
    out = capsys.readouterr().out

    assert code == 3
    assert "Why no plan: " in out and "  - policy.target.latest_date: full duty by 2027-01-15 (week 2)" in out
    assert "What would make a plan possible" in out and "full duty in week 5 (from 2027-02-01)" in out
    assert not (tmp_path / "out").exists()


def test_the_cli_writes_the_suggestions_as_a_variants_file_and_nothing_else(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suggestions = tmp_path / "suggested.yaml"
    code = main(["plan", str(TARGET_DATE), "-o", str(tmp_path / "out"), "--time-per-stage", "1",
                 "--suggestions", str(suggestions)])

    assert code == 3
    assert len(parse_variants(suggestions.read_text(encoding="utf-8"), str(suggestions))) == 2
    assert f"rtw compare {TARGET_DATE} --variants {suggestions}" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["suggested.yaml"]


def test_no_suggestions_skips_the_relaxations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["plan", str(TARGET_DATE), "-o", str(tmp_path / "out"), "--no-suggestions"])
    out = capsys.readouterr().out

    assert code == 3
    assert "Why no plan:" in out
    assert "What would make a plan possible" not in out


def test_an_unusable_suggestions_path_is_refused_before_planning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["plan", str(TARGET_DATE), "-o", str(tmp_path / "out"), "--suggestions", str(tmp_path)])

    assert code == 2
    assert "is a directory" in capsys.readouterr().err


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=-1, max_value=61))
def test_the_search_finds_the_smallest_step_that_works_trying_each_at_most_once(count: int, answer: int) -> None:
    tried: list[int] = []

    def works(step: int) -> bool:
        tried.append(step)
        return 0 <= answer <= step

    found = smallest_that_works(list(range(count)), works)

    assert found == (answer if 0 <= answer < count else None)
    assert len(tried) == len(set(tried)) <= 2 * count.bit_length() + 1


def test_with_nothing_found_the_suggestions_say_what_they_tried_and_what_only_people_can_change() -> None:
    scenario = load_scenario(TARGET_DATE)
    conflict = [Promise(family="warm_up", path="policy.warm_up_minutes"),
                Promise(family="full_duty_target", path="policy.horizon_weeks")]

    tried, untouched = none_found(scenario, conflict)

    assert tried == ("nothing found: tried a longer horizon, each on its own and, where two or more could "
                     "help, together; none gave a plan")
    assert untouched.endswith("which only you can: policy.warm_up_minutes")


def test_the_kinds_tried_are_those_that_change_a_promise_of_the_conflict() -> None:
    scenario = load_scenario(TARGET_DATE)
    conflict = [Promise(family="load_increments", path="policy.increments.lifting")]

    assert [kind.label for kind in kinds_to_try(scenario, conflict)] == ["larger weekly increments"]


def test_a_heaviest_load_step_too_small_to_reach_the_job_gets_a_larger_step_that_plans() -> None:
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "small_packer.yaml").read_text(encoding="utf-8"))
    data["worker"]["baseline"]["heaviest_load_kg"] = 1
    data["policy"]["heaviest_load_step_kg"] = 1  # 1 -> 2 kg (labels), never 3: the 5 kg packing stays out of reach
    scenario = Scenario.model_validate(data)
    conflict = make_plan(scenario, FAST).plan.solve.conflict

    found = suggest_relaxations(scenario, FAST, conflict)

    assert any(r.changes.keys() == {"policy.heaviest_load_step_kg"} and r.full_duty_week for r in found)


def test_more_task_hours_never_offers_more_warm_up_even_when_a_conflict_names_it() -> None:
    """The warm-up needs no offer: offering more of it cannot make a plan, so a conflict that
    names it (as the finder never should) is read as naming no offer, and the duties' offers
    are raised instead."""
    scenario = load_scenario(OFFERS)
    conflict = [Promise(family="shift_and_availability", path="availability.offers", subject="warm-up")]
    found = [r for r in suggest_relaxations(scenario, FAST, conflict) if r.description.startswith("offer more")]
    assert found, "more packing hours make a plan"
    for relaxation in found:
        assert "warm-up" not in relaxation.description
        assert all(row["task_id"] != "warm-up" for row in relaxation.changes["availability.offers"])


def protocol_case(rungs: list[dict[str, Any]]) -> Scenario:
    """The small packer under a load protocol: packing (5 kg) is needed for full duty."""
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "small_packer.yaml").read_text(encoding="utf-8"))
    data["policy"]["heaviest_load_protocol"] = rungs
    return Scenario.model_validate(data)


def test_a_protocol_rung_held_too_long_gets_a_shorter_rung_that_plans() -> None:
    scenario = protocol_case([{"kg": 2, "min_weeks": 4}, {"kg": 5}])  # 2 kg for all 5 weeks (x0.9)
    conflict = make_plan(scenario, FAST).plan.solve.conflict
    assert any(promise.path == "policy.heaviest_load_protocol[0]" for promise in conflict)

    found = [r for r in suggest_relaxations(scenario, FAST, conflict) if "protocol's rung 1" in r.description]

    assert found and found[0].full_duty_week
    assert found[0].changes["policy.heaviest_load_protocol"][0]["min_weeks"] < 4
    assert "surgeon" in found[0].description


def test_a_protocol_that_stops_short_of_the_job_gets_one_more_rung_that_plans() -> None:
    scenario = protocol_case([{"kg": 2}])
    conflict = make_plan(scenario, FAST).plan.solve.conflict

    found = [r for r in suggest_relaxations(scenario, FAST, conflict) if "end the protocol" in r.description]

    assert found and found[0].full_duty_week
    assert found[0].changes["policy.heaviest_load_protocol"] == [{"kg": 2, "min_weeks": 1}, {"kg": 5, "min_weeks": 1}]
