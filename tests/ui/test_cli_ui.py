"""`rtw ui` serves ui/app.py with Streamlit in the same interpreter."""

import sys
from pathlib import Path

import pytest

from rtw_scheduler import cli


def test_rtw_ui_runs_streamlit_on_the_app(monkeypatch: pytest.MonkeyPatch, app_path: Path) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr("subprocess.call", lambda command: calls.append(command) or 0)
    assert cli.main(["ui", "--port", "8765", "--headless"]) == 0
    [command] = calls
    assert command[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert Path(command[4]) == app_path
    assert command[command.index("--server.port") + 1] == "8765"
    assert "--server.headless" in command
