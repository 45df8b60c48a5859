"""Why no plan, timed: the minimal conflict and the suggested changes for infeasible scenarios; prints a table.

Usage: python -m benchmarks.why_no_plan [--runs N]. Medians over N runs (default 3), one
solver worker (the deterministic default), on this machine. The cases: the bundled
infeasible example, the two infeasible test fixtures, the warehouse example's "4-day
week" what-if variant (docs/examples/warehouse_what_if.yaml), and the warehouse with
pallet building and order-picking offered 1 h a day: neither has a plan.
"""

import statistics
import time
from pathlib import Path

from benchmarks.machine import runs_on_this_machine
from models.scenario import Scenario
from rtw_scheduler.compare import Variant, load_variants, variant_scenarios
from rtw_scheduler.relaxations import suggest_relaxations
from rtw_scheduler.scenario_io import load_scenario, load_scenario_data
from solver.build import build_model
from solver.diagnose import find_conflict

ROOT = Path(__file__).resolve().parent.parent


def cases() -> list[tuple[str, Scenario]]:
    found = [(path.stem, load_scenario(path)) for path in [
        ROOT / "scenarios" / "infeasible_target_date.yaml",
        ROOT / "tests" / "fixtures" / "infeasible_offers.yaml",
        ROOT / "tests" / "fixtures" / "infeasible_rest_days.yaml"]]
    examples = ROOT / "docs" / "examples" / "warehouse_what_if.yaml"
    base = load_scenario_data(ROOT / "scenarios" / "warehouse_order_picker.yaml")
    four_days = variant_scenarios(base, [v for v in load_variants(examples) if v.name == "4-day week"], str(examples))
    found.append(("warehouse, 4-day week", Scenario.model_validate(four_days["4-day week"])))
    little = Variant("1 h of picking", {"availability.offers[5].hours_per_day": 1,
                                        "availability.offers[6].hours_per_day": 1})
    cut = variant_scenarios(base, [little], "benchmark")[little.name]
    found.append(("warehouse, 1 h of picking", Scenario.model_validate(cut)))
    return found


def main() -> None:
    runs = runs_on_this_machine(__doc__)
    print(f"{'case':26} {'promises':>8} {'conflict':>8} {'minimal':>7} {'diagnose s':>10} {'suggest s':>9}  found")
    for name, scenario in cases():
        diagnosing, suggesting = [], []
        for _ in range(runs):
            started = time.perf_counter()
            conflict = find_conflict(scenario)
            diagnosing.append(time.perf_counter() - started)
            started = time.perf_counter()
            found = suggest_relaxations(scenario, conflict=conflict.promises)
            suggesting.append(time.perf_counter() - started)
        promises = len(build_model(scenario, diagnose=True).context.guards)
        kinds = ", ".join(r.description.split(":")[0].split(",")[0] for r in found) or "-"
        print(f"{name:26} {promises:>8} {len(conflict.promises):>8} {'yes' if conflict.minimal else 'no':>7} "
              f"{statistics.median(diagnosing):>10.2f} {statistics.median(suggesting):>9.2f}  {kinds}")


if __name__ == "__main__":
    main()
