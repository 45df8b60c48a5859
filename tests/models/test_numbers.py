"""Numbers for people: a limit is never printed above what it is (models.numbers)."""

import pytest

from models.numbers import cut, limit, number
from rtw_scheduler.report import limit_number
from rtw_scheduler.report import number as table_number
from solver.checker.violation import limit_num


@pytest.mark.parametrize(("value", "shown"), [
    (0.75, "0.75"), (7.75, "7.75"), (2.16, "2.16"), (0.72 * 3, "2.16"), (24000, "24,000"), (4.0, "4")])
def test_a_limit_written_with_hundredths_reads_exactly_as_written(value: float, shown: str) -> None:
    assert limit(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(2.159, "2.15"), (0.755, "0.75"), (350.456, "350.45")])
def test_a_limit_with_more_decimals_is_cut_never_rounded_up(value: float, shown: str) -> None:
    assert limit(value) == shown
    assert float(shown) <= value


def test_a_measured_value_is_shown_to_the_nearest_hundredth() -> None:
    assert [number(7.754), number(7.756), number(24000), number(1650.0)] == ["7.75", "7.76", "24,000", "1,650"]


def test_the_terminal_tables_show_a_limit_of_0_75_as_0_75_not_0_8() -> None:
    assert [limit_number(0.75), limit_number(7.75), limit_number(2.16)] == ["0.75", "7.75", "2.16"]
    assert limit_number(150.6) == "150"  # whole numbers from 100: cut, not rounded to 151
    assert table_number(150.6) == "151" and limit_number(None) == "-"


@pytest.mark.parametrize(("value", "at_most"), [(1234.567, 1234.567), (0.7549, 0.755), (99.999, 99.999)])
def test_a_value_shown_against_a_limit_it_keeps_never_reads_above_it(value: float, at_most: float) -> None:
    """Rounded to the nearest, 1234.567 of 1234.567 would read '1235 of 1234'."""
    assert float(limit_number(value)) <= float(limit_number(at_most))
    assert cut(value) <= value


def test_the_checker_prints_a_limit_in_its_own_style_without_rounding_it_up() -> None:
    assert [limit_num(350), limit_num(0.75), limit_num(350.456), limit_num(0.72 * 3)] == [
        "350.0", "0.75", "350.45", "2.16"]
