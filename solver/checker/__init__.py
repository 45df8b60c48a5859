"""The independent plan checker: re-derives every number from a plan's timed blocks and the
scenario, and checks each constraint family of docs/constraint-families.md again.

It imports nothing from the model-building code, so a bug there cannot hide itself here.
"""

from collections.abc import Callable

from models.plan import Plan
from models.scenario import Scenario
from solver.checker.calendar_checks import (
    check_block_limits,
    check_shift_and_availability,
    check_warm_up,
)
from solver.checker.context import CheckContext, build_context
from solver.checker.load_checks import (
    check_acwr,
    check_heaviest_load_steps,
    check_lifting_index_limit,
    check_load_increments,
    check_weekly_ceilings,
)
from solver.checker.phase_checks import (
    check_daily_hour_caps,
    check_phase_progression,
    check_phase_task_limits,
)
from solver.checker.recovery_checks import (
    check_consecutive_days,
    check_deload_weeks,
    check_heavy_days,
    check_rest_days,
)
from solver.checker.restriction_checks import check_restrictions
from solver.checker.resumption_checks import check_resumption
from solver.checker.shape_checks import check_regular_days, check_steady_climb
from solver.checker.target_checks import check_full_duty_target, check_reported_totals
from solver.checker.variability_checks import check_movement_variability
from solver.checker.violation import FAMILIES, TOLERANCE, Violation

__all__ = ["CHECKS", "FAMILIES", "TOLERANCE", "Violation", "check"]

CHECKS: dict[str, Callable[[CheckContext], list[Violation]]] = {
    "shift_and_availability": check_shift_and_availability,
    "block_limits": check_block_limits,
    "warm_up": check_warm_up,
    "daily_hour_caps": check_daily_hour_caps,
    "regular_days": check_regular_days,
    "weekly_ceilings": check_weekly_ceilings,
    "load_increments": check_load_increments,
    "heaviest_load_steps": check_heaviest_load_steps,
    "lifting_index_limit": check_lifting_index_limit,
    "phase_task_limits": check_phase_task_limits,
    "restrictions": check_restrictions,
    "phase_progression": check_phase_progression,
    "rest_days": check_rest_days,
    "consecutive_days": check_consecutive_days,
    "heavy_days": check_heavy_days,
    "deload_weeks": check_deload_weeks,
    "acwr": check_acwr,
    "movement_variability": check_movement_variability,
    "steady_climb": check_steady_climb,
    "full_duty_target": check_full_duty_target,
    "resumption": check_resumption,
    "reported_totals": check_reported_totals,
}
"""One check per family, in the order of the spec's table."""

assert tuple(CHECKS) == FAMILIES


def check(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every violation of every family, family by family in the spec's order.

    A plan without weeks (an infeasible solve) has nothing to check, unless it claims a
    solution.
    """
    if not plan.weeks:
        if plan.solve.status in ("OPTIMAL", "FEASIBLE"):
            return [Violation(family="reported_totals", limit=float(scenario.horizon_weeks),
                              value=0.0, message=f"the solve says {plan.solve.status} but the "
                                                 "plan holds no weeks")]
        return []
    context = build_context(scenario, plan)
    return [violation for family in FAMILIES for violation in CHECKS[family](context)]
