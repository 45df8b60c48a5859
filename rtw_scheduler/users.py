"""Who may sign in to the app, with which role: a YAML file of users with bcrypt-hashed passwords.

The file is streamlit-authenticator's own configuration (`credentials.usernames`, `cookie`), with
two fields of ours per user: `roles` (one of clinician, supervisor, hr, worker) and, for a worker,
`case` (the one case they may see). It lives at $RTW_UI_USERS, else
~/.config/rtw-scheduler/users.yaml, is written whole or not at all, and is readable by its owner
only: it holds the password hashes and the key that signs the sign-in cookie.
`rtw user add` writes it (docs/app.md).
"""

import os
import secrets
from pathlib import Path
from typing import Literal

import bcrypt
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from rtw_scheduler.atomic import write_files_atomically
from rtw_scheduler.scenario_io import load_model

USERS_ENV = "RTW_UI_USERS"
DEFAULT_USERS_FILE = Path("~/.config/rtw-scheduler/users.yaml")
Role = Literal["clinician", "supervisor", "hr", "worker"]
ROLES: tuple[Role, ...] = ("clinician", "supervisor", "hr", "worker")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class User(_Strict):
    name: str = Field(min_length=1, max_length=200, description="Shown in the app and in the history.")
    password: str = Field(pattern=r"^\$2[aby]\$\d\d\$.{53}$", description="A bcrypt hash, never the password.")
    roles: list[Role] = Field(min_length=1, max_length=1, description="The user's one role.")
    case: int | None = Field(default=None, ge=1, description="A worker's own case (workers only).")
    email: str | None = None

    @model_validator(mode="after")
    def _a_worker_has_a_case(self) -> "User":
        if (self.roles[0] == "worker") != (self.case is not None):
            raise ValueError("a worker needs their `case`, and only a worker has one")
        return self

    @property
    def role(self) -> Role:
        return self.roles[0]


class Credentials(_Strict):
    usernames: dict[str, User] = Field(default_factory=dict)


class Cookie(_Strict):
    name: str = "rtw_scheduler_sign_in"
    key: str = Field(min_length=32, description="Signs the sign-in cookie: keep it secret.")
    expiry_days: float = Field(default=1, gt=0, le=30)


class UsersFile(_Strict):
    credentials: Credentials = Field(default_factory=Credentials)
    cookie: Cookie


def users_path() -> Path:
    return Path(os.environ.get(USERS_ENV) or DEFAULT_USERS_FILE).expanduser()


def load_users(path: Path) -> UsersFile:
    """The users file validated; InputError naming the file, the field and the reason."""
    return load_model(path, UsersFile)


def add_user(path: Path, username: str, name: str, role: Role, password: str, case: int | None = None) -> None:
    """Adds (or replaces) one user, the password hashed; creates the file, with a new cookie key, if missing."""
    users = load_users(path) if path.exists() else UsersFile(cookie=Cookie(key=secrets.token_hex(32)))
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()
    users.credentials.usernames[username] = User(name=name, password=hashed, roles=[role], case=case)
    text = yaml.safe_dump(users.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True)
    _write_private(path, text.encode())


def _write_private(path: Path, content: bytes) -> None:
    """Writes `path` whole or not at all (rtw_scheduler.atomic: signals held, rolled back on failure),
    readable by its owner only from its first byte: the file is created under a umask of 077, since
    a chmod after the rename would leave the hashes and the cookie key readable for a moment.
    The umask is the process's; `rtw user add` is a one-shot, single-threaded command."""
    previous = os.umask(0o077)
    try:
        write_files_atomically(path.parent, {path.name: content})
    finally:
        os.umask(previous)
