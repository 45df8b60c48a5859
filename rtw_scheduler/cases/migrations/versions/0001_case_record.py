"""The case record: cases, plan versions, sign-offs, progress entries, audit log; all append-only.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import context, op

from rtw_scheduler.cases.tables import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("cases", "plan_versions", "sign_offs", "progress_entries", "audit_log")


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("worker_id", sa.String(40), nullable=False),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("scenario_json", sa.Text, nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("full_duty_week", sa.Integer, nullable=True),
        sa.Column("decision_json", sa.Text, nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("case_id", "number"),
    )
    op.create_table(
        "sign_offs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("plan_versions.id"), nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("signed_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("version_id", "role"),
    )
    op.create_table(
        "progress_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("week", sa.Integer, nullable=False),
        sa.Column("against_version", sa.Integer, nullable=False),
        sa.Column("entry_json", sa.Text, nullable=False),
        sa.Column("decision_json", sa.Text, nullable=False),
        sa.Column("entered_by", sa.String(200), nullable=False),
        sa.Column("entered_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=True, index=True),
        sa.Column("version_number", sa.Integer, nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _refuse_changes_postgresql()
    else:
        _refuse_changes_sqlite()


def _refuse_changes_sqlite() -> None:
    for table in TABLES:
        for operation in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, 'the case record is append-only: {operation} on {table} "
                       "refused'); END")


def _refuse_changes_postgresql() -> None:
    """Triggers stop UPDATE, DELETE and TRUNCATE for every role; the application's role, when
    named (RTW_DATABASE_APP_ROLE), is granted SELECT and INSERT only, so it can neither change
    a row nor drop a trigger (only the tables' owner can)."""
    op.execute("CREATE FUNCTION rtw_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "RAISE EXCEPTION 'the case record is append-only: % on % refused', TG_OP, TG_TABLE_NAME; "
               "END $$")
    for table in TABLES:
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION rtw_refuse_change()")
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION rtw_refuse_change()")
    app_role = context.config.attributes.get("app_role")
    if app_role:
        role = op.get_bind().dialect.identifier_preparer.quote(app_role)
        op.execute(f"GRANT SELECT, INSERT ON {', '.join(TABLES)} TO {role}")
        op.execute(f"GRANT SELECT ON alembic_version TO {role}")
        schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
        op.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {op.get_bind().dialect.identifier_preparer.quote(schema)} "
                   f"TO {role}")


def downgrade() -> None:
    raise NotImplementedError("the case record is never dropped by the program")
