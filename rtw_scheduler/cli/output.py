"""What every `rtw` command shares for output: messages on stderr, and writing files safely.

The output checks run before any long solve, so that a plan is never computed only to find
it cannot be written.
"""

import os
import sys
from pathlib import Path


def unusable_outdir(outdir: Path) -> str | None:
    """Why `outdir` cannot hold the plan files, found before a possibly long solve."""
    probe = outdir
    while not probe.exists() and probe != probe.parent:
        if probe.is_symlink():
            return f"{probe}: a broken symbolic link"
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe}: not a directory"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{probe}: not writable"
    return None


def unusable_output(target: Path) -> str | None:
    if target.is_dir():
        return f"{target}: is a directory (give a file name)"
    return unusable_outdir(target.parent)


def write_one(target: Path, data: bytes) -> None:
    from rtw_scheduler.atomic import write_files_atomically

    write_files_atomically(target.parent, {target.name: data})
    print(f"wrote {target}")


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def os_error(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"
