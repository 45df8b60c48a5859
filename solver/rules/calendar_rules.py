"""Rules about when work can happen: the roster, the site's offers, block lengths, the warm-up."""

from models.calendar import PlanDay, plan_days
from models.plan import Promise
from models.tasks import Task
from solver.context import BuildContext

AVAILABILITY = "shift_and_availability"
BLOCKS = "block_limits"


def add_shift_and_availability_limits(ctx: BuildContext) -> None:
    """A task gets no more time on a day than the site offers and the task allows.

    In a normal solve the roster (shift time minus breaks and appointments) bounds the
    variables; the site's offers and each task's daily maximum are rules so that an
    infeasible plan can name them. When diagnosing, the roster is a rule too.
    """
    if ctx.diagnose:
        _add_roster_limits(ctx)
    slot = ctx.scenario.policy.slot_minutes
    for day in ctx.days:
        if day.shift is None:
            continue
        room = ctx.vars.room[day.index]
        for position, task in enumerate(ctx.scenario.tasks):
            slots = ctx.vars.slots[task.id, day.index]
            if isinstance(slots, int):
                continue
            limits = [(_offered_minutes(ctx, task, day) // slot, _offer_promise(ctx, task, day))]
            if task.max_minutes_per_day is not None:
                limits.append((task.max_minutes_per_day // slot,
                               Promise(family=AVAILABILITY, path=f"tasks[{position}].max_minutes_per_day")))
            binding = sorted((limit for limit in limits if limit[0] < room), key=lambda limit: limit[0])
            for most, promise in binding if ctx.diagnose else binding[:1]:  # the tightest implies the rest
                ctx.require(ctx.model.add(slots <= most), promise)


def _offered_minutes(ctx: BuildContext, task: Task, day: PlanDay) -> int:
    """Minutes of a task the site's offers allow on a rostered day (the warm-up is always allowed)."""
    assert day.shift is not None
    minutes = round(ctx.scenario.availability.hours_offered(task.id, day.date, day.shift.kind) * 60)
    return max(minutes, ctx.scenario.policy.warm_up_minutes) if task.warm_up else minutes


def _offer_promise(ctx: BuildContext, task: Task, day: PlanDay) -> Promise:
    """The offer row that sets the day's hours, or, with none, the absence of an offer."""
    assert day.shift is not None
    index = ctx.scenario.availability.offer_applying(task.id, day.date, day.shift.kind)
    if index is None:
        return Promise(family=AVAILABILITY, path="availability.offers", subject=task.id)
    return Promise(family=AVAILABILITY, path=f"availability.offers[{index}]")


def _add_roster_limits(ctx: BuildContext) -> None:
    """Diagnosing only: each shift's length, site closure and appointment limits its days.

    The variables are then built on the roster without closures and appointments, with
    room for a whole day, so each of these can be dropped on its own.
    """
    scenario, v = ctx.scenario, ctx.vars
    closures = {b.date: i for i, b in enumerate(scenario.availability.blackouts)}
    by_appointments = _appointment_limits(ctx)
    for day in ctx.days:
        if day.shift is None:
            continue
        worked = v.day_slots(day)
        shift_slots = _workable_slots(ctx, day)
        if shift_slots < v.room[day.index]:  # times `worked`: the same limit, but tight for the LP
            ctx.require(ctx.model.add(worked <= shift_slots * v.worked[day.index]),
                        Promise(family=AVAILABILITY, path=f"worker.shift_pattern.shifts.{day.shift.code}"))
        if day.date in closures:
            ctx.require(ctx.model.add(worked == 0),
                        Promise(family=AVAILABILITY, path=f"availability.blackouts[{closures[day.date]}]"))
            continue
        for indices, most in by_appointments.get(day.index, []):
            together = [literal for i in indices for literal in ctx.guard(
                Promise(family=AVAILABILITY, path=f"availability.appointments[{i}]"))]
            ctx.model.add(worked <= most).only_enforce_if(together)


def _workable_slots(ctx: BuildContext, day: PlanDay) -> int:
    """Whole slots of the shift's free time (the daily hours caps are rules of their own)."""
    return day.free_minutes // ctx.scenario.policy.slot_minutes


def _appointment_limits(ctx: BuildContext) -> dict[int, list[tuple[list[int], int]]]:
    """Per day: (appointments, the shift's free slots with them) for each appointment alone
    and, where several cut into one shift, for all of them together."""
    scenario = ctx.scenario
    appointments = scenario.availability.appointments

    def free_slots(kept: list[int]) -> dict[int, int]:
        site = scenario.availability.model_copy(
            update={"blackouts": [], "appointments": [appointments[i] for i in kept]})
        days = plan_days(scenario.model_copy(update={"availability": site}))
        return {d.index: _workable_slots(ctx, d) for d in days
                if d.shift is not None and _workable_slots(ctx, d) < _workable_slots(ctx, ctx.days[d.index])}

    limits: dict[int, list[tuple[list[int], int]]] = {}
    for index in range(len(appointments)):
        for day_index, most in free_slots([index]).items():
            limits.setdefault(day_index, []).append(([index], most))
    everything = free_slots(list(range(len(appointments)))) if appointments else {}
    for day_index, most in everything.items():
        alone = limits.get(day_index, [])
        if len(alone) > 1 and most < min(slots for _, slots in alone):
            limits[day_index].append(([i for indices, _ in alone for i in indices], most))
    return limits


def add_block_limits(ctx: BuildContext) -> None:
    """Each task's day is split into runs between its minimum and maximum block length.

    Runs of one task must be separable by other tasks' runs, so a task may have at most
    one run more than all the other (non-warm-up) runs of the day together.
    """
    slot = ctx.scenario.policy.slot_minutes
    v = ctx.vars
    position = {task.id: i for i, task in enumerate(ctx.scenario.tasks)}

    def promise(task: Task, field: str) -> Promise:
        return Promise(family=BLOCKS, path=f"tasks[{position[task.id]}].{field}")

    for day in ctx.days:
        working = [t for t in ctx.scenario.tasks if not isinstance(v.slots[t.id, day.index], int)]
        for task in working:
            slots, runs = v.slots[task.id, day.index], v.runs[task.id, day.index]
            min_slots = -(-task.min_block_minutes // slot)
            if min_slots > 1:
                ctx.require(ctx.model.add(slots >= min_slots * runs), promise(task, "min_block_minutes"))
            if task.max_block_minutes is not None:
                ctx.require(ctx.model.add(slots <= (task.max_block_minutes // slot) * runs),
                            promise(task, "max_block_minutes"))
        others = [t for t in working if not t.warm_up]
        for task in others:
            if task.max_block_minutes is None:
                continue
            rest = [v.runs[o.id, day.index] for o in others if o.id != task.id]
            ctx.require(ctx.model.add(v.runs[task.id, day.index] <= sum(rest) + 1), promise(task, "max_block_minutes"))


def add_warm_up(ctx: BuildContext) -> None:
    """Every worked day opens with exactly the warm-up minutes of the warm-up task."""
    policy = ctx.scenario.policy
    if not policy.warm_up_minutes:
        return
    warm_up = next(t for t in ctx.scenario.tasks if t.warm_up)
    slots_needed = policy.warm_up_minutes // policy.slot_minutes
    for day in ctx.days:
        worked = ctx.vars.worked[day.index]
        if isinstance(worked, int):
            continue
        slots = ctx.vars.slots[warm_up.id, day.index]
        ctx.require(ctx.model.add(slots == slots_needed * worked),
                    Promise(family="warm_up", path="policy.warm_up_minutes"))
