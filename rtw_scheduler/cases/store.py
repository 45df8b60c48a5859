"""The case store: open a case with its first plan, issue versions, log progress, sign off, read back.

Each call is one transaction that writes its rows and the audit entry for them together: a
crash part-way leaves neither, and no call ever changes or removes a row (tables.py). Reads
return the records below, detached from the database; the scenario and plan of a version are
the pydantic models they were issued as.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import TypeAdapter
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from models.plan import Plan
from models.progress import Decision, ProgressEntry
from models.scenario import Scenario
from rtw_scheduler.cases.database import READ_ONLY_OPTION, migrate, open_engine
from rtw_scheduler.cases.errors import CaseError, DatabaseError
from rtw_scheduler.cases.monitoring import decide
from rtw_scheduler.cases.roles import SIGN_OFF_ROLES, SignOffRole
from rtw_scheduler.cases.tables import AuditRow, CaseRow, ProgressRow, RecordSession, SignOffRow, VersionRow

T = TypeVar("T")


@dataclass(frozen=True)
class SignOff:
    role: str
    name: str
    signed_at: dt.datetime


@dataclass(frozen=True)
class Version:
    case_id: int
    number: int
    status: str
    full_duty_week: int | None
    author: str
    reason: str
    created_at: dt.datetime
    decision: Decision | None
    sign_offs: tuple[SignOff, ...]

    @property
    def signed_by_all(self) -> bool:
        return {s.role for s in self.sign_offs} >= set(SIGN_OFF_ROLES)


@dataclass(frozen=True)
class Case:
    id: int
    worker_id: str
    scenario_id: str
    created_at: dt.datetime
    created_by: str
    latest_version: int


@dataclass(frozen=True)
class Progress:
    week: int
    against_version: int
    entry: ProgressEntry
    decision: Decision
    entered_by: str
    entered_at: dt.datetime


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    case_id: int | None
    version_number: int | None
    detail: str
    reason: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class CaseStore:
    """The case record at one database URL, its schema brought up to date on opening."""

    def __init__(self, url: str, app_role: str | None = None) -> None:
        self.engine: Engine = open_engine(url)
        self.reader = self.engine.execution_options(**{READ_ONLY_OPTION: True})
        try:
            migrate(self.engine, app_role)
        except (OperationalError, ProgrammingError) as error:
            raise DatabaseError(f"cannot open the case record at {self.engine.url!r}: {error.orig}") from None

    def close(self) -> None:
        self.engine.dispose()

    def _write(self, work: Callable[[RecordSession], T]) -> T:
        try:
            with RecordSession(self.engine, expire_on_commit=False) as session, session.begin():
                return work(session)
        except OperationalError as error:
            raise DatabaseError(f"the case record at {self.engine.url!r} did not take the change: "
                                f"{error.orig}") from None

    def _read(self, work: Callable[[RecordSession], T]) -> T:
        try:
            with RecordSession(self.reader) as session:
                return work(session)
        except OperationalError as error:
            raise DatabaseError(f"cannot read the case record at {self.engine.url!r}: {error.orig}") from None

    # --- writing ---

    def open_case(self, scenario: Scenario, plan: Plan, actor: str, reason: str = "first plan") -> Case:
        """A new case whose version 1 is `plan`, made from `scenario`."""
        def work(session: RecordSession) -> int:
            case = CaseRow(worker_id=scenario.worker.id, scenario_id=scenario.id, created_at=_now(),
                           created_by=actor)
            session.add(case)
            session.flush()
            session.add(_audit(actor, "case.opened", case.id, None, f"worker {scenario.worker.id}", reason))
            _add_version(session, case.id, 1, scenario, plan, actor, reason, None)
            return case.id
        return self.case(self._write(work))

    def issue_version(self, case_id: int, scenario: Scenario, plan: Plan, actor: str, reason: str,
                      decision: Decision | None = None) -> Version:
        """The next version of the case: `plan`, renumbered and time-stamped as issued now."""
        self.check_same_worker(case_id, scenario)

        def work(session: RecordSession) -> int:
            _locked_case(session, case_id)
            number = _latest_number(session, case_id) + 1
            _add_version(session, case_id, number, scenario, plan, actor, reason, decision)
            return number
        return self.version(case_id, self._write(work))

    def check_same_worker(self, case_id: int, scenario: Scenario) -> None:
        """A case follows one worker: a scenario of another worker cannot become its next version."""
        case = self.case(case_id)
        if scenario.worker.id != case.worker_id:
            raise CaseError(f"case {case_id} is worker {case.worker_id}'s; the scenario is worker "
                            f"{scenario.worker.id}'s")

    def log_progress(self, case_id: int, entries: list[ProgressEntry], actor: str) -> list[Decision]:
        """Records weeks' reassessments, in order, each with the monitoring rule it triggers (the
        weeks before it, logged earlier or just now, decide the rules that look back); all or none."""
        def work(session: RecordSession) -> list[Decision]:
            _locked_case(session, case_id)
            current = _version_row(session, case_id, _latest_number(session, case_id))
            plan = Plan.model_validate_json(current.plan_json)
            plan_weeks, dimensions = len(plan.weeks), set(plan.weeks[0].exposure) if plan.weeks else set()
            rules = Scenario.model_validate_json(current.scenario_json).policy.monitoring
            logged = _progress_rows(session, case_id)
            decisions = []
            for entry in entries:
                if entry.week > plan_weeks:
                    raise CaseError(f"week {entry.week}: the plan in force (version {current.number}) has "
                                    f"{plan_weeks} weeks")
                unknown = sorted(set(entry.tolerated or {}) - dimensions)
                if unknown:
                    raise CaseError(f"week {entry.week}: tolerated {', '.join(unknown)}: not a dimension of the "
                                    f"plan (it has {', '.join(sorted(dimensions))})")
                earlier = [(p.entry, p.decision) for p in _latest_per_week(logged)]
                decision = decide(entry, earlier, rules)
                row = ProgressRow(case_id=case_id, week=entry.week, against_version=current.number,
                                  entry_json=entry.model_dump_json(), decision_json=decision.model_dump_json(),
                                  entered_by=actor, entered_at=_now())
                session.add(row)
                session.add(_audit(actor, "progress.logged", case_id, current.number,
                                   f"week {entry.week}: {decision.step.value}", ""))
                logged.append(_progress(row))
                decisions.append(decision)
            return decisions
        return self._write(work)

    def sign_off(self, case_id: int, number: int, role: SignOffRole, name: str, actor: str) -> SignOff:
        """One party's signature on one version (each party signs a version once)."""
        if role not in SIGN_OFF_ROLES:
            raise CaseError(f"role {role!r}: give one of {', '.join(SIGN_OFF_ROLES)}")

        def work(session: RecordSession) -> SignOff:
            _locked_case(session, case_id)
            version = _version_row(session, case_id, number)
            signed = session.scalar(select(SignOffRow).where(SignOffRow.version_id == version.id,
                                                             SignOffRow.role == role))
            if signed is not None:
                raise CaseError(f"version {number} of case {case_id} is already signed by the {role} "
                                f"({signed.name}, {signed.signed_at:%Y-%m-%d %H:%M} UTC)")
            row = SignOffRow(version_id=version.id, role=role, name=name, signed_at=_now())
            session.add(row)
            session.add(_audit(actor, "version.signed", case_id, number, f"{role}: {name}", ""))
            return SignOff(role=role, name=name, signed_at=row.signed_at)
        try:
            return self._write(work)
        except IntegrityError:  # another process signed for this role in between
            raise CaseError(f"version {number} of case {case_id} is already signed by the {role}") from None

    def note_export(self, case_id: int, actor: str, what: str, reason: str = "") -> None:
        """Records that the case's record left the store (a records request, a document)."""
        self._note(case_id, actor, "case.exported", None, what, reason)

    def note_version_stands(self, case_id: int, number: int, actor: str, why: str, reason: str) -> None:
        """Records a re-plan that changed nothing: version `number` stays in force."""
        self._note(case_id, actor, "version.stands", number, why, reason)

    def _note(self, case_id: int, actor: str, action: str, number: int | None, what: str, reason: str) -> None:
        def work(session: RecordSession) -> None:
            _locked_case(session, case_id)
            session.add(_audit(actor, action, case_id, number, what, reason))
        self._write(work)

    # --- reading ---

    def cases(self) -> list[Case]:
        return self._read(lambda session: [_case(session, row) for row in
                                           session.scalars(select(CaseRow).order_by(CaseRow.id))])

    def case(self, case_id: int) -> Case:
        return self._read(lambda session: _case(session, _case_row(session, case_id)))

    def versions(self, case_id: int) -> list[Version]:
        def work(session: RecordSession) -> list[Version]:
            _case_row(session, case_id)
            rows = session.scalars(select(VersionRow).where(VersionRow.case_id == case_id)
                                   .order_by(VersionRow.number))
            return [_version(session, row) for row in rows]
        return self._read(work)

    def version(self, case_id: int, number: int | None = None) -> Version:
        """Version `number` of the case (the latest when None)."""
        return self._read(lambda session: _version(session, _version_row(session, case_id, number)))

    def plan(self, case_id: int, number: int | None = None) -> tuple[Scenario, Plan]:
        """The scenario and plan of version `number` (the latest when None)."""
        def work(session: RecordSession) -> tuple[Scenario, Plan]:
            row = _version_row(session, case_id, number)
            return Scenario.model_validate_json(row.scenario_json), Plan.model_validate_json(row.plan_json)
        return self._read(work)

    def progress(self, case_id: int, *, latest_only: bool = False) -> list[Progress]:
        """Every reassessment in the order logged, or only the latest per week (by week)."""
        def work(session: RecordSession) -> list[Progress]:
            _case_row(session, case_id)
            rows = _progress_rows(session, case_id)
            return _latest_per_week(rows) if latest_only else rows
        return self._read(work)

    def audit(self, case_id: int | None = None) -> list[AuditEntry]:
        """The audit log, oldest first: the whole store's, or one case's."""
        def work(session: RecordSession) -> list[AuditEntry]:
            query = select(AuditRow).order_by(AuditRow.id)
            if case_id is not None:
                _case_row(session, case_id)
                query = query.where(AuditRow.case_id == case_id)
            return [AuditEntry(at=row.at, actor=row.actor, action=row.action, case_id=row.case_id,
                               version_number=row.version_number, detail=row.detail, reason=row.reason)
                    for row in session.scalars(query)]
        return self._read(work)

    def record(self, case_id: int) -> dict[str, object]:
        """Everything the store holds about one case, as JSON-ready data (a records request)."""
        case = self.case(case_id)
        versions = []
        for version in self.versions(case_id):
            scenario, plan = self.plan(case_id, version.number)
            versions.append({**_plain(version), "scenario": scenario.model_dump(mode="json"),
                             "plan": plan.model_dump(mode="json")})
        return {"case": _plain(case), "versions": versions,
                "progress": [_plain(p) for p in self.progress(case_id)],
                "audit_log": [_plain(a) for a in self.audit(case_id)]}


