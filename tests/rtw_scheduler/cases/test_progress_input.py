"""A CSV of weekly reassessments: read whole, or refused with the file, line and column."""

from pathlib import Path

import pytest

from rtw_scheduler.cases.progress_input import entries_from_csv
from rtw_scheduler.scenario_io import InputError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "weeks.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_column_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "week,pain_during,pain_next_morning,fatigue,flare_up,adherence_percent,repetitions,"
                           "notes,tolerated_work_hours\n1,2,1,3,no,90,40,ok,12.5\n2,1,0,,yes,,,,\n")
    first, second = entries_from_csv(path)
    assert (first.week, first.fatigue, first.flare_up, first.adherence_percent) == (1, 3, False, 90)
    assert first.tolerated == {"work_hours": 12.5} and first.notes == "ok"
    assert second.flare_up and second.tolerated is None and second.fatigue is None


def test_a_bad_cell_is_named_by_file_line_and_column_once(tmp_path: Path) -> None:
    path = write(tmp_path, "week,pain_during,pain_next_morning,flare_up\n1,x,0,perhaps\n2,11,0,no\n")
    with pytest.raises(InputError) as raised:
        entries_from_csv(path)
    assert str(raised.value).splitlines() == [
        f"{path}: line 2.pain_during: 'x' is not a number",
        f"{path}: line 2.flare_up: 'perhaps' is not yes or no",
        f"{path}: line 3.pain_during: Input should be less than or equal to 10"]


def test_an_unknown_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown column 'mood'"):
        entries_from_csv(write(tmp_path, "week,pain_during,pain_next_morning,mood\n1,1,0,fine\n"))


def test_a_file_with_no_weeks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no weeks"):
        entries_from_csv(write(tmp_path, "week,pain_during,pain_next_morning\n"))
