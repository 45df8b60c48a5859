"""Is there any plan at all? For the searches that step a limit until a plan exists.

The suggestions for an infeasible scenario (rtw_scheduler.relaxations) bisect on this:
the whole model, no objective, one worker, a fixed seed and a deterministic budget, so
the same question always gets the same answer. The change finally suggested is then
planned for real by the normal planner.
"""

import math

from ortools.sat.python import cp_model

from models.scenario import Scenario
from solver.build import build_model
from solver.cpsat import cp_solver


def has_plan(scenario: Scenario, deterministic_time: float, seed: int = 0,
             wall_time_s: float = math.inf) -> bool:
    """True when a plan was found; False when none exists or none was found in the budget."""
    solver = cp_solver(deterministic_time, seed=seed, wall_time_s=wall_time_s)
    return solver.solve(build_model(scenario).model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
