"""The case record: one worker's return to work over time, kept in a database.

`store` is the API (open a case, issue plan versions, log weekly progress, sign off, read the
history and the audit log); `monitoring` turns a week's reassessment into the next step;
`tables` and `migrations` are the schema (SQLAlchemy and Alembic); `database` says where the
record lives.
"""
