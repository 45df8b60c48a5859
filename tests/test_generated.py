"""Every generated scenario ends in one of three answers a user can act on: a plan that
passes the independent checker, an explained "no plan" (the conflicting promises named,
or the time limit and what it ruled out), or field errors naming where and why.

CI runs the short profile; the long one runs outside CI:
`HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_generated.py`.
"""

import os
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings

from rtw_scheduler.planning import make_plan
from rtw_scheduler.scenario_io import InputError, parse_scenario
from solver.deadline import Deadline
from tests.generated import scenario_data

TIME_LIMIT_S = 10.0
"""Per generated scenario: the wall-clock limit of its whole run."""

settings.register_profile("short", max_examples=12, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "short"))


def outcome(data: dict[str, Any]) -> str:
    """'plan', 'no plan' or 'field errors', checking that each is a complete answer."""
    try:
        scenario = parse_scenario(yaml.safe_dump(data), "generated.yaml")
    except InputError as error:
        assert error.problems and all(problem.reason for problem in error.problems)
        return "field errors"
    plan = make_plan(scenario, deadline=Deadline(TIME_LIMIT_S)).plan  # raises if the checker rejects it
    if plan.weeks:
        return "plan"
    solve = plan.solve
    assert solve.status in ("INFEASIBLE", "UNKNOWN")
    if solve.status == "INFEASIBLE":
        assert solve.conflict, "an infeasible scenario must name its conflicting promises"
    else:
        assert solve.time_limit_reached and solve.stages[0].note.startswith("no plan found within")
    return "no plan"


@given(scenario_data())
def test_every_generated_scenario_ends_in_a_checked_plan_an_explained_no_plan_or_field_errors(
        data: dict[str, Any]) -> None:
    assert outcome(data) in ("plan", "no plan", "field errors")
