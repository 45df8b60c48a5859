"""The Plan tab: plan the edited scenario, then show it, explain it and export it.

With a plan: the summary, why not faster, charts, restrictions, the day-by-day table and
downloads. Without one: why no plan (the conflicting promises in the scenario's words,
each with the field that sets it) and, on request, the changes that make a plan
possible, each planned for real; one can be taken into the editors, or all sent to the
Compare tab. Planning and explaining are the application's (rtw_scheduler), as in the CLI.
"""

import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from models.families import describe_family
from models.plan import Plan
from models.restriction_words import review_words
from models.scenario import Scenario
from rtw_scheduler.calendar_text import AUDIENCES
from rtw_scheduler.calendars import calendar_file_name, calendar_for
from rtw_scheduler.exports import PLAN_CSV, PLAN_JSON, WEEKLY_CSV, plan_csv, plan_json, weekly_csv
from rtw_scheduler.planning import PlanRejected, make_plan
from rtw_scheduler.relaxations import Relaxation, none_found, suggest_relaxations, variants_yaml
from rtw_scheduler.why_no_plan import conflict_sentence, explain_conflict
from solver.deadline import Deadline
from solver.solve import Progress, SolverParameters
from ui import charts, variants
from ui.editing import scenario_data

RESULT = "result"
RELAXATIONS = "relaxations"
SUGGESTIONS_FILE = "suggested-changes.yaml"
UseScenario = Callable[[dict[str, Any], str], None]
state = st.session_state


def plan_tab(scenario: Scenario | None, fingerprint: str, use: UseScenario) -> None:
    """The Plan button, then the last plan made (with a warning once the scenario was edited)."""
    if st.button("Plan", type="primary", disabled=scenario is None, key="plan") and scenario is not None:
        plan_now(scenario, fingerprint)
    result = state.get(RESULT)
    if result is None:
        st.info("Edit the scenario in the other tabs, then press Plan.")
    elif "rejected" in result:
        st.error("The independent checker rejected the solver's plan:")
        st.code("\n".join(result["rejected"]), language=None)
    else:
        if result["fingerprint"] != fingerprint:
            st.warning("The scenario has been edited since this plan was made: press Plan to plan it again.")
        show_plan(result["scenario"], result["plan"], result["fingerprint"], use)


def plan_now(scenario: Scenario, fingerprint: str) -> None:
    with st.status("Planning…", expanded=True) as status:
        line = st.empty()
        started = time.perf_counter()

        def progress(report: Progress) -> None:
            best = "searching" if report.objective is None else f"best plan so far scores {report.objective:g}"
            line.write(f"{time.perf_counter() - started:.1f} s · {report.stage}: {best}")

        try:
            result = make_plan(scenario, SolverParameters(), progress)
        except PlanRejected as rejected:
            status.update(label="The independent checker rejected the plan (a bug: please report it)", state="error")
            state[RESULT] = {"rejected": [f"{v.family}: {v.message}" for v in rejected.violations],
                             "fingerprint": fingerprint}
            return
        status.update(label=f"Planned in {time.perf_counter() - started:.1f} s", state="complete", expanded=False)
    state[RESULT] = {"plan": result.plan, "scenario": scenario, "fingerprint": fingerprint}


