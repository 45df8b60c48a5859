"""A folder holding one tiny scenario, which the app opens instead of the bundled examples.

The app reads its examples from RTW_UI_SCENARIO_DIR when it is set: the tests point it at
a four-week scenario (Monday-Friday mornings, a warm-up and two duties) that plans in
about a second, so that every test that presses Plan stays fast.
"""

from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
SMALL_NAME = "small_packer.yaml"

SMALL_SCENARIO_YAML = (Path(__file__).resolve().parents[1] / "fixtures" / "small_packer.yaml").read_text(
    encoding="utf-8")


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
