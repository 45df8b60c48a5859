"""`python -m benchmarks [--runs N]`: every bundled example at its own horizon and at 12, 26
and 52 weeks, planned N times (median times quoted), with the shape of its plan and, beside
it, the spreadsheet ramp built for the same scenario and held to the same checker. Prints
the table and writes it to benchmarks/plans.md.
"""

import statistics
import time
from collections import Counter
from pathlib import Path

from benchmarks.machine import runs_on_this_machine
from benchmarks.shape import plan_shape
from benchmarks.spreadsheet_ramp import ramp_plan
from models.scenario import Scenario
from rtw_scheduler.planning import make_plan
from rtw_scheduler.scenario_io import load_scenario
from solver.checker import check

ROOT = Path(__file__).resolve().parent.parent
HORIZONS = (None, 12, 26, 52)
"""None: the example's own horizon."""
COLUMNS = ["case", "weeks", "status", "earliest", "weeks proven", "full duty", "stage 1 s", "total s",
           "day lengths", "shortest h", "unexplained falls", "run 1st phase", "ramp full duty", "ramp violations"]


def cases() -> list[tuple[str, Scenario]]:
    found = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        for weeks in HORIZONS:
            if weeks is not None and (weeks == scenario.policy.horizon_weeks or path.stem.startswith("infeasible")):
                continue
            policy = scenario.policy if weeks is None else scenario.policy.model_copy(update={"horizon_weeks": weeks})
            found.append((path.stem, scenario.model_copy(update={"policy": policy})))
    found.append(_with_a_risk_factor(ROOT / "scenarios" / "warehouse_order_picker.yaml"))
    return found


def _with_a_risk_factor(path: Path) -> tuple[str, Scenario]:
    """An example without risk factors given one (x0.9): the slower climb the planner finds hardest."""
    scenario = load_scenario(path)
    worker = scenario.worker.model_copy(update={"risk_factors": ["smoking"]})
    return f"{path.stem} + smoking", scenario.model_copy(update={"worker": worker})


def row(name: str, scenario: Scenario, runs: int) -> list[str]:
    totals, firsts = [], []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = make_plan(scenario)
        totals.append(time.perf_counter() - started)
        firsts.append(result.plan.solve.stages[0].wall_time_s)
    assert result is not None
    plan = result.plan
    stages = plan.solve.stages
    weeks = stages[1:]
    cells = [name, str(scenario.horizon_weeks), plan.solve.status, stages[0].status,
             f"{sum(s.status == 'OPTIMAL' for s in weeks)}/{len(weeks)}",
             "-" if plan.full_duty_week is None else str(plan.full_duty_week),
             f"{statistics.median(firsts):.2f}", f"{statistics.median(totals):.2f}"]
    if plan.weeks:
        shape = plan_shape(plan)
        cells += [str(shape.most_day_lengths), f"{shape.shortest_day_h:g}", str(shape.unexplained_falls),
                  str(shape.longest_run_first_phase)]
    else:
        cells += ["-"] * 4
    ramp = ramp_plan(scenario)
    violations = Counter(v.family for v in check(scenario, ramp))
    cells += ["-" if ramp.full_duty_week is None else str(ramp.full_duty_week),
              ", ".join(f"{family} {n}" for family, n in violations.most_common()) or "none"]
    return cells


def main() -> None:
    runs = runs_on_this_machine(__doc__)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    print(lines[0], flush=True)
    for name, scenario in cases():
        lines.append("| " + " | ".join(row(name, scenario, runs)) + " |")
        print(lines[-1], flush=True)
    (Path(__file__).parent / "plans.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
