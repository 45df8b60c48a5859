"""The plan as tables and altair charts: read straight from the Plan, no planning logic."""

import altair as alt
import pandas as pd

from models.plan import Plan, WeekPlan
from models.scenario import Scenario
from rtw_scheduler.binding import held_back_by
from rtw_scheduler.calendar_facts import plan_week_facts
from rtw_scheduler.calendar_phrases import duty, phase_name, restrictions
from rtw_scheduler.report import roster_rows
from ui.cells import WEEKDAYS

SERIES = ["plan", "increment limit", "ceiling", "full-duty target"]


def weekly_frame(plan: Plan, dimension: str) -> pd.DataFrame:
    """Long form: one row per week and series (plan, increment limit, ceiling, target)."""
    records = []
    for week in plan.weeks:
        limit = week.limits.get(dimension)
        values = {"plan": week.exposure.get(dimension, 0.0),
                  "increment limit": limit.increment_limit if limit else None,
                  "ceiling": limit.ceiling if limit else None,
                  "full-duty target": limit.full_duty_target if limit else None}
        for series, value in values.items():
            if value is not None:
                records.append({"week": week.number, "series": series, "value": value, "phase": week.phase})
    return pd.DataFrame(records, columns=["week", "series", "value", "phase"])


def weekly_chart(plan: Plan, dimension: str, title: str) -> alt.Chart:
    frame = weekly_frame(plan, dimension)
    return alt.Chart(frame, title=title).mark_line(point=True).encode(
        x=alt.X("week:O", title="week", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(format=",.6~g")),
        color=alt.Color("series:N", scale=alt.Scale(domain=SERIES), legend=alt.Legend(title=None)),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=SERIES, range=[[1, 0], [4, 2], [2, 2], [6, 3]]),
                                  legend=None),
        tooltip=["week", "phase", "series", alt.Tooltip("value:Q", format=",.1f")],
    ).properties(height=280)


def daily_frame(plan: Plan) -> pd.DataFrame:
    """One row per plan day: hours worked, and why a day has none (rest, site closed, no shift)."""
    records = []
    for week in plan.weeks:
        for day in week.days:
            hours = day.worked_minutes / 60
            if day.blackout:
                state = "site closed"
            elif day.shift_code is None:
                state = "no shift"
            elif hours == 0:
                state = "rest"
            else:
                state = f"{hours:g} h"
            records.append({"week": f"{week.number:02d} {phase_name(week.phase)}", "weekday": str(day.weekday),
                            "date": day.date.isoformat(), "hours": round(hours, 2), "day": state})
    return pd.DataFrame(records, columns=["week", "weekday", "date", "hours", "day"])


def heat_map(plan: Plan) -> alt.LayerChart:
    frame = daily_frame(plan)
    base = alt.Chart(frame).encode(x=alt.X("weekday:N", sort=WEEKDAYS, title=None),
                                   y=alt.Y("week:O", title="week and phase", axis=alt.Axis(labelLimit=220)))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("hours:Q", scale=alt.Scale(scheme="blues"), title="hours"),
        tooltip=["date", "week", "weekday", "day"])
    labels = base.mark_text(fontSize=10).encode(text="day:N")
    return (cells + labels).properties(height=max(160, 28 * len(plan.weeks)))


def day_table(plan: Plan) -> pd.DataFrame:
    """The timed blocks, one row each, local times."""
    records = []
    for week in plan.weeks:
        for day in week.days:
            for block in day.blocks:
                records.append({"week": week.number, "date": day.date.isoformat(), "weekday": str(day.weekday),
                                "shift": day.shift_code or "", "task": block.task_name,
                                "start": block.start.strftime("%H:%M"), "end": block.end.strftime("%H:%M"),
                                "minutes": block.minutes})
    return pd.DataFrame(records, columns=["week", "date", "weekday", "shift", "task", "start", "end", "minutes"])


CERTIFICATE = "certificate of capacity"
"""The column holding the week's certificate restrictions (the plan's words, as in the supervisor's calendar)."""


def certificate_cell(week: WeekPlan) -> str:
    """The week's certificate restrictions in one cell, one per ' · '-separated part."""
    return " · ".join(week.restrictions)


def restrictions_table(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """The restrictions in force each week, worded as in the supervisor's calendar: the policy's, then the
    certificate's."""
    records = []
    weeks = plan_week_facts(scenario, plan)
    for week in plan.weeks:
        facts = weeks[week.number]
        records.append({"week": week.number, "from": week.start_date.isoformat(), "phase": phase_name(week.phase),
                        "duty": duty(facts), "restrictions": restrictions(facts), CERTIFICATE: certificate_cell(week)})
    return pd.DataFrame(records, columns=["week", "from", "phase", "duty", "restrictions", CERTIFICATE])


def roster_frame(scenario: Scenario, plan: Plan) -> pd.DataFrame:
    """The plan week by week, as a supervisor rosters it (rtw_scheduler.report.roster_rows)."""
    rows = roster_rows(plan, {task.id: task.name for task in scenario.tasks})
    return pd.DataFrame([{"week": r.week, "from": r.start.isoformat(), "phase": phase_name(r.phase), "days": r.days,
                          "hours a day": r.day_hours, "hours": r.hours, "duties (hours a day)": r.duties,
                          "notes": " · ".join(r.notes), "full duty": "yes" if r.full_duty else "",
                          CERTIFICATE: certificate_cell(week)} for r, week in zip(rows, plan.weeks, strict=True)],
                        columns=["week", "from", "phase", "days", "hours a day", "hours", "duties (hours a day)",
                                 "notes", "full duty", CERTIFICATE])


def why_not_faster_lines(plan: Plan) -> list[str]:
    """Per week before full duty, what held it back, in plain words (rtw_scheduler.binding.held_back_by)."""
    return [f"**Week {week.number}** ({phase_name(week.phase)}): " + "; ".join(held_back_by(week))
            for week in plan.weeks if not week.full_duty]


def variants_chart(frame: pd.DataFrame, dimension: str) -> alt.Chart:
    """One dimension of `rtw_scheduler.compare.weekly_load_frame`: weekly exposure, variants overlaid."""
    return alt.Chart(frame[frame["dimension"] == dimension], title=dimension).mark_line(point=True).encode(
        x=alt.X("week:O", title="week", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("exposure:Q", title=None, axis=alt.Axis(format=",.6~g")),
        color=alt.Color("variant:N", legend=alt.Legend(title=None)),
        tooltip=["variant", "week", alt.Tooltip("exposure:Q", format=",.1f")],
    ).properties(height=260)
