"""Rules about when work can happen: the roster, the site's offers, block lengths, the warm-up."""

from ortools.sat.python import cp_model

from models.families import Family
from models.plan import Promise
from models.tasks import Task
from solver.context import BuildContext
from solver.day_kinds import RosterFacts
from solver.weeks import DetailedWeek, is_known


def add_shift_and_availability_limits(ctx: BuildContext) -> None:
    """A task gets no more time on a day than the roster leaves, the site offers and the task allows.

    In a normal build these limits are the bounds of the variables (solver.day_kinds gives
    each kind of day its workable slots and offered slots per task), so nothing is added.
    When diagnosing, the variables have room for a whole day and every limit is a rule of
    its own, behind the guard of the promise that sets it.
    """
    if not ctx.diagnose:
        return
    for week in ctx.vars.detailed_weeks():
        for k, kind in enumerate(week.kinds):
            facts = ctx.roster_facts[kind.days[0].index]
            _add_roster_limits(ctx, week, k, facts)
            _add_offer_limits(ctx, week, k, facts)


def _add_roster_limits(ctx: BuildContext, week: DetailedWeek, k: int, facts: RosterFacts) -> None:
    """The shift's free time, a site closure and appointments limit a day's work."""
    worked = week.kind_worked(k)
    length = week.kind_day_length(k)
    shift = Promise(family=Family.SHIFT_AND_AVAILABILITY, path=f"worker.shift_pattern.shifts.{facts.shift_code}")
    ctx.require(ctx.model.add(length <= facts.shift_slots * worked), shift)
    if facts.closure is not None:
        ctx.require(ctx.model.add(worked == 0),
                    Promise(family=Family.SHIFT_AND_AVAILABILITY, path=f"availability.blackouts[{facts.closure}]"))
    elif facts.appointments:
        together = [literal for i in facts.appointments for literal in ctx.guard(
            Promise(family=Family.SHIFT_AND_AVAILABILITY, path=f"availability.appointments[{i}]"))]
        ctx.model.add(length <= facts.real_slots).only_enforce_if(together)


def _add_offer_limits(ctx: BuildContext, week: DetailedWeek, k: int, facts: RosterFacts) -> None:
    """Each duty within its offer; the warm-up has no offer promise at all.

    The warm-up needs no offer (solver.day_kinds.offered_minutes always offers it), so no
    offer promise is made for it, not even for an offer row a scenario writes for it: a
    promise the model never relies on must not be one the conflict finder can name
    ("Warm-up not offered at all")."""
    for position, (task, (offered, row)) in enumerate(zip(ctx.scenario.tasks, facts.offers, strict=True)):
        slots = week.kind_slots(task, k)
        if not task.warm_up:
            offer = (Promise(family=Family.SHIFT_AND_AVAILABILITY, path="availability.offers", subject=task.id)
                     if row is None
                     else Promise(family=Family.SHIFT_AND_AVAILABILITY, path=f"availability.offers[{row}]"))
            ctx.require(ctx.model.add(slots <= offered), offer)
        if task.max_minutes_per_day is not None:
            ctx.require(ctx.model.add(slots <= task.max_minutes_per_day // ctx.scenario.policy.slot_minutes),
                        Promise(family=Family.SHIFT_AND_AVAILABILITY, path=f"tasks[{position}].max_minutes_per_day"))


def add_block_limits(ctx: BuildContext) -> None:
    """Each task's day splits into runs between its shortest and longest block.

    A task done on a day gets at least its shortest block. A task with a longest block is
    split into as many runs as that needs, and runs of one task must be separated by other
    work: every other task done that day separates at least once, so a day may hold at most
    `longest x (1 + other tasks)` of it (solver.layout then places the runs). Where block
    lengths leave gaps (a 60-minute task with blocks of 40 to 50 minutes), the day's time
    of the task avoids them. A week planned ahead (aggregate) keeps the shortest block.
    """
    slot = ctx.scenario.policy.slot_minutes
    position = {task.id: i for i, task in enumerate(ctx.scenario.tasks)}

    def promise(task: Task, field: str) -> Promise:
        return Promise(family=Family.BLOCK_LIMITS, path=f"tasks[{position[task.id]}].{field}")

    for week in ctx.vars.detailed_weeks():
        for k, kind in enumerate(week.kinds):
            working = [t for t in ctx.scenario.tasks if kind.offers(t)]
            separators = [t for t in working if not t.warm_up]
            for task in working:
                slots, does = week.kind_slots(task, k), week.does(task, k)
                shortest = _shortest(task, slot)
                if shortest > 1:
                    ctx.require(ctx.model.add(slots >= shortest * does), promise(task, "min_block_minutes"))
                if task.max_block_minutes is None or task.warm_up:
                    continue
                longest = task.max_block_minutes // slot
                if kind.offered_slots[task.id] > longest:
                    others = [week.does(o, k) for o in separators if o.id != task.id]
                    ctx.require(ctx.model.add(slots <= longest * (1 + cp_model.LinearExpr.sum(others))),
                                promise(task, "max_block_minutes"))
                gaps = splittable_slots(shortest, longest, kind.offered_slots[task.id])
                if gaps is not None:
                    in_domain: cp_model.Constraint = ctx.model.add_linear_expression_in_domain(  # type: ignore[assignment]
                        slots, gaps)
                    in_domain.only_enforce_if(does)
                    ctx.require(in_domain, promise(task, "max_block_minutes"))
    for ahead in ctx.vars.aggregate_weeks():
        for task in ctx.scenario.tasks:
            shortest = _shortest(task, slot)
            used = ahead.used(task)
            if shortest > 1 and not is_known(used):
                ctx.model.add(ahead.task_slots(task) >= shortest * used)


def _shortest(task: Task, slot: int) -> int:
    return -(-task.min_block_minutes // slot)


def splittable_slots(shortest: int, longest: int, most: int) -> cp_model.Domain | None:
    """Slot counts that split into runs each between `shortest` and `longest` slots, when some
    counts up to `most` cannot (None when every count from `shortest` on can)."""
    if longest >= 2 * shortest - 1:
        return None
    intervals = [[runs * shortest, min(runs * longest, most)] for runs in range(1, most // shortest + 1)]
    return cp_model.Domain.from_intervals([interval for interval in intervals if interval[0] <= interval[1]])


def add_warm_up(ctx: BuildContext) -> None:
    """Every worked day opens with exactly the warm-up minutes of the warm-up task."""
    policy = ctx.scenario.policy
    if not policy.warm_up_minutes:
        return
    warm_up = next(t for t in ctx.scenario.tasks if t.warm_up)
    needed = policy.warm_up_minutes // policy.slot_minutes
    promise = Promise(family=Family.WARM_UP, path="policy.warm_up_minutes")
    for week in ctx.vars.detailed_weeks():
        for k, _ in enumerate(week.kinds):
            for j, count in week.counts(k):
                ctx.require(ctx.model.add(week.slots(warm_up, k, j) == needed * count), promise)
    for ahead in ctx.vars.aggregate_weeks():
        ctx.model.add(ahead.task_slots(warm_up) == needed * ahead.days_worked())
