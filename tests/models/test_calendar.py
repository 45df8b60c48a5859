"""The roster as the planner and checker read it: shifts, nights, DST, rotations, blackouts."""

import datetime as dt
from zoneinfo import ZoneInfo

from models.shifts import RotatingPattern, ShiftKind, ShiftTemplate, WeeklyPattern, shift_on

LONDON = ZoneInfo("Europe/London")
NIGHT = ShiftTemplate(name="Night", kind=ShiftKind.night, start=dt.time(19), end=dt.time(7, 30),
                      breaks=[{"start": dt.time(1), "minutes": 30}])  # type: ignore[list-item]


def test_a_night_shift_ends_the_next_morning_and_its_late_break_falls_after_midnight() -> None:
    pattern = WeeklyPattern(shifts={"N": NIGHT}, week={"mon": "N"})  # type: ignore[dict-item]
    shift = shift_on(pattern, dt.date(2027, 1, 4), LONDON)
    assert shift is not None
    assert shift.span.end == dt.datetime(2027, 1, 5, 7, 30, tzinfo=LONDON)
    assert shift.breaks[0].start == dt.datetime(2027, 1, 5, 1, 0, tzinfo=LONDON)
    assert shift.span.minutes == 12 * 60 + 30


def test_a_night_over_the_autumn_clock_change_is_an_hour_longer() -> None:
    pattern = WeeklyPattern(shifts={"N": NIGHT}, week={"sat": "N"})  # type: ignore[dict-item]
    shift = shift_on(pattern, dt.date(2027, 10, 30), LONDON)
    assert shift is not None and shift.span.minutes == 13 * 60 + 30


def test_a_rotation_repeats_from_its_anchor_in_both_directions() -> None:
    pattern = RotatingPattern(shifts={"N": NIGHT}, anchor_date=dt.date(2027, 1, 1), cycle=["N", None, None])
    assert pattern.code_on(dt.date(2027, 1, 4)) == "N"
    assert pattern.code_on(dt.date(2026, 12, 29)) == "N"
    assert pattern.code_on(dt.date(2027, 1, 5)) is None
