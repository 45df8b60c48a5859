"""A plan: weeks of days of timed task blocks, with the numbers that justify them.

The plan holds no clinical notes: it names the worker by id and carries only the work
restrictions it needs, so it can be handed to exports without leaking a diagnosis.
"""

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from models.applied import AppliedValue
from models.base import DomainModel
from models.restrictions import Review
from models.shifts import ShiftKind, Weekday

SolveStatus = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID"]


class Block(DomainModel):
    """One unbroken stretch of one task, in local time with UTC offset."""

    task_id: str
    task_name: str
    start: dt.datetime
    end: dt.datetime
    minutes: int = Field(ge=1)
    warm_up: bool = False


class DayPlan(DomainModel):
    date: dt.date
    weekday: Weekday
    shift_code: str | None = Field(description="Rostered shift, null on a day off.")
    shift_kind: ShiftKind | None = None
    blackout: bool = False
    blocks: list[Block] = Field(default_factory=list)
    shortened_by: str = Field(default="", description="Why this worked day is shorter than its week's day "
                              "length, e.g. 'appointment 13:00-14:00 (physiotherapy)'; empty when it is not.")

    @property
    def worked_minutes(self) -> int:
        return sum(block.minutes for block in self.blocks)


class WeeklyLimit(DomainModel):
    """What bounded a dimension this week (null where no such limit applies)."""

    increment_limit: float | None = None
    ceiling: float | None = None
    full_duty_target: float | None = None


class BindingLimit(DomainModel):
    """Why not faster: a limit this week is at (rtw_scheduler.binding). `slack` = limit - value."""

    family: str
    dimension: str | None = None
    value: float | None = None
    limit: float | None = None
    slack: float | None = None
    note: str = ""

    @property
    def label(self) -> str:
        """e.g. 'load_increments:lifting' or 'daily_hour_caps'."""
        return f"{self.family}:{self.dimension}" if self.dimension else self.family


class WeekPlan(DomainModel):
    number: int = Field(ge=1, description="1-based plan week.")
    start_date: dt.date
    phase: str
    deload: bool = False
    full_duty: bool = False
    exposure: dict[str, float] = Field(description="Weekly exposure per dimension.")
    limits: dict[str, WeeklyLimit] = Field(default_factory=dict)
    heaviest_load_kg: float = 0
    heaviest_load_limit_kg: float | None = None
    rest_days: int = 0
    day_length_minutes: int = Field(default=0, description="Working time of each worked day this week "
                                    "(the week's regular day length; 0 when nothing is worked).")
    days_worked: int = 0
    falls: list[str] = Field(default_factory=list, description="Before full duty: why this week holds fewer "
                             "hours, days or a shorter day than the week before (deload week, site closure, "
                             "appointment, fewer shifts with duties offered); empty when nothing falls.")
    binding: list[BindingLimit] = Field(
        default_factory=list, description="Why not faster: the limits this week is at.")
    restrictions: list[str] = Field(
        default_factory=list, description="The certificate's restrictions binding this week, in plain words with "
        "their source and period (models.restriction_words); empty when none (or in a plan written before them).")
    days: list[DayPlan]


class StageResult(DomainModel):
    """One lexicographic stage of the solve."""

    name: str
    status: SolveStatus
    objective: float | None = None
    best_bound: float | None = None
    wall_time_s: float = 0
    note: str = ""


class Promise(DomainModel):
    """One thing the scenario promises, as the planner enforces it: a limit, a target, an offer.

    When a scenario has no plan, each promise is given its own enforcement literal so
    that the conflict can be named at the level a user edits: this offer row, that
    phase's rest days, the target date (not merely "availability" or "recovery").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str = Field(description="The constraint family that enforces it (the name the checker reports).")
    path: str = Field(description="Where the scenario sets it, e.g. availability.offers[2], "
                                  "policy.phases[0].min_rest_days_per_week, policy.target.latest_date.")
    subject: str | None = Field(default=None, description="The task it is about, when the path does not say "
                                                          "(a task no offer covers on a day).")

    @property
    def key(self) -> str:
        """e.g. 'shift_and_availability:availability.offers[2]'."""
        return f"{self.family}:{self.path}" + (f"/{self.subject}" if self.subject else "")


class SolveSummary(DomainModel):
    status: SolveStatus
    objective: float | None = None
    best_bound: float | None = None
    gap: float | None = None
    wall_time_s: float = 0
    num_workers: int = 1
    random_seed: int = 0
    time_limit_s: float | None = Field(default=None, description="The run's wall-clock limit (null: none).")
    time_limit_reached: bool = Field(default=False, description="True when the wall-clock limit cut a solve "
                                     "short: the plan is the best found in time, not proven in every stage.")
    interrupted: bool = Field(default=False, description="True when SIGINT or SIGTERM stopped the run and "
                              "`rtw plan --keep-best` kept this plan: the best found by then, not proven best.")
    stages: list[StageResult] = Field(default_factory=list)
    conflicting_families: list[str] = Field(
        default_factory=list, description="When infeasible: the constraint families of `conflict`."
    )
    conflict: list[Promise] = Field(
        default_factory=list, description="When infeasible: a minimal set of promises that cannot all hold "
        "(drop any one and the others admit a plan).")
    conflict_is_minimal: bool | None = Field(
        default=None, description="When infeasible: False if some check of minimality did not finish in its "
        "time budget (the promises still conflict, but fewer might do).")


class Plan(DomainModel):
    """The whole result; plan.json is this model."""

    schema_version: Literal[1] = 1
    scenario_id: str
    worker_id: str
    time_zone: str
    slot_minutes: int
    version: int = Field(default=1, ge=1, description="Plan version: rises with each reissued plan "
                         "(calendar exports use it as SEQUENCE, so a re-import updates events).")
    issued_at: dt.datetime | None = Field(
        default=None, description="When this plan version was issued (UTC); calendar exports use it as "
        "DTSTAMP. Null: the plan's start date at 00:00 UTC.")
    solve: SolveSummary
    full_duty_week: int | None = Field(default=None, description="First week of sustained full duty.")
    full_duty_date: dt.date | None = None
    applied_policy: list[AppliedValue] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list, description="The treating practitioner's review dates "
                                  "(scenario `reviews`), with who reviews; empty in a plan written before them.")
    weeks: list[WeekPlan] = Field(default_factory=list)
