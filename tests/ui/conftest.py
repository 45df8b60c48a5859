"""A folder holding one tiny scenario, which the app opens instead of the bundled examples.

The app reads its examples from RTW_UI_SCENARIO_DIR when it is set: the tests point it at
a four-week scenario (Monday-Friday mornings, a warm-up and two duties) that plans in
about a second, so that every test that presses Plan stays fast.
"""

from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
SMALL_NAME = "small_packer.yaml"

SMALL_SCENARIO_YAML = """\
schema_version: 1
id: small-packer
title: Packer back on light duties (test scenario)
dimensions:
  - {id: lifting, name: Lifting, unit: kg x lifts}
  - {id: standing, name: Standing, unit: h}
worker:
  id: W-7
  display_name: Test Worker
  time_zone: Europe/London
  plan_start_date: 2027-01-04
  contracted_hours_per_week: 20
  shift_pattern:
    kind: weekly
    shifts:
      D: {name: Day 08:00-12:30, kind: day, start: "08:00", end: "12:30",
          breaks: [{start: "10:00", minutes: 30}]}
    week: {mon: D, tue: D, wed: D, thu: D, fri: D}
  baseline:
    heaviest_load_kg: 5
    weekly_exposure: {work_hours: 12, lifting: 1000, standing: 8}
  risk_factors: [smoking]
  clinical:
    diagnosis: lumbar strain
tasks:
  - {id: warm-up, name: Warm-up, warm_up: true, exposure_per_hour: {standing: 1}}
  - {id: label, name: Label returns, heaviest_load_kg: 2,
     exposure_per_hour: {standing: 0.5, lifting: 40}}
  - {id: pack, name: Pack orders, heaviest_load_kg: 5, job_specific: true,
     exposure_per_hour: {standing: 1, lifting: 150}}
availability:
  offers:
    - {task_id: label, hours_per_day: 4}
    - {task_id: pack, hours_per_day: 4}
policy:
  horizon_weeks: 4
  increments:
    work_hours: {percent: 25, allowance: 3}
    lifting: {percent: 25, allowance: 500}
    standing: {percent: 25, allowance: 3}
  phases:
    - {name: technique, min_weeks: 1, daily_hours_cap: 4}
    - {name: full_exposure, min_weeks: 1, daily_hours_cap: 4}
  risk_factor_adjustments: {smoking: 0.9}
  target:
    weekly_exposure: {lifting: 1500}
"""


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    folder.mkdir()
    (folder / SMALL_NAME).write_text(SMALL_SCENARIO_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def small_examples(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app (run in this process by AppTest) opens the tiny scenario."""
    monkeypatch.setenv("RTW_UI_SCENARIO_DIR", str(small_dir))
    return small_dir


@pytest.fixture
def app_path() -> Path:
    return APP


@pytest.fixture
def small_yaml() -> str:
    return SMALL_SCENARIO_YAML
