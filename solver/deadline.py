"""One wall-clock limit for a whole run, and the CP-SAT solvers that keep to it.

CP-SAT's *deterministic* time is what keeps plans reproducible (same input, same plan),
but it does not bound the wall clock: presolve does not count towards it, and a slow or
busy machine stretches every unit. So every solve of a run also gets the wall-clock time
left before the run's deadline (`max_time_in_seconds`). Far from the deadline the
deterministic limit is the one reached and plans stay reproducible; when the deadline
does cut a solve short, the plan says so (`SolveSummary.time_limit_reached`).

The run is split, not shared first-come: a stage asks for `share(...)` of what is left,
so the weeks still to plan, the naming of a conflict and the suggestions each keep a
part (solver.stages, solver.solve, rtw_scheduler.relaxations). Solvers are made in
solver.cpsat; this module imports no solver, so the command line can read its default.
"""

import math
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

DEFAULT_TIME_LIMIT_S = 120.0
"""The whole run's limit when none is given: far above what the bundled examples need
(2-7 s, benchmarks/RESULTS.md), low enough that nobody waits on a runaway case."""

@dataclass
class Deadline:
    """When a run must end; `seconds=None` is no wall-clock limit (tests, benchmarks)."""

    seconds: float | None = DEFAULT_TIME_LIMIT_S
    started: float = field(default_factory=time.monotonic)
    reached: bool = False
    """Set when a solve was cut short by the deadline (not by its deterministic budget)."""

    @classmethod
    def unlimited(cls) -> "Deadline":
        return cls(None)

    def left_s(self) -> float:
        """Seconds left (infinite without a limit, never below zero)."""
        if self.seconds is None:
            return math.inf
        return max(0.0, self.seconds - (time.monotonic() - self.started))

    @property
    def expired(self) -> bool:
        return self.left_s() <= 0.0

    def share(self, parts: float) -> float:
        """What one of `parts` equal parts of the time left comes to, in seconds."""
        return self.left_s() / max(1.0, parts)

    def part(self, parts: float = 1) -> "Deadline":
        """A deadline for one of `parts` equal parts of the time left (no limit stays no limit)."""
        return Deadline(None if self.seconds is None else self.share(parts))

    def note(self, solver: "cp_model.CpSolver") -> None:
        """Records whether `solver`'s last solve stopped on the wall clock rather than its own budget."""
        if self.seconds is not None and solver.wall_time >= solver.parameters.max_time_in_seconds * 0.98:
            self.reached = True
