"""One function per constraint family (models.families.Family), in build order.

Each family's name is the one the independent checker (solver.checker) reports, so a
violation and the rule that should have prevented it share a name. Every function takes
the whole model (solver.context.BuildContext) and adds its family to every week it
holds, whatever the week's form (solver.variables).
"""

from collections.abc import Callable

from models.families import PLANNED, Family
from solver.context import BuildContext
from solver.rules.calendar_rules import add_block_limits, add_shift_and_availability_limits, add_warm_up
from solver.rules.load_rules import (
    add_acwr_ceiling,
    add_heaviest_load_steps,
    add_lifting_index_limit,
    add_load_increment_limits,
    add_weekly_ceilings,
)
from solver.rules.phase_rules import add_daily_hour_caps, add_phase_progression, add_phase_task_limits
from solver.rules.recovery_rules import (
    add_consecutive_day_limits,
    add_deload_weeks,
    add_heavy_day_spacing,
    add_rest_days,
)
from solver.rules.restriction_rules import add_restrictions
from solver.rules.resumption_rules import add_resumption
from solver.rules.shape_rules import add_regular_days, add_steady_climb
from solver.rules.target_rules import add_full_duty_target
from solver.rules.variability_rules import add_movement_variability

Rule = Callable[[BuildContext], None]

FAMILIES: dict[Family, Rule] = {
    Family.SHIFT_AND_AVAILABILITY: add_shift_and_availability_limits,
    Family.BLOCK_LIMITS: add_block_limits,
    Family.WARM_UP: add_warm_up,
    Family.DAILY_HOUR_CAPS: add_daily_hour_caps,
    Family.REGULAR_DAYS: add_regular_days,
    Family.WEEKLY_CEILINGS: add_weekly_ceilings,
    Family.LOAD_INCREMENTS: add_load_increment_limits,
    Family.HEAVIEST_LOAD_STEPS: add_heaviest_load_steps,
    Family.LIFTING_INDEX_LIMIT: add_lifting_index_limit,
    Family.PHASE_TASK_LIMITS: add_phase_task_limits,
    Family.RESTRICTIONS: add_restrictions,
    Family.PHASE_PROGRESSION: add_phase_progression,
    Family.REST_DAYS: add_rest_days,
    Family.CONSECUTIVE_DAYS: add_consecutive_day_limits,
    Family.HEAVY_DAYS: add_heavy_day_spacing,
    Family.DELOAD_WEEKS: add_deload_weeks,
    Family.ACWR: add_acwr_ceiling,
    Family.MOVEMENT_VARIABILITY: add_movement_variability,
    Family.STEADY_CLIMB: add_steady_climb,
    Family.FULL_DUTY_TARGET: add_full_duty_target,
    Family.RESUMPTION: add_resumption,
}

assert tuple(FAMILIES) == PLANNED, "a family without a rule, or rules out of the registry's order"
