"""Why not faster: the families reported as binding are really at their limit."""

import csv
import io

from models.plan import Plan, WeeklyLimit
from models.scenario import Scenario
from rtw_scheduler.binding import DEFAULT_TOLERANCE_SHARE, binding_limits, why_not_faster
from rtw_scheduler.exports import weekly_csv
from solver.checker.context import build_context
from tests.certificate import certified, certified_plan


def _within(value: float, limit: float) -> bool:
    return abs(limit - value) <= DEFAULT_TOLERANCE_SHARE * abs(limit) + 1e-6


def test_every_reported_binding_is_at_its_limit_as_the_checker_recomputes_it(
        small_scenario: Scenario, small_plan: Plan) -> None:
    ctx = build_context(small_scenario, small_plan)
    lookback = small_scenario.policy.increment_lookback_weeks
    checked = 0
    for week in binding_limits(small_scenario, small_plan):
        for b in week.bindings:
            if b.family == "load_increments":
                assert b.dimension is not None
                increment = ctx.applied.increments[b.dimension]
                reference = max([ctx.applied.baseline[b.dimension]]
                                + [ctx.exposure(b.dimension, week.week - k) for k in range(1, lookback + 1)])
                limit = reference * (1 + increment.percent / 100) + increment.allowance
                assert _within(ctx.exposure(b.dimension, week.week), limit), (week.week, b)
                checked += 1
            elif b.family == "weekly_ceilings":
                assert b.dimension is not None and b.limit is not None
                phase = ctx.phase(week.week)
                assert phase is not None
                ceilings = [phase.weekly_ceiling[b.dimension]] if b.dimension in phase.weekly_ceiling else []
                margin = small_scenario.policy.target.ceiling_margin_percent
                if margin is not None and b.dimension in ctx.applied.target:
                    ceilings.append(ctx.applied.target[b.dimension] * (1 + margin / 100))
                assert _within(ctx.exposure(b.dimension, week.week), min(ceilings)), (week.week, b)
                checked += 1
            elif b.family == "heaviest_load_steps":
                reference = max([ctx.applied.baseline_heaviest_load_kg]
                                + [ctx.heaviest(week.week - k) for k in range(1, lookback + 1)])
                limit = min(reference + ctx.applied.heaviest_load_step_kg,
                            ctx.applied.heaviest_load_ceiling_kg[week.week - 1])  # risk factors hold steps longer
                assert _within(ctx.heaviest(week.week), limit), (week.week, b)
                checked += 1
            elif b.family == "daily_hour_caps":
                phase = ctx.phase(week.week)
                assert phase is not None
                worked = [t.minutes / 60 for t in ctx.day_totals() if t.week == week.week and t.worked]
                assert any(_within(hours, phase.daily_hours_cap) for hours in worked), (week.week, b)
                checked += 1
    assert checked > 0


def test_a_week_at_its_increment_limit_reports_load_increments(small_scenario: Scenario, small_plan: Plan) -> None:
    week = small_plan.weeks[0]
    dim = "standing"
    exact = week.model_copy(update={"limits": {**week.limits, dim: WeeklyLimit(
        increment_limit=week.exposure[dim], ceiling=None, full_duty_target=None)}})
    plan = small_plan.model_copy(update={"weeks": [exact, *small_plan.weeks[1:]]})

    first = binding_limits(small_scenario, plan)[0]

    found = [b for b in first.bindings if b.family == "load_increments" and b.dimension == dim]
    assert len(found) == 1 and found[0].slack == 0
    assert f"load_increments:{dim}" in first.labels


def test_week_one_of_the_small_plan_is_held_back_by_phase_and_target(
        small_scenario: Scenario, small_plan: Plan) -> None:
    first = binding_limits(small_scenario, small_plan)[0]
    families = {b.family for b in first.bindings}
    assert not first.full_duty
    assert {"phase", "full_duty_target"} <= families
    assert all(b.family != "full_duty_target" for w in binding_limits(small_scenario, small_plan)
               if w.full_duty for b in w.bindings)
    text = why_not_faster(small_plan)
    assert "week 1 (technique)" in text and "still short of full duty" in text


def test_weekly_csv_has_a_binding_column_only_given_the_scenario(
        small_scenario: Scenario, small_plan: Plan) -> None:
    plain = list(csv.DictReader(io.StringIO(weekly_csv(small_plan).decode())))
    with_binding = list(csv.DictReader(io.StringIO(weekly_csv(small_plan, small_scenario).decode())))
    assert "binding" not in plain[0]
    expected = [w.labels for w in binding_limits(small_scenario, small_plan)]
    assert [row["binding"] for row in with_binding] == expected


def test_a_zero_limit_on_an_untouched_dimension_does_not_bind() -> None:
    from rtw_scheduler.binding import at_limit

    assert not at_limit(0.0, 0.0)
    assert at_limit(100.0, 100.0)


def test_the_plan_itself_carries_why_not_faster_for_every_week(small_scenario: Scenario, small_plan: Plan) -> None:
    explained = binding_limits(small_scenario, small_plan)
    assert [week.binding for week in small_plan.weeks] == [wb.bindings for wb in explained]
    assert any(week.binding for week in small_plan.weeks)


def test_a_phase_lifting_index_limit_of_0_75_reads_up_to_0_75_not_0_8(
        small_scenario: Scenario, small_plan: Plan) -> None:
    phases = list(small_scenario.policy.phases)
    phases[0] = phases[0].model_copy(update={"max_lifting_index": 0.75})
    scenario = small_scenario.model_copy(update={
        "policy": small_scenario.policy.model_copy(update={"phases": phases})})
    notes = [b.note for b in binding_limits(scenario, small_plan)[0].bindings if b.family == "phase"]
    assert any("lifting index up to 0.75" in note for note in notes), notes


def test_why_not_faster_names_the_certificate_where_it_holds_the_week_back() -> None:
    restrictions = [{"source": "certificate", "until_week": 2, "max_hours_per_day": 4, "max_days_per_week": 5},
                    {"source": "certificate", "from_week": 3, "banned_tasks": ["pack"]}]
    scenario = certified(restrictions, [])
    weeks = binding_limits(scenario, certified_plan(scenario))  # Mon-Fri, 4 h of labelling a day

    notes = [[b.note for b in week.bindings if b.family == "restrictions"] for week in weeks]
    assert notes[0] == ["5 of 5 worked days at the certificate's 4 h a day",
                        "5 days worked, the certificate's most a week"]
    assert notes[2] == ["the certificate keeps out: Pack orders"]
    assert not any(b.family == "daily_hour_caps" for b in weeks[0].bindings)
