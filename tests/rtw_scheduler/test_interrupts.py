"""Interrupts and concurrent writers: SIGINT or SIGTERM at any moment, and two runs writing one
folder, leave an output folder either as it was or whole with the new run's files.

The `rtw plan` tests run the real command in a process of its own and send it real
signals; the writer's tests send the signal to this process at the moment that matters
(between two renames), which no timing from outside could hit reliably.
"""

import contextlib
import fcntl
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
import yaml
from ortools.sat.python import cp_model

from models.plan import Plan
from rtw_scheduler import atomic
from rtw_scheduler.atomic import MANIFEST_NAME, OutputBusy, write_files_atomically
from rtw_scheduler.cli import main
from solver import interrupts
from solver.interrupts import Interrupted
from solver.stoppable import StoppableSolver

ROOT = Path(__file__).resolve().parents[2]
SLOW_SCENARIO = ROOT / "scenarios" / "warehouse_order_picker.yaml"
"""Plans in about six seconds: long enough to be caught solving."""
PREVIOUS = {"plan.json": b"previous plan.json\n", "plan.csv": b"previous plan.csv\n",
            "weekly.csv": b"previous weekly.csv\n", "binding.json": b"previous binding.json\n",
            "notes.txt": b"the user's own file\n"}


def folder(path: Path) -> dict[str, bytes]:
    """Every entry of `path`, hidden ones too (a temporary directory shows as b"<dir>")."""
    return {entry.name: entry.read_bytes() if entry.is_file() else b"<dir>" for entry in path.iterdir()}


def previous_outputs(outdir: Path) -> dict[str, bytes]:
    outdir.mkdir(parents=True, exist_ok=True)
    for name, content in PREVIOUS.items():
        (outdir / name).write_bytes(content)
    return folder(outdir)


def start_plan(scenario: Path, outdir: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "rtw_scheduler.cli", "plan", str(scenario), "-o", str(outdir),
                             *options], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def signal_when_solving(run: subprocess.Popen[str], signum: int) -> tuple[int, str]:
    """Sends `signum` once the run says it plans its second week; its exit code and stderr after."""
    assert run.stderr is not None
    seen = []
    for line in run.stderr:
        seen.append(line)
        if "trying week 2" in line:
            break
    run.send_signal(signum)
    _, rest = run.communicate(timeout=30)
    return run.returncode, "".join(seen) + rest


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_solving_stops_the_run_and_leaves_the_previous_outputs_as_they_were(
        tmp_path: Path, signum: int, code: int) -> None:
    outdir = tmp_path / "out"
    before = previous_outputs(outdir)

    exit_code, stderr = signal_when_solving(start_plan(SLOW_SCENARIO, outdir), signum)

    assert exit_code == code
    assert f"interrupted by {signal.Signals(signum).name}" in stderr
    assert "Traceback" not in stderr
    assert folder(outdir) == before


