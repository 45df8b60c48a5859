"""The `rtw` argument parser: every command, its options and help text, and the function it runs.

Only argparse and light modules are imported here, so that `rtw --help` is fast.
"""

import argparse
from pathlib import Path

from rtw_scheduler import __version__
from rtw_scheduler.calendar_text import AUDIENCES
from rtw_scheduler.cli import arguments
from rtw_scheduler.cli.case_parser import add_case_commands
from rtw_scheduler.cli.file_commands import (
    cmd_check,
    cmd_export_ics,
    cmd_export_team,
    cmd_schema,
    cmd_ui,
    cmd_validate,
)
from rtw_scheduler.cli.planning_commands import cmd_compare, cmd_plan
from rtw_scheduler.cli.user_commands import add_user_commands
from solver.deadline import DEFAULT_TIME_LIMIT_S

GRANULARITIES = ("shift", "block")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rtw", description="Graded return-to-work plans that respect every clinical limit.")
    parser.add_argument("--version", action="version", version=f"rtw {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = commands.add_parser("plan", help="plan a scenario and write plan.json, plan.csv, weekly.csv")
    plan.add_argument("scenario", type=Path, metavar="SCENARIO", help="scenario file (.yaml, .yml, .json)")
    plan.add_argument("-o", "--outdir", type=Path, required=True, metavar="OUTDIR",
                      help="directory for plan.json, plan.csv and weekly.csv (created if needed)")
    plan.add_argument("--workers", type=arguments.workers, default=1, metavar="N",
                      help="CP-SAT search workers, 1 to the CPU count (default 1: deterministic)")
    _solver_options(plan)
    plan.add_argument("--version", dest="plan_version", type=arguments.plan_version, default=1, metavar="N",
                      help="version of this plan (default 1): raise it when reissuing a plan, so that "
                           "calendars imported before are updated (iCalendar SEQUENCE)")
    plan.add_argument("--ics", type=arguments.audiences, default=[], metavar="AUDIENCE[,AUDIENCE...]",
                      help=f"also write calendar-<audience>.ics for each audience ({', '.join(AUDIENCES)})")
    _calendar_options(plan, "for --ics: ")
    suggestions = plan.add_mutually_exclusive_group()
    suggestions.add_argument("--no-suggestions", action="store_true",
                             help="when there is no plan, do not solve relaxations to suggest what would make one "
                                  "possible")
    suggestions.add_argument("--suggestions", type=Path, default=None, metavar="VARIANTS.yaml",
                             help="when there is no plan, write the relaxations found as a variants file for "
                                  "rtw compare (the only file written then)")
    plan.add_argument("--keep-best", action="store_true",
                      help="on Ctrl-C or SIGTERM, write the best complete plan found by then (marked "
                           "interrupted in plan.json, not proven best) instead of nothing; written only when "
                           "one exists, and the run still exits 130 or 143")
    plan.set_defaults(run=cmd_plan)

    compare = commands.add_parser("compare", help="plan a scenario and variants of it side by side: print a KPI "
                                                  "table, write kpis.csv and weekly_load.html")
    compare.add_argument("scenario", type=Path, metavar="BASE", help="the base scenario file")
    compare.add_argument("--variants", type=Path, required=True, metavar="VARIANTS.yaml",
                         help="YAML list of {name, changes: {dotted.path: value}}")
    compare.add_argument("-o", "--outdir", type=Path, required=True, metavar="OUTDIR",
                         help="directory for kpis.csv and weekly_load.html (created if needed)")
    compare.add_argument("--processes", type=arguments.processes, default=2, metavar="N",
                         help="plans solved at once, each in its own process (default 2; at most the CPU count)")
    _solver_options(compare)
    compare.set_defaults(run=cmd_compare)

    export = commands.add_parser("export-ics", help="write a plan as an iCalendar file for one audience")
    export.add_argument("scenario", type=Path, metavar="SCENARIO", help="the scenario the plan was made from")
    export.add_argument("plan", type=Path, metavar="PLAN.json")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")
    _audience_option(export)
    _calendar_options(export, "")
    export.set_defaults(run=cmd_export_ics)

    team = commands.add_parser("export-team", help="write several workers' plans as a zip of calendars "
                                                   "(one .ics per worker plus team.ics)")
    team.add_argument("-o", "--output", type=Path, required=True, metavar="TEAM.zip")
    _audience_option(team)
    _calendar_options(team, "")
    team.add_argument("files", type=Path, nargs="+", metavar="SCENARIO PLAN.json",
                      help="a scenario and its plan, for each worker")
    team.set_defaults(run=cmd_export_team)

    check = commands.add_parser("check", help="check a plan against a scenario with the independent checker")
    check.add_argument("scenario", type=Path, metavar="SCENARIO")
    check.add_argument("plan", type=Path, metavar="PLAN.json")
    check.set_defaults(run=cmd_check)

    validate = commands.add_parser("validate", help="validate a scenario file")
    validate.add_argument("scenario", type=Path, metavar="SCENARIO")
    validate.set_defaults(run=cmd_validate)

    ui = commands.add_parser("ui", help="start the app in a browser (Streamlit): edit, plan, see and export")
    ui.add_argument("--port", type=arguments.port, default=None, metavar="PORT",
                    help="local port (default: Streamlit's 8501)")
    ui.add_argument("--headless", action="store_true", help="do not open a browser window")
    ui.set_defaults(run=cmd_ui)

    schema = commands.add_parser("schema", help="print the scenario JSON schema")
    schema.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="write the schema to FILE instead of printing it")
    schema.set_defaults(run=cmd_schema)
    add_case_commands(commands, _calendar_options)
    add_user_commands(commands)
    return parser


def _solver_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=arguments.seed, default=0, metavar="N", help="random seed (default 0)")
    parser.add_argument("--time-per-stage", type=arguments.seconds, default=None, metavar="SECONDS",
                        help="CP-SAT deterministic time limit per objective stage")
    parser.add_argument("--time-limit", type=arguments.seconds, default=DEFAULT_TIME_LIMIT_S, metavar="SECONDS",
                        help="wall-clock limit for the whole run, its stages and its suggestions "
                             f"(default {DEFAULT_TIME_LIMIT_S:g}): when reached, the best plan found in time "
                             "with its gap, or 'no plan found within SECONDS s'")


def _audience_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--audience", required=True, choices=AUDIENCES,
                        help="who reads it: worker (tasks, loads, reminders), supervisor (tasks and "
                             "restrictions), hr (hours and duty type), clinician (everything)")


def _calendar_options(parser: argparse.ArgumentParser, prefix: str) -> None:
    parser.add_argument("--granularity", choices=GRANULARITIES, default="shift",
                        help=f"{prefix}one event per shift (default) or per task block")
    parser.add_argument("--rest-days", action="store_true", help=f"{prefix}add days without work as all-day events")
    parser.add_argument("--review-every", type=arguments.review_weeks, default=None, metavar="N",
                        help=f"{prefix}a review every N weeks (default: at the end of each phase)")
