"""The `rtw` command: plan, compare, check, validate, schema, export-ics, export-team, ui.

Exit codes:
  0  success (a plan was written; check found no violation; the scenario is valid)
  1  `rtw check` found violations
  2  bad input: unreadable or invalid file, bad command-line argument
  3  no plan: the scenario is infeasible (or no plan was found within the time limit)
  4  the planned solution was rejected by the independent checker (a solver bug)
  70 internal error
  74 output could not be written (I/O error)
 130 interrupted

Every error reaches the user as plain lines on stderr (file, field path, reason), never
as a traceback.
"""

import argparse
import datetime as dt
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler import __version__
from rtw_scheduler.calendar_text import AUDIENCES
from rtw_scheduler.scenario_io import InputError, load_plan, load_scenario, scenario_json_schema

if TYPE_CHECKING:
    from solver.solve import SolverParameters

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_NO_PLAN = 3
EXIT_REJECTED = 4
EXIT_INTERNAL = 70
EXIT_IO = 74
EXIT_INTERRUPTED = 130

MAX_TIME_PER_STAGE = 3600.0
MAX_SEED = 2**31 - 1
MAX_PLAN_VERSION = 1_000_000
MAX_REVIEW_WEEKS = 104
GRANULARITIES = ("shift", "block")


def _workers(text: str) -> int:
    limit = os.cpu_count() or 1
    value = _int(text)
    if not 1 <= value <= limit:
        raise argparse.ArgumentTypeError(f"must be between 1 and {limit} (the CPUs available), got {value}")
    return value




def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or not 0 < value <= MAX_TIME_PER_STAGE:
        raise argparse.ArgumentTypeError(
            f"must be more than 0 and at most {MAX_TIME_PER_STAGE:g}, got {text}")
    return value




def _audiences(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",")]
    for name in names:
        if name not in AUDIENCES:
            raise argparse.ArgumentTypeError(
                f"unknown audience {name!r}: give one or more of {', '.join(AUDIENCES)}, separated by commas")
    return list(dict.fromkeys(names))



