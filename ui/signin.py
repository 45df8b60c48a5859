"""Sign-in (streamlit-authenticator, users from rtw_scheduler.users) and the signed-in user's role.

Nothing of the app renders before sign-in. The users file holds bcrypt hashes only; the library
checks the password and keeps the session in a signed cookie (`cookie.key` in the file).
"""

from dataclasses import dataclass

import streamlit as st
import streamlit_authenticator as stauth

from rtw_scheduler.scenario_io import InputError
from rtw_scheduler.users import USERS_ENV, Role, UsersFile, load_users, users_path

state = st.session_state


@dataclass(frozen=True)
class SignedIn:
    username: str
    name: str
    role: Role
    case: int | None
    """A worker's own case; None for every other role."""


def sign_in() -> SignedIn | None:
    """The login form until a user signs in; then who it is (and a sign-out button in the sidebar)."""
    users = _users()
    if users is None:
        return None
    credentials = users.model_dump(mode="json", exclude_none=True)["credentials"]
    authenticator = stauth.Authenticate(credentials, users.cookie.name, users.cookie.key, users.cookie.expiry_days,
                                        auto_hash=False)
    authenticator.login(location="main", fields={"Form name": "Sign in", "Login": "Sign in"})
    if state.get("authentication_status") is False:
        st.error("Username or password is incorrect.")
    if not state.get("authentication_status"):
        return None
    username = str(state["username"])
    user = users.credentials.usernames.get(username)
    if user is None:  # removed from the file since the cookie was set
        st.error("This user is no longer in the users file.")
        return None
    with st.sidebar:
        st.caption(f"Signed in: {user.name} ({user.role})")
        authenticator.logout("Sign out", location="sidebar")
    return SignedIn(username, user.name, user.role, user.case)


def _users() -> UsersFile | None:
    path = users_path()
    if not path.exists():
        st.error(f"No users file at {path}: nobody can sign in yet.")
        st.code(f'rtw user add USERNAME --role clinician --name "Full Name"   # or set {USERS_ENV}', language=None)
        return None
    try:
        return load_users(path)
    except InputError as error:
        st.error("The users file cannot be used (one line per problem: file: field: reason):")
        st.code(str(error), language=None)
        return None
