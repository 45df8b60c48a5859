"""The Cases and History pages: the case record (rtw_scheduler.cases) as each role may see it.

Every role reads a version through the plan document for its own audience
(rtw_scheduler.cases.document): the supervisor's, HR's and the worker's carry no diagnosis,
clinical notes or risk factors, so these pages show nothing clinical to them. Progress
entries (pain, notes), the versions' reasons and rules, and the audit log are the
clinician's only.
"""

import pandas as pd
import streamlit as st

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.cases.document import plan_document_html, plan_document_pdf
from rtw_scheduler.cases.errors import CaseError
from rtw_scheduler.cases.roles import SignOffRole
from rtw_scheduler.cases.store import Case, CaseStore
from rtw_scheduler.planning import make_plan
from ui import editing as ed
from ui import plan_page
from ui.signin import SignedIn

state = st.session_state
PARTY: dict[str, SignOffRole] = {"clinician": "clinician", "worker": "worker", "supervisor": "employer",
                                 "hr": "employer"}
"""Whom a signed-in user signs for."""
OPENED = "case_opened"
"""The case the clinician has just opened, and the message saying so, kept across the rerun."""


def visible_cases(store: CaseStore, user: SignedIn) -> list[Case]:
    """Every case, but a worker's own only."""
    if user.role != "worker":
        return store.cases()
    try:
        return [store.case(user.case)] if user.case is not None else []
    except CaseError:
        return []


def chosen_case(store: CaseStore, user: SignedIn) -> int | None:
    """The case selector every case page shares (its choice kept across pages); None without cases."""
    cases = visible_cases(store, user)
    if not cases:
        st.info("No case to show yet." + (" Open one below." if user.role == "clinician" else ""))
        return None
    labels = {case.id: f"case {case.id}: worker {case.worker_id}, version {case.latest_version}" for case in cases}
    ids = list(labels)
    if OPENED in state:  # a case just opened (open_case_section): show it
        state.case_id = state[OPENED][0]
    if state.get("case_id") not in ids:
        state.case_id = ids[0]
    return int(st.selectbox("Case", ids, format_func=labels.__getitem__, key="case_id"))


def cases_page(store: CaseStore, user: SignedIn) -> None:
    st.header("Cases")
    case_id = chosen_case(store, user)
    if case_id is not None:
        show_version(store, case_id, user)
    if user.role == "clinician":
        open_case_section(store, user)


def show_version(store: CaseStore, case_id: int, user: SignedIn) -> None:
    """The version in force (or one chosen) as the user's audience reads it, and its document to download."""
    versions = store.versions(case_id)
    numbers = [v.number for v in reversed(versions)]
    number = st.selectbox("Version", numbers, key=f"version_{case_id}",
                          format_func=lambda n: f"v{n}" + (" (in force)" if n == numbers[0] else ""))
    version = store.version(case_id, number)
    scenario, plan = store.plan(case_id, number)
    html = plan_document_html(scenario, plan, version, user.role)
    name = f"case-{case_id}-v{number}-{user.role}"
    left, right = st.columns(2)
    left.download_button("Plan document (HTML)", html, f"{name}.html", "text/html",
                         on_click=store.note_export, args=(case_id, user.name, f"version {number}: {user.role} "
                                                           "document (HTML, app)"))
    pdf_key = f"pdf_{name}"
    if right.button("Prepare the PDF", key=f"prepare_{name}"):
        state[pdf_key] = plan_document_pdf(html)
    if pdf_key in state:
        right.download_button("Plan document (PDF)", state[pdf_key], f"{name}.pdf", "application/pdf",
                              on_click=store.note_export, args=(case_id, user.name, f"version {number}: "
                                                                f"{user.role} document (PDF, app)"))
    st.html(html)