def _plain(record: object) -> dict[str, object]:
    """A record as JSON-ready data (pydantic models and times included)."""
    return TypeAdapter(type(record)).dump_python(record, mode="json")  # type: ignore[no-any-return]


def _audit(actor: str, action: str, case_id: int | None, number: int | None, detail: str, reason: str) -> AuditRow:
    return AuditRow(at=_now(), actor=actor, action=action, case_id=case_id, version_number=number,
                    detail=detail, reason=reason)


def _add_version(session: RecordSession, case_id: int, number: int, scenario: Scenario, plan: Plan, actor: str,
                 reason: str, decision: Decision | None) -> None:
    _refuse_unchecked(scenario, plan)
    issued_at = _now()
    issued = plan.model_copy(update={"version": number, "issued_at": issued_at})
    session.add(VersionRow(case_id=case_id, number=number, scenario_json=scenario.model_dump_json(),
                           plan_json=issued.model_dump_json(), status=plan.solve.status,
                           full_duty_week=plan.full_duty_week,
                           decision_json=decision.model_dump_json() if decision else None,
                           author=actor, reason=reason, created_at=issued_at))
    session.add(_audit(actor, "version.issued", case_id, number, f"status {plan.solve.status}, full duty "
                       f"{'week ' + str(plan.full_duty_week) if plan.full_duty_week else 'not reached'}", reason))


