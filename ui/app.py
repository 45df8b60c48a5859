"""The rtw-scheduler app: sign in; then, by role, plan a scenario (open or upload it, edit it, plan it,
see the plan, export it) and the case record's pages (ui.case_pages, ui.progress_page).

Run with `rtw ui` or `streamlit run ui/app.py`. The app holds no planning logic: it calls
`rtw_scheduler.planning.make_plan` (solve, lay out, check independently) like the CLI, and
the same export and calendar functions. Examples come from `scenarios/`, or from the folder
named by the environment variable RTW_UI_SCENARIO_DIR (the tests point it at a tiny one).
"""

import copy
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` from a checkout that is not installed
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from models.scenario import Scenario  # noqa: E402
from rtw_scheduler.scenario_io import InputError, load_scenario  # noqa: E402
from ui import availability_tables as at  # noqa: E402
from ui import compare_page, plan_page  # noqa: E402
from ui import editing as ed  # noqa: E402
from ui import policy_tables as pt  # noqa: E402
from ui import restriction_tables as rt  # noqa: E402
from ui import worker_tables as wt  # noqa: E402
from ui.cells import WEEKDAYS  # noqa: E402
from ui.roles import EDITOR, ROLE_PAGES, case_page  # noqa: E402
from ui.signin import sign_in  # noqa: E402

SCENARIO_DIR_ENV = "RTW_UI_SCENARIO_DIR"
DEFAULT_EXAMPLE = "warehouse_order_picker.yaml"
EDITED = "edited"  # the editor's data, kept when another page opens (keep_edits)
state = st.session_state


def examples_dir() -> Path:
    return Path(os.environ.get(SCENARIO_DIR_ENV) or ROOT / "scenarios")


def examples() -> list[str]:
    folder = examples_dir()
    return sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))


def use(data: dict[str, Any], name: str) -> None:
    """Makes `data` the scenario being edited: every editor starts again from it."""
    state.source, state.source_name = data, name
    state.gen = state.get("gen", 0) + 1
    for stale in (plan_page.RESULT, plan_page.RELAXATIONS, compare_page.COMPARE_RESULT):
        state.pop(stale, None)


def open_example() -> None:
    name = state.example_chosen = state.example
    try:
        use(ed.scenario_data(load_scenario(examples_dir() / name)), name)
        state.load_problems = []
    except InputError as error:
        state.load_problems = str(error).splitlines()


def key(name: str) -> str:
    return f"{state.gen}:{name}"


def sidebar() -> None:
    names = examples()
    with st.sidebar:
        st.header("Scenario")
        if "source" not in state:
            state.example = DEFAULT_EXAMPLE if DEFAULT_EXAMPLE in names else names[0]
            open_example()
        elif "example" not in state:  # its widget state went while another page was open
            state.example = state.example_chosen
        st.selectbox("Bundled example", names, key="example", on_change=open_example)
        upload = st.file_uploader("…or upload a scenario (YAML or JSON, at most 1 MB)", type=["yaml", "yml", "json"],
                                  max_upload_size=1)
        if upload is not None and state.get("upload_id") != upload.file_id:
            state.upload_id = upload.file_id
            scenario, state.load_problems = ed.read_upload(upload.name, upload.getvalue())
            if scenario is not None:
                use(ed.scenario_data(scenario), upload.name)
        if state.get("load_problems"):
            st.error("This file cannot be used (one line per problem: file: field: reason):")
            st.code("\n".join(state.load_problems), language=None)
        st.caption(f"Editing: {state.source_name}")


def edit(data: dict[str, Any]) -> tuple[Any, Any, Any, list[str]]:
    """Every editor, writing its values into `data` (a copy of the loaded scenario).

    Returns the Plan, Compare and policy sources tabs, filled in once the edits are validated, and
    the problems an editor found that validating `data` cannot see (a shift code given twice)."""
    worker, policy = data["worker"], data["policy"]
    exposure_dims = [d["id"] for d in data["dimensions"]]
    dims = ["work_hours", *exposure_dims]
    tabs = st.tabs(["Plan", "Worker", "Tasks", "Availability", "Policy", "Policy sources", "Compare"])
    with tabs[1]:
        left, right = st.columns(2)
        worker_column = left
        worker["plan_start_date"] = left.date_input(
            "Plan start date", dt.date.fromisoformat(worker["plan_start_date"]), key=key("start")).isoformat()
        worker["contracted_hours_per_week"] = left.number_input(
            "Contracted hours per week", value=float(worker["contracted_hours_per_week"]), step=0.25, key=key("hours"))
        worker["baseline"]["heaviest_load_kg"] = left.number_input(
            "Baseline: heaviest load tolerated (kg)", value=float(worker["baseline"]["heaviest_load_kg"]),
            step=0.5, key=key("base_load"))
        right.caption("Baseline from the initial assessment: weekly exposure tolerated now (week 0)")
        baseline = right.data_editor(wt.baseline_frame(data, dims), disabled=["dimension"], hide_index=True,
                                     key=key("baseline"))
        worker["baseline"]["weekly_exposure"] = wt.baseline_from(baseline)
        found = edit_shift_pattern(data)
    with tabs[2]:
        st.caption("Exposure per hour of each task (ids are fixed; edit the file to add tasks)")
        tasks = st.data_editor(at.tasks_frame(data, exposure_dims), disabled=["id"], hide_index=True,
                               key=key("tasks"))
        at.apply_tasks(data, tasks, exposure_dims)
    with tabs[3]:
        st.caption("Hours per day the site can offer each task, by weekday (0 = not offered)")
        grid = st.data_editor(at.availability_grid(data), key=key("grid"), column_config={
            day: st.column_config.NumberColumn(day, min_value=0.0, max_value=24.0, step=0.25) for day in WEEKDAYS})
        at.apply_grid(data, grid)
        st.caption("Offers by shift kind, date or date range (lists comma-separated, empty = any; e.g. weekdays "
                   "\"mon, wed\", shift_kinds \"day, night\", dates \"2027-02-01, 2027-02-08\")")
        offers = st.data_editor(at.other_offers_frame(data), num_rows="dynamic", hide_index=True,
                                key=key("offers"), column_config={
                                    "task_id": st.column_config.SelectboxColumn(
                                        "task_id", options=[t["id"] for t in data["tasks"] if not t.get("warm_up")]),
                                    "from_date": st.column_config.DateColumn("from_date"),
                                    "until_date": st.column_config.DateColumn("until_date")})
        at.apply_other_offers(data, offers)
        st.caption("Blackout dates (site closed: nobody works)")
        blackouts = st.data_editor(at.blackouts_frame(data), num_rows="dynamic", hide_index=True,
                                   key=key("blackouts"), column_config={"date": st.column_config.DateColumn("date")})
        data["availability"]["blackouts"] = at.blackouts_from(blackouts)
        st.caption("Appointments (they block any shift time they overlap; times \"HH:MM\")")
        appointments = st.data_editor(at.appointments_frame(data), num_rows="dynamic", hide_index=True,
                                      key=key("appointments"),
                                      column_config={"date": st.column_config.DateColumn("date")})
        data["availability"]["appointments"] = at.appointments_from(appointments)
    with tabs[4]:
        edit_policy(data, dims, exposure_dims)
    # After the policy, so that a risk factor added there can be chosen; in the Worker tab's left column.
    options = list(dict.fromkeys([*policy["risk_factor_adjustments"], *worker["risk_factors"]]))
    worker["risk_factors"] = worker_column.multiselect("Risk factors (clinician view only)", options,
                                                       default=worker["risk_factors"], key=key("risk"))
    return tabs[0], tabs[6], tabs[5], found


def edit_shift_pattern(data: dict[str, Any]) -> list[str]:
    """The shift templates and the weekly roster or rotating cycle; returns duplicate-code problems."""
    worker = data["worker"]
    st.subheader("Shift pattern")
    kinds = ["weekly", "rotating"]
    kind = st.radio("Pattern", kinds, index=kinds.index(worker["shift_pattern"]["kind"]), horizontal=True,
                    key=key("pattern_kind"), help="Switching keeps the shifts of the plan's first week.")
    pattern = worker["shift_pattern"] = wt.switch_pattern(worker["shift_pattern"], kind, worker["plan_start_date"])
    st.caption("Shifts (times \"HH:MM\"; an end at or before the start is the next day; "
               "breaks as start+minutes, e.g. \"10:00+15, 12:00+30\")")
    shifts = st.data_editor(wt.shifts_frame(data), num_rows="dynamic", hide_index=True, key=key("shifts"),
                            column_config={"kind": st.column_config.SelectboxColumn("kind", options=wt.SHIFT_KINDS)})
    pattern["shifts"], found = wt.shifts_from(shifts)
    if kind == "weekly":
        st.caption("Shift code on each weekday (empty = day off)")
        week = st.data_editor(wt.week_frame(data), disabled=["weekday"], hide_index=True, key=key("week"))
        pattern["week"] = wt.week_from(week)
    else:
        left, right = st.columns([1, 3])
        pattern["anchor_date"] = left.date_input(
            "Cycle anchor date (its first day)", dt.date.fromisoformat(pattern["anchor_date"]),
            key=key("anchor")).isoformat()
        pattern["cycle"] = wt.cycle_from(right.text_input(
            "Cycle: a shift code per day, comma-separated, \"off\" for a day off", wt.cycle_text(pattern["cycle"]),
            key=key("cycle")))
    return found


def edit_policy(data: dict[str, Any], dims: list[str], exposure_dims: list[str]) -> None:
    policy = data["policy"]
    recovery, variability, target = policy["recovery"], policy["variability"], policy["target"]
    left, middle, right = st.columns(3)
    policy["horizon_weeks"] = left.number_input("Horizon (weeks)", value=int(policy["horizon_weeks"]), step=1,
                                                key=key("horizon"))
    policy["slot_minutes"] = left.selectbox(
        "Planning slot (minutes)", pt.SLOT_MINUTES, index=pt.SLOT_MINUTES.index(policy["slot_minutes"]),
        key=key("slot"))
    policy["default_increment_percent"] = left.number_input(
        "Default increment (% per week)", value=float(policy["default_increment_percent"]), step=1.0,
        key=key("default_percent"))
    policy["default_allowance_share_of_target"] = left.number_input(
        "Default allowance (share of the target)", value=float(policy["default_allowance_share_of_target"]),
        step=0.01, key=key("default_allowance"))
    policy["heaviest_load_step_kg"] = left.number_input(
        "Heaviest load step per week (kg)", value=float(policy["heaviest_load_step_kg"]), step=0.5, key=key("step"))
    left.caption("Heaviest-load protocol: rungs in kg, each held at least its min weeks (empty min weeks = 1); "
                 "it replaces the weekly step (empty table = no protocol, the weekly step applies)")
    policy["heaviest_load_protocol"] = pt.protocol_from(left.data_editor(
        pt.protocol_frame(data), num_rows="dynamic", hide_index=True, key=key("protocol"), column_config={
            "kg": st.column_config.NumberColumn("kg", step=0.5),
            "min_weeks": st.column_config.NumberColumn("min_weeks", step=1)}))
    policy["max_lifting_index"] = left.number_input(
        "Max NIOSH lifting index (empty = off)", value=policy["max_lifting_index"], step=0.05, key=key("li"))
    policy["acwr_max"] = left.number_input("ACWR max (empty = off)", value=policy["acwr_max"], step=0.05,
                                           key=key("acwr"))
    recovery["min_rest_days_per_week"] = middle.number_input(
        "Rest days per week", value=int(recovery["min_rest_days_per_week"]), step=1, key=key("rest"))
    recovery["max_consecutive_work_days"] = middle.number_input(
        "Most consecutive work days", value=int(recovery["max_consecutive_work_days"]), step=1, key=key("consec"))
    variability["max_share_of_day"] = middle.number_input(
        "Most share of a day on one task", value=float(variability["max_share_of_day"]), step=0.05, key=key("vday"))
    variability["max_share_of_week"] = middle.number_input(
        "Most share of a week on one task", value=float(variability["max_share_of_week"]), step=0.05,
        key=key("vweek"))
    policy["increment_lookback_weeks"] = left.number_input(
        "Increment lookback (weeks; 1 = strict week over week)", value=int(policy["increment_lookback_weeks"]),
        step=1, key=key("lookback"))
    policy["min_hours_per_worked_day"] = left.number_input(
        "Least hours on a day worked", value=float(policy["min_hours_per_worked_day"]), step=0.25,
        key=key("min_day"))
    policy["warm_up_minutes"] = left.number_input("Warm-up at shift start (minutes)",
                                                  value=int(policy["warm_up_minutes"]), step=5, key=key("warm_up"))
    monitoring = policy["monitoring"]
    middle.caption("Pain monitoring (0-10): what the weekly reassessment's rules read")
    for field, label in (("safe_pain_max", "Safe pain during work, at most"),
                         ("acceptable_pain_max", "Acceptable pain during work, at most"),
                         ("settled_pain_max", "Settled pain the next morning, at most")):
        monitoring[field] = middle.number_input(label, value=float(monitoring[field]), step=0.5, key=key(field))
    deload = recovery["deload"] or pt.DEFAULT_DELOAD
    deload_on = middle.checkbox("Deload weeks", value=recovery["deload"] is not None, key=key("deload_on"))
    recovery["deload"] = pt.deload_value(
        deload_on,
        middle.number_input("Deload: every N weeks", value=int(deload["every_weeks"]), step=1,
                            key=key("deload_every"), disabled=not deload_on),
        middle.number_input("Deload: most % of the week before", value=float(deload["max_percent_of_previous"]),
                            step=5.0, key=key("deload_percent"), disabled=not deload_on))
    middle.caption("Heavy day: daily exposure at or above (no two heavy days in a row; empty = none)")
    recovery["heavy_day_threshold"] = pt.per_dimension_from(middle.data_editor(
        pt.per_dimension_frame(recovery["heavy_day_threshold"], dims, "threshold"), disabled=["dimension"],
        hide_index=True, key=key("heavy")), "threshold")
    target["heaviest_load_kg"] = right.number_input(
        "Full duty: heaviest load (kg, empty = none)", value=target["heaviest_load_kg"], step=0.5,
        key=key("target_load"))
    target["ceiling_margin_percent"] = right.number_input(
        "No week above full duty plus this margin (%, empty = off)", value=target["ceiling_margin_percent"],
        step=1.0, key=key("margin"))
    latest = right.date_input(
        "Full duty by the week holding (empty = no deadline)",
        None if target["latest_date"] is None else dt.date.fromisoformat(target["latest_date"]), key=key("latest"))
    target["latest_date"] = None if latest is None else latest.isoformat()
    right.caption("Full duty: weekly exposure (hours come from the contract)")
    target["weekly_exposure"] = pt.target_from(right.data_editor(
        pt.target_frame(data, exposure_dims), disabled=["dimension"], hide_index=True, key=key("target")))
    right.caption("Risk factors: multiplier (0-1] for how much each slows progression (several multiply): smaller "
                  "increases, each load step or protocol rung held longer, a longer horizon; never a lighter step")
    policy["risk_factor_adjustments"] = pt.risk_factors_from(right.data_editor(
        pt.risk_factors_frame(data), num_rows="dynamic", hide_index=True, key=key("risk_adjustments")))
    st.caption("Increments: most rise per week, percent plus an absolute allowance (empty = policy default)")
    increments = st.data_editor(pt.increments_frame(data, dims), disabled=["dimension"], hide_index=True,
                                key=key("increments"))
    full_duty = {"work_hours": float(data["worker"]["contracted_hours_per_week"] or 0), **target["weekly_exposure"]}
    policy["increments"] = pt.increments_from(increments, policy, full_duty)
    st.caption("Phases, in order (empty lifting index or rest days = the policy-wide value; empty max weeks or "
               "earliest start = no limit)")
    phase_columns = {
        "max_strength_level": st.column_config.SelectboxColumn("max_strength_level", options=pt.STRENGTH_LEVELS),
        "max_weeks": st.column_config.NumberColumn(
            "max_weeks", step=1, help="Longest the phase may last (not on the last phase)"),
        "earliest_start": st.column_config.TextColumn(
            "earliest_start", help="Not before this date (YYYY-MM-DD) or this many weeks from the plan start "
            "(16: not before week 17); not on the first phase")}
    phases = st.data_editor(pt.phases_frame(data), num_rows="dynamic", hide_index=True, key=key("phases"),
                            column_config=phase_columns)
    policy["phases"] = pt.phases_from(phases, data)
    st.caption("Phase weekly ceilings per dimension (empty = none)")
    ceilings = st.data_editor(pt.phase_limits_frame(data, "weekly_ceiling", dims), disabled=["phase"],
                              hide_index=True, key=key("ceilings"))
    pt.apply_phase_limits(data, ceilings, "weekly_ceiling", dims)
    st.caption("Phase entry criteria: share (0-1) of the target the week before must reach (empty = none)")
    entry = st.data_editor(pt.phase_limits_frame(data, "entry_criteria", dims), disabled=["phase"],
                           hide_index=True, key=key("entry"))
    pt.apply_phase_limits(data, entry, "entry_criteria", dims)
    edit_certificate(data)


def edit_certificate(data: dict[str, Any]) -> None:
    """The certificate of capacity: restrictions for periods and the practitioner's review dates."""
    st.subheader("Certificate of capacity")
    dims = ", ".join(d["id"] for d in data["dimensions"])
    tasks = ", ".join(t["id"] for t in data["tasks"])
    st.caption("Restrictions, one row each: hard limits for a period (a date or plan week at each end, or until "
               "the next review; empty = not restricted). The source, the limits and the period go to the "
               "supervisor in plain words: write no diagnosis in the source.")
    restrictions = st.data_editor(rt.restrictions_frame(data), num_rows="dynamic", hide_index=True,
                                  key=key("restrictions"), column_config={
                                      "from_date": st.column_config.DateColumn("from_date"),
                                      "until_date": st.column_config.DateColumn("until_date"),
                                      "until_review": st.column_config.CheckboxColumn("until_review"),
                                      "banned_dimensions": st.column_config.TextColumn(
                                          "banned_dimensions", help=f"Comma-separated, from: {dims}"),
                                      "banned_tasks": st.column_config.TextColumn(
                                          "banned_tasks", help=f"Comma-separated task ids, from: {tasks}")})
    data["restrictions"] = rt.restrictions_from(restrictions)
    st.caption("Reviews by the treating practitioner (shown in the worker's and the clinician's calendars only)")
    reviews = st.data_editor(rt.reviews_frame(data), num_rows="dynamic", hide_index=True, key=key("reviews"),
                             column_config={"date": st.column_config.DateColumn("date")})
    data["reviews"] = rt.reviews_from(reviews)


def editor_page() -> None:
    """Plan a scenario (clinician only): open or upload it, edit it, plan it, compare, export."""
    sidebar()
    data = copy.deepcopy(state.source)
    state[EDITED] = data  # filled in by the editors below; kept if the user opens another page
    problems_box = st.container()
    plan_tab, compare_tab, sources_tab, found = edit(data)
    scenario, problems = ed.validate(data, found)
    with st.sidebar:
        st.download_button("Download the edited scenario (YAML)", ed.scenario_yaml(data),
                           Path(state.source_name).stem + "-edited.yaml", "application/x-yaml", on_click="ignore")
    if problems:
        problems_box.error("The edited scenario is not valid (one line per problem: field: reason):")
        problems_box.code("\n".join(problems), language=None)
    with sources_tab:
        st.caption("Every value the planner enforces, where it came from, and its policy default")
        shown = scenario or Scenario.model_validate(state.source)
        st.dataframe(pt.provenance_frame(shown), hide_index=True, width="stretch")
    fingerprint = json.dumps(data, sort_keys=True, default=str)
    with compare_tab:
        compare_page.compare_tab(data, scenario)
    with plan_tab:
        plan_page.plan_tab(scenario, fingerprint, use)


def keep_edits() -> None:
    """On leaving the editor: its edits become the scenario it reopens with. Streamlit forgets the
    state of widgets a run does not show, so without this the edits would be lost; the plan made
    stays (it was made from these very edits)."""
    if state.page != EDITOR and EDITED in state:
        state.source = state.pop(EDITED)
        state.gen = state.get("gen", 0) + 1


def main() -> None:
    st.set_page_config(page_title="rtw-scheduler", layout="wide")
    st.title("Graded return to work")
    user = sign_in()
    if user is None:
        return
    page = st.sidebar.radio("Page", ROLE_PAGES[user.role], key="page", on_change=keep_edits)
    if page == EDITOR:
        editor_page()
    else:
        case_page(page, user)


main()
