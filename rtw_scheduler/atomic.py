"""Writing a set of output files all-or-nothing, and an output folder as one unit.

Each file is written in full to a temporary directory inside the output directory (same
file system), flushed to disk, then moved over its target with `os.replace`, which is
atomic per file. If anything fails part-way, targets already replaced are put back (the
previous version, kept as a hard link or copy) or removed when they are new, the
temporaries are deleted, and a directory created for the write is removed again: a
failed write leaves the output directory as it was.

SIGINT and SIGTERM are held back (blocked) for the whole write, so that no signal lands
between two renames and leaves new files beside old ones. A signal that arrives meanwhile
abandons the write: before the renames nothing is moved, after them everything is put
back; then the signal is let through (and `Interrupted` raised should its handler not
raise). So an interrupted run leaves the previous outputs whole and no temporary behind.

An output folder (`output_set`, e.g. "plan" for `rtw plan -o OUTDIR`) is written as one
unit:
- a lock (flock on the folder itself: no lock file) lets one writer at a time in;
  another waits up to `LOCK_WAIT_S`, then fails (`OutputBusy`), so two runs never mix
  their files;
- a manifest (`.rtw-manifest.json`) names the files each set's last write wrote; the
  files of the set's previous write that this one does not write (a calendar of another
  audience or worker) are removed in the same unit, and restored if it is abandoned.
  Files the manifest does not name (the user's, another set's) are never touched.

A temporary directory is named after its writer's process id; one whose process is gone
(a run killed with SIGKILL or a power cut) is removed by the next write. A power cut
between two renames can still leave a mix of old and new complete files, never a partly
written one; the next write of the set replaces them all.
"""

import contextlib
import errno
import fcntl
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from solver import interrupts
from solver.interrupts import HANDLED_SIGNALS, Interrupted

_TEMP_PREFIX = ".rtw-write-"
MANIFEST_NAME = ".rtw-manifest.json"
LOCK_WAIT_S = 10.0
"""How long a writer waits for another to finish with the folder (a write takes milliseconds:
a lock held this long belongs to a stuck run)."""
LOCK_POLL_S = 0.02
UNOWNED_STALE_S = 3600.0
"""A temporary directory with no process id in its name (written by an older version) is
left over once it is this old."""


class OutputBusy(OSError):
    """Another writer held the output folder's lock for longer than `LOCK_WAIT_S`."""


def write_files_atomically(outdir: Path, files: dict[str, bytes], *, output_set: str | None = None) -> None:
    """Writes `files` (plain file name -> content) into `outdir`, all or nothing; with
    `output_set`, the folder's files of that set become exactly these (module docstring)."""
    outdir = Path(outdir)
    for name in files:
        if not _plain_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
    created = _make_dirs(outdir)
    try:
        with _folder_lock(outdir) if output_set else contextlib.nullcontext():
            _remove_leftovers(outdir)
            _write_all(outdir, files, output_set)
    except BaseException:
        for directory in created:
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


def _plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and Path(name).name == name and "/" not in name \
        and "\\" not in name


def _make_dirs(outdir: Path) -> list[Path]:
    """Creates `outdir` and missing parents; returns those created, deepest first."""
    missing: list[Path] = []
    probe = outdir
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    outdir.mkdir(parents=True, exist_ok=True)
    return missing


@contextlib.contextmanager
def _folder_lock(outdir: Path) -> Iterator[None]:
    """The folder's writer lock, waited for at most `LOCK_WAIT_S` (released when closed)."""
    descriptor = os.open(outdir, os.O_RDONLY)
    try:
        waited_until = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= waited_until:
                    raise OutputBusy(errno.EBUSY, f"another rtw run is writing here and has not finished "
                                                  f"in {LOCK_WAIT_S:g} s; nothing was written", str(outdir)) from None
                time.sleep(LOCK_POLL_S)
        yield
    finally:
        os.close(descriptor)


def _remove_leftovers(outdir: Path) -> None:
    """Removes the temporary directories of writers that are no longer running."""
    for entry in outdir.iterdir():
        if entry.name.startswith(_TEMP_PREFIX) and entry.is_dir() and not entry.is_symlink() \
                and _abandoned(entry):
            shutil.rmtree(entry, ignore_errors=True)


