"""One module per group of constraint families; `FAMILIES` lists them in build order.

Each family's name is the one the independent checker (solver.checker) reports, so a
violation and the rule that should have prevented it share a name.
"""

from collections.abc import Callable

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
from solver.rules.target_rules import add_full_duty_target
from solver.rules.variability_rules import add_movement_variability

Rule = Callable[[BuildContext], None]

FAMILIES: dict[str, Rule] = {
    "shift_and_availability": add_shift_and_availability_limits,
    "block_limits": add_block_limits,
    "warm_up": add_warm_up,
    "daily_hour_caps": add_daily_hour_caps,
    "weekly_ceilings": add_weekly_ceilings,
    "load_increments": add_load_increment_limits,
    "heaviest_load_steps": add_heaviest_load_steps,
    "lifting_index_limit": add_lifting_index_limit,
    "phase_task_limits": add_phase_task_limits,
    "phase_progression": add_phase_progression,
    "rest_days": add_rest_days,
    "consecutive_days": add_consecutive_day_limits,
    "heavy_days": add_heavy_day_spacing,
    "deload_weeks": add_deload_weeks,
    "acwr": add_acwr_ceiling,
    "movement_variability": add_movement_variability,
    "full_duty_target": add_full_duty_target,
}
