"""The `rtw` command: plan, compare, check, validate, schema, export-ics, export-team, ui, case.

Exit codes:
  0  success (a plan was written; check found no violation; the scenario is valid)
  1  `rtw check` found violations
  2  bad input: unreadable or invalid file, bad command-line argument, an unknown case or
     version, a second signature by the same party
  3  no plan: the scenario is infeasible (or no plan was found within the time limit)
  4  the planned solution was rejected by the independent checker (a solver bug)
  70 internal error
  74 output could not be written (I/O error), or the case record could not be opened or written
 130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM: nothing was written, the previous
     outputs are as they were (with `plan --keep-best`, or a signal after the write, the
     message says what was written)

Every error reaches the user as plain lines on stderr (file, field path, reason), never
as a traceback.

The package: `main` (here) runs the command that `parser` picked; `planning_commands` and
`file_commands` hold the commands, `arguments` the range-checked argument types, `output`
what they share for messages and files, `exit_codes` the codes above.
"""

import argparse
from collections.abc import Callable

from rtw_scheduler.cases.errors import CaseError, DatabaseError
from rtw_scheduler.cli.exit_codes import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_IO,
    EXIT_OK,
    exit_for_signal,
)
from rtw_scheduler.cli.output import err, os_error
from rtw_scheduler.cli.parser import build_parser
from rtw_scheduler.scenario_io import InputError
from solver.interrupts import Interrupted


def main(argv: list[str] | None = None) -> int:
    """Runs the CLI; returns the exit code (console script `rtw`)."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as stop:  # --help, --version (0) or a usage error (2), already printed
            if stop.code is None:
                return EXIT_OK
            return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except (InputError, CaseError) as error:
        err(str(error))
        return EXIT_BAD_INPUT
    except DatabaseError as error:
        err(f"rtw: {error}")
        return EXIT_IO
    except OSError as error:
        err(os_error(error))
        return EXIT_IO
    except Interrupted as stop:
        err(f"rtw: {stop}: stopped before writing anything; the previous outputs are as they were")
        return exit_for_signal(stop.signum)
    except KeyboardInterrupt:
        err("rtw: interrupted")
        return EXIT_INTERRUPTED
    except Exception as error:  # last resort: never show a traceback
        err(f"internal error: {type(error).__name__}: {error}")
        return EXIT_INTERNAL
