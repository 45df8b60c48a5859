"""Range-checked argument types for the `rtw` parser.

Each turns one command-line word into a value or raises `argparse.ArgumentTypeError`, so that
a bad argument is a usage error (exit 2) naming the option, before any file is read or solved.
"""

import argparse
import math
import os
from collections.abc import Callable

from rtw_scheduler.calendar_text import AUDIENCES

MAX_TIME_PER_STAGE = 3600.0
MAX_SEED = 2**31 - 1
MAX_PLAN_VERSION = 1_000_000
MAX_REVIEW_WEEKS = 104


def workers(text: str) -> int:
    limit = os.cpu_count() or 1
    value = _int(text)
    if not 1 <= value <= limit:
        raise argparse.ArgumentTypeError(f"must be between 1 and {limit} (the CPUs available), got {value}")
    return value


def seconds(text: str) -> float:
    value = _float(text)
    if not 0 < value <= MAX_TIME_PER_STAGE:
        raise argparse.ArgumentTypeError(
            f"must be more than 0 and at most {MAX_TIME_PER_STAGE:g}, got {text}")
    return value


def audiences(text: str) -> list[str]:
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


processes = _whole_between(1)
seed = _whole_between(0, MAX_SEED)
plan_version = _whole_between(1, MAX_PLAN_VERSION)
review_weeks = _whole_between(1, MAX_REVIEW_WEEKS, " weeks")
port = _whole_between(1, 65535)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


MAX_PERSON_LENGTH = 200
MAX_PLAN_WEEK = 520


def pain_score(text: str) -> float:
    """A 0-10 rating (pain, fatigue)."""
    value = _float(text)
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"must be between 0 and 10, got {text}")
    return value


def percent(text: str) -> float:
    value = _float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"must be between 0 and 100, got {text}")
    return value


def tolerated(text: str) -> dict[str, float]:
    """`lifting=120,work_hours=16`: weekly exposure tolerated per dimension."""
    values = {}
    for item in text.split(","):
        name, sep, amount = item.partition("=")
        if not sep or not name.strip():
            raise argparse.ArgumentTypeError(f"write DIMENSION=VALUE, e.g. work_hours=16, got {item!r}")
        values[name.strip()] = _float(amount)
        if values[name.strip()] < 0:
            raise argparse.ArgumentTypeError(f"{name.strip()}: must not be negative, got {amount}")
    return values


def person(text: str) -> str:
    name = text.strip()
    if not 1 <= len(name) <= MAX_PERSON_LENGTH or not name.isprintable():
        raise argparse.ArgumentTypeError(f"a name of 1 to {MAX_PERSON_LENGTH} printable characters, got {text!r}")
    return name


case_number = _whole_between(1)
plan_week = _whole_between(1, MAX_PLAN_WEEK)
count = _whole_between(0)


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value
