"""The Progress page (clinician only): log a week's reassessment, see the rule it triggers, planned
against done per dimension, re-plan, and what changed between two versions.

Logging, deciding and re-planning are the application's (rtw_scheduler.cases), as in `rtw case
log` and `rtw case replan`: this page only collects the entry and shows the answers.
"""

import argparse

import pandas as pd
import streamlit as st

from models.plan import Plan
from models.progress import Decision, ProgressEntry
from rtw_scheduler.cases.diff import diff_plans
from rtw_scheduler.cases.errors import CaseError
from rtw_scheduler.cases.history import decision_line, diff_lines
from rtw_scheduler.cases.replan import NoPlan, replan
from rtw_scheduler.cases.store import CaseStore, Progress
from rtw_scheduler.cli.arguments import tolerated
from ui.case_pages import chosen_case
from ui.signin import SignedIn

state = st.session_state
REPLANNED = "replanned"


def progress_page(store: CaseStore, user: SignedIn) -> None:
    st.header("Progress")
    case_id = chosen_case(store, user)
    if case_id is None:
        return
    _, plan = store.plan(case_id)
    logged = store.progress(case_id, latest_only=True)
    log_section(store, case_id, user, plan, next_week=max((p.week for p in logged), default=0) + 1)
    logged = store.progress(case_id, latest_only=True)
    planned_against_done(plan, logged)
    replan_section(store, case_id, user.name)
    diff_section(store, case_id)


def log_section(store: CaseStore, case_id: int, user: SignedIn, plan: Plan, next_week: int) -> None:
    st.subheader("This week's reassessment")
    with st.form("reassessment"):
        left, right = st.columns(2)
        week = left.number_input("Week", min_value=1, max_value=len(plan.weeks), value=min(next_week, len(plan.weeks)),
                                 step=1, key="log_week")
        during = left.slider("Worst pain during work (0-10)", 0, 10, 0, key="log_during")
        morning = left.slider("Pain the next morning (0-10)", 0, 10, 0, key="log_morning")
        fatigue = left.slider("Fatigue at the end of the day (0-10)", 0, 10, 0, key="log_fatigue")
        flare_up = left.checkbox("A flare-up this week", key="log_flare")
        adherence = right.number_input("Share of the planned work done (%)", 0.0, 100.0, 100.0, step=5.0,
                                       key="log_adherence")
        repetitions = right.number_input("Repetitions (0 = not counted)", min_value=0, step=1, key="log_reps")
        tolerated_text = right.text_input("Tolerated, if less than planned (e.g. work_hours=12, lifting=400; "
                                          "empty = as planned)", key="log_tolerated")
        notes = right.text_area("Notes (clinician view only)", key="log_notes")
        submitted = st.form_submit_button("Log the week")
    if not submitted:
        return
    try:
        entry = ProgressEntry(week=int(week), pain_during=float(during), pain_next_morning=float(morning),
                              fatigue=float(fatigue), flare_up=flare_up, adherence_percent=float(adherence),
                              repetitions=int(repetitions) or None, notes=notes,
                              tolerated=tolerated(tolerated_text) if tolerated_text.strip() else None)
        decision = store.log_progress(case_id, [entry], user.name)[0]
    except (argparse.ArgumentTypeError, CaseError, ValueError) as error:
        st.error(f"Not logged: {error}")
        return
    st.success(decision_words(decision))


def decision_words(decision: Decision) -> str:
    line = decision_line(decision)
    return line[0].upper() + line[1:]


def planned_against_done(plan: Plan, logged: list[Progress]) -> None:
    """Per dimension, the version in force's weekly load and what was done: as planned, or the tolerated amount."""
    st.subheader("Planned and done")
    if not plan.weeks:
        return
    dimension = st.selectbox("Dimension", list(plan.weeks[0].exposure), key="chart_dimension")
    st.line_chart(planned_and_done(plan, logged, dimension))
    if logged:
        latest = max(logged, key=lambda p: p.week)
        st.info(f"Latest rule applied - {decision_words(latest.decision)}")


def planned_and_done(plan: Plan, logged: list[Progress], dimension: str) -> pd.DataFrame:
    """A row per plan week: the weekly load planned, and done (what was tolerated, else as
    planned; empty for a week not yet reassessed)."""
    done = {p.week: (p.entry.tolerated or {}).get(dimension, plan.weeks[p.week - 1].exposure[dimension])
            for p in logged if p.week <= len(plan.weeks)}
    return pd.DataFrame({"week": [w.number for w in plan.weeks],
                         "planned": [w.exposure[dimension] for w in plan.weeks],
                         "done": [done.get(w.number) for w in plan.weeks]}).set_index("week")


def replan_section(store: CaseStore, case_id: int, actor: str) -> None:
    """Re-plan from the latest reassessment (rtw_scheduler.cases.replan, as `rtw case replan`) and
    show what it did; `actor` is who the history records as re-planning."""
    st.subheader("Re-plan")
    said = f"{REPLANNED}_{case_id}"  # what the last re-plan of this case did, shown until the next
    reason = st.text_input("Reason (kept in the history)", key="replan_reason")
    if st.button("Re-plan from the latest reassessment", key="replan", disabled=not reason.strip()):
        with st.spinner("Re-planning…"):
            try:
                done = replan(store, case_id, reason.strip(), actor)
            except NoPlan as no_plan:
                state[said] = ("error", f"{no_plan} (the solver: {no_plan.plan.solve.status}, "
                                        f"{', '.join(no_plan.plan.solve.conflicting_families) or '-'})")
            except CaseError as error:
                state[said] = ("error", str(error))
            else:
                if not done.issued or done.diff is None:
                    state[said] = ("info", f"{decision_words(done.decision)} Nothing relevant changed: "
                                           f"version {done.number} stands, every future block kept.")
                else:
                    state[said] = ("success", f"{decision_words(done.decision)} Issued version {done.number} "
                                              f"(full duty in week {done.plan.full_duty_week}), "
                                              f"{done.diff.blocks_kept} of {done.diff.blocks_before} blocks kept.")
    if said in state:
        kind, text = state[said]
        getattr(st, kind)(text)


def diff_section(store: CaseStore, case_id: int) -> None:
    st.subheader("What changed between two versions")
    numbers = [v.number for v in store.versions(case_id)]
    left, right = st.columns(2)
    before = left.selectbox("From version", numbers, index=max(0, len(numbers) - 2), key="diff_before")
    after = right.selectbox("To version", numbers, index=len(numbers) - 1, key="diff_after")
    _, old = store.plan(case_id, before)
    _, new = store.plan(case_id, after)
    st.code("\n".join(diff_lines(diff_plans(old, new), before, after)), language=None)
