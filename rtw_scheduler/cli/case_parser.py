"""The `rtw case ...` commands' parser: open a case, log progress, sign off, read the history, export."""

import argparse
from collections.abc import Callable
from pathlib import Path

from rtw_scheduler.calendar_text import AUDIENCES
from rtw_scheduler.cases.roles import SIGN_OFF_ROLES
from rtw_scheduler.cli import arguments
from rtw_scheduler.cli.case_commands import (
    cmd_case_diff,
    cmd_case_document,
    cmd_case_export,
    cmd_case_files,
    cmd_case_history,
    cmd_case_list,
    cmd_case_log,
    cmd_case_new,
    cmd_case_replan,
    cmd_case_revise,
    cmd_case_signoff,
)
from solver.deadline import DEFAULT_TIME_LIMIT_S


def add_case_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
                      calendar_options: Callable[[argparse.ArgumentParser, str], None]) -> None:
    """`rtw case` and its commands; `calendar_options` adds the calendar options `rtw plan` has."""
    case = commands.add_parser("case", help="the case record: plan versions, weekly progress, sign-offs, history "
                                            "(docs/cases.md)")
    sub = case.add_subparsers(dest="case_command", required=True, metavar="CASE_COMMAND")

    new = _command(sub, "new", "plan a scenario and open a case with it as version 1", cmd_case_new)
    new.add_argument("scenario", type=Path, metavar="SCENARIO", help="scenario file (.yaml, .yml, .json)")
    new.add_argument("--reason", default="first plan", help="why the case is opened (kept in the history)")
    _time_limit(new)

    revise = _command(sub, "revise", "plan an edited scenario of the case (a new certificate, other duties) and "
                                     "issue it as the next version", cmd_case_revise)
    revise.add_argument("case", type=arguments.case_number, metavar="CASE")
    revise.add_argument("scenario", type=Path, metavar="SCENARIO", help="the edited scenario, same worker")
    revise.add_argument("--reason", required=True, help="why the plan changes (kept in the history)")
    _time_limit(revise)

    _command(sub, "list", "list the cases in the record", cmd_case_list)

    log = _command(sub, "log", "log a week's reassessment (or a CSV of weeks) and say what the next week does",
                   cmd_case_log)
    log.add_argument("case", type=arguments.case_number, metavar="CASE")
    log.add_argument("--csv", type=Path, default=None, metavar="WEEKS.csv",
                     help="one row per week: week, pain_during, pain_next_morning and optionally fatigue, flare_up, "
                          "adherence_percent, repetitions, notes, tolerated_<dimension> (docs/cases.md)")
    log.add_argument("--week", type=arguments.plan_week, metavar="N", help="the plan week reassessed")
    log.add_argument("--pain-during", type=arguments.pain_score, metavar="0-10", help="worst pain during work")
    log.add_argument("--pain-next-morning", type=arguments.pain_score, metavar="0-10", help="pain the next morning")
    log.add_argument("--fatigue", type=arguments.pain_score, default=None, metavar="0-10")
    log.add_argument("--flare-up", action="store_true", help="the condition flared up this week")
    log.add_argument("--adherence", type=arguments.percent, default=None, metavar="PERCENT",
                     help="share of the planned work done")
    log.add_argument("--repetitions", type=arguments.count, default=None, metavar="N")
    log.add_argument("--tolerated", type=arguments.tolerated, default=None, metavar="DIM=VALUE[,DIM=VALUE...]",
                     help="weekly exposure tolerated per dimension (default: the week as planned)")
    log.add_argument("--notes", default="", help="clinical notes (clinician view only)")

    replan = _command(sub, "replan", "re-plan from the latest reassessment: the weeks done kept, the next week as "
                                     "the monitoring rule decided, as little else changed as it can; issued as the "
                                     "next version", cmd_case_replan)
    replan.add_argument("case", type=arguments.case_number, metavar="CASE")
    replan.add_argument("--reason", required=True, help="why the plan is re-planned (kept in the history)")
    _time_limit(replan)

    history = _command(sub, "history", "print a case's versions, sign-offs, progress and audit log",
                       cmd_case_history)
    history.add_argument("case", type=arguments.case_number, metavar="CASE")

    diff = _command(sub, "diff", "print what changed, day by day, between two versions", cmd_case_diff)
    diff.add_argument("case", type=arguments.case_number, metavar="CASE")
    diff.add_argument("before", type=arguments.plan_version, metavar="V1")
    diff.add_argument("after", type=arguments.plan_version, metavar="V2")

    signoff = _command(sub, "signoff", "record one party's signature on a version", cmd_case_signoff)
    signoff.add_argument("case", type=arguments.case_number, metavar="CASE")
    signoff.add_argument("version", type=arguments.plan_version, metavar="V")
    signoff.add_argument("--role", required=True, choices=SIGN_OFF_ROLES, help="who signs")
    signoff.add_argument("--name", required=True, type=arguments.person, help="the signer's name")

    files = _command(sub, "files", "write a version's plan files and calendars; the calendars cancel the events "
                                   "earlier versions had and this one drops", cmd_case_files)
    files.add_argument("case", type=arguments.case_number, metavar="CASE")
    files.add_argument("--version", type=arguments.plan_version, default=None, metavar="V",
                       help="the version (default: the latest)")
    files.add_argument("-o", "--outdir", type=Path, required=True, metavar="OUTDIR")
    files.add_argument("--ics", type=arguments.audiences, default=[], metavar="AUDIENCE[,AUDIENCE...]",
                       help="also write calendar-<audience>.ics for each audience")
    calendar_options(files, "for --ics: ")

    document = _command(sub, "document", "write a version's plan document for one audience, as PDF or HTML "
                                         "(by the file's extension)", cmd_case_document)
    document.add_argument("case", type=arguments.case_number, metavar="CASE")
    document.add_argument("--version", type=arguments.plan_version, default=None, metavar="V",
                          help="the version (default: the latest)")
    document.add_argument("--audience", required=True, choices=AUDIENCES,
                          help="who reads it: worker, supervisor, hr (hours and days only) or clinician (with the "
                               "clinical record)")
    document.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf|FILE.html")

    export = _command(sub, "export", "write everything the record holds about a case as JSON (a records request)",
                      cmd_case_export)
    export.add_argument("case", type=arguments.case_number, metavar="CASE")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    export.add_argument("--reason", default="records request", help="why it is exported (kept in the audit log)")


def _command(sub: "argparse._SubParsersAction[argparse.ArgumentParser]", name: str, help_text: str,
             run: object) -> argparse.ArgumentParser:
    """A case command with the options every one of them takes: where the record is, and who acts."""
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="the record's SQLite file (default: $RTW_DATABASE_URL, else "
                             "~/.local/share/rtw-scheduler/cases.sqlite)")
    parser.add_argument("--by", type=arguments.person, default=None, metavar="NAME",
                        help="who does this, for the history (default: $RTW_USER, else the login name)")
    parser.set_defaults(run=run)
    return parser


def _time_limit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--time-limit", type=arguments.seconds, default=DEFAULT_TIME_LIMIT_S, metavar="SECONDS",
                        help=f"wall-clock limit for planning (default {DEFAULT_TIME_LIMIT_S:g})")
