"""Suggestions on generated infeasible scenarios: how many get one that really plans.

Usage: python -m benchmarks.suggestions [--cases N]. Draws N scenarios (default 120) from the
property tests' generator (tests/generated.py; derandomized, so the same N cases every run),
plans each under a 20 s limit, and for each with no plan (INFEASIBLE) asks for suggestions
under a 60 s limit, as `rtw plan` does. Prints, per conflict (the horizon left out, as it is in
nearly all), how many cases had it and how many got a suggestion, and which kinds planned.
Needs hypothesis (a test dependency).
"""

import argparse
import os
import platform
import re
import time
from collections import Counter, defaultdict
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings

from rtw_scheduler.planning import make_plan
from rtw_scheduler.relaxations import suggest_relaxations
from rtw_scheduler.scenario_io import InputError, parse_scenario
from solver.deadline import Deadline
from tests.generated import scenario_data

PLAN_LIMIT_S = 20.0
SUGGEST_LIMIT_S = 60.0


def drawn(count: int) -> list[dict[str, Any]]:
    """The first `count` scenarios the generator draws, the same every run."""
    found: list[dict[str, Any]] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(scenario_data())
    def collect(data: dict[str, Any]) -> None:
        found.append(data)

    collect()
    return found


def kind_of(description: str) -> str:
    """A suggestion's kind: its words before the first number or colon ('set the horizon to')."""
    return re.split(r"[\d:(]", description, maxsplit=1)[0].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=120)
    count = parser.parse_args().cases
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, 1 worker; {count} generated scenarios")
    by_conflict: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    kinds: Counter[str] = Counter()
    infeasible = helped = 0
    started = time.perf_counter()
    for data in drawn(count):
        try:
            scenario = parse_scenario(yaml.safe_dump(data), "generated.yaml")
        except InputError:
            continue
        solve = make_plan(scenario, deadline=Deadline(PLAN_LIMIT_S)).plan.solve
        if solve.status != "INFEASIBLE":
            continue
        found = suggest_relaxations(scenario, conflict=solve.conflict, deadline=Deadline(SUGGEST_LIMIT_S))
        key = tuple(sorted({p.path for p in solve.conflict or []} - {"policy.horizon_weeks"}))
        infeasible += 1
        by_conflict[key][0] += 1
        if found:
            helped += 1
            by_conflict[key][1] += 1
            kinds.update(kind_of(r.description) for r in found)
    print(f"\n{helped} of {infeasible} infeasible cases got a suggestion that plans "
          f"({time.perf_counter() - started:.0f} s in all)\n")
    print("| cases | helped | conflict (besides the horizon) |\n|---:|---:|---|")
    for key, (cases, got) in sorted(by_conflict.items(), key=lambda item: -item[1][0]):
        print(f"| {cases} | {got} | {', '.join(key)} |")
    print("\n| suggestions | kind |\n|---:|---|")
    for kind, times in kinds.most_common():
        print(f"| {times} | {kind} |")


if __name__ == "__main__":
    main()
