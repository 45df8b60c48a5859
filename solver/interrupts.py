"""Stopping a whole run on SIGINT or SIGTERM, not just the solve it is in.

CP-SAT would catch SIGINT itself and end only the current solve (solver.cpsat turns that
off): the stages would then go on from a cut-short week and the run would write a worse
plan as if nothing had happened. Instead, while `handling_signals()` is active (the CLI),
a signal is recorded, every solve under way is stopped at once, and `Interrupted` is
raised: by the handler itself when no solve is under way, by a solve when it returns
(solver.stoppable), and by every solve started after it. Nothing after the signal is
solved, so nothing new is written.

With `keep_best`, the handler never raises: a solve stopped with a solution in hand
returns it (unproven: its stage says FEASIBLE), and the run stops at the next solve
instead. When that solve was the last, the caller has a complete plan and may keep it
(`rtw plan --keep-best`); `requested()` tells it a signal came.

Kept free of OR-Tools so that the file writer (rtw_scheduler.atomic) can raise
`Interrupted` without loading the solver.
"""

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Protocol

HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A signal stopped the run. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` on the way up takes it for a failed plan and carries on."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


class Stoppable(Protocol):
    def stop_search(self) -> None: ...


@dataclass
class _Stop:
    handling: bool = False
    keep_best: bool = False
    deferred: bool = False
    signum: int | None = None
    running: set[Stoppable] = field(default_factory=set)
    holding: bool = False
    held: int | None = None

    def reset(self, *, handling: bool = False, keep_best: bool = False) -> None:
        self.handling, self.keep_best, self.deferred, self.signum = handling, keep_best, False, None
        self.running.clear()
        self.holding, self.held = False, None


_stop = _Stop()


@contextmanager
def handling_signals(*, keep_best: bool = False) -> Iterator[None]:
    """SIGINT and SIGTERM stop the run (see the module docstring) inside the block; the
    previous handlers come back after it. Call from the main thread only."""
    previous = {signum: signal.getsignal(signum) for signum in HANDLED_SIGNALS}
    _stop.reset(handling=True, keep_best=keep_best)
    for signum in HANDLED_SIGNALS:
        signal.signal(signum, _on_signal)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _stop.reset()


def handling() -> bool:
    return _stop.handling


def requested() -> int | None:
    """The signal that asked the run to stop, if one did."""
    return _stop.signum


def defer() -> None:
    """From now on a signal is only recorded, never raised: the run's outputs are written,
    what is left (printing) should finish and the caller report the signal at the end."""
    _stop.deferred = True


@contextmanager
def holding() -> Iterator[None]:
    """Inside the block a signal is only recorded (`held()`), never raised: a write that must
    finish or be undone as a whole (rtw_scheduler.atomic) asks at its decision points.

    Blocking the signal (pthread_sigmask) is not enough once OR-Tools has started threads of
    its own: the kernel hands the signal to one of them, and Python still runs the handler
    in the main thread, in the middle of the write."""
    _stop.holding, _stop.held = True, None
    try:
        yield
    finally:
        _stop.holding, _stop.held = False, None


def held() -> int | None:
    """The signal that arrived inside the current `holding()` block, if one did."""
    return _stop.held


def raise_if_requested() -> None:
    if _stop.signum is not None:
        raise Interrupted(_stop.signum)


@contextmanager
def solving(solver: Stoppable) -> Iterator[None]:
    """Marks `solver` as under way: a signal stops it rather than raising in the middle of it."""
    _stop.running.add(solver)
    try:
        yield
    finally:
        _stop.running.discard(solver)


def stop_solving() -> None:
    """Stops every solve under way (a copy: other threads add and remove theirs meanwhile)."""
    for solver in _stop.running.copy():
        solver.stop_search()


def raise_after_solve(found: bool) -> None:
    """Ends the run after a solve a signal stopped, unless it kept its solution (`keep_best`)."""
    if _stop.signum is not None and not (_stop.keep_best and found):
        raise Interrupted(_stop.signum)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _stop.signum = signum
    if _stop.holding:
        _stop.held = signum
        return
    stop_solving()
    if not (_stop.running or _stop.keep_best or _stop.deferred):
        raise Interrupted(signum)
