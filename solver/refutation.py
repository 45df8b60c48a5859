"""A count of weeks before full duty refuted beside its planning (solver.stages, stage 1)."""

from concurrent.futures import Future, ThreadPoolExecutor

from ortools.sat.python import cp_model


class Refutation:
    """The first week of a count with the weeks up to a little past its full duty ahead as
    aggregates (a relaxation of every plan with that count): found impossible, the count is.

    It runs on a second thread beside the week-by-week planning of the same count (CP-SAT
    releases the interpreter while it solves, so a second core is used): a count it refutes
    is dropped at the next week, and a count it does not refute costs no waiting. Both
    answers are deterministic, so the plan does not depend on which finishes first.
    """

    def __init__(self, pool: ThreadPoolExecutor, relaxation: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
        self._solver = solver
        self._status: Future[cp_model.CpSolverStatus] = pool.submit(solver.solve, relaxation)

    def refuted(self, wait: bool) -> bool:
        """True when the check proved the count impossible (`wait`: for its answer)."""
        if not wait and not self._status.done():
            return False
        return self._status.result() == cp_model.INFEASIBLE

    def stop(self) -> None:
        self._solver.stop_search()
