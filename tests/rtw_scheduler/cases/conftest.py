"""The case record under test: a SQLite file, and a real PostgreSQL server when CI starts one.

`.ci/postgres.sh` starts PostgreSQL and names an owner role and an unprivileged application
role (RTW_TEST_POSTGRES_OWNER_URL, RTW_TEST_POSTGRES_APP_URL). Each test gets a schema of its
own there, dropped afterwards. Without the server the PostgreSQL cases are skipped, unless
RTW_REQUIRE_POSTGRES=1 (set by CI) makes that a failure.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

OWNER_URL = os.environ.get("RTW_TEST_POSTGRES_OWNER_URL")
APP_URL = os.environ.get("RTW_TEST_POSTGRES_APP_URL")
APP_ROLE = "rtw_app"


def _require_postgres() -> None:
    if not OWNER_URL:
        if os.environ.get("RTW_REQUIRE_POSTGRES") == "1":
            pytest.fail("RTW_REQUIRE_POSTGRES=1 but RTW_TEST_POSTGRES_OWNER_URL is not set (.ci/postgres.sh)")
        pytest.skip("no PostgreSQL server (run .ci/postgres.sh and export its URLs)")


def in_schema(url: str, schema: str) -> str:
    return f"{url}?options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """A fresh schema the owner creates and the application role may use."""
    _require_postgres()
    assert OWNER_URL is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    owner = create_engine(OWNER_URL)
    with owner.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {APP_ROLE}"))
    yield schema
    with owner.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    owner.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty case record, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.sqlite'}"
    schema = request.getfixturevalue("postgres_schema")
    assert OWNER_URL is not None
    return in_schema(OWNER_URL, schema)
