"""A plan found by one CP-SAT model, handed to the next model of the same weeks as its starting point.

The builder names every variable after what it stands for (the same week, day and task give the
same name in every model), so values carry over by name: a model whose first week is the last
model's first week fixed starts from a complete plan (solver.stages, its last pass).
"""

from ortools.sat.python import cp_model


class PlanHint:
    """Values by variable name; false while it holds none."""

    def __init__(self) -> None:
        self._values: dict[str, int] = {}

    def __bool__(self) -> bool:
        return bool(self._values)

    def record(self, model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
        """Keeps the values `solver` found for `model`'s variables, replacing those held."""
        self._values = {variable.name: solver.value(variable) for variable in _variables(model)}

    def apply(self, model: cp_model.CpModel) -> None:
        """Hints each variable of `model` held, at its value."""
        for variable in _variables(model):
            if variable.name in self._values:
                model.add_hint(variable, self._values[variable.name])


def hint_completed(model: cp_model.CpModel, values: list[tuple[cp_model.IntVar, int]],
                   solver: cp_model.CpSolver) -> bool:
    """Hints every variable of `model` from the plan that `values` (some of its variables) give, the
    others completed by `solver` on a copy of the model with those fixed; False when they have no
    completion (nothing hinted).

    CP-SAT starts from a complete hint at once; a partial one it may fail to complete, and then
    its first plan is another."""
    trial = model.clone()
    for variable, value in values:
        trial.add(trial.get_int_var_from_proto_index(variable.index) == value)
    if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    for variable in _variables(model):
        model.add_hint(variable, solver.value(trial.get_int_var_from_proto_index(variable.index)))
    return True


def _variables(model: cp_model.CpModel) -> list[cp_model.IntVar]:
    return [model.get_int_var_from_proto_index(index) for index in range(len(model.proto.variables))]
