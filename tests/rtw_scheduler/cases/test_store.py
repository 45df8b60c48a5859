"""The case store: versions, progress, sign-offs and the audit log, append-only, on SQLite and PostgreSQL."""

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from models.plan import Plan
from models.progress import ProgressEntry, Step
from models.scenario import Scenario
from rtw_scheduler.cases import store as store_module
from rtw_scheduler.cases.errors import CaseError
from rtw_scheduler.cases.store import CaseStore
from rtw_scheduler.cases.tables import ChangeRefused, RecordSession, VersionRow


def entry(week: int, during: float = 1, morning: float = 0, **more: object) -> ProgressEntry:
    return ProgressEntry.model_validate({"week": week, "pain_during": during, "pain_next_morning": morning, **more})


@pytest.fixture
def store(database_url: str) -> CaseStore:
    return CaseStore(database_url)


@pytest.fixture
def case_id(store: CaseStore, small_scenario: Scenario, small_plan: Plan) -> int:
    return store.open_case(small_scenario, small_plan, "ana").id


def test_a_new_case_holds_its_plan_as_version_one_as_issued(store: CaseStore, case_id: int,
                                                             small_scenario: Scenario, small_plan: Plan) -> None:
    scenario, plan = store.plan(case_id, 1)
    assert scenario == small_scenario
    assert plan.weeks == small_plan.weeks
    assert plan.version == 1 and plan.issued_at == store.version(case_id, 1).created_at


def test_versions_are_numbered_one_after_another_and_each_is_audited(store: CaseStore, case_id: int,
                                                                     small_scenario: Scenario,
                                                                     small_plan: Plan) -> None:
    store.issue_version(case_id, small_scenario, small_plan, "ana", "new certificate")
    third = store.issue_version(case_id, small_scenario, small_plan, "ben", "review")
    assert [v.number for v in store.versions(case_id)] == [1, 2, 3]
    assert third.author == "ben" and store.plan(case_id)[1].version == 3
    issued = [(a.version_number, a.actor, a.reason) for a in store.audit(case_id) if a.action == "version.issued"]
    assert issued == [(1, "ana", "first plan"), (2, "ana", "new certificate"), (3, "ben", "review")]


def test_logged_weeks_get_the_rule_their_earlier_weeks_lead_to(store: CaseStore, case_id: int) -> None:
    decisions = store.log_progress(case_id, [entry(1), entry(2), entry(3, flare_up=True)], "ana")
    assert [d.step for d in decisions] == [Step.PROGRESS, Step.PROGRESS, Step.RETURN_TO_TOLERATED]
    assert decisions[2].resume_from_week == 2


def test_a_correction_supersedes_the_weeks_entry_and_both_are_kept(store: CaseStore, case_id: int) -> None:
    store.log_progress(case_id, [entry(1, during=1)], "ana")
    store.log_progress(case_id, [entry(1, during=4)], "ana")
    assert [p.entry.pain_during for p in store.progress(case_id)] == [1, 4]
    assert [p.decision.step for p in store.progress(case_id, latest_only=True)] == [Step.HOLD]


def test_a_week_past_the_plan_is_refused_and_nothing_of_the_batch_is_logged(store: CaseStore, case_id: int,
                                                                             small_plan: Plan) -> None:
    with pytest.raises(CaseError, match=f"has {len(small_plan.weeks)} weeks"):
        store.log_progress(case_id, [entry(1), entry(len(small_plan.weeks) + 1)], "ana")
    assert store.progress(case_id) == []


def test_tolerated_load_in_a_dimension_the_plan_lacks_is_refused(store: CaseStore, case_id: int) -> None:
    with pytest.raises(CaseError, match="not a dimension"):
        store.log_progress(case_id, [entry(1, tolerated={"juggling": 3})], "ana")


def test_each_party_signs_a_version_once(store: CaseStore, case_id: int) -> None:
    for role, name in (("clinician", "Ana P"), ("worker", "Sam W"), ("employer", "Lee S")):
        store.sign_off(case_id, 1, role, name, "ana")  # type: ignore[arg-type]
    assert store.version(case_id, 1).signed_by_all
    with pytest.raises(CaseError, match="already signed by the worker"):
        store.sign_off(case_id, 1, "worker", "Someone Else", "ana")


