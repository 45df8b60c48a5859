"""A week's reassessment as the user writes it: `rtw case log` options, or a CSV of weeks.

A bad value is reported like a bad scenario field, with the file, the line and column, and
the reason, and nothing is logged (the store takes a CSV's weeks all or none).
"""

import argparse
import csv
import io
from pathlib import Path

from pydantic import ValidationError

from models.progress import ProgressEntry
from rtw_scheduler.scenario_io import InputError, Problem, read_input_bytes, validation_problems

TOLERATED_PREFIX = "tolerated_"
NUMBER_COLUMNS = ("pain_during", "pain_next_morning", "fatigue", "adherence_percent")
WHOLE_COLUMNS = ("week", "repetitions")
TEXT_COLUMNS = ("notes",)
FLAG_COLUMNS = ("flare_up",)
_FLAGS = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


def entries_from_arguments(args: argparse.Namespace) -> list[ProgressEntry]:
    """The one week given with --week, --pain-during, --pain-next-morning and the rest."""
    missing = [option for option, value in (("--week", args.week), ("--pain-during", args.pain_during),
                                            ("--pain-next-morning", args.pain_next_morning)) if value is None]
    if missing:
        raise InputError("rtw case log", [Problem("", f"give {', '.join(missing)} (or --csv WEEKS.csv)")])
    return [ProgressEntry(week=args.week, pain_during=args.pain_during, pain_next_morning=args.pain_next_morning,
                          fatigue=args.fatigue, flare_up=args.flare_up, adherence_percent=args.adherence,
                          repetitions=args.repetitions, tolerated=args.tolerated, notes=args.notes)]


def entries_from_csv(path: Path) -> list[ProgressEntry]:
    """One entry per row, in file order; every problem of every row reported at once."""
    text = read_input_bytes(path).decode("utf-8-sig", errors="strict")
    reader = csv.DictReader(io.StringIO(text))
    known = set(NUMBER_COLUMNS + WHOLE_COLUMNS + TEXT_COLUMNS + FLAG_COLUMNS)
    unknown = [c for c in reader.fieldnames or [] if c not in known and not c.startswith(TOLERATED_PREFIX)]
    if unknown:
        raise InputError(str(path), [Problem("line 1", f"unknown column {', '.join(map(repr, unknown))}; "
                                                       "see docs/cases.md")])
    entries, problems = [], []
    for line, row in enumerate(reader, start=2):
        data, row_problems = _row_data(row, line)
        if row_problems:  # a cell that is not a number would also read as missing: say it once
            problems += row_problems
            continue
        try:
            entries.append(ProgressEntry.model_validate(data))
        except ValidationError as error:
            problems += [Problem(f"line {line}.{p.path}", p.reason)
                         for p in validation_problems(error, ProgressEntry)]
    if problems or not entries:
        raise InputError(str(path), problems or [Problem("", "no weeks in the file")])
    return entries


def _row_data(row: dict[str, str | None], line: int) -> tuple[dict[str, object], list[Problem]]:
    data: dict[str, object] = {}
    tolerated: dict[str, float] = {}
    problems = []
    for column, raw in row.items():
        cell = (raw or "").strip()
        if column is None or not cell:
            continue
        try:
            if column.startswith(TOLERATED_PREFIX):
                tolerated[column.removeprefix(TOLERATED_PREFIX)] = float(cell)
            elif column in FLAG_COLUMNS:
                data[column] = _FLAGS[cell.lower()]
            elif column in WHOLE_COLUMNS:
                data[column] = int(cell)
            elif column in NUMBER_COLUMNS:
                data[column] = float(cell)
            else:
                data[column] = cell
        except (ValueError, KeyError):
            kind = "yes or no" if column in FLAG_COLUMNS else "a number"
            problems.append(Problem(f"line {line}.{column}", f"{cell!r} is not {kind}"))
    if tolerated:
        data["tolerated"] = tolerated
    return data, problems
