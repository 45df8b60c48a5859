"""The `rtw` command: exit codes, files written or not, and errors without tracebacks."""

import contextlib
import datetime as dt
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from models.plan import Plan
from rtw_scheduler.cli import file_commands, main


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


@dataclass
class Planned:
    scenario: Path
    outdir: Path
    result: Run


@pytest.fixture(scope="module")
def planned(planning_ready: None, small_scenario_yaml: str,
            tmp_path_factory: pytest.TempPathFactory) -> Planned:
    """`rtw plan` run once on the small scenario (about a second)."""
    base = tmp_path_factory.mktemp("planned")
    scenario = base / "small.yaml"
    scenario.write_text(small_scenario_yaml, encoding="utf-8")
    outdir = base / "out"
    return Planned(scenario, outdir, run("plan", str(scenario), "-o", str(outdir), "--time-per-stage", "5"))


def test_validate_prints_ok_with_tasks_and_weeks(small_scenario_file: Path) -> None:
    result = run("validate", str(small_scenario_file))

    assert result.code == 0
    assert result.out.strip() == ("OK: small-packer (3 tasks, 5 weeks (a 4-week horizon lengthened for the "
                                  "worker's risk factors))")


def test_validate_of_a_bad_file_exits_2_naming_file_and_field_without_traceback(
        scenario_data: dict[str, Any], write_yaml: Any) -> None:
    scenario_data["tasks"][1]["colour"] = "red"
    path = write_yaml(scenario_data)

    result = run("validate", str(path))

    assert result.code == 2
    assert f"{path}: tasks[1].colour: " in result.err
    assert "Traceback" not in result.err + result.out


def test_plan_exits_0_and_writes_the_plan_files(planned: Planned) -> None:
    assert planned.result.code == 0, planned.result.err
    assert sorted(p.name for p in planned.outdir.iterdir()) == [
        ".rtw-manifest.json", "binding.json", "plan.csv", "plan.json", "weekly.csv"]


def test_plan_prints_the_weekly_table_and_the_solve_summary(planned: Planned) -> None:
    assert "phase" in planned.result.out
    assert "status: OPTIMAL" in planned.result.out or "status: FEASIBLE" in planned.result.out
    assert "full duty: week " in planned.result.out


def test_plan_output_is_readable_in_120_columns(planned: Planned) -> None:
    too_wide = [line for line in planned.result.out.splitlines()
                if len(line) > 120 and not line.startswith("wrote ")]

    assert too_wide == []


def test_plan_reports_progress_on_stderr(planned: Planned) -> None:
    assert "trying full duty after" in planned.result.err
    assert "best plan so far scores" in planned.result.err


def test_check_of_the_written_plan_exits_0(planned: Planned) -> None:
    result = run("check", str(planned.scenario), str(planned.outdir / "plan.json"))

    assert result.code == 0, result.out + result.err


def test_check_of_a_plan_with_a_lengthened_block_exits_1(planned: Planned, tmp_path: Path) -> None:
    data = json.loads((planned.outdir / "plan.json").read_text(encoding="utf-8"))
    block = next(b for w in data["weeks"] for d in w["days"] for b in d["blocks"] if not b["warm_up"])
    block["end"] = (dt.datetime.fromisoformat(block["end"]) + dt.timedelta(hours=1)).isoformat()
    block["minutes"] += 60
    corrupted = tmp_path / "plan.json"
    corrupted.write_text(json.dumps(data), encoding="utf-8")

    result = run("check", str(planned.scenario), str(corrupted))

    assert result.code == 1
    assert result.out.strip()


