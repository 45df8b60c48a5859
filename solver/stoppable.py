"""The CP-SAT solver every solve of the program uses (solver.cpsat): one that a signal stops
together with the whole run (solver.interrupts).

Python runs signal handlers only in the main thread, between bytecodes; a main thread
inside CP-SAT would hear a signal only when the solve ends, seconds later. So while
signals are handled, a main-thread solve runs in a helper thread and the main thread
waits, free to run the handler. A solve that the run started on another thread itself
(solver.stages refutes a count beside planning it) is stopped by the handler as well and
raises in its own thread, which hands the exception on. Without signal handling (tests,
the app) a solve is plain CP-SAT. Either way the search is the same: same plans.
"""

import threading

from ortools.sat.python import cp_model

from solver import interrupts

STOP_POLL_S = 0.05
"""How often a waiting main thread asks the solves under way to stop again after a signal
(a signal can land just before CP-SAT is ready to hear the first request)."""


class StoppableSolver(cp_model.CpSolver):
    def solve(self, model: cp_model.CpModel,
              solution_callback: cp_model.CpSolverSolutionCallback | None = None) -> cp_model.CpSolverStatus:
        interrupts.raise_if_requested()
        if not interrupts.handling():
            return super().solve(model, solution_callback)
        with interrupts.solving(self):
            if threading.current_thread() is threading.main_thread():
                status = self._solve_beside(model, solution_callback)
            else:
                status = super().solve(model, solution_callback)
        interrupts.raise_after_solve(status in (cp_model.OPTIMAL, cp_model.FEASIBLE))
        return status

    def _solve_beside(self, model: cp_model.CpModel,
                      solution_callback: cp_model.CpSolverSolutionCallback | None) -> cp_model.CpSolverStatus:
        """The solve in a helper thread, the main thread waiting (and hearing signals)."""
        outcome: list[cp_model.CpSolverStatus | BaseException] = []

        def run() -> None:
            try:
                outcome.append(cp_model.CpSolver.solve(self, model, solution_callback))
            except BaseException as error:  # handed to the main thread, raised there
                outcome.append(error)

        worker = threading.Thread(target=run, name="cp-sat solve", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(STOP_POLL_S)
            if interrupts.requested() is not None:
                interrupts.stop_solving()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]
