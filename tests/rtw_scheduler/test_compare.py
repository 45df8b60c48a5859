"""What-if comparison: variants files, KPIs, and the `rtw compare` command."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from rtw_scheduler.cli import main
from rtw_scheduler.compare import (
    BASE_NAME,
    Variant,
    apply_changes,
    kpi_frame,
    parse_variants,
    run_variants,
    variant_scenarios,
)
from rtw_scheduler.scenario_io import InputError

TIME_PER_STAGE = 1.0
RELAXED = {f"policy.increments.{dim}.percent": 100 for dim in ("work_hours", "lifting", "standing")}


def test_variants_are_parsed_with_their_changes() -> None:
    text = "- name: faster\n  changes:\n    policy.increments.work_hours.percent: 30\n"
    assert parse_variants(text, "v.yaml") == [Variant("faster", {"policy.increments.work_hours.percent": 30})]


@pytest.mark.parametrize(("text", "expected"), [
    ("{}", "v.yaml: the top level must be a non-empty list"),
    ("- name: a\n", "v.yaml: variant 'a': changes: "),
    ("- name: base\n  changes: {policy.horizon_weeks: 5}\n", "v.yaml: variant 'base': "),
    ("- name: a\n  changes: {'policy..x': 1}\n", "v.yaml: variant 'a': policy..x: not a field path"),
    ("- {name: a, changes: {x: 1}}\n- {name: a, changes: {x: 2}}\n", "two variants have this name"),
])
def test_bad_variants_files_name_the_file_and_the_variant(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_variants(text, "v.yaml")
    assert expected in str(caught.value)


@pytest.mark.parametrize(("path", "expected"), [
    ("availability.offers[7].from_date", "v.yaml: variant 'bad': availability.offers[7].from_date: "
                                         "availability.offers has 2 item(s)"),
    ("policy.horizon_weeks.value", "v.yaml: variant 'bad': policy.horizon_weeks.value: "
                                   "policy.horizon_weeks is not a mapping"),
    ("policy.increment_percent", "v.yaml: variant 'bad': policy.increment_percent: "),
])
def test_a_bad_path_is_an_error_naming_the_file_variant_and_path(
        scenario_data: dict[str, Any], path: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        variant_scenarios(scenario_data, [Variant("bad", {path: 3})], "v.yaml")
    assert expected in str(caught.value)


def test_changes_reach_list_items_and_leave_the_base_alone(scenario_data: dict[str, Any]) -> None:
    variant = Variant("v", {"availability.offers[1].hours_per_day": 2, "policy.acwr_max": 1.5})
    changed = apply_changes(scenario_data, variant, "v.yaml")
    assert changed["availability"]["offers"][1]["hours_per_day"] == 2
    assert changed["policy"]["acwr_max"] == 1.5
    assert scenario_data["availability"]["offers"][1]["hours_per_day"] == 4
    assert "acwr_max" not in scenario_data["policy"]


def test_a_variant_that_relaxes_the_increments_is_never_slower_to_full_duty(
        planning_ready: None, scenario_data: dict[str, Any]) -> None:
    scenarios = variant_scenarios(scenario_data, [Variant("relaxed", RELAXED)], "v.yaml")
    results = run_variants(scenarios, processes=2, time_per_stage=TIME_PER_STAGE)

    frame = kpi_frame(results).set_index("variant")
    base, relaxed = frame.loc[BASE_NAME], frame.loc["relaxed"]
    assert base["status"] in ("OPTIMAL", "FEASIBLE") and relaxed["status"] in ("OPTIMAL", "FEASIBLE")
    assert relaxed["weeks_to_full_duty"] <= base["weeks_to_full_duty"]
    assert base["hours_week_1"] > 0 and base["rest_days"] >= 0
    assert "task_hours_pack" in frame.columns and "max_increase_pct_lifting" in frame.columns


BUNDLED = sorted(p for p in (Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml")
                 if not p.name.startswith("infeasible"))


def larger_increments(data: dict[str, Any]) -> Variant:
    """Every increment limit 10 percentage points larger: a relaxation of every rate of rise."""
    policy = data["policy"]
    changes: dict[str, Any] = {f"policy.increments.{dim}.percent": limit["percent"] + 10
                               for dim, limit in (policy.get("increments") or {}).items()}
    changes["policy.default_increment_percent"] = policy.get("default_increment_percent", 15) + 10
    return Variant("larger increments", changes)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_on_each_bundled_example_a_variant_with_larger_increments_is_never_slower_to_full_duty(
        planning_ready: None, path: Path) -> None:
    from rtw_scheduler.scenario_io import load_scenario_data

    data = load_scenario_data(path)
    results = run_variants(variant_scenarios(data, [larger_increments(data)], str(path)), processes=2,
                           time_per_stage=TIME_PER_STAGE)

    weeks = {}
    for result in results:
        assert result.plan is not None and result.plan.full_duty_week is not None, result.name
        assert result.plan.solve.stages[0].status == "OPTIMAL", result.name  # the week of full duty is proven
        weeks[result.name] = result.plan.full_duty_week
    assert weeks["larger increments"] <= weeks[BASE_NAME]


def test_rtw_compare_writes_kpis_and_the_chart_and_exits_0(
        planning_ready: None, small_scenario_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    variants = tmp_path / "variants.yaml"
    variants.write_text(yaml.safe_dump([{"name": "relaxed", "changes": RELAXED}]), encoding="utf-8")
    outdir = tmp_path / "what-if"

    code = main(["compare", str(small_scenario_file), "--variants", str(variants), "-o", str(outdir),
                 "--processes", "2", "--time-per-stage", str(TIME_PER_STAGE)])

    out = capsys.readouterr().out
    assert code == 0
    assert sorted(p.name for p in outdir.iterdir()) == [".rtw-manifest.json", "kpis.csv", "weekly_load.html"]
    rows = list(csv.DictReader(io.StringIO((outdir / "kpis.csv").read_text(encoding="utf-8"))))
    assert [row["variant"] for row in rows] == [BASE_NAME, "relaxed"]
    assert "weeks_to_full_duty" in out and "relaxed" in out
    assert "<svg" in (outdir / "weekly_load.html").read_text(encoding="utf-8")


def test_rtw_compare_with_a_bad_path_exits_2_naming_it(
        small_scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    variants = tmp_path / "variants.yaml"
    variants.write_text("- name: typo\n  changes: {policy.incremnts.work_hours.percent: 30}\n", encoding="utf-8")

    code = main(["compare", str(small_scenario_file), "--variants", str(variants), "-o", str(tmp_path / "o")])

    err = capsys.readouterr().err
    assert code == 2
    assert f"{variants}: variant 'typo': policy.incremnts" in err
    assert not (tmp_path / "o").exists()


def test_rtw_compare_with_a_missing_variants_file_exits_2_naming_it(
        small_scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    variants = tmp_path / "no-such-variants.yaml"

    code = main(["compare", str(small_scenario_file), "--variants", str(variants), "-o", str(tmp_path / "o")])

    assert code == 2
    assert f"{variants}: file not found" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_the_documented_example_variants_apply_to_the_warehouse_scenario() -> None:
    from rtw_scheduler.compare import load_variants
    from rtw_scheduler.scenario_io import load_scenario_data

    root = Path(__file__).resolve().parents[2]
    example = root / "docs" / "examples" / "warehouse_what_if.yaml"
    base = load_scenario_data(root / "scenarios" / "warehouse_order_picker.yaml")
    scenarios = variant_scenarios(base, load_variants(example), str(example))
    assert list(scenarios) == [BASE_NAME, "30 % on hours", "packing from week 3", "4-day week"]


def test_rtw_compare_says_why_a_variant_has_no_plan(
        planning_ready: None, small_scenario_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    variants = tmp_path / "variants.yaml"
    variants.write_text("- name: too soon\n  changes: {policy.target.latest_date: 2027-01-04}\n", encoding="utf-8")

    code = main(["compare", str(small_scenario_file), "--variants", str(variants), "-o", str(tmp_path / "o"),
                 "--time-per-stage", str(TIME_PER_STAGE)])

    err = capsys.readouterr().err
    assert code == 0
    assert "too soon: no plan. " in err and "full duty by 2027-01-04 (week 1)" in err
    assert "these cannot all hold together" in err
