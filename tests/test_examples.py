"""Every bundled example plans end to end through the CLI, and its plan passes the checker."""

import json
from pathlib import Path

import pytest

from rtw_scheduler.cli import main

SCENARIOS = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))


def test_there_are_at_least_four_realistic_examples_and_one_infeasible() -> None:
    assert len([p for p in SCENARIOS if not p.name.startswith("infeasible")]) >= 4
    assert any(p.name.startswith("infeasible") for p in SCENARIOS)


@pytest.mark.parametrize("path", [p for p in SCENARIOS if not p.name.startswith("infeasible")], ids=lambda p: p.stem)
def test_each_example_plans_to_full_duty_and_passes_the_checker(path: Path, tmp_path: Path) -> None:
    assert main(["plan", str(path), "-o", str(tmp_path)]) == 0
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert plan["solve"]["status"] in ("OPTIMAL", "FEASIBLE")
    assert plan["full_duty_week"] is not None
    assert main(["check", str(path), str(tmp_path / "plan.json")]) == 0


@pytest.mark.parametrize("path", [p for p in SCENARIOS if p.name.startswith("infeasible")], ids=lambda p: p.stem)
def test_an_infeasible_example_names_its_conflict_and_writes_nothing(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["plan", str(path), "-o", str(out)]) == 3
    assert not out.exists() or not any(out.iterdir())
    assert "full_duty_target" in capsys.readouterr().out
