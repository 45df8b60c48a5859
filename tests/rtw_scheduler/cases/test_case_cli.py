"""`rtw case ...`: a case run through the CLI, and its errors as plain lines with exit codes."""

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.rtw_scheduler.test_cli import run


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cases.sqlite")


@pytest.fixture
def opened(planning_ready: None, small_scenario_file: Path, db: str) -> str:
    result = run("case", "new", str(small_scenario_file), "--db", db, "--by", "Ana P")
    assert result.code == 0, result.err
    assert "opened case 1 for worker W-7: version 1" in result.out
    return db


def test_a_case_is_logged_signed_and_its_history_tells_it_all(opened: str, tmp_path: Path) -> None:
    logged = run("case", "log", "1", "--db", opened, "--by", "Ana P", "--week", "1", "--pain-during", "4",
                 "--pain-next-morning", "1")
    assert logged.code == 0 and "week 1: hold this week's load" in logged.out
    assert run("case", "signoff", "1", "1", "--role", "worker", "--name", "Sam W", "--db", opened).code == 0
    history = run("case", "history", "1", "--db", opened)
    assert history.code == 0
    assert "worker: signed by Sam W" in history.out and "employer: not signed" in history.out
    assert "Ana P: progress.logged v1: week 1: hold" in history.out


def test_a_csv_of_weeks_is_logged_in_order(opened: str, tmp_path: Path) -> None:
    weeks = tmp_path / "weeks.csv"
    weeks.write_text("week,pain_during,pain_next_morning,flare_up\n1,1,0,no\n2,1,0,yes\n", encoding="utf-8")
    result = run("case", "log", "1", "--csv", str(weeks), "--db", opened)
    assert result.code == 0
    assert result.out.splitlines()[1].startswith("week 2: go back to the last well-tolerated week's load")


def test_a_version_compared_with_itself_has_no_change(opened: str) -> None:
    result = run("case", "diff", "1", "1", "1", "--db", opened)
    assert result.code == 0 and "no change" in result.out


def test_the_export_is_the_whole_record_and_is_audited(opened: str, tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    assert run("case", "export", "1", "-o", str(target), "--db", opened).code == 0
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["versions"][0]["scenario"]["worker"]["clinical"]["diagnosis"].startswith("SECRET-DIAGNOSIS")
    assert "case.exported" in run("case", "history", "1", "--db", opened).out


def test_an_unknown_case_is_a_plain_error(opened: str) -> None:
    result = run("case", "history", "9", "--db", opened)
    assert (result.code, result.err.strip()) == (2, "no case 9 in the record")


def test_logging_without_the_pain_scores_says_what_is_missing(opened: str) -> None:
    result = run("case", "log", "1", "--week", "1", "--db", opened)
    assert result.code == 2 and "give --pain-during, --pain-next-morning" in result.err


def test_a_record_that_cannot_be_opened_is_a_plain_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("case", "list", "--db", str(folder))
    assert result.code == 74 and "cannot open the case record" in result.err and "Traceback" not in result.err


@pytest.fixture
def revised(opened: str, scenario_data: dict[str, Any], write_yaml: Callable[..., Path]) -> str:
    """Version 2: the site closes on the plan's first day, so the plan changes."""
    scenario_data["availability"]["blackouts"] = [{"date": scenario_data["worker"]["plan_start_date"],
                                                   "reason": "site closed"}]
    result = run("case", "revise", "1", str(write_yaml(scenario_data, "closed.yaml")), "--reason", "site closed",
                 "--db", opened)
    assert result.code == 0, result.err
    assert "case 1: issued version 2" in result.out
    return opened


def test_a_revised_scenario_is_the_next_version_and_the_diff_shows_what_moved(revised: str) -> None:
    diff = run("case", "diff", "1", "1", "2", "--db", revised)
    assert diff.code == 0 and "day(s) changed" in diff.out and "\n    - " in diff.out
    assert "v2 " in run("case", "history", "1", "--db", revised).out


def test_another_workers_scenario_cannot_revise_a_case(opened: str, scenario_data: dict[str, Any],
                                                       write_yaml: Callable[..., Path]) -> None:
    scenario_data["worker"]["id"] = "W-8"
    result = run("case", "revise", "1", str(write_yaml(scenario_data)), "--reason", "x", "--db", opened)
    assert result.code == 2 and "worker W-7's" in result.err


def test_a_versions_files_carry_its_sequence_and_cancel_what_it_dropped(revised: str, tmp_path: Path,
                                                                        scenario_data: dict[str, Any]) -> None:
    closed_day = dt.date.fromisoformat(str(scenario_data["worker"]["plan_start_date"]))
    result = run("case", "files", "1", "-o", str(tmp_path / "out"), "--ics", "worker", "--db", revised)
    assert result.code == 0, result.err
    calendar = Calendar.from_ical((tmp_path / "out" / "calendar-worker.ics").read_bytes())
    cancelled = [e for e in calendar.walk("VEVENT") if e.get("STATUS") == "CANCELLED"]
    assert closed_day in {e.decoded("DTSTART").date() for e in cancelled}  # the re-plan may move other days too
    live = {str(e["UID"]) for e in calendar.walk("VEVENT") if e.get("STATUS") != "CANCELLED"}
    assert not live & {str(e["UID"]) for e in cancelled}
    assert {int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")} == {2}
    assert json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))["version"] == 2


