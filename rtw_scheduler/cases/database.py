"""Where the case record lives, and bringing its schema up to date.

An embedded SQLite file by default (`--db PATH`, or the user's data folder); any SQLAlchemy URL,
PostgreSQL among them, through `RTW_DATABASE_URL`. On SQLite every transaction starts with
BEGIN IMMEDIATE, so two processes writing at once queue for the file instead of one failing
half-way or both numbering the same version; on PostgreSQL the writer locks the case's row.
"""

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from rtw_scheduler.cases.errors import DatabaseError

URL_VARIABLE = "RTW_DATABASE_URL"
APP_ROLE_VARIABLE = "RTW_DATABASE_APP_ROLE"
SQLITE_WAIT_S = 30.0
"""How long a writer waits for another to finish with the SQLite file (a write takes milliseconds)."""
READ_ONLY_OPTION = "rtw_read_only"
"""Execution option of the engine the store reads through: its SQLite transactions take no write lock."""
_MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK = 727_001
"""PostgreSQL advisory lock key held while the schema is brought up to date."""


def default_url(db_path: Path | None) -> str:
    """`--db PATH` first, then RTW_DATABASE_URL, then cases.sqlite in the user's data folder."""
    if db_path is not None:
        return f"sqlite:///{db_path}"
    if os.environ.get(URL_VARIABLE):
        return os.environ[URL_VARIABLE]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{data_home / 'rtw-scheduler' / 'cases.sqlite'}"


def open_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created if needed."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseError(f"{URL_VARIABLE}: not a database URL ({error})") from None
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        _private_file(Path(parsed.database))
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_WAIT_S})
    event.listen(engine, "connect", _sqlite_connected)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _private_file(path: Path) -> None:
    """The record holds clinical data: a new file is readable by its owner only (WAL files follow it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _sqlite_connected(dbapi_connection: Any, connection_record: Any) -> None:
    """The driver's own transaction handling off (SQLAlchemy's pysqlite recipe), foreign keys on,
    and write-ahead logging so that readers never wait for a writer."""
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    dbapi_connection.execute("PRAGMA journal_mode = WAL")


def _sqlite_begin(connection: Connection) -> None:
    """A writer takes the file's write lock at once (waiting for another writer), not at its first
    write, so that what it read before writing (the next version number) is still true."""
    reading = connection.get_execution_options().get(READ_ONLY_OPTION, False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def migrate(engine: Engine, app_role: str | None = None) -> None:
    """Brings the schema to the newest revision in one transaction (a no-op when it is there)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["app_role"] = app_role or os.environ.get(APP_ROLE_VARIABLE)
    with engine.execution_options(**{READ_ONLY_OPTION: True}).connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == \
                ScriptDirectory.from_config(config).get_current_head():
            return  # readers and writers of an up-to-date record never queue for the schema
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

