"""Links derived variables to the slot counts. These are definitions, never relaxed."""

from ortools.sat.python import cp_model

from solver.context import BuildContext
from solver.scaling import load_units


def link_derived_variables(ctx: BuildContext) -> None:
    """A task is done on a day iff it has slots; a day is worked iff any task is done."""
    v, model = ctx.vars, ctx.model
    tasks = ctx.scenario.tasks
    for day in ctx.days:
        doing = []
        for task in tasks:
            slots, does, runs = (v.slots[task.id, day.index], v.does[task.id, day.index],
                                 v.runs[task.id, day.index])
            if isinstance(slots, int):
                continue
            upper = v.room[day.index]
            model.add(slots <= upper * does)
            model.add(slots >= does)
            if runs is not does:
                model.add(runs >= does)
                model.add(runs <= slots)  # a run holds at least one slot
            doing.append(does)
        if doing:
            model.add(v.day_slots(day) <= v.room[day.index])
        worked = v.worked[day.index]
        if doing and not isinstance(worked, int):
            model.add_max_equality(worked, doing)
    for week in v.weeks:
        for task in tasks:
            used = v.used_in_week[task.id, week]
            if not isinstance(used, int):
                model.add_max_equality(used, [v.does[task.id, d.index] for d in v.days_of_week(week)])
        model.add_max_equality(
            v.heaviest[week],
            [0, *(load_units(t.heaviest_load_kg) * v.used_in_week[t.id, week] for t in tasks)],
        )
        for dim in ctx.scenario.dimension_ids:
            model.add(v.exposure[dim, week] == cp_model.LinearExpr.sum(
                [v.day_exposure(dim, d) for d in v.days_of_week(week)]))
        for phase in v.phases:
            if isinstance(v.phase_is[phase, week], int):
                continue
            at_least = v.phase_at_least[phase, week]
            above = v.phase_at_least[phase + 1, week] if phase + 1 in v.phases else 0
            model.add(v.phase_is[phase, week] == at_least - above)
            if phase + 1 in v.phases:
                model.add(v.phase_at_least[phase + 1, week] <= at_least)
