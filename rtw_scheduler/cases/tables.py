"""The case record's tables (SQLAlchemy 2): cases, plan versions, sign-offs, progress, audit log.

Every table is append-only. A change to a case is a new row (a new plan version, a later
progress entry for the same week, a sign-off), never an update: the record shows what was
planned, agreed and observed at each point, which is what protects a worker from being rushed
back and what a records request must produce. `refuse_changes` stops an update or a delete
through the ORM; the migration adds database triggers that stop them through SQL as well.

Scenario, plan, progress and decision are stored as the JSON of their pydantic models, so a
version read back is exactly the plan that was issued.
"""

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A UTC time stamp that reads back aware on every database (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("time stamps must be aware (UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    """One worker's return to work: what stays the same across its versions."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(40))
    scenario_id: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(200))


class VersionRow(Base):
    """An issued plan: the scenario it was made from, the plan, who issued it and why."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("case_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    scenario_json: Mapped[str] = mapped_column(Text)
    plan_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    full_duty_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    decision_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SignOffRow(Base):
    """A signature on one version, by one of the parties to the plan."""

    __tablename__ = "sign_offs"
    __table_args__ = (UniqueConstraint("version_id", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ProgressRow(Base):
    """A week's reassessment and the monitoring rule it triggered; a later row for the same week
    supersedes it (a correction), and both stay."""

    __tablename__ = "progress_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    week: Mapped[int] = mapped_column(Integer)
    against_version: Mapped[int] = mapped_column(Integer)
    entry_json: Mapped[str] = mapped_column(Text)
    decision_json: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(200))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class AuditRow(Base):
    """Who did what to which case, when and why: written in the same transaction as the change."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True, index=True)
    version_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class ChangeRefused(RuntimeError):
    """An update or delete of the case record was attempted: the record is append-only."""


class RecordSession(Session):
    """The only session the store opens: it adds rows and refuses every other change."""


@event.listens_for(RecordSession, "before_flush")
def refuse_changes(session: Session, flush_context: Any, instances: Any) -> None:
    """Lets a session add rows and nothing else."""
    changed = [row for row in session.dirty if session.is_modified(row)] + list(session.deleted)
    if changed:
        names = sorted({type(row).__tablename__ for row in changed})
        raise ChangeRefused(f"the case record is append-only: refused to change {', '.join(names)}")