def test_a_plan_the_checker_rejects_is_never_issued(opened: str) -> None:
    from rtw_scheduler.cases.errors import CaseError
    from rtw_scheduler.cases.store import CaseStore

    store = CaseStore(f"sqlite:///{opened}")
    scenario, plan = store.plan(1)
    worked = next(day for week in plan.weeks for day in week.days if day.blocks)
    worked.blocks = worked.blocks * 2  # the same hours twice over: past the daily cap
    with pytest.raises(CaseError, match="independent checker rejected"):
        store.issue_version(1, scenario, plan, "Ana P", "hand-edited")
    assert [v.number for v in store.versions(1)] == [1]


@pytest.mark.parametrize("name", ["plan.pdf", "plan.html"])
def test_a_document_is_written_by_its_extension_and_audited(opened: str, tmp_path: Path, name: str) -> None:
    result = run("case", "document", "1", "--audience", "worker", "-o", str(tmp_path / name), "--db", opened)
    assert result.code == 0, result.err
    assert (tmp_path / name).read_bytes().startswith(b"%PDF" if name.endswith(".pdf") else b"<!DOCTYPE html>")
    assert f"worker document {name}" in run("case", "history", "1", "--db", opened).out


def test_a_document_of_another_kind_is_refused_before_anything_is_written(opened: str, tmp_path: Path) -> None:
    result = run("case", "document", "1", "--audience", "worker", "-o", str(tmp_path / "plan.docx"), "--db", opened)
    assert result.code == 2 and "give a .pdf or .html file name" in result.err
    assert not (tmp_path / "plan.docx").exists()


def test_a_re_plan_after_a_hold_issues_the_next_version_with_its_diff(opened: str) -> None:
    run("case", "log", "1", "--db", opened, "--week", "1", "--pain-during", "4", "--pain-next-morning", "1")
    result = run("case", "replan", "1", "--reason", "pain during week 1", "--db", opened, "--by", "Ana P")
    assert result.code == 0, result.err
    assert "week 1: hold this week's load next week" in result.out and "issued version 2" in result.out
    assert "v1 -> v2:" in result.out
    assert "Ana P: version.issued v2" in run("case", "history", "1", "--db", opened).out


def test_a_re_plan_after_a_week_as_planned_leaves_the_version_standing(opened: str) -> None:
    run("case", "log", "1", "--db", opened, "--week", "1", "--pain-during", "1", "--pain-next-morning", "0")
    result = run("case", "replan", "1", "--reason", "weekly review", "--db", opened)
    assert result.code == 0 and "version 1 stands" in result.out
