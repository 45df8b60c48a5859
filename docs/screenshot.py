"""Takes docs/plan-page.png (the app's plan page for the warehouse example) and docs/why-no-plan.png
(the infeasible example: why no plan, and the changes suggested), in headless Chromium.

Usage: python docs/screenshot.py  (needs Debian's chromium and the `test` extra for Playwright).
It signs in as a throwaway clinician of its own (a users file and a case record in a temporary folder).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "plan-page.png"
WHY_NO_PLAN = ROOT / "docs" / "why-no-plan.png"
INFEASIBLE = "infeasible_target_date.yaml"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from rtw_scheduler.users import add_user

    folder = Path(tempfile.mkdtemp(prefix="rtw-screenshot-"))
    add_user(folder / "users.yaml", "screenshot", "Screenshot Clinician", "clinician", "screenshot-only")
    env = {**os.environ, "RTW_UI_USERS": str(folder / "users.yaml"),
           "RTW_DATABASE_URL": f"sqlite:///{folder / 'cases.sqlite'}"}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
                               "--server.headless", "true", "--server.port", str(port),
                               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1500})
            page.goto(url)
            page.get_by_label("Username", exact=True).fill("screenshot")
            page.get_by_label("Password", exact=True).fill("screenshot-only")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("button", name="Plan", exact=True).click(timeout=120_000)
            page.get_by_text("no violations").wait_for(timeout=120_000)
            page.wait_for_timeout(2000)  # let the charts draw
            page.screenshot(path=str(OUTPUT))
            page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
            page.keyboard.type(INFEASIBLE)
            page.keyboard.press("Enter")
            page.get_by_text(f"Editing: {INFEASIBLE}").wait_for(timeout=60_000)
            page.get_by_role("button", name="Plan", exact=True).click(timeout=120_000)
            page.get_by_role("button", name="Suggest changes that make a plan possible").click(timeout=120_000)
            page.get_by_text("What would make a plan possible").wait_for(timeout=180_000)
            page.wait_for_timeout(1000)
            top = page.get_by_role("heading", name="Why no plan").bounding_box()
            bottom = page.get_by_role("button", name="Download them as a variants file").bounding_box()
            assert top is not None and bottom is not None
            page.screenshot(path=str(WHY_NO_PLAN), full_page=True, clip={
                "x": 300, "y": top["y"] - 20, "width": 1100, "height": bottom["y"] + bottom["height"] - top["y"] + 40})
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wrote {OUTPUT} and {WHY_NO_PLAN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
