"""End to end in a real browser: Debian's headless Chromium, driven by Playwright.

The app is served by `python -m streamlit run ui/app.py` on a free local port, opening the
tiny test scenario. In CI (the `CI` variable set) a missing Chromium fails the test; on a
machine without it the test is skipped with the reason.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from icalendar import Calendar

from models.restrictions import Restriction
from tests.ui.conftest import PASSWORD, SMALL_SCENARIO_YAML

if TYPE_CHECKING:
    from playwright.sync_api import Page

STARTUP_SECONDS = 60
PLAN_TIMEOUT_MS = 120_000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]


def chromium_path() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(small_dir: Path, app_path: Path, tmp_path: Path, app_environment: Path) -> Iterator[str]:
    """The app served on localhost; always stopped afterwards."""
    port = free_port()
    log = (tmp_path / "streamlit.log").open("wb")
    command = [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    # os.environ holds app_environment's users file and case record
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "RTW_UI_SCENARIO_DIR": str(small_dir)})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}: {(tmp_path / 'streamlit.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not answer within {STARTUP_SECONDS} s")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def settled(page: "Page") -> None:
    """Waits until the app is no longer running a script: sign-in sets its cookie through a component,
    which reruns the app, and a click made meanwhile may land on a page about to be redrawn."""
    page.wait_for_timeout(1000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=PLAN_TIMEOUT_MS)


@contextmanager
def signed_in_page(server: str, username: str) -> Iterator["Page"]:
    """A page of headless Chromium signed in through the form, as a user would; closed afterwards."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(server)
            page.get_by_label("Username", exact=True).fill(username)
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_text("Signed in:").wait_for(timeout=PLAN_TIMEOUT_MS)
            settled(page)
            yield page
        finally:
            browser.close()


def test_a_user_plans_the_example_and_downloads_the_worker_calendar(server: str) -> None:
    with signed_in_page(server, "ana") as page:
        page.get_by_role("button", name="Plan", exact=True).click(timeout=PLAN_TIMEOUT_MS)
        page.get_by_text("no violations").wait_for(timeout=PLAN_TIMEOUT_MS)
        assert page.get_by_text("5 of a 5-week horizon").is_visible()
        with page.expect_download(timeout=PLAN_TIMEOUT_MS) as download:
            page.get_by_role("button", name="Calendar: worker (.ics)").click()
        assert download.value.suggested_filename == "calendar-worker.ics"
        content = Path(download.value.path()).read_bytes()
    calendar = Calendar.from_ical(content)
    events = [component for component in calendar.walk("VEVENT")]
    assert events, "the worker calendar holds the planned shifts"
    assert b"lumbar" not in content, "the worker never sees the diagnosis"


def test_a_supervisor_signs_in_and_sees_the_plan_and_restrictions_never_the_diagnosis(
        app_environment: Path, server: str) -> None:
    from rtw_scheduler.cases.store import CaseStore
    from rtw_scheduler.planning import make_plan
    from rtw_scheduler.scenario_io import parse_scenario

    scenario = parse_scenario(SMALL_SCENARIO_YAML, "small_packer.yaml")
    scenario = scenario.model_copy(update={"restrictions": [Restriction(source="certificate, GP", max_load_kg=5)]})
    CaseStore(f"sqlite:///{app_environment}").open_case(scenario, make_plan(scenario).plan, "Ana Clinician")
    with signed_in_page(server, "sue") as page:
        page.get_by_text("Signed in: Sue Supervisor (supervisor)").wait_for(timeout=PLAN_TIMEOUT_MS)
        page.get_by_text("Restrictions").first.wait_for(timeout=PLAN_TIMEOUT_MS)
        text = page.inner_text("body")
    assert "Duties and hours per week" in text and "nothing over 5 kg lifted or carried" in text
    assert not [marker for marker in ("SECRET-DIAGNOSIS", "SECRET-HISTORY", "SECRET-NOTES", "smoking", "lumbar")
                if marker in text]