def _whole_between(low: int, high: int | None = None, unit: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (no upper bound when None)."""
    def parse(text: str) -> int:
        value = _int(text)
        if value < low or (high is not None and value > high):
            bounds = f"at least {low}" if high is None else f"between {low} and {high}{unit}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value
    return parse


_processes = _whole_between(1)
_seed = _whole_between(0, MAX_SEED)
_plan_version = _whole_between(1, MAX_PLAN_VERSION)
_review_weeks = _whole_between(1, MAX_REVIEW_WEEKS, " weeks")
_port = _whole_between(1, 65535)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rtw", description="Graded return-to-work plans that respect every clinical limit.")
    parser.add_argument("--version", action="version", version=f"rtw {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = commands.add_parser("plan", help="plan a scenario and write plan.json, plan.csv, weekly.csv")
    plan.add_argument("scenario", type=Path, metavar="SCENARIO", help="scenario file (.yaml, .yml, .json)")
    plan.add_argument("-o", "--outdir", type=Path, required=True, metavar="OUTDIR",
                      help="directory for plan.json, plan.csv and weekly.csv (created if needed)")
    plan.add_argument("--workers", type=_workers, default=1, metavar="N",
                      help="CP-SAT search workers, 1 to the CPU count (default 1: deterministic)")
    plan.add_argument("--seed", type=_seed, default=0, metavar="N", help="random seed (default 0)")
    plan.add_argument("--time-per-stage", type=_seconds, default=None, metavar="SECONDS",
                      help="CP-SAT deterministic time limit per objective stage")
    plan.add_argument("--version", dest="plan_version", type=_plan_version, default=1, metavar="N",
                      help="version of this plan (default 1): raise it when reissuing a plan, so that "
                           "calendars imported before are updated (iCalendar SEQUENCE)")
    plan.add_argument("--ics", type=_audiences, default=[], metavar="AUDIENCE[,AUDIENCE...]",
                      help=f"also write calendar-<audience>.ics for each audience ({', '.join(AUDIENCES)})")
    _calendar_options(plan, "for --ics: ")
    suggestions = plan.add_mutually_exclusive_group()
    suggestions.add_argument("--no-suggestions", action="store_true",
                             help="when there is no plan, do not solve relaxations to suggest what would make one "
                                  "possible")
    suggestions.add_argument("--suggestions", type=Path, default=None, metavar="VARIANTS.yaml",
                             help="when there is no plan, write the relaxations found as a variants file for "
                                  "rtw compare (the only file written then)")
    plan.set_defaults(run=_cmd_plan)

    compare = commands.add_parser("compare", help="plan a scenario and variants of it side by side: print a KPI "
                                                  "table, write kpis.csv and weekly_load.html")
    compare.add_argument("scenario", type=Path, metavar="BASE", help="the base scenario file")
    compare.add_argument("--variants", type=Path, required=True, metavar="VARIANTS.yaml",
                         help="YAML list of {name, changes: {dotted.path: value}}")
    compare.add_argument("-o", "--outdir", type=Path, required=True, metavar="OUTDIR",
                         help="directory for kpis.csv and weekly_load.html (created if needed)")
    compare.add_argument("--processes", type=_processes, default=2, metavar="N",
                         help="plans solved at once, each in its own process (default 2; at most the CPU count)")
    compare.add_argument("--seed", type=_seed, default=0, metavar="N", help="random seed (default 0)")
    compare.add_argument("--time-per-stage", type=_seconds, default=None, metavar="SECONDS",
                         help="CP-SAT deterministic time limit per objective stage")
    compare.set_defaults(run=_cmd_compare)

    export = commands.add_parser("export-ics", help="write a plan as an iCalendar file for one audience")
    export.add_argument("scenario", type=Path, metavar="SCENARIO", help="the scenario the plan was made from")
    export.add_argument("plan", type=Path, metavar="PLAN.json")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")
    _audience_option(export)
    _calendar_options(export, "")
    export.set_defaults(run=_cmd_export_ics)

    team = commands.add_parser("export-team", help="write several workers' plans as a zip of calendars "
                                                   "(one .ics per worker plus team.ics)")
    team.add_argument("-o", "--output", type=Path, required=True, metavar="TEAM.zip")
    _audience_option(team)
    _calendar_options(team, "")
    team.add_argument("files", type=Path, nargs="+", metavar="SCENARIO PLAN.json",
                      help="a scenario and its plan, for each worker")
    team.set_defaults(run=_cmd_export_team)

    check = commands.add_parser("check", help="check a plan against a scenario with the independent checker")
    check.add_argument("scenario", type=Path, metavar="SCENARIO")
    check.add_argument("plan", type=Path, metavar="PLAN.json")
    check.set_defaults(run=_cmd_check)

    validate = commands.add_parser("validate", help="validate a scenario file")
    validate.add_argument("scenario", type=Path, metavar="SCENARIO")
    validate.set_defaults(run=_cmd_validate)

    ui = commands.add_parser("ui", help="start the app in a browser (Streamlit): edit, plan, see and export")
    ui.add_argument("--port", type=_port, default=None, metavar="PORT", help="local port (default: Streamlit's 8501)")
    ui.add_argument("--headless", action="store_true", help="do not open a browser window")
    ui.set_defaults(run=_cmd_ui)

    schema = commands.add_parser("schema", help="print the scenario JSON schema")
    schema.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="write the schema to FILE instead of printing it")
    schema.set_defaults(run=_cmd_schema)
    return parser


def _audience_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--audience", required=True, choices=AUDIENCES,
                        help="who reads it: worker (tasks, loads, reminders), supervisor (tasks and "
                             "restrictions), hr (hours and duty type), clinician (everything)")


def _calendar_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    parser.add_argument("--granularity", choices=GRANULARITIES, default="shift",
                        help=f"{prefix}one event per shift (default) or per task block")
    parser.add_argument("--rest-days", action="store_true", help=f"{prefix}add days without work as all-day events")
    parser.add_argument("--review-every", type=_review_weeks, default=None, metavar="N",
                        help=f"{prefix}a review every N weeks (default: at the end of each phase)")


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
    except InputError as error:
        _err(str(error))
        return EXIT_BAD_INPUT
    except OSError as error:
        _err(_os_error(error))
        return EXIT_IO
    except KeyboardInterrupt:
        _err("rtw: interrupted")
        return EXIT_INTERRUPTED
    except Exception as error:  # last resort: never show a traceback
        _err(f"internal error: {type(error).__name__}: {error}")
        return EXIT_INTERNAL


def _cmd_plan(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    outdir: Path = args.outdir
    unusable = _unusable_outdir(outdir) or (_unusable_output(args.suggestions) if args.suggestions else None)
    if unusable:
        _err(unusable)
        return EXIT_BAD_INPUT

    from rtw_scheduler.binding import binding_limits, why_not_faster
    from rtw_scheduler.exports import write_plan_outputs
    from rtw_scheduler.planning import PlanRejected, make_plan
    from rtw_scheduler.report import solve_summary, weekly_table
    from solver.solve import Progress, SolverParameters

    params = SolverParameters(num_workers=args.workers, random_seed=args.seed)
    if args.time_per_stage is not None:
        params = SolverParameters(num_workers=args.workers, random_seed=args.seed,
                                  deterministic_time_per_stage=args.time_per_stage)

    def progress(report: Progress) -> None:
        if report.objective is None:
            line = f"  trying {report.stage} ({report.elapsed_s:.1f} s)"
        else:
            line = f"  {report.stage}: best plan so far scores {report.objective:g} ({report.elapsed_s:.1f} s)"
        print(line, file=sys.stderr, flush=True)

    _err(f"planning {scenario.id} ({len(scenario.tasks)} tasks, {scenario.policy.horizon_weeks} weeks)...")
    try:
        result = make_plan(scenario, params, progress)
    except PlanRejected as rejected:
        _err("the independent checker rejected the solver's plan (a bug: please report it); "
             "no files were written:")
        for violation in rejected.violations:
            _err(f"  {violation.family}: {violation.message}")
        return EXIT_REJECTED

    plan = result.plan
    if not result.has_plan:
        print(solve_summary(plan))
        if plan.solve.status == "MODEL_INVALID":
            _err("internal error: the solver reports an invalid model; no files were written")
            return EXIT_INTERNAL
        if plan.solve.status == "INFEASIBLE":
            _why_no_plan(scenario, plan, params, args)
        _err("no plan: no files were written")
        return EXIT_NO_PLAN
    issued_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    plan = plan.model_copy(update={"version": args.plan_version, "issued_at": issued_at})
    if args.ics:
        written = _write_plan_and_calendars(scenario, plan, outdir, args)
    else:
        written = write_plan_outputs(scenario, plan, outdir)
    print(weekly_table(plan))
    print()
    print(solve_summary(plan))
    print()
    print(why_not_faster(binding_limits(scenario, plan)))
    print()
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _why_no_plan(scenario: Scenario, plan: Plan, params: "SolverParameters", args: argparse.Namespace) -> None:
    """Prints the conflict in domain words and, unless told not to, relaxations that were planned."""
    from rtw_scheduler.relaxations import relaxation_lines, suggest_relaxations, variants_yaml
    from rtw_scheduler.why_no_plan import conflict_lines

    print()
    print("\n".join(conflict_lines(scenario, plan.solve)))
    if args.no_suggestions:
        return
    _err("trying relaxations (each planned for real)...")
    relaxations = suggest_relaxations(scenario, params, plan.solve.conflict)
    print()
    print("\n".join(relaxation_lines(relaxations)))
    if args.suggestions and relaxations:
        _write_one(args.suggestions, variants_yaml(relaxations).encode())
        print(f"compare them: rtw compare {args.scenario} --variants {args.suggestions} -o OUTDIR")


def _cmd_compare(args: argparse.Namespace) -> int:
    from rtw_scheduler.scenario_io import load_scenario_data

    base = load_scenario_data(args.scenario)
    outdir: Path = args.outdir
    unusable = _unusable_outdir(outdir)
    if unusable:
        _err(unusable)
        return EXIT_BAD_INPUT
    from rtw_scheduler.atomic import write_files_atomically
    from rtw_scheduler.compare import (
        compare_files,
        kpi_frame,
        kpi_table,
        load_variants,
        run_variants,
        variant_scenarios,
    )

    variants = load_variants(args.variants)
    scenarios = variant_scenarios(base, variants, str(args.variants))
    workers = min(args.processes, os.cpu_count() or 1)
    _err(f"planning the base and {len(variants)} variant(s), {workers} at a time...")
    results = run_variants(scenarios, args.processes, args.time_per_stage, args.seed,
                           done=lambda name: _err(f"  planned {name}"))
    files = compare_files(results)
    write_files_atomically(outdir, files)
    print(kpi_table(kpi_frame(results)))
    from rtw_scheduler.why_no_plan import conflict_sentence

    for result in results:
        if result.error:
            _err(f"{result.name}: {result.error}")
        elif result.plan is not None and result.plan.solve.status == "INFEASIBLE":
            _err(f"{result.name}: no plan. {conflict_sentence(result.scenario, result.plan.solve.conflict)}")
    print()
    for name in files:
        print(f"wrote {outdir / name}")
    return EXIT_OK


def _write_plan_and_calendars(scenario: Scenario, plan: Plan, outdir: Path, args: argparse.Namespace) -> list[Path]:
    """The files of `write_plan_outputs` plus calendar-<audience>.ics, in one all-or-nothing write."""
    from rtw_scheduler.atomic import write_files_atomically
    from rtw_scheduler.calendars import calendar_files
    from rtw_scheduler.exports import plan_output_files

    files = plan_output_files(scenario, plan)
    files.update(calendar_files(scenario, plan, args.ics, args.granularity, args.rest_days, args.review_every))
    write_files_atomically(outdir, files)
    return [outdir / name for name in files]


def _unusable_outdir(outdir: Path) -> str | None:
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


def _cmd_check(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    plan = load_plan(args.plan)
    from solver.checker import check

    if plan.scenario_id != scenario.id:
        _err(f"note: {args.plan} is a plan for scenario {plan.scenario_id!r}, not {scenario.id!r}")
    violations = check(scenario, plan)
    for violation in violations:
        print(violation.message)
    if violations:
        _err(f"{len(violations)} violation(s)")
        return EXIT_VIOLATIONS
    print("OK: no violations")
    return EXIT_OK


def _cmd_export_ics(args: argparse.Namespace) -> int:
    from rtw_scheduler.calendars import CalendarError, calendar_for

    problem = _unusable_output(args.output)
    if problem:
        _err(problem)
        return EXIT_BAD_INPUT
    scenario, plan = _load_pair(args.scenario, args.plan)
    if scenario is None or plan is None:
        return EXIT_BAD_INPUT
    try:
        data = calendar_for(scenario, plan, args.audience, args.granularity, args.rest_days, args.review_every)
    except CalendarError as error:
        _err(f"{args.plan}: {error}")
        return EXIT_BAD_INPUT
    _write_one(args.output, data)
    return EXIT_OK


def _cmd_export_team(args: argparse.Namespace) -> int:
    from rtw_scheduler.calendars import CalendarError, team_zip

    files: list[Path] = args.files
    if len(files) % 2:
        _err(f"export-team: give a SCENARIO and a PLAN.json for each worker ({len(files)} "
             f"{'file' if len(files) == 1 else 'files'} given, an odd number)")
        return EXIT_BAD_INPUT
    problem = _unusable_output(args.output)
    if problem:
        _err(problem)
        return EXIT_BAD_INPUT
    pairs: list[tuple[Scenario, Plan]] = []
    for scenario_path, plan_path in zip(files[::2], files[1::2], strict=True):
        scenario, plan = _load_pair(scenario_path, plan_path)
        if scenario is None or plan is None:
            return EXIT_BAD_INPUT
        pairs.append((scenario, plan))
    try:
        data = team_zip(pairs, args.audience, args.granularity, args.rest_days, args.review_every)
    except CalendarError as error:
        _err(f"export-team: {error}")
        return EXIT_BAD_INPUT
    _write_one(args.output, data)
    return EXIT_OK


def _load_pair(scenario_path: Path, plan_path: Path) -> tuple[Scenario | None, Plan | None]:
    """The scenario and its plan, or (None, None) after saying why they do not belong together."""
    scenario = load_scenario(scenario_path)
    plan = load_plan(plan_path)
    if plan.scenario_id != scenario.id:
        _err(f"{plan_path}: this is a plan for scenario {plan.scenario_id!r}, but {scenario_path} is scenario "
             f"{scenario.id!r}: give the scenario the plan was made from")
        return None, None
    return scenario, plan


def _unusable_output(target: Path) -> str | None:
    if target.is_dir():
        return f"{target}: is a directory (give a file name)"
    return _unusable_outdir(target.parent)


def _write_one(target: Path, data: bytes) -> None:
    from rtw_scheduler.atomic import write_files_atomically

    write_files_atomically(target.parent, {target.name: data})
    print(f"wrote {target}")


def _cmd_validate(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    print(f"OK: {scenario.id} ({len(scenario.tasks)} tasks, {scenario.policy.horizon_weeks} weeks)")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(scenario_json_schema(), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from rtw_scheduler.atomic import write_files_atomically

    target: Path = args.output
    if target.is_dir():
        _err(f"{target}: is a directory (give a file name)")
        return EXIT_BAD_INPUT
    write_files_atomically(target.parent, {target.name: text.encode("utf-8")})
    _err(f"wrote {target}")
    return EXIT_OK


def ui_command(port: int | None = None, headless: bool = False) -> list[str]:
    """The command that serves the app: `python -m streamlit run <ui/app.py>` in this interpreter."""
    import ui

    app = Path(ui.__file__).resolve().parent / "app.py"
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--browser.gatherUsageStats", "false"]
    if port is not None:
        command += ["--server.port", str(port)]
    if headless:
        command += ["--server.headless", "true"]
    return command


def _cmd_ui(args: argparse.Namespace) -> int:
    import subprocess

    return subprocess.call(ui_command(args.port, args.headless))


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _os_error(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or error}"


if __name__ == "__main__":
    sys.exit(main())
