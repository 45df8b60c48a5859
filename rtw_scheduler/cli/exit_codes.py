"""The exit codes of `rtw` (what each means: the `rtw_scheduler.cli` docstring).

They live apart from `main` so that every command module can return them without importing
the package that imports the command modules.
"""

import signal

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3
EXIT_REJECTED = 4
EXIT_INTERNAL = 70
EXIT_IO = 74
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


def exit_for_signal(signum: int) -> int:
    """The code for a run a signal stopped, as a shell reports it: 128 + the signal's number."""
    return EXIT_TERMINATED if signum == signal.SIGTERM else EXIT_INTERRUPTED
