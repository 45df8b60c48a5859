"""Rules about when work can happen: the site's offers, block lengths and the warm-up."""

from solver.context import BuildContext


def add_shift_and_availability_limits(ctx: BuildContext) -> None:
    """A task gets no more time on a day than the site offers and the task allows.

    The roster itself (shift time minus breaks and appointments) bounds the variables;
    the site's offers are a rule so that an infeasible plan can name them.
    """
    policy = ctx.scenario.policy
    slot = policy.slot_minutes
    for day in ctx.days:
        if day.shift is None:
            continue
        for task in ctx.scenario.tasks:
            slots = ctx.vars.slots[task.id, day.index]
            if isinstance(slots, int):
                continue
            offered = round(ctx.scenario.availability.hours_offered(task.id, day.date, day.shift.kind) * 60)
            if task.warm_up:
                offered = max(offered, policy.warm_up_minutes)
            if task.max_minutes_per_day is not None:
                offered = min(offered, task.max_minutes_per_day)
            if offered // slot < ctx.vars.capacity[day.index]:
                ctx.require(ctx.model.add(slots <= offered // slot), "shift_and_availability")


def add_block_limits(ctx: BuildContext) -> None:
    """Each task's day is split into runs between its minimum and maximum block length.

    Runs of one task must be separable by other tasks' runs, so a task may have at most
    one run more than all the other (non-warm-up) runs of the day together.
    """
    slot = ctx.scenario.policy.slot_minutes
    v = ctx.vars
    for day in ctx.days:
        working = [t for t in ctx.scenario.tasks if not isinstance(v.slots[t.id, day.index], int)]
        for task in working:
            slots, runs = v.slots[task.id, day.index], v.runs[task.id, day.index]
            min_slots = -(-task.min_block_minutes // slot)
            if min_slots > 1:
                ctx.require(ctx.model.add(slots >= min_slots * runs), "block_limits")
            if task.max_block_minutes is not None:
                ctx.require(ctx.model.add(slots <= (task.max_block_minutes // slot) * runs), "block_limits")
        others = [t for t in working if not t.warm_up]
        for task in others:
            if task.max_block_minutes is None:
                continue
            rest = [v.runs[o.id, day.index] for o in others if o.id != task.id]
            ctx.require(ctx.model.add(v.runs[task.id, day.index] <= sum(rest) + 1), "block_limits")


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
        ctx.require(ctx.model.add(slots == slots_needed * worked), "warm_up")