def _refuse_unchecked(scenario: Scenario, plan: Plan) -> None:
    """Only a plan the independent checker accepts becomes a version (and so reaches anyone's calendar)."""
    from solver.checker import check

    if not plan.weeks:
        raise CaseError(f"no plan to issue ({plan.solve.status}): a version needs a plan")
    violations = check(scenario, plan)
    if violations:
        raise CaseError("the independent checker rejected the plan, so no version was issued: "
                        + "; ".join(f"{v.family}: {v.message}" for v in violations[:5]))


def _case_row(session: RecordSession, case_id: int) -> CaseRow:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise CaseError(f"no case {case_id} in the record")
    return row


def _locked_case(session: RecordSession, case_id: int) -> CaseRow:
    """The case's row, locked until the transaction ends (PostgreSQL; SQLite's BEGIN IMMEDIATE
    already holds the file), so that two writers never number the same version."""
    row = session.scalar(select(CaseRow).where(CaseRow.id == case_id).with_for_update())
    if row is None:
        raise CaseError(f"no case {case_id} in the record")
    return row


def _latest_number(session: RecordSession, case_id: int) -> int:
    return session.scalar(select(func.max(VersionRow.number)).where(VersionRow.case_id == case_id)) or 0


def _version_row(session: RecordSession, case_id: int, number: int | None) -> VersionRow:
    _case_row(session, case_id)
    wanted = _latest_number(session, case_id) if number is None else number
    row = session.scalar(select(VersionRow).where(VersionRow.case_id == case_id, VersionRow.number == wanted))
    if row is None:
        raise CaseError(f"case {case_id} has no version {wanted} (versions 1-{_latest_number(session, case_id)})")
    return row


