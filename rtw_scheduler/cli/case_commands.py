"""The `rtw case ...` commands: thin over rtw_scheduler.cases (the store) and the planning entry point.

The store and the solver are imported inside the commands, so `rtw --help` stays fast. Every
command names who acts (`--by`, else $RTW_USER, else the login name): the history records it.
"""

import argparse
import getpass
import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from rtw_scheduler.cli.exit_codes import EXIT_BAD_INPUT, EXIT_NO_PLAN, EXIT_OK
from rtw_scheduler.cli.output import err, unusable_outdir, unusable_output, write_one
from rtw_scheduler.scenario_io import load_scenario

if TYPE_CHECKING:
    from models.plan import Plan
    from models.scenario import Scenario
    from rtw_scheduler.cases.store import CaseStore


def _store(args: argparse.Namespace) -> "CaseStore":
    from rtw_scheduler.cases.database import default_url
    from rtw_scheduler.cases.store import CaseStore

    return CaseStore(default_url(args.db))


def _actor(args: argparse.Namespace) -> str:
    if args.by:
        return str(args.by)
    return os.environ.get("RTW_USER") or getpass.getuser()


def cmd_case_new(args: argparse.Namespace) -> int:
    def store_plan(store: "CaseStore", scenario: "Scenario", plan: "Plan") -> str:
        case = store.open_case(scenario, plan, _actor(args), args.reason)
        return f"opened case {case.id} for worker {case.worker_id}: version 1"
    return _plan_and_store(args, store_plan)


def cmd_case_revise(args: argparse.Namespace) -> int:
    def store_plan(store: "CaseStore", scenario: "Scenario", plan: "Plan") -> str:
        version = store.issue_version(args.case, scenario, plan, _actor(args), args.reason)
        return f"case {version.case_id}: issued version {version.number}"
    return _plan_and_store(args, store_plan, case_id=args.case)


def _plan_and_store(args: argparse.Namespace, store_plan: Callable[["CaseStore", "Scenario", "Plan"], str],
                    case_id: int | None = None) -> int:
    """Plans args.scenario within args.time_limit and hands the plan to `store_plan`; no plan, nothing stored."""
    scenario = load_scenario(args.scenario)
    from rtw_scheduler.planning import make_plan
    from rtw_scheduler.report import solve_summary, weekly_table
    from solver.deadline import Deadline

    store = _store(args)  # before the solve: a record that cannot be opened fails fast
    if case_id is not None:
        store.check_same_worker(case_id, scenario)
    err(f"planning {scenario.id} ({len(scenario.tasks)} tasks, {scenario.horizon_in_words()})...")
    result = make_plan(scenario, deadline=Deadline(args.time_limit))
    if not result.has_plan:
        print(solve_summary(result.plan))
        err("no plan: nothing was stored (rtw plan SCENARIO explains why and what would help)")
        return EXIT_NO_PLAN
    stored = store_plan(store, scenario, result.plan)
    print(weekly_table(result.plan))
    print()
    print(f"{stored} ({result.plan.solve.status}, full duty in week {result.plan.full_duty_week})")
    return EXIT_OK


def cmd_case_replan(args: argparse.Namespace) -> int:
    from models.progress import STEP_MEANING
    from rtw_scheduler.cases.history import diff_lines
    from rtw_scheduler.cases.replan import NoPlan, replan
    from rtw_scheduler.report import solve_summary, weekly_table
    from solver.deadline import Deadline

    store = _store(args)
    err(f"re-planning case {args.case} from its latest reassessment...")
    try:
        done = replan(store, args.case, args.reason, _actor(args), deadline=Deadline(args.time_limit))
    except NoPlan as no_plan:
        print(solve_summary(no_plan.plan))
        err(str(no_plan))
        return EXIT_NO_PLAN
    rule = f"week {done.decision.week}: {STEP_MEANING[done.decision.step]} ({done.decision.reason})"
    if not done.issued or done.diff is None:
        print(f"case {args.case}: {rule}; nothing relevant changed - version {done.number} stands, "
              "every future block kept")
        return EXIT_OK
    print(weekly_table(done.plan))
    print()
    print("\n".join(diff_lines(done.diff, done.number - 1, done.number)))
    print()
    print(f"case {args.case}: {rule}; issued version {done.number} ({done.plan.solve.status}, full duty in week "
          f"{done.plan.full_duty_week}), {done.diff.blocks_kept} of {done.diff.blocks_before} blocks kept")
    return EXIT_OK


