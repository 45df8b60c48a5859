"""Re-planning, timed: each bundled example planned, then re-planned after a reassessment; prints a table.

Usage: python -m benchmarks.replan [--runs N]. Medians over N runs (default 3) of the re-plan's
planning (rtw_scheduler.cases.replan.replanned_scenario, then make_plan with the version in force
to keep), one solver worker, on this machine; the store's own writes are left out (milliseconds).
The reassessments: week 2 held (pain during work 4/10), and week 3 stepped back (7/10), each after
weeks as planned. "kept" is the share of the version's blocks the re-plan kept, by day.
"""

import datetime as dt
import statistics
import time
from pathlib import Path

from benchmarks.machine import runs_on_this_machine
from models.plan import Plan
from models.progress import ProgressEntry
from models.scenario import Scenario
from rtw_scheduler.cases.diff import diff_plans
from rtw_scheduler.cases.monitoring import decide
from rtw_scheduler.cases.replan import replanned_scenario
from rtw_scheduler.cases.store import Progress
from rtw_scheduler.planning import make_plan
from rtw_scheduler.scenario_io import load_scenario

ROOT = Path(__file__).resolve().parent.parent
REASSESSMENTS = {"hold after week 2": (2, 4.0), "step back after week 3": (3, 7.0)}
"""The week reassessed and the pain during work there (the weeks before: 1/10, settled)."""


def logged(scenario: Scenario, last_week: int, pain: float) -> list[Progress]:
    """Weeks 1 to `last_week` reassessed: well tolerated, then `pain` during work in the last."""
    found: list[Progress] = []
    for week in range(1, last_week + 1):
        entry = ProgressEntry(week=week, pain_during=pain if week == last_week else 1.0, pain_next_morning=0.0)
        decision = decide(entry, [(p.entry, p.decision) for p in found], scenario.policy.monitoring)
        found.append(Progress(week, 1, entry, decision, "benchmark", dt.datetime.now(dt.UTC)))
    return found


def row(name: str, scenario: Scenario, plan: Plan, reassessment: str, runs: int) -> str:
    week, pain = REASSESSMENTS[reassessment]
    replanned = replanned_scenario(scenario, plan, logged(scenario, week, pain))
    assert replanned is not None
    times, again = [], None
    for _ in range(runs):
        started = time.perf_counter()
        again = make_plan(replanned, keep=plan).plan
        times.append(time.perf_counter() - started)
    assert again is not None
    diff = diff_plans(plan, again)
    kept = f"{100 * diff.blocks_kept / max(1, diff.blocks_before):.0f} %"
    return (f"| {name} | {reassessment} | {again.solve.status} | {plan.full_duty_week} -> {again.full_duty_week} "
            f"| {kept} | {statistics.median(times):.2f} |")


def main() -> None:
    runs = runs_on_this_machine(__doc__)
    print("| case | reassessment | status | full duty | kept | re-plan s |")
    print("|---|---|---|---|---:|---:|")
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        if path.stem.startswith("infeasible"):
            continue
        scenario = load_scenario(path)
        plan = make_plan(scenario).plan
        for reassessment in REASSESSMENTS:
            print(row(path.stem, scenario, plan, reassessment, runs), flush=True)


if __name__ == "__main__":
    main()
