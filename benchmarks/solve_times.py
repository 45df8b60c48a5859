"""Solve times of the bundled examples and of 12- and 52-week horizons; prints a table.

Usage: python benchmarks/solve_times.py [--runs N]. Medians over N runs (default 3),
one solver worker (the deterministic default), on this machine.
"""

import statistics
import time
from pathlib import Path

import yaml
from machine import runs_on_this_machine

from models.scenario import Scenario
from solver.solve import solve_scenario

ROOT = Path(__file__).resolve().parent.parent


def cases() -> list[tuple[str, Scenario]]:
    found = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        found.append((path.stem, Scenario.model_validate(yaml.safe_load(path.read_text()))))
    warehouse = yaml.safe_load((ROOT / "scenarios" / "warehouse_order_picker.yaml").read_text())
    for weeks in (12, 52):
        data = dict(warehouse)
        data["policy"] = {**warehouse["policy"], "horizon_weeks": weeks}
        found.append((f"warehouse, {weeks} weeks", Scenario.model_validate(data)))
    return found


def main() -> None:
    runs = runs_on_this_machine(__doc__)
    print(f"{'case':32} {'status':10} {'weeks':>5} {'full duty':>9} {'proven':>6} {'stage 1 s':>9} "
          f"{'total s':>8}  stage 2")
    for name, scenario in cases():
        totals, firsts = [], []
        outcome = None
        for _ in range(runs):
            started = time.perf_counter()
            outcome = solve_scenario(scenario)
            totals.append(time.perf_counter() - started)
            firsts.append(outcome.summary.stages[0].wall_time_s)
        assert outcome is not None
        summary = outcome.summary
        first = summary.stages[0]
        second = summary.stages[1] if len(summary.stages) > 1 else None
        detail = "-" if second is None else (second.note or f"gap {summary.gap or 0:.1%}")
        print(f"{name:32} {summary.status:10} {scenario.policy.horizon_weeks:>5} "
              f"{'-' if first.objective is None else int(first.objective) + 1:>9} "
              f"{'yes' if first.status in ('OPTIMAL', 'INFEASIBLE') else 'no':>6} {statistics.median(firsts):>9.2f} "
              f"{statistics.median(totals):>8.2f}  {detail}")


if __name__ == "__main__":
    main()
