"""What every benchmark starts with: its --runs option and a line naming the machine."""

import argparse
import os
import platform


def runs_on_this_machine(description: str | None) -> int:
    """Parses --runs (default 3) and prints the machine, the Python and the solver workers."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=3)
    runs: int = parser.parse_args().runs
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; median of {runs} runs, 1 worker")
    return runs
