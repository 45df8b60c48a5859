"""Every CP-SAT solver of the program is made here: one worker, a fixed seed, a deterministic
budget, and a wall-clock cap from the run's deadline (solver.deadline)."""

import math

from ortools.sat.python import cp_model

from solver.stoppable import StoppableSolver

SMALLEST_SOLVE_S = 0.05
"""No solve is given less than this (CP-SAT needs a moment even to load a model)."""


def cp_solver(deterministic_time: float, *, seed: int = 0, workers: int = 1,
              wall_time_s: float = math.inf) -> cp_model.CpSolver:
    """A CP-SAT solver with a deterministic budget, a fixed seed, and a wall-clock cap.

    CP-SAT's own SIGINT handler is off: Ctrl-C must stop the whole run, not just cut one
    solve short and let the run write a worse plan (solver.stoppable stops it instead).
    """
    solver = StoppableSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = deterministic_time
    if math.isfinite(wall_time_s):
        solver.parameters.max_time_in_seconds = max(SMALLEST_SOLVE_S, wall_time_s)
    solver.parameters.catch_sigint_signal = False
    return solver
