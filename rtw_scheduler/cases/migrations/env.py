"""Alembic's entry point for the case record: migrations run on the connection the store hands
over (config.attributes["connection"]), inside the store's own transaction, so two processes
that open a new database at once cannot both create it."""

from alembic import context
from sqlalchemy.engine import Connection

from rtw_scheduler.cases.tables import Base

connection: Connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
