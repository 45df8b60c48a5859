"""What the case record refuses, as exceptions light enough for the CLI to catch without loading
the database layer."""


class CaseError(Exception):
    """A request the record cannot take: an unknown case or version, a second signature by one party."""


class DatabaseError(Exception):
    """The case record cannot be opened or written: a bad URL, an unreachable server, a locked file."""