def open_case_section(store: CaseStore, user: SignedIn) -> None:
    """A clinician opens a case with the plan made on 'Plan a scenario', or plans an uploaded
    scenario for it, as `rtw case new SCENARIO` does (make_plan, then store.open_case)."""
    st.subheader("Open a case")
    if OPENED in state:
        st.success(state.pop(OPENED)[1])
    reason = st.text_input("Reason", "first plan", key="open_reason").strip() or "first plan"
    result = state.get(plan_page.RESULT)
    if result and "plan" in result and result["plan"].weeks:
        scenario, plan = result["scenario"], result["plan"]
        if st.button(f"Open a case for worker {scenario.worker.id} with the plan made on 'Plan a scenario'",
                     key="open_case"):
            _open(store, scenario, plan, user, reason)
    else:
        st.caption("Plan a scenario on 'Plan a scenario' and its plan can become a new case's version 1; "
                   "or upload a scenario file below.")
    upload = st.file_uploader("Or plan a scenario file (YAML or JSON) and open a case with its plan",
                              type=["yaml", "yml", "json"], key="open_upload")
    if upload is not None and st.button(f"Plan {upload.name} and open a case", key="open_upload_case"):
        uploaded, problems = ed.read_upload(upload.name, upload.getvalue())
        if uploaded is None:
            st.error("The file is not a valid scenario (one line per problem: file: field: reason):")
            st.code("\n".join(problems), language=None)
            return
        with st.spinner(f"Planning {uploaded.id}…"):
            planned = make_plan(uploaded)
        if not planned.has_plan:
            st.error(f"No plan ({planned.plan.solve.status}): nothing was stored. Open the file on "
                     "'Plan a scenario' to see why and what would help.")
            return
        _open(store, uploaded, planned.plan, user, reason)


def _open(store: CaseStore, scenario: Scenario, plan: Plan, user: SignedIn, reason: str) -> None:
    try:
        case = store.open_case(scenario, plan, user.name, reason)
    except CaseError as error:
        st.error(f"No case opened: {error}")
        return
    state[OPENED] = (case.id, f"Opened case {case.id} for worker {case.worker_id}: version 1 "
                              f"({plan.solve.status}, full duty in week {plan.full_duty_week}).")
    st.rerun()  # the case selector above is drawn already: the next run shows the new case in it


def history_page(store: CaseStore, user: SignedIn) -> None:
    st.header("History")
    case_id = chosen_case(store, user)
    if case_id is None:
        return
    versions = store.versions(case_id)
    clinician = user.role == "clinician"
    rows = []
    for v in versions:
        row: dict[str, object] = {"version": v.number, "issued": f"{v.created_at:%Y-%m-%d %H:%M}", "by": v.author}
        if clinician:  # the reason and the rule may speak of pain: the clinician's view only
            row |= {"reason": v.reason, "rule applied": v.decision.step.value if v.decision else "-"}
        rows.append(row | {"status": v.status, "full duty week": v.full_duty_week,
                           "signed by": ", ".join(f"{s.role}: {s.name}" for s in v.sign_offs) or "-"})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    sign_section(store, case_id, user, versions[-1].number)
    if clinician:
        clinician_record(store, case_id)


def sign_section(store: CaseStore, case_id: int, user: SignedIn, latest: int) -> None:
    party = PARTY[user.role]
    st.subheader(f"Sign as the {party}")
    number = st.number_input("Version", min_value=1, max_value=latest, value=latest, step=1, key="sign_version")
    name = st.text_input("Name", user.name, key="sign_name")
    if st.button(f"Sign version {number}", key="sign"):
        try:
            signed = store.sign_off(case_id, int(number), party, name.strip() or user.name, user.name)
            st.success(f"Signed by the {signed.role}, {signed.name}.")
        except CaseError as error:
            st.error(str(error))


def clinician_record(store: CaseStore, case_id: int) -> None:
    """The reassessments and the audit log: clinical, the clinician's view only."""
    st.subheader("Progress (latest entry per week)")
    progress = store.progress(case_id, latest_only=True)
    st.dataframe(pd.DataFrame([{
        "week": p.week, "against": f"v{p.against_version}", "pain during": p.entry.pain_during,
        "pain next morning": p.entry.pain_next_morning, "flare-up": p.entry.flare_up,
        "decision": p.decision.step.value, "notes": p.entry.notes} for p in progress]),
        hide_index=True, width="stretch")
    st.subheader("Audit log")
    st.dataframe(pd.DataFrame([{
        "at": f"{a.at:%Y-%m-%d %H:%M:%S}", "who": a.actor, "what": a.action,
        "version": a.version_number, "detail": a.detail, "why": a.reason} for a in store.audit(case_id)]),
        hide_index=True, width="stretch")
