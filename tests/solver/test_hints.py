"""A plan handed to a model as its starting point (solver.hints)."""

from ortools.sat.python import cp_model

from solver.hints import hint_completed


def _model() -> tuple[cp_model.CpModel, cp_model.IntVar, cp_model.IntVar, cp_model.IntVar]:
    model = cp_model.CpModel()
    x, y = model.new_int_var(0, 10, "x"), model.new_int_var(0, 10, "y")
    total = model.new_int_var(0, 20, "total")
    model.add(total == x + y)
    model.add(x + y <= 12)
    model.maximize(total)
    return model, x, y, total


def _solver() -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver


def test_a_plan_that_fits_hints_every_variable_its_own_and_the_ones_it_implies() -> None:
    model, x, y, total = _model()
    assert hint_completed(model, [(x, 7), (y, 5)], _solver())
    hinted = dict(zip(model.proto.solution_hint.vars, model.proto.solution_hint.values, strict=True))
    assert hinted == {x.index: 7, y.index: 5, total.index: 12}


def test_a_plan_that_breaks_a_limit_hints_nothing() -> None:
    model, x, y, _ = _model()
    assert not hint_completed(model, [(x, 7), (y, 6)], _solver())
    assert len(model.proto.solution_hint.vars) == 0

