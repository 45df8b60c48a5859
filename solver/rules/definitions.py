"""Definitions that tie derived numbers to the decisions. These are never relaxed."""

from ortools.sat.python import cp_model

from solver.context import BuildContext


def link_derived_variables(ctx: BuildContext) -> None:
    """A week's day length is its longest worked day (0 when nothing is worked)."""
    for week in ctx.vars.detailed_weeks():
        lengths: list[cp_model.LinearExprT] = [week.kind_day_length(k) for k in range(len(week.kinds))]
        ctx.model.add_max_equality(week.day_length(), [0, *lengths])
