"""The `rtw` commands that read and write files without solving: `check`, `export-ics`,
`export-team`, `validate` and `schema`, plus `ui`, which starts the Streamlit app.
"""

import argparse
import json
import sys
from pathlib import Path

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS
from rtw_scheduler.cli.output import err, unusable_output, write_one
from rtw_scheduler.scenario_io import load_plan, load_scenario, scenario_json_schema


def cmd_check(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    plan = load_plan(args.plan)
    from solver.checker import check

    if plan.scenario_id != scenario.id:
        err(f"note: {args.plan} is a plan for scenario {plan.scenario_id!r}, not {scenario.id!r}")
    violations = check(scenario, plan)
    for violation in violations:
        print(violation.message)
    if violations:
        err(f"{len(violations)} violation(s)")
        return EXIT_VIOLATIONS
    print("OK: no violations")
    return EXIT_OK


def cmd_export_ics(args: argparse.Namespace) -> int:
    from rtw_scheduler.calendars import CalendarError, calendar_for

    problem = unusable_output(args.output)
    if problem:
        err(problem)
        return EXIT_BAD_INPUT
    pair = _load_pair(args.scenario, args.plan)
    if isinstance(pair, int):
        return pair
    scenario, plan = pair
    try:
        data = calendar_for(scenario, plan, args.audience, args.granularity, args.rest_days, args.review_every)
    except CalendarError as error:
        err(f"{args.plan}: {error}")
        return EXIT_BAD_INPUT
    write_one(args.output, data)
    return EXIT_OK


def cmd_export_team(args: argparse.Namespace) -> int:
    from rtw_scheduler.calendars import CalendarError, team_zip

    files: list[Path] = args.files
    if len(files) % 2:
        err(f"export-team: give a SCENARIO and a PLAN.json for each worker ({len(files)} "
            f"{'file' if len(files) == 1 else 'files'} given, an odd number)")
        return EXIT_BAD_INPUT
    problem = unusable_output(args.output)
    if problem:
        err(problem)
        return EXIT_BAD_INPUT
    pairs: list[tuple[Scenario, Plan]] = []
    for scenario_path, plan_path in zip(files[::2], files[1::2], strict=True):
        pair = _load_pair(scenario_path, plan_path)
        if isinstance(pair, int):
            return pair
        pairs.append(pair)
    try:
        data = team_zip(pairs, args.audience, args.granularity, args.rest_days, args.review_every)
    except CalendarError as error:
        err(f"export-team: {error}")
        return EXIT_BAD_INPUT
    write_one(args.output, data)
    return EXIT_OK


def _load_pair(scenario_path: Path, plan_path: Path) -> tuple[Scenario, Plan] | int:
    """The scenario and its plan, or the exit code after saying why no calendar may be made.

    2 when they do not belong together; 1 when the independent checker rejects the plan, as
    `rtw check` would: a hand-edited or stale plan must not reach anyone's calendar. An id that
    names something clinical gets a warning (it is in every event's UID)."""
    from rtw_scheduler.privacy import clinical_words_in_ids
    from solver.checker import check

    scenario = load_scenario(scenario_path)
    plan = load_plan(plan_path)
    if plan.scenario_id != scenario.id:
        err(f"{plan_path}: this is a plan for scenario {plan.scenario_id!r}, but {scenario_path} is scenario "
            f"{scenario.id!r}: give the scenario the plan was made from")
        return EXIT_BAD_INPUT
    violations = check(scenario, plan) if plan.weeks else []
    if violations:
        err(f"{plan_path}: the independent checker rejects this plan ({len(violations)} violation(s)); "
            "no calendar was written:")
        for violation in violations:
            err(f"  {violation.family}: {violation.message}")
        return EXIT_VIOLATIONS
    for warning in clinical_words_in_ids(scenario):
        err(warning)
    return scenario, plan


def cmd_validate(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    print(f"OK: {scenario.id} ({len(scenario.tasks)} tasks, {scenario.horizon_in_words()})")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(scenario_json_schema(), indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from rtw_scheduler.atomic import write_files_atomically

    target: Path = args.output
    if target.is_dir():
        err(f"{target}: is a directory (give a file name)")
        return EXIT_BAD_INPUT
    write_files_atomically(target.parent, {target.name: text.encode("utf-8")})
    err(f"wrote {target}")
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


def cmd_ui(args: argparse.Namespace) -> int:
    import subprocess

    return subprocess.call(ui_command(args.port, args.headless))
