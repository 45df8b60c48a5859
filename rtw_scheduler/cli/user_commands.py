"""`rtw user add`: who may sign in to the app, with which role (rtw_scheduler.users, docs/app.md)."""

import argparse
import getpass
import re
import sys
from pathlib import Path

from rtw_scheduler.cli import arguments
from rtw_scheduler.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from rtw_scheduler.cli.output import err
from rtw_scheduler.users import ROLES, USERS_ENV, add_user, users_path

MIN_PASSWORD_LENGTH = 8
USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,60}$")


def add_user_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    user = commands.add_parser("user", help="who may sign in to the app, with which role (docs/app.md)")
    sub = user.add_subparsers(dest="user_command", required=True, metavar="USER_COMMAND")
    add = sub.add_parser("add", help="add a user (or set a user's password, name and role); the password is "
                                     "asked for, or read from standard input when it is not a terminal")
    add.add_argument("username", type=_username, metavar="USERNAME")
    add.add_argument("--role", required=True, choices=ROLES, help="what the user sees (docs/app.md)")
    add.add_argument("--name", required=True, type=arguments.person, help="the user's full name")
    add.add_argument("--case", type=arguments.case_number, default=None, metavar="CASE",
                     help="a worker's own case (required for, and only for, a worker)")
    add.add_argument("--users", type=Path, default=None, metavar="FILE",
                     help=f"the users file (default: ${USERS_ENV}, else ~/.config/rtw-scheduler/users.yaml)")
    add.set_defaults(run=cmd_user_add)


def cmd_user_add(args: argparse.Namespace) -> int:
    if (args.role == "worker") != (args.case is not None):
        err("rtw user add: --case CASE is required for a worker, and only for a worker")
        return EXIT_BAD_INPUT
    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < MIN_PASSWORD_LENGTH:
        err(f"rtw user add: the password must have at least {MIN_PASSWORD_LENGTH} characters")
        return EXIT_BAD_INPUT
    path = args.users or users_path()
    add_user(path, args.username, args.name, args.role, password, args.case)
    print(f"{path}: {args.username} ({args.name}) signs in as {args.role}"
          + (f", case {args.case}" if args.case else ""))
    return EXIT_OK


def _username(text: str) -> str:
    if not USERNAME.match(text):
        raise argparse.ArgumentTypeError(f"1 to 60 letters, digits or _ . @ -, got {text!r}")
    return text