def test_keep_best_with_no_complete_plan_yet_writes_nothing(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    before = previous_outputs(outdir)

    exit_code, stderr = signal_when_solving(start_plan(SLOW_SCENARIO, outdir, "--keep-best"), signal.SIGINT)

    assert exit_code == 130
    assert "stopped before writing anything" in stderr
    assert folder(outdir) == before


def run_cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def test_keep_best_writes_the_plan_it_had_when_the_signal_came_marked_interrupted(
        small_scenario_file: Path, small_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rtw_scheduler import planning

    def planned_then_interrupted(*args: object, **kwargs: object) -> planning.PlanResult:
        os.kill(os.getpid(), signal.SIGTERM)  # after the last solve: the plan is complete
        return planning.PlanResult(small_plan, [])

    monkeypatch.setattr(planning, "make_plan", planned_then_interrupted)
    outdir = tmp_path / "out"

    code, stderr = run_cli("plan", str(small_scenario_file), "-o", str(outdir), "--keep-best")

    assert code == 143
    assert "--keep-best" in stderr and "marked interrupted" in stderr
    assert Plan.model_validate_json((outdir / "plan.json").read_bytes()).solve.interrupted


def test_without_keep_best_a_signal_after_planning_writes_nothing(
        small_scenario_file: Path, small_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rtw_scheduler import planning

    def planned_then_interrupted(*args: object, **kwargs: object) -> planning.PlanResult:
        os.kill(os.getpid(), signal.SIGINT)
        return planning.PlanResult(small_plan, [])

    monkeypatch.setattr(planning, "make_plan", planned_then_interrupted)
    outdir = tmp_path / "out"
    before = previous_outputs(outdir)

    code, _ = run_cli("plan", str(small_scenario_file), "-o", str(outdir))

    assert code == 130
    assert folder(outdir) == before


def hard_model() -> cp_model.CpModel:
    """A model CP-SAT takes far longer than a test to prove optimal."""
    model = cp_model.CpModel()
    values = [model.new_int_var(0, 200, f"x{i}") for i in range(80)]
    model.add_all_different(values)
    for left, right in zip(values, values[1:], strict=False):
        model.add(left + right <= 250)
    model.maximize(sum((i * 7919 % 97) * value for i, value in enumerate(values)))
    return model


def send_soon(signum: int, after_s: float = 0.3) -> None:
    threading.Timer(after_s, os.kill, (os.getpid(), signum)).start()


def long_solver() -> StoppableSolver:
    solver = StoppableSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    solver.parameters.catch_sigint_signal = False
    return solver


def test_a_signal_stops_the_running_solve_at_once_and_ends_the_run() -> None:
    with interrupts.handling_signals():
        send_soon(signal.SIGINT)
        started = time.monotonic()
        with pytest.raises(Interrupted) as stopped:
            long_solver().solve(hard_model())

    assert stopped.value.signum == signal.SIGINT
    assert time.monotonic() - started < 2


def test_with_keep_best_a_stopped_solve_keeps_its_solution_and_the_next_solve_ends_the_run() -> None:
    with interrupts.handling_signals(keep_best=True):
        send_soon(signal.SIGTERM)
        status = long_solver().solve(hard_model())
        with pytest.raises(Interrupted):
            long_solver().solve(hard_model())

    assert status == cp_model.FEASIBLE


def test_signal_handling_does_not_change_the_plan(small_scenario_file: Path) -> None:
    from rtw_scheduler.planning import make_plan
    from rtw_scheduler.scenario_io import load_scenario

    scenario = load_scenario(small_scenario_file)
    plain = make_plan(scenario).plan
    with interrupts.handling_signals():
        handled = make_plan(scenario).plan

    assert handled.weeks == plain.weeks


@contextlib.contextmanager
def raising_on(signum: int) -> Iterator[type[Exception]]:
    """A handler for `signum` that raises a test exception (the way KeyboardInterrupt does)."""
    class Signalled(Exception):
        pass

    def handler(number: int, frame: FrameType | None) -> None:
        raise Signalled

    previous = signal.signal(signum, handler)
    try:
        yield Signalled
    finally:
        signal.signal(signum, previous)


def signal_on_second_replace(monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        real_replace(src, dst)
        if calls["n"] == 2:
            # to the main thread, which blocks it: a signal for the process may go to a thread an
            # earlier test left (OR-Tools'), and this test's raising handler then runs at any moment
            signal.pthread_kill(threading.main_thread().ident or 0, signum)

    monkeypatch.setattr(os, "replace", replace)


def test_a_signal_between_two_renames_puts_the_previous_files_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files_atomically(tmp_path, {"plan.json": b"1", "plan.csv": b"1", "calendar-hr.ics": b"1"},
                           output_set="plan")
    before = folder(tmp_path)
    signal_on_second_replace(monkeypatch, signal.SIGINT)

    with raising_on(signal.SIGINT) as signalled, pytest.raises(signalled):
        write_files_atomically(tmp_path, {"plan.json": b"2", "plan.csv": b"2", "weekly.csv": b"2"},
                               output_set="plan")

    assert folder(tmp_path) == before


def test_a_signal_the_run_only_records_still_abandons_the_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous_outputs(tmp_path)
    signal_on_second_replace(monkeypatch, signal.SIGTERM)

    with interrupts.handling_signals(keep_best=True), pytest.raises(Interrupted):
        write_files_atomically(tmp_path, {"plan.json": b"new", "plan.csv": b"new"})

    assert folder(tmp_path) == before


def test_an_interrupt_raised_between_two_renames_puts_the_previous_files_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous_outputs(tmp_path)
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)

    with pytest.raises(KeyboardInterrupt):
        write_files_atomically(tmp_path, {"plan.json": b"new", "plan.csv": b"new"})

    assert folder(tmp_path) == before


def test_files_of_the_previous_write_of_a_set_not_written_again_are_removed(tmp_path: Path) -> None:
    write_files_atomically(tmp_path, {"plan.json": b"1", "calendar-worker.ics": b"1"}, output_set="plan")

    write_files_atomically(tmp_path, {"plan.json": b"2"}, output_set="plan")

    assert sorted(folder(tmp_path)) == [MANIFEST_NAME, "plan.json"]


def test_files_the_set_did_not_write_are_kept(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_bytes(b"mine")
    write_files_atomically(tmp_path, {"kpis.csv": b"1"}, output_set="compare")
    write_files_atomically(tmp_path, {"plan.json": b"1", "plan.csv": b"1"}, output_set="plan")

    write_files_atomically(tmp_path, {"plan.json": b"2"}, output_set="plan")

    assert {"notes.txt", "kpis.csv", "plan.json"} <= set(folder(tmp_path))
    assert "plan.csv" not in folder(tmp_path)


def test_a_plan_run_removes_the_calendar_an_earlier_run_wrote_for_another_worker(
        small_scenario_file: Path, write_yaml: object, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    assert run_cli("plan", str(small_scenario_file), "-o", str(outdir), "--ics", "worker")[0] == 0
    other = yaml.safe_load(small_scenario_file.read_text(encoding="utf-8"))
    other["worker"]["id"] = "W-8"
    other_file = tmp_path / "other.yaml"
    other_file.write_text(yaml.safe_dump(other, sort_keys=False), encoding="utf-8")

    assert run_cli("plan", str(other_file), "-o", str(outdir))[0] == 0

    assert not (outdir / "calendar-worker.ics").exists()
    assert Plan.model_validate_json((outdir / "plan.json").read_bytes()).worker_id == "W-8"


def finished_process_id() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def test_temporary_directories_of_a_killed_writer_are_removed_by_the_next_write(tmp_path: Path) -> None:
    leftover = tmp_path / f".rtw-write-{finished_process_id()}-abcd"
    (leftover / "previous").mkdir(parents=True)
    (leftover / "plan.json").write_bytes(b"half a run")

    write_files_atomically(tmp_path, {"plan.json": b"new"}, output_set="plan")

    assert not leftover.exists()


def test_temporary_directories_of_a_running_writer_are_kept(tmp_path: Path) -> None:
    live = tmp_path / f".rtw-write-{os.getppid()}-abcd"
    live.mkdir()

    write_files_atomically(tmp_path, {"plan.json": b"new"}, output_set="plan")

    assert live.exists()


def test_a_writer_that_cannot_get_the_folder_lock_fails_with_a_clear_message_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous_outputs(tmp_path)
    monkeypatch.setattr(atomic, "LOCK_WAIT_S", 0.2)
    held = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(OutputBusy, match="another rtw run is writing here"):
            write_files_atomically(tmp_path, {"plan.json": b"new"}, output_set="plan")
    finally:
        os.close(held)

    assert folder(tmp_path) == before


WRITER = """
import sys
from pathlib import Path
from rtw_scheduler.atomic import write_files_atomically
outdir, me = Path(sys.argv[1]), sys.argv[2]
for round in range(40):
    files = {"plan.json": me.encode(), "plan.csv": me.encode(), f"calendar-{me}.ics": me.encode()}
    write_files_atomically(outdir, files, output_set="plan")
"""


def test_two_concurrent_writers_never_mix_their_files(tmp_path: Path) -> None:
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name], cwd=ROOT)
               for name in ("a", "b")]
    for writer in writers:
        assert writer.wait(timeout=60) == 0

    files = {name: content for name, content in folder(tmp_path).items() if name != MANIFEST_NAME}
    last = files["plan.json"].decode()
    assert files == {"plan.json": last.encode(), "plan.csv": last.encode(), f"calendar-{last}.ics": last.encode()}


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (read from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            if f"PPid:\t{pid}\n" in status.read_text():
                found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    with contextlib.suppress(OSError):
        return "State:\tZ" not in status.read_text()
    return False


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_a_comparison_and_its_workers_and_writes_nothing(
        tmp_path: Path, signum: int, code: int) -> None:
    variants = tmp_path / "variants.yaml"
    variants.write_text(yaml.safe_dump([{"name": "more hours", "changes": {
        "worker.contracted_hours_per_week": 40}}]), encoding="utf-8")
    outdir = tmp_path / "out"
    before = previous_outputs(outdir)
    run = subprocess.Popen([sys.executable, "-m", "rtw_scheduler.cli", "compare", str(SLOW_SCENARIO),
                            "--variants", str(variants), "-o", str(outdir), "--processes", "2"],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert run.stderr is not None
    assert "planning the base" in run.stderr.readline()
    deadline = time.monotonic() + 30
    while len(workers := children_of(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # the workers are planning
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=30)

    assert run.returncode == code
    assert "Traceback" not in stderr
    assert folder(outdir) == before
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]