def _case(session: RecordSession, row: CaseRow) -> Case:
    return Case(id=row.id, worker_id=row.worker_id, scenario_id=row.scenario_id, created_at=row.created_at,
                created_by=row.created_by, latest_version=_latest_number(session, row.id))


def _version(session: RecordSession, row: VersionRow) -> Version:
    signatures = session.scalars(select(SignOffRow).where(SignOffRow.version_id == row.id).order_by(SignOffRow.id))
    return Version(case_id=row.case_id, number=row.number, status=row.status, full_duty_week=row.full_duty_week,
                   author=row.author, reason=row.reason, created_at=row.created_at,
                   decision=Decision.model_validate_json(row.decision_json) if row.decision_json else None,
                   sign_offs=tuple(SignOff(role=s.role, name=s.name, signed_at=s.signed_at) for s in signatures))


def _progress_rows(session: RecordSession, case_id: int) -> list[Progress]:
    rows = session.scalars(select(ProgressRow).where(ProgressRow.case_id == case_id).order_by(ProgressRow.id))
    return [_progress(row) for row in rows]


def _progress(row: ProgressRow) -> Progress:
    return Progress(week=row.week, against_version=row.against_version,
                    entry=ProgressEntry.model_validate_json(row.entry_json),
                    decision=Decision.model_validate_json(row.decision_json),
                    entered_by=row.entered_by, entered_at=row.entered_at)


def _latest_per_week(rows: list[Progress]) -> list[Progress]:
    """A correction (a later entry for a week) supersedes the entry before it."""
    latest = {row.week: row for row in rows}
    return [latest[week] for week in sorted(latest)]


__all__ = ["SIGN_OFF_ROLES", "AuditEntry", "Case", "CaseError", "CaseStore", "DatabaseError", "Progress",
           "SignOff", "SignOffRole", "Version"]
