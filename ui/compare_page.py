"""The Compare tab: what-if variants of the edited scenario, planned one after the other, side by side.

The table of changes is `ui.variants`'; checking, applying, planning and the KPIs are
`rtw_scheduler.compare`'s, as for `rtw compare`. The Plan tab may fill the table with the
changes it suggests when there is no plan.
"""

import time
from typing import Any

import streamlit as st

from models.scenario import Scenario
from rtw_scheduler import compare
from rtw_scheduler.scenario_io import InputError
from ui import charts, variants

state = st.session_state


COMPARE_RESULT = "compare_result"


def compare_tab(data: dict[str, Any], scenario: Scenario | None) -> None:
    """Variants of the edited scenario, planned one after the other in this process, side by side."""
    st.caption("Each row changes one field of the edited scenario (the base): a variant name, the field's dotted "
               "path (list items as [n], e.g. availability.offers[1].hours_per_day) and the new value, read as "
               "YAML (35, 2027-02-01, [mon, tue], {percent: 30, allowance: 3}; empty = none). Rows with the same "
               "name make one variant. The variants are planned one after the other in this process.")
    if state.get("compare_gen") != state.gen:  # a scenario was opened: start again from its defaults
        state.compare_table, state.compare_gen = variants.default_frame(data), state.gen
    table = st.data_editor(state.compare_table, num_rows="dynamic", hide_index=True, key=f"compare:{state.gen}",
                           column_config={column: st.column_config.TextColumn(column) for column in variants.COLUMNS})
    if st.button("Compare", type="primary", disabled=scenario is None, key="compare"):
        try:
            scenarios = variants.scenarios_for(data, table)
        except InputError as error:
            state[COMPARE_RESULT] = {"problems": str(error).splitlines()}
        else:
            with st.status("Planning the variants…", expanded=True) as status:
                started = time.perf_counter()
                results = variants.run_in_process(scenarios, lambda name: status.write(
                    f"{time.perf_counter() - started:.1f} s · planned {name}"))
                status.update(label=f"Planned {len(results)} scenarios in {time.perf_counter() - started:.1f} s",
                              state="complete", expanded=False)
            state[COMPARE_RESULT] = {"results": results}
    result = state.get(COMPARE_RESULT)
    if result is None:
        st.info("Edit the variants, then press Compare (the base is the scenario as edited in the other tabs).")
    elif "problems" in result:
        st.error("The variants cannot be used (one line per problem: table: variant: path: reason):")
        st.code("\n".join(result["problems"]), language=None)
    else:
        show_comparison(result["results"])


def show_comparison(results: list[compare.VariantResult]) -> None:
    st.subheader("KPIs")
    st.dataframe(variants.kpi_display(results), hide_index=True, width="stretch")
    for rejected in (r for r in results if r.error):
        st.error(f"{rejected.name}: {rejected.error}")
    frame = compare.weekly_load_frame(results)
    if not frame.empty:
        st.subheader("Weekly load per dimension, variants overlaid")
        pair = st.columns(2)
        for index, dim in enumerate(dict.fromkeys(frame["dimension"])):
            pair[index % 2].altair_chart(charts.variants_chart(frame, dim), width="stretch")
    files = compare.compare_files(results)
    columns = st.columns(4)
    columns[0].download_button(compare.KPIS_CSV, files[compare.KPIS_CSV], compare.KPIS_CSV, "text/csv",
                               on_click="ignore")
    columns[1].download_button(compare.WEEKLY_LOAD_HTML, files[compare.WEEKLY_LOAD_HTML], compare.WEEKLY_LOAD_HTML,
                               "text/html", on_click="ignore")