def test_an_infeasible_scenario_exits_3_names_the_conflict_and_writes_nothing(
        planning_ready: None, infeasible_scenario_file: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "out"

    result = run("plan", str(infeasible_scenario_file), "-o", str(outdir), "--time-per-stage", "5")

    assert result.code == 3
    assert "status: INFEASIBLE" in result.out
    assert "full_duty_target: " in result.out
    assert not outdir.exists()


def test_a_time_limit_too_short_for_a_plan_exits_3_says_so_and_writes_nothing(
        planning_ready: None, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    scenario = Path(__file__).parents[2] / "scenarios" / "warehouse_order_picker.yaml"

    result = run("plan", str(scenario), "-o", str(outdir), "--time-limit", "0.2")

    assert result.code == 3
    assert "no plan found within 0.2 s" in result.out and "--time-limit" in result.out
    assert not outdir.exists()


def test_a_plan_the_checker_rejects_exits_4_and_writes_nothing(
        planning_ready: None, small_scenario_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rtw_scheduler import planning
    from solver.checker import Violation

    def rejecting_make_plan(*args: object, **kwargs: object) -> object:
        raise planning.PlanRejected([Violation(family="rest_days", week=1, message="week 1: 0 rest days")])

    monkeypatch.setattr(planning, "make_plan", rejecting_make_plan)
    outdir = tmp_path / "out"

    result = run("plan", str(small_scenario_file), "-o", str(outdir))

    assert result.code == 4
    assert "week 1: 0 rest days" in result.err
    assert not outdir.exists()


def test_plan_of_a_bad_scenario_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: [\n", encoding="utf-8")

    result = run("plan", str(path), "-o", str(tmp_path / "out"))

    assert result.code == 2
    assert str(path) in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("workers", ["0", "100000", "two"])
def test_workers_outside_one_to_the_cpu_count_exit_2(small_scenario_file: Path, tmp_path: Path,
                                                     workers: str) -> None:
    result = run("plan", str(small_scenario_file), "-o", str(tmp_path / "out"), "--workers", workers)

    assert result.code == 2
    assert "--workers" in result.err


def test_schema_prints_the_scenario_json_schema() -> None:
    result = run("schema")

    assert result.code == 0
    assert json.loads(result.out)["title"] == "Scenario"


def test_schema_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "schema" / "scenario.schema.json"

    result = run("schema", "-o", str(target))

    assert result.code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Scenario"


def test_an_unexpected_error_is_an_internal_error_without_traceback(
        small_scenario_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(file_commands, "load_scenario", broken)

    result = run("validate", str(small_scenario_file))

    assert result.code == 70
    assert result.err.strip() == "internal error: RuntimeError: something broke"


def test_an_output_directory_that_cannot_be_created_exits_2_before_planning(
        small_scenario_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")

    result = run("plan", str(small_scenario_file), "-o", str(blocker / "out"))

    assert result.code == 2
    assert f"{blocker}: not a directory" in result.err
    assert "planning" not in result.err


def test_a_failed_write_exits_74_without_traceback_and_leaves_nothing(
        small_scenario_file: Path, small_plan: Plan, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rtw_scheduler import planning

    monkeypatch.setattr(planning, "make_plan", lambda *args, **kwargs: planning.PlanResult(small_plan, []))
    real_replace = os.replace

    def disk_full(src: str, dst: str) -> None:
        if str(dst).endswith("plan.csv"):
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", disk_full)
    outdir = tmp_path / "out"

    result = run("plan", str(small_scenario_file), "-o", str(outdir))

    assert result.code == 74
    assert "plan.csv: No space left on device" in result.err
    assert "Traceback" not in result.err
    assert not outdir.exists()


def test_plan_prints_why_not_faster_and_writes_the_binding_column(planned: Planned) -> None:
    assert "why not faster" in planned.result.out
    assert "week 1 (technique):" in planned.result.out
    header = (planned.outdir / "weekly.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-1] == "binding"
    data = json.loads((planned.outdir / "binding.json").read_text(encoding="utf-8"))
    assert [week["week"] for week in data["weeks"]] == [1, 2, 3, 4, 5]  # 4 weeks / 0.9 for smoking
