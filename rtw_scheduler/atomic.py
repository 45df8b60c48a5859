"""Writing a set of output files all-or-nothing.

Each file is written in full to a temporary directory inside the output directory (same
file system), flushed to disk, then moved over its target with `os.replace`, which is
atomic per file. If anything fails part-way, targets already replaced are put back (the
previous version, kept as a hard link or copy) or removed when they are new, the
temporaries are deleted, and a directory created for the write is removed again: a
failed write leaves the output directory as it was. (Across several files this is
all-or-nothing for failures the process sees; a power cut between two renames can still
leave a mix of old and new complete files, never a partly written one.)
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

_TEMP_PREFIX = ".rtw-write-"


def write_files_atomically(outdir: Path, files: dict[str, bytes]) -> None:
    """Writes `files` (plain file name -> content) into `outdir`, all or nothing."""
    outdir = Path(outdir)
    for name in files:
        if not name or name in (".", "..") or Path(name).name != name or "/" in name or "\\" in name:
            raise ValueError(f"not a plain file name: {name!r}")
    created = _make_dirs(outdir)
    try:
        _write_all(outdir, files)
    except BaseException:
        for directory in created:
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


def _make_dirs(outdir: Path) -> list[Path]:
    """Creates `outdir` and missing parents; returns those created, deepest first."""
    missing: list[Path] = []
    probe = outdir
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    outdir.mkdir(parents=True, exist_ok=True)
    return missing


def _write_all(outdir: Path, files: dict[str, bytes]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=outdir))
    backups = staging / "previous"
    replaced: list[str] = []
    try:
        for name, content in files.items():
            _write_synced(staging / name, content)
        backups.mkdir()
        for name in files:
            target = outdir / name
            if target.is_file():
                _keep_copy(target, backups / name)
        for name in files:
            os.replace(staging / name, outdir / name)
            replaced.append(name)
        _sync_directory(outdir)
    except BaseException:
        _roll_back(outdir, backups, replaced)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


def _roll_back(outdir: Path, backups: Path, replaced: list[str]) -> None:
    """Puts back the previous version of every replaced file, or removes it if it was new."""
    for name in reversed(replaced):
        target, backup = outdir / name, backups / name
        with contextlib.suppress(OSError):
            if backup.is_file():
                os.replace(backup, target)
            else:
                target.unlink()


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
