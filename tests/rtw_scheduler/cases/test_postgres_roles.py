"""On PostgreSQL the application's role can add to the record and read it, and nothing else."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.cases.store import CaseStore
from tests.rtw_scheduler.cases.conftest import APP_ROLE, APP_URL, in_schema


@pytest.fixture
def app_url(postgres_schema: str, database_url: str, small_scenario: Scenario, small_plan: Plan) -> str:
    """The owner migrates (granting the application role its rights); the application opens a case."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL roles only")
    CaseStore(database_url, app_role=APP_ROLE)
    assert APP_URL is not None
    url = in_schema(APP_URL, postgres_schema)
    CaseStore(url).open_case(small_scenario, small_plan, "ana")
    return url


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log",
                                       "TRUNCATE audit_log", "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                                       "DROP TABLE audit_log"])
def test_the_application_role_cannot_edit_or_drop_the_audit_log(app_url: str, statement: str) -> None:
    engine = create_engine(app_url)
    with pytest.raises(DBAPIError, match="permission denied|must be owner|append-only"), \
            engine.begin() as connection:
        connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 2
    engine.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_owner_cannot_truncate_the_audit_log_either(app_url: str, database_url: str) -> None:
    engine = create_engine(database_url)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("TRUNCATE audit_log CASCADE"))
    engine.dispose()