def show_plan(scenario: Scenario, plan: Plan, fingerprint: str, use: UseScenario) -> None:
    solve = plan.solve
    weeks = f"week {plan.full_duty_week} (from {plan.full_duty_date})" if plan.full_duty_week else "not reached"
    gap = "" if solve.gap is None else f" · gap {solve.gap:.1%}"
    st.subheader("Summary")
    st.markdown("\n".join([
        f"- **Status:** {solve.status}{gap}",
        f"- **Full duty:** {weeks}",
        f"- **Weeks planned:** {len(plan.weeks)} of a {scenario.horizon_weeks}-week horizon",
        f"- **Solve time:** {solve.wall_time_s:.1f} s",
        "- **Independent checker:** no violations" if plan.weeks else "- **Independent checker:** nothing to check",
        *([f"- **Capacity reviews:** {', '.join(review_words(r) for r in plan.reviews)}"] if plan.reviews else []),
    ]))
    if not plan.weeks:
        show_why_no_plan(scenario, plan, fingerprint, use)
        return
    st.subheader("The plan, week by week")
    st.caption("Days worked, the hours of each worked day and the duties (hours a day); a shorter day, and a week "
               "holding less than the week before, say why.")
    st.dataframe(charts.roster_frame(scenario, plan), hide_index=True, width="stretch")
    st.subheader("Weekly load")
    names = {"work_hours": "Working time (h)", **{d.id: f"{d.name} ({d.unit})" for d in scenario.dimensions}}
    pair = st.columns(2)
    for index, dim in enumerate(scenario.dimension_ids):
        pair[index % 2].altair_chart(charts.weekly_chart(plan, dim, names[dim]), width="stretch")
    show_why_not_faster(plan)
    st.subheader("Daily hours")
    st.altair_chart(charts.heat_map(plan), width="stretch")
    st.subheader("Restrictions in force each week")
    st.caption("The policy's limits for the week, then the certificate of capacity's restrictions binding it "
               "(a certificate binds every week holding one of its days), as the supervisor's calendar says them.")
    st.dataframe(charts.restrictions_table(scenario, plan), hide_index=True, width="stretch")
    st.subheader("Day by day")
    st.dataframe(charts.day_table(plan), hide_index=True, width="stretch")
    st.subheader("Export")
    calendars = st.columns(4)
    for index, audience in enumerate(AUDIENCES):
        calendars[index % 4].download_button(f"Calendar: {audience} (.ics)", calendar_for(scenario, plan, audience),
                                             calendar_file_name(audience), "text/calendar", on_click="ignore")
    columns = st.columns(4)
    columns[0].download_button(PLAN_JSON, plan_json(plan), PLAN_JSON, "application/json", on_click="ignore")
    columns[1].download_button(PLAN_CSV, plan_csv(scenario, plan), PLAN_CSV, "text/csv", on_click="ignore")
    columns[2].download_button(WEEKLY_CSV, weekly_csv(plan, scenario), WEEKLY_CSV, "text/csv", on_click="ignore")


def show_why_no_plan(scenario: Scenario, plan: Plan, fingerprint: str, use: UseScenario) -> None:
    solve = plan.solve
    st.subheader("Why no plan")
    st.error(f"No plan ({solve.status}). {conflict_sentence(scenario, solve.conflict)}")
    if not solve.conflict:
        return
    st.caption("Change any one of these and the others admit a plan:" if solve.conflict_is_minimal else
               "These have no plan together (not proven minimal: a check ran out of time; fewer might do):")
    st.markdown("\n".join(f"- **{p.path}**: {phrase} *({describe_family(p.family)})*"
                           for p, phrase in zip(solve.conflict, explain_conflict(scenario, solve.conflict),
                                                strict=True)))
    show_relaxations(scenario, plan, fingerprint, use)


def show_relaxations(scenario: Scenario, plan: Plan, fingerprint: str, use: UseScenario) -> None:
    """Smallest changes that make a plan possible, each planned for real (a few seconds)."""
    if st.button("Suggest changes that make a plan possible", key="suggest"):
        with st.spinner("Planning changed scenarios…"):
            state[RELAXATIONS] = {"fingerprint": fingerprint,
                                  "found": suggest_relaxations(scenario, conflict=plan.solve.conflict,
                                                               deadline=Deadline())}
    suggested = state.get(RELAXATIONS)
    if suggested is None or suggested["fingerprint"] != fingerprint:
        return
    found: list[Relaxation] = suggested["found"]
    st.subheader("What would make a plan possible")
    if not found:
        st.warning("\n\n".join(line[0].upper() + line[1:] + "." for line in none_found(scenario, plan.solve.conflict)))
        return
    st.caption("Each change was planned for real and passed the independent checker.")
    for index, relaxation in enumerate(found):
        text, take = st.columns([5, 1])
        text.markdown(f"- {relaxation.description}: **full duty in week {relaxation.full_duty_week}** "
                      f"(from {relaxation.full_duty_date.isoformat()})")
        if take.button("Use this change", key=f"use-relaxation-{index}"):
            use(scenario_data(relaxation.scenario), f"{state.source_name} + suggested change")
            st.rerun()
    columns = st.columns(4)
    if columns[0].button("Compare them side by side", key="compare-relaxations"):
        state.compare_table, state.compare_gen = variants.relaxations_frame(found), state.gen
        st.toast("The suggested changes are in the Compare tab's table: press Compare there.")
    columns[1].download_button("Download them as a variants file", variants_yaml(found), SUGGESTIONS_FILE,
                               "application/x-yaml", on_click="ignore")


def show_why_not_faster(plan: Plan) -> None:
    st.subheader("Why not faster")
    lines = charts.why_not_faster_lines(plan)
    if lines:
        st.caption("Each week before full duty: the limits it is at (within 2 %), so the plan could not ask more "
                   "that week, and what it still lacks of full duty.")
        st.markdown("\n".join(f"- {line}" for line in lines))
    else:
        st.caption("Full duty from week 1: nothing held the plan back.")
