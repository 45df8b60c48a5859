"""Generated scenarios for the property tests: realistic variations of the small packer
scenario (tests/fixtures/small_packer.yaml) in every number a clinician or a supervisor
writes, from comfortably plannable to impossible, and now and then out of range.

`scenario_data()` is a hypothesis strategy of plain scenario data (dicts, as read from a
file); the property tests run each through the same path as a user's file.
"""

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

BASE: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "small_packer.yaml").read_text(encoding="utf-8"))

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@st.composite
def shift(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.integers(min_value=5, max_value=10))
    length = draw(st.integers(min_value=3, max_value=10))
    pause = draw(st.sampled_from([0, 15, 30]))
    breaks = [{"start": f"{start + length // 2:02d}:00", "minutes": pause}] if pause else []
    return {"name": "Day", "kind": "day", "start": f"{start:02d}:00", "end": f"{start + length:02d}:00",
            "breaks": breaks}


def working_hours(shift: dict[str, Any]) -> float:
    """A shift's hours less its breaks."""
    hours = int(shift["end"][:2]) - int(shift["start"][:2])
    return hours - sum(pause["minutes"] for pause in shift["breaks"]) / 60


@st.composite
def scenario_data(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    worker, policy = data["worker"], data["policy"]
    days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=3, max_size=6, unique=True))
    day_shift = worker["shift_pattern"]["shifts"]["D"] = draw(shift())
    worker["shift_pattern"]["week"] = {day: "D" for day in days}
    rostered = int(len(days) * (working_hours(day_shift) - 0.25))  # less the warm-up
    # contracted hours are what the roster holds, now and then a little more (a data error)
    worker["contracted_hours_per_week"] = max(1, rostered + draw(st.sampled_from([0, 0, 0, -2, 2])))
    worker["baseline"]["heaviest_load_kg"] = draw(st.sampled_from([0, 2, 5, 10]))
    worker["baseline"]["weekly_exposure"]["work_hours"] = round(
        worker["contracted_hours_per_week"] * draw(st.integers(min_value=1, max_value=6)) / 10)
    worker["baseline"]["weekly_exposure"]["lifting"] = draw(st.integers(min_value=0, max_value=3000))
    worker["risk_factors"] = draw(st.sampled_from([[], ["smoking"]]))
    for task in data["tasks"][1:]:
        task["exposure_per_hour"]["lifting"] = draw(st.integers(min_value=10, max_value=400))
        task["heaviest_load_kg"] = draw(st.sampled_from([1, 2, 5, 8, 12]))
    for offer in data["availability"]["offers"]:  # the duties fill a day, now and then not quite
        offer["hours_per_day"] = draw(st.sampled_from([0.5, 0.75, 1.0, 1.0])) * working_hours(day_shift)
    policy["horizon_weeks"] = draw(st.integers(min_value=4, max_value=16))
    for increment in policy["increments"].values():
        increment["percent"] = draw(st.integers(min_value=10, max_value=40))
    # the first phase caps a day at 2 h (the shortest day) to a full shift; the last allows a full shift
    full_day = max(2.0, working_hours(day_shift))
    first_cap = draw(st.integers(min_value=8, max_value=int(full_day * 4))) / 4
    for phase, cap in zip(policy["phases"], (first_cap, full_day), strict=True):
        phase["min_weeks"] = draw(st.integers(min_value=1, max_value=3))
        phase["daily_hours_cap"] = cap
    # the job's lifting lies between a day of the lightest duty and a day of the heaviest, now and then beyond
    rates = sorted(task["exposure_per_hour"]["lifting"] for task in data["tasks"][1:])
    mix = draw(st.sampled_from([0.1, 0.3, 0.5, 0.7, 0.9, 1.3]))
    hourly = rates[0] + mix * (rates[-1] - rates[0])
    policy["target"]["weekly_exposure"]["lifting"] = max(1, round(0.9 * hourly * worker["contracted_hours_per_week"]))
    return data
