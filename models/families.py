"""The constraint families: one registry of names that planner, checker, reports and docs share.

A family is one clinical or practical rule, enforced as a hard constraint by the planner
(solver.rules builds one function per family) and checked again, independently, by the
plan checker (solver.checker). Both take their names from here, so a violation, the rule
that should have prevented it and the sentence a user reads all name the same thing.
"""

from enum import StrEnum


class Family(StrEnum):
    """Every constraint family, in the order of docs/constraint-families.md."""

    description: str

    def __new__(cls, value: str, description: str) -> "Family":
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    SHIFT_AND_AVAILABILITY = ("shift_and_availability",
                              "rostered shifts, breaks, appointments and the duties the site offers")
    BLOCK_LIMITS = ("block_limits", "shortest and longest stretch of each task")
    WARM_UP = ("warm_up", "the warm-up at the start of every worked day")
    DAILY_HOUR_CAPS = ("daily_hour_caps", "most and fewest working hours on a worked day in each phase")
    REGULAR_DAYS = ("regular_days", "the same working time and the same duties on each worked day of a week")
    WEEKLY_CEILINGS = ("weekly_ceilings", "most weekly exposure allowed in each phase")
    LOAD_INCREMENTS = ("load_increments", "week-over-week increase limits")
    HEAVIEST_LOAD_STEPS = ("heaviest_load_steps", "how fast the heaviest handled load may rise")
    LIFTING_INDEX_LIMIT = ("lifting_index_limit", "the NIOSH lifting index limit on tasks")
    PHASE_TASK_LIMITS = ("phase_task_limits", "which tasks each phase allows (strength level, lifting index)")
    RESTRICTIONS = ("restrictions", "the certificate of capacity's limits for each period")
    PHASE_PROGRESSION = ("phase_progression", "phase order, minimum phase lengths and entry criteria")
    REST_DAYS = ("rest_days", "minimum rest days per week")
    CONSECUTIVE_DAYS = ("consecutive_days", "most working days in a row, and rest days between worked days")
    HEAVY_DAYS = ("heavy_days", "no two heavy days in a row")
    DELOAD_WEEKS = ("deload_weeks", "lighter deload weeks")
    ACWR = ("acwr", "acute:chronic workload ratio limit")
    MOVEMENT_VARIABILITY = ("movement_variability", "most share of a day or week on one task")
    STEADY_CLIMB = ("steady_climb", "weekly hours, days worked and day length never fall without a reason")
    FULL_DUTY_TARGET = ("full_duty_target", "reaching full duty (target exposure, latest date, last week)")
    RESUMPTION = ("resumption", "a re-plan's weeks done kept as worked, and the week after a reassessment "
                  "within what it decided")
    REPORTED_TOTALS = ("reported_totals", "the plan's reported weekly totals")


PLANNED: tuple[Family, ...] = tuple(f for f in Family if f is not Family.REPORTED_TOTALS)
"""The families the planner builds (the checker also checks the plan's own reported numbers)."""


def describe_family(family: str) -> str:
    """e.g. 'load_increments: week-over-week increase limits'; an unknown name as it is."""
    known = {member.value: member for member in Family}
    return f"{family}: {known[family].description}" if family in known else family
