"""Plan files: exact CSV layouts, spreadsheet-safe cells, all-or-nothing writes, no clinical data."""

import csv
import io
import os
from pathlib import Path

import pytest

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.atomic import write_files_atomically
from rtw_scheduler.exports import (
    plan_csv,
    plan_json,
    plan_output_files,
    spreadsheet_safe,
    weekly_csv,
)
from rtw_scheduler.scenario_io import load_plan

FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")'


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_plan_csv_header_is_exactly_the_documented_one(small_scenario: Scenario, small_plan: Plan) -> None:
    header = rows(plan_csv(small_scenario, small_plan))[0]

    assert header == ["worker_id", "date", "week", "weekday", "shift", "task_id", "task_name",
                      "start", "end", "minutes"]


def test_plan_csv_has_one_row_per_block_with_local_times_and_offsets(
        small_scenario: Scenario, small_plan: Plan) -> None:
    body = rows(plan_csv(small_scenario, small_plan))[1:]
    blocks = [b for w in small_plan.weeks for d in w.days for b in d.blocks]

    day = next(d for w in small_plan.weeks for d in w.days if d.blocks)
    assert len(body) == len(blocks)
    assert body[0] == ["W-7", day.date.isoformat(), "1", day.weekday.value, "D", "warm-up", "Warm-up",
                       f"{day.date}T08:00:00+00:00", f"{day.date}T08:15:00+00:00", "15"]


def test_weekly_csv_header_is_exactly_the_documented_one(small_plan: Plan) -> None:
    header = rows(weekly_csv(small_plan))[0]

    per_dim = [f"{dim}{suffix}" for dim in ("work_hours", "lifting", "standing")
               for suffix in ("", "_increment_limit", "_ceiling", "_target", "_increase_pct")]
    assert header == ["week", "start_date", "phase", "deload", "full_duty", "rest_days",
                      "heaviest_load_kg", "heaviest_load_limit_kg", *per_dim]


def test_weekly_increase_is_empty_in_week_one_and_a_percentage_after(small_plan: Plan) -> None:
    header, *body = rows(weekly_csv(small_plan))
    table = [dict(zip(header, row, strict=True)) for row in body]
    week1, week2 = small_plan.weeks[0].exposure, small_plan.weeks[1].exposure

    assert len(table) == len(small_plan.weeks)
    assert table[0]["work_hours_increase_pct"] == ""
    expected = round((week2["work_hours"] - week1["work_hours"]) / week1["work_hours"] * 100, 2)
    assert float(table[1]["work_hours_increase_pct"]) == expected


@pytest.mark.parametrize("text", ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", " =1",
                                  FORMULA_NAME])
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", [-3.5, -12, 0, "-12.5", "+4", "-1e3", "Pack orders", "2027-01-04"])
def test_numbers_and_plain_text_are_left_alone(value: object) -> None:
    assert spreadsheet_safe(value) == value


def test_a_task_named_like_a_formula_is_neutralised_in_plan_csv(
        small_scenario: Scenario, small_plan: Plan) -> None:
    plan = small_plan.model_copy(deep=True)
    for week in plan.weeks:
        for day in week.days:
            for block in day.blocks:
                if block.task_id == "pack":
                    block.task_name = FORMULA_NAME

    names = {row[6] for row in rows(plan_csv(small_scenario, plan))[1:]}

    assert "'" + FORMULA_NAME in names
    assert FORMULA_NAME not in names


def test_a_falling_week_shows_a_negative_number_not_quoted_text(small_plan: Plan) -> None:
    plan = small_plan.model_copy(deep=True)
    plan.weeks[2].exposure["lifting"] = plan.weeks[1].exposure["lifting"] / 2

    data = rows(weekly_csv(plan))
    cell = data[3][data[0].index("lifting_increase_pct")]

    assert cell == "-50.0"


def test_plan_files_contain_no_clinical_notes_or_risk_factors(
        small_scenario: Scenario, small_plan: Plan, tmp_path: Path,
        clinical_markers: tuple[str, ...]) -> None:
    for name, content in plan_output_files(small_scenario, small_plan).items():
        text = content.decode("utf-8")
        for marker in clinical_markers:
            assert marker not in text, f"{marker!r} leaked into {name}"


def test_plan_json_loads_back_as_the_same_weeks(small_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(plan_json(small_plan))

    loaded = load_plan(path)

    assert loaded.weeks == small_plan.weeks
    assert loaded.solve == small_plan.solve


def test_the_plan_s_files_are_the_four_files(small_scenario: Scenario, small_plan: Plan) -> None:
    assert sorted(plan_output_files(small_scenario, small_plan)) == ["binding.json", "plan.csv", "plan.json",
                                                                    "weekly.csv"]


def test_atomic_writer_writes_every_file_and_leaves_no_temporaries(tmp_path: Path) -> None:
    write_files_atomically(tmp_path, {"a.txt": b"A", "b.txt": b"B"})

    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    assert (tmp_path / "b.txt").read_bytes() == b"B"


def fail_on_second_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_atomic_writer_leaves_nothing_when_a_write_fails_midway(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outdir = tmp_path / "out"
    fail_on_second_replace(monkeypatch)

    with pytest.raises(OSError):
        write_files_atomically(outdir, {"plan.json": b"{}", "plan.csv": b"x", "weekly.csv": b"y"})

    assert not outdir.exists()


def test_atomic_writer_restores_the_previous_files_when_a_write_fails_midway(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.json").write_bytes(b"old plan")
    fail_on_second_replace(monkeypatch)

    with pytest.raises(OSError):
        write_files_atomically(tmp_path, {"plan.json": b"new plan", "plan.csv": b"x"})

    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
    assert (tmp_path / "plan.json").read_bytes() == b"old plan"


@pytest.mark.parametrize("name", ["../escape.txt", "sub/file.txt", "", ".."])
def test_atomic_writer_accepts_only_plain_file_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        write_files_atomically(tmp_path, {name: b"x"})
