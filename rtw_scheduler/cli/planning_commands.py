"""The `rtw` commands that run the solver: `plan` (with its why-no-plan report) and `compare`.

Solver, report and export modules are imported inside the commands, not here, so that
`rtw --help` and the file commands stay fast.
"""

import argparse
import datetime as dt
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.cli.exit_codes import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_NO_PLAN,
    EXIT_OK,
    EXIT_REJECTED,
    exit_for_signal,
)
from rtw_scheduler.cli.output import err, unusable_outdir, unusable_output, write_one
from rtw_scheduler.scenario_io import load_scenario
from solver import interrupts

if TYPE_CHECKING:
    from solver.deadline import Deadline
    from solver.solve import SolverParameters


def cmd_plan(args: argparse.Namespace) -> int:
    """Plans and writes; SIGINT or SIGTERM stops the whole run (solver.interrupts), the previous
    outputs left as they were, unless --keep-best has a complete plan to write."""
    with interrupts.handling_signals(keep_best=args.keep_best):
        return _plan(args)


def _plan(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    outdir: Path = args.outdir
    unusable = unusable_outdir(outdir) or (unusable_output(args.suggestions) if args.suggestions else None)
    if unusable:
        err(unusable)
        return EXIT_BAD_INPUT

    from rtw_scheduler.binding import why_not_faster
    from rtw_scheduler.planning import PlanRejected, make_plan
    from rtw_scheduler.privacy import clinical_words_in_ids
    from rtw_scheduler.report import roster_table, solve_summary, weekly_table
    from solver.deadline import Deadline
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

    for warning in clinical_words_in_ids(scenario):  # before a long solve, while it can still be changed
        err(warning)
    err(f"planning {scenario.id} ({len(scenario.tasks)} tasks, {scenario.horizon_in_words()})...")
    deadline = Deadline(args.time_limit)
    try:
        result = make_plan(scenario, params, progress, deadline=deadline)
    except PlanRejected as rejected:
        err("the independent checker rejected the solver's plan (a bug: please report it); "
            "no files were written:")
        for violation in rejected.violations:
            err(f"  {violation.family}: {violation.message}")
        return EXIT_REJECTED

    plan = result.plan
    if not result.has_plan:
        interrupts.raise_if_requested()  # with --keep-best: there is no plan to keep
        print(solve_summary(plan))
        if plan.solve.status == "MODEL_INVALID":
            err("internal error: the solver reports an invalid model; no files were written")
            return EXIT_INTERNAL
        if plan.solve.status == "INFEASIBLE":
            _why_no_plan(scenario, plan, params, args, deadline)
        err("no plan: no files were written")
        return EXIT_NO_PLAN
    issued_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    plan = plan.model_copy(update={"version": args.plan_version, "issued_at": issued_at})
    kept_after = interrupts.requested()  # only --keep-best gets here after a signal
    if kept_after is not None:
        plan = plan.model_copy(update={"solve": plan.solve.model_copy(update={"interrupted": True})})
    written = _write_plan_and_calendars(scenario, plan, outdir, args)
    interrupts.defer()  # the outputs are whole: printing what was written finishes first
    print(roster_table(plan, {task.id: task.name for task in scenario.tasks}))
    print()
    print(weekly_table(plan))
    print()
    print(solve_summary(plan))
    print()
    print(why_not_faster(plan))
    print()
    for path in written:
        print(f"wrote {path}")
    return _exit_after_writing(kept_after)


def _exit_after_writing(kept_after: int | None) -> int:
    """EXIT_OK, or the signal's exit code and what was written when one came."""
    signum = kept_after or interrupts.requested()
    if signum is None:
        return EXIT_OK
    name = signal.Signals(signum).name
    if kept_after is not None:
        err(f"rtw: interrupted by {name} (--keep-best): wrote the best plan found by then, "
            "marked interrupted in plan.json (solve.interrupted) and not proven best")
    else:
        err(f"rtw: interrupted by {name} after the outputs were written in full")
    return exit_for_signal(signum)


def _why_no_plan(scenario: Scenario, plan: Plan, params: "SolverParameters", args: argparse.Namespace,
                 deadline: "Deadline") -> None:
    """Prints the conflict in domain words and, unless told not to, relaxations that were planned."""
    from rtw_scheduler.relaxations import relaxation_lines, suggest_relaxations, variants_yaml
    from rtw_scheduler.why_no_plan import conflict_lines

    print()
    print("\n".join(conflict_lines(scenario, plan.solve)))
    if args.no_suggestions:
        return
    err("trying relaxations (each planned for real)...")
    relaxations = suggest_relaxations(scenario, params, plan.solve.conflict, deadline=deadline)
    print()
    print("\n".join(relaxation_lines(relaxations, scenario, plan.solve.conflict)))
    if args.suggestions and relaxations:
        write_one(args.suggestions, variants_yaml(relaxations).encode())
        print(f"compare them: rtw compare {args.scenario} --variants {args.suggestions} -o OUTDIR")


def _write_plan_and_calendars(scenario: Scenario, plan: Plan, outdir: Path, args: argparse.Namespace) -> list[Path]:
    """The plan's files (exports.plan_output_files) plus calendar-<audience>.ics for --ics, as the folder's
    "plan" set in one all-or-nothing write: files of the previous plan not written again (the
    calendars of audiences not asked for this time) go with it."""
    from rtw_scheduler.atomic import write_files_atomically
    from rtw_scheduler.calendars import calendar_files
    from rtw_scheduler.exports import plan_output_files

    files = plan_output_files(scenario, plan)
    if args.ics:
        files.update(calendar_files(scenario, plan, args.ics, args.granularity, args.rest_days, args.review_every))
    write_files_atomically(outdir, files, output_set="plan")
    return [outdir / name for name in files]


def cmd_compare(args: argparse.Namespace) -> int:
    from rtw_scheduler.scenario_io import load_scenario_data

    base = load_scenario_data(args.scenario)
    outdir: Path = args.outdir
    unusable = unusable_outdir(outdir)
    if unusable:
        err(unusable)
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
    err(f"planning the base and {len(variants)} variant(s), {workers} at a time...")
    with interrupts.handling_signals(keep_best=False):  # a signal stops every variant; nothing is written
        results = run_variants(scenarios, args.processes, args.time_per_stage, args.seed, args.time_limit,
                               done=lambda name: err(f"  planned {name}"))
        files = compare_files(results)
        write_files_atomically(outdir, files, output_set="compare")
    print(kpi_table(kpi_frame(results)))
    from rtw_scheduler.why_no_plan import conflict_sentence

    for result in results:
        if result.error:
            err(f"{result.name}: {result.error}")
        elif result.plan is not None and result.plan.solve.status == "INFEASIBLE":
            err(f"{result.name}: no plan. {conflict_sentence(result.scenario, result.plan.solve.conflict)}")
    print()
    for name in files:
        print(f"wrote {outdir / name}")
    return EXIT_OK