def cmd_case_list(args: argparse.Namespace) -> int:
    cases = _store(args).cases()
    if not cases:
        print("no cases in the record yet (rtw case new SCENARIO opens one)")
    for case in cases:
        print(f"case {case.id}: worker {case.worker_id}, scenario {case.scenario_id}, "
              f"version {case.latest_version}, opened {case.created_at:%Y-%m-%d} by {case.created_by}")
    return EXIT_OK


def cmd_case_log(args: argparse.Namespace) -> int:
    from rtw_scheduler.cases.history import decision_line
    from rtw_scheduler.cases.progress_input import entries_from_arguments, entries_from_csv

    entries = entries_from_csv(args.csv) if args.csv else entries_from_arguments(args)
    for decision in _store(args).log_progress(args.case, entries, _actor(args)):
        print(decision_line(decision))
    return EXIT_OK


def cmd_case_history(args: argparse.Namespace) -> int:
    from rtw_scheduler.cases.history import history_lines

    print("\n".join(history_lines(_store(args), args.case)))
    return EXIT_OK


def cmd_case_diff(args: argparse.Namespace) -> int:
    from rtw_scheduler.cases.diff import diff_plans
    from rtw_scheduler.cases.history import diff_lines

    store = _store(args)
    _, before = store.plan(args.case, args.before)
    _, after = store.plan(args.case, args.after)
    print("\n".join(diff_lines(diff_plans(before, after), args.before, args.after)))
    return EXIT_OK


def cmd_case_signoff(args: argparse.Namespace) -> int:
    signed = _store(args).sign_off(args.case, args.version, args.role, args.name, _actor(args))
    print(f"case {args.case} version {args.version}: signed by the {signed.role}, {signed.name}, "
          f"{signed.signed_at:%Y-%m-%d %H:%M} UTC")
    return EXIT_OK


def cmd_case_export(args: argparse.Namespace) -> int:
    unusable = unusable_output(args.output)
    if unusable:
        err(unusable)
        return EXIT_BAD_INPUT
    store = _store(args)
    record = store.record(args.case)
    write_one(args.output, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())
    store.note_export(args.case, _actor(args), f"whole record to {args.output.name}", args.reason)
    return EXIT_OK


def cmd_case_files(args: argparse.Namespace) -> int:
    unusable = unusable_outdir(args.outdir)
    if unusable:
        err(unusable)
        return EXIT_BAD_INPUT
    from rtw_scheduler.atomic import write_files_atomically
    from rtw_scheduler.calendar_versions import with_cancellations
    from rtw_scheduler.calendars import calendar_files
    from rtw_scheduler.exports import plan_output_files

    store = _store(args)
    number = args.version or store.case(args.case).latest_version
    scenario, plan = store.plan(args.case, number)
    files = plan_output_files(scenario, plan)

    def calendars(version: int) -> dict[str, bytes]:
        old_scenario, old_plan = (scenario, plan) if version == number else store.plan(args.case, version)
        return calendar_files(old_scenario, old_plan, args.ics, args.granularity, args.rest_days, args.review_every)

    if args.ics:
        current = calendars(number)
        for earlier in range(number - 1, 0, -1):  # newest first: an event is cancelled once
            previous = calendars(earlier)
            current = {name: with_cancellations(data, previous[name]) for name, data in current.items()}
        files.update(current)
    write_files_atomically(args.outdir, files, output_set="plan")
    store.note_export(args.case, _actor(args), f"version {number}: {', '.join(sorted(files))}")
    for name in files:
        print(f"wrote {args.outdir / name}")
    return EXIT_OK


DOCUMENT_SUFFIXES = (".pdf", ".html")


def cmd_case_document(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    unusable = unusable_output(args.output) or (
        None if suffix in DOCUMENT_SUFFIXES else f"{args.output}: give a .pdf or .html file name")
    if unusable:
        err(unusable)
        return EXIT_BAD_INPUT
    from rtw_scheduler.cases.document import plan_document_html, plan_document_pdf

    store = _store(args)
    version = store.version(args.case, args.version)
    scenario, plan = store.plan(args.case, version.number)
    html = plan_document_html(scenario, plan, version, args.audience)
    write_one(args.output, plan_document_pdf(html) if suffix == ".pdf" else html.encode())
    store.note_export(args.case, _actor(args), f"version {version.number}: {args.audience} document "
                                               f"{args.output.name}")
    return EXIT_OK