def test_an_unknown_case_or_version_is_named(store: CaseStore, case_id: int) -> None:
    with pytest.raises(CaseError, match="no case 99"):
        store.versions(99)
    with pytest.raises(CaseError, match="has no version 5"):
        store.sign_off(case_id, 5, "worker", "Sam", "ana")


def test_the_store_refuses_to_change_a_row(store: CaseStore, case_id: int) -> None:
    with RecordSession(store.engine) as session, pytest.raises(ChangeRefused):
        row = session.scalars(select(VersionRow)).one()
        row.reason = "rewritten"
        session.flush()


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log",
                                       "UPDATE plan_versions SET plan_json = '{}'", "DELETE FROM progress_entries"])
def test_sql_cannot_edit_the_record(store: CaseStore, case_id: int, statement: str) -> None:
    store.log_progress(case_id, [entry(1)], "ana")
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as connection:
        connection.execute(text(statement))
    assert len(store.audit(case_id)) == 3


def test_a_crash_mid_write_leaves_no_partial_version(store: CaseStore, case_id: int, small_scenario: Scenario,
                                                     small_plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(store_module, "_audit", crash)
    with pytest.raises(RuntimeError):
        store.issue_version(case_id, small_scenario, small_plan, "ana", "lost")
    monkeypatch.undo()
    assert [v.number for v in store.versions(case_id)] == [1]
    assert [a.action for a in store.audit(case_id)] == ["case.opened", "version.issued"]


def test_reopening_the_record_keeps_it_whole(database_url: str, store: CaseStore, case_id: int) -> None:
    store.log_progress(case_id, [entry(1)], "ana")
    again = CaseStore(database_url)
    assert [c.id for c in again.cases()] == [case_id] and len(again.progress(case_id)) == 1


def test_the_records_export_holds_versions_progress_and_audit(store: CaseStore, case_id: int) -> None:
    store.log_progress(case_id, [entry(1, notes="stiff in the morning")], "ana")
    record = store.record(case_id)
    assert record["case"]["id"] == case_id  # type: ignore[index]
    assert record["versions"][0]["plan"]["version"] == 1  # type: ignore[index]
    assert record["progress"][0]["entry"]["notes"] == "stiff in the morning"  # type: ignore[index]
    assert [a["action"] for a in record["audit_log"]] == [  # type: ignore[attr-defined]
        "case.opened", "version.issued", "progress.logged"]


def _write_a_lot(url: str, case_id: int, writer: str, scenario_json: str, plan_json: str) -> None:
    store = CaseStore(url)
    scenario, plan = Scenario.model_validate_json(scenario_json), Plan.model_validate_json(plan_json)
    for week in range(1, 9):
        store.log_progress(case_id, [entry(1 + week % 4)], writer)
        if week % 3 == 0:
            store.issue_version(case_id, scenario, plan, writer, f"{writer} {week}")


def test_two_writers_at_once_lose_nothing(database_url: str, store: CaseStore, case_id: int,
                                          small_scenario: Scenario, small_plan: Plan) -> None:
    context = multiprocessing.get_context("spawn")
    args = (small_scenario.model_dump_json(), small_plan.model_dump_json())
    writers = [context.Process(target=_write_a_lot, args=(database_url, case_id, name, *args))
               for name in ("ana", "ben")]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
        assert process.exitcode == 0
    assert len(store.progress(case_id)) == 16
    assert [v.number for v in store.versions(case_id)] == list(range(1, 6))
    assert len(store.audit(case_id)) == 2 + 16 + 4


def test_a_sqlite_records_folder_is_made_when_missing(tmp_path: Path) -> None:
    CaseStore(f"sqlite:///{tmp_path / 'new' / 'folder' / 'cases.sqlite'}")
    assert (tmp_path / "new" / "folder" / "cases.sqlite").exists()


def test_reading_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    import sqlite3

    url = f"sqlite:///{tmp_path / 'cases.sqlite'}"
    CaseStore(url)
    writer = sqlite3.connect(tmp_path / "cases.sqlite", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert CaseStore(url).cases() == []
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_new_sqlite_record_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    CaseStore(f"sqlite:///{tmp_path / 'cases.sqlite'}")
    assert (tmp_path / "cases.sqlite").stat().st_mode & 0o777 == 0o600
