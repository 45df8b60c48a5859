"""A folder holding one tiny scenario, which the app opens instead of the bundled examples.

The app reads its examples from RTW_UI_SCENARIO_DIR when it is set: the tests point it at
a four-week scenario (Monday-Friday mornings, a warm-up and two duties) that plans in
about a second, so that every test that presses Plan stays fast.

Every app test also signs in from a users file of one user per role (`users_file`, `signed_in`)
and keeps its case record in its own SQLite file (`app_environment`); `case_record` fills it with
two cases of the tiny scenario, whose clinical fields carry marker text.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from models.plan import Plan
from models.progress import ProgressEntry
from models.scenario import Scenario
from rtw_scheduler.cases.store import CaseStore
from rtw_scheduler.planning import make_plan
from rtw_scheduler.scenario_io import parse_scenario

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


PASSWORD = "correct horse battery"
USERS = {"ana": ("Ana Clinician", "clinician", None), "sue": ("Sue Supervisor", "supervisor", None),
         "hal": ("Hal HR", "hr", None), "sam": ("Sam Worker", "worker", 1)}
"""The users of every app test: one per role, the worker's case being case 1."""


@pytest.fixture(scope="session")
def users_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rtw_scheduler.users import add_user

    path = tmp_path_factory.mktemp("users") / "users.yaml"
    for username, (name, role, case) in USERS.items():
        add_user(path, username, name, role, PASSWORD, case)  # type: ignore[arg-type]
    return path


@pytest.fixture(autouse=True)
def app_environment(users_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every app test signs in from `users_file` and keeps its case record in its own SQLite file."""
    monkeypatch.setenv("RTW_UI_USERS", str(users_file))
    database = tmp_path / "cases.sqlite"
    monkeypatch.setenv("RTW_DATABASE_URL", f"sqlite:///{database}")
    return database


def signed_in(app_path: Path, username: str = "ana", timeout: float = 120) -> AppTest:
    """The app as `username` sees it once signed in (the sign-in form itself is tested in a browser)."""
    app = AppTest.from_file(str(app_path), default_timeout=timeout)
    app.session_state["authentication_status"] = True
    app.session_state["username"] = username
    app.session_state["name"] = USERS[username][0]
    return app.run()


@pytest.fixture(scope="module")
def planned() -> tuple[Scenario, Plan]:
    scenario = parse_scenario(SMALL_SCENARIO_YAML, "small_packer.yaml")
    return scenario, make_plan(scenario).plan


@pytest.fixture
def store(app_environment: Path) -> CaseStore:
    return CaseStore(f"sqlite:///{app_environment}")


@pytest.fixture
def case_record(store: CaseStore, planned: tuple[Scenario, Plan]) -> CaseStore:
    """Case 1 (the worker Sam's) with a week logged, and case 2, another worker's."""
    scenario, plan = planned
    store.open_case(scenario, plan, "Ana Clinician", reason="PAIN-NOTE in the reason")
    store.log_progress(1, [ProgressEntry(week=1, pain_during=4, pain_next_morning=1, fatigue=6,
                                         notes="PAIN-NOTE FATIGUE-NOTE")], "Ana Clinician")
    other = scenario.model_copy(update={"worker": scenario.worker.model_copy(update={"id": "OTHER-9"})})
    store.open_case(other, plan.model_copy(update={"worker_id": "OTHER-9"}), "Ana Clinician")
    return store