def _abandoned(staging: Path) -> bool:
    owner = staging.name[len(_TEMP_PREFIX):].split("-", 1)[0]
    if owner.isdigit() and int(owner) > 0:
        return int(owner) != os.getpid() and not _running(int(owner))
    try:
        return time.time() - staging.stat().st_mtime > UNOWNED_STALE_S
    except OSError:
        return False


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _write_all(outdir: Path, files: dict[str, bytes], output_set: str | None) -> None:
    with _signals_held():
        staging = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", dir=outdir))
        try:
            abandoned_for = _stage_and_commit(outdir, staging, files, output_set)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    if abandoned_for is not None:  # its handler did not raise on the way out of the held block
        raise Interrupted(abandoned_for)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait (pending) until the block ends, or are only recorded by the
    run's handler (solver.interrupts.holding) should another thread take them meanwhile."""
    with interrupts.holding():
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED_SIGNALS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _pending_signal() -> int | None:
    """A signal that came during the write: pending (blocked) or recorded by the run's handler."""
    pending = signal.sigpending() & set(HANDLED_SIGNALS)
    return min(pending) if pending else interrupts.held()


def _stage_and_commit(outdir: Path, staging: Path, files: dict[str, bytes], output_set: str | None) -> int | None:
    """Writes the files to `staging`, then moves them (and the set's stale files out) in one
    unit; returns the signal that abandoned it, if one came, with the folder as it was."""
    staged = dict(files)
    stale: list[str] = []
    if output_set is not None:
        sets = _read_manifest(outdir)
        stale = [name for name in sets.get(output_set, []) if name not in files and (outdir / name).is_file()]
        sets[output_set] = sorted(files)
        staged[MANIFEST_NAME] = (json.dumps({"written_by": "rtw", "sets": sets}, indent=2, sort_keys=True)
                                 + "\n").encode()
    for name, content in staged.items():
        _write_synced(staging / name, content)
    signum = _pending_signal()
    if signum is not None:
        return signum
    backups = staging / "previous"
    backups.mkdir()
    for name in staged:
        if (outdir / name).is_file():
            _keep_copy(outdir / name, backups / name)
    replaced: list[str] = []
    removed: list[str] = []
    try:
        for name in staged:
            replaced.append(name)  # before the rename: an exception right after it must undo it too
            os.replace(staging / name, outdir / name)
        for name in stale:
            removed.append(name)
            os.replace(outdir / name, backups / name)
        signum = _pending_signal()
        if signum is not None:
            _roll_back(outdir, backups, replaced, removed)
        _sync_directory(outdir)
        return signum
    except BaseException:
        _roll_back(outdir, backups, replaced, removed)
        raise


def _read_manifest(outdir: Path) -> dict[str, list[str]]:
    """Each set's files as the folder's manifest names them; nothing when there is no usable
    manifest (then no file is taken for this program's)."""
    try:
        sets = json.loads((outdir / MANIFEST_NAME).read_text(encoding="utf-8"))["sets"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(sets, dict):
        return {}
    return {str(name): [file for file in listed if isinstance(file, str) and _plain_name(file)
                        and file != MANIFEST_NAME and not file.startswith(_TEMP_PREFIX)]
            for name, listed in sets.items() if isinstance(listed, list)}


def _write_synced(path: Path, content: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _keep_copy(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _roll_back(outdir: Path, backups: Path, replaced: list[str], removed: list[str]) -> None:
    """Puts back every stale file moved out, and the previous version of every replaced
    file (or removes it if it was new). Each is taken off its list once undone, so that a
    rollback cut short by an exception and started again never undoes one twice."""
    while removed:
        name = removed[-1]
        with contextlib.suppress(OSError):
            os.replace(backups / name, outdir / name)
        removed.pop()
    while replaced:
        name = replaced[-1]
        target, backup = outdir / name, backups / name
        with contextlib.suppress(OSError):
            if backup.is_file():
                os.replace(backup, target)
            else:
                target.unlink()
        replaced.pop()


def _sync_directory(directory: Path) -> None:
    """Makes the renames durable (where the platform allows syncing a directory)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
