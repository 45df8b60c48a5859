"""Which pages each role may open, and the case record's pages drawn for a signed-in user.

The scenario editor ('Plan a scenario') and the Progress page show clinical fields (diagnosis,
risk factors, notes, pain scores), so they are the clinician's only; every other role reads the
case record through its own audience's plan document (ui.case_pages). The record is the CLI's:
$RTW_DATABASE_URL, else the SQLite file of rtw_scheduler.cases.database.default_url.
"""

from collections.abc import Callable

import streamlit as st

from rtw_scheduler.cases.database import default_url
from rtw_scheduler.cases.errors import DatabaseError
from rtw_scheduler.cases.store import CaseStore
from rtw_scheduler.users import Role
from ui import case_pages, progress_page
from ui.signin import SignedIn

EDITOR = "Plan a scenario"
CASE_PAGES: dict[str, Callable[[CaseStore, SignedIn], None]] = {
    "Cases": case_pages.cases_page, "Progress": progress_page.progress_page, "History": case_pages.history_page}
ROLE_PAGES: dict[Role, list[str]] = {
    "clinician": [EDITOR, "Cases", "Progress", "History"],
    "supervisor": ["Cases", "History"], "hr": ["Cases", "History"], "worker": ["Cases", "History"]}


@st.cache_resource
def case_store(url: str) -> CaseStore:
    """One store per database URL for the app's lifetime (it migrates the schema once)."""
    return CaseStore(url)


def case_page(page: str, user: SignedIn) -> None:
    """Draws one of the case record's pages, if the user's role may open it."""
    if page not in ROLE_PAGES[user.role] or page not in CASE_PAGES:
        st.error(f"The {user.role}'s pages are: {', '.join(ROLE_PAGES[user.role])}.")
        return
    try:
        store = case_store(default_url(None))
    except DatabaseError as error:
        st.error(f"The case record cannot be opened: {error}")
        return
    CASE_PAGES[page](store, user)
