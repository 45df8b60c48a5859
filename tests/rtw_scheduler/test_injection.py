"""Text is data, never code: hostile names through every CSV, HTML and ICS writer.

Each writer is given names a spreadsheet, a browser or a calendar program might run or
split on, and its output is read back the way those programs read it: the csv module,
an HTML parser, icalendar. The names are set on copies without validation, so the
writers are proven safe whatever the input checks let through.
"""

import csv
import html.parser
import io
import re

import icalendar
import pytest
import vobject

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.calendars import calendar_for, team_zip
from rtw_scheduler.compare import VariantResult, compare_files, weekly_load_html
from rtw_scheduler.exports import csv_bytes, plan_csv, spreadsheet_safe, weekly_csv

HOSTILE = ["=1+1", "Restock\r=1+1", "a\nb", '"quoted"', "</script><script>alert(1)</script>",
           "\r\nATTENDEE:mailto:x@y"]
SCRIPT_NAME = "</script><script>alert(1)</script>"
FORMULA_STARTS = ("=", "+", "-", "@", "\t")
AUDIENCES = ("worker", "supervisor", "hr", "clinician")


def renamed(plan: Plan, task_id: str, name: str) -> Plan:
    """A copy of `plan` whose blocks of `task_id` carry `name` (set without validation)."""
    copy = plan.model_copy(deep=True)
    for block in (b for w in copy.weeks for d in w.days for b in d.blocks if b.task_id == task_id):
        object.__setattr__(block, "task_name", name)
    return copy


def named(scenario: Scenario, display_name: str) -> Scenario:
    copy = scenario.model_copy(deep=True)
    object.__setattr__(copy.worker, "display_name", display_name)
    return copy


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def assert_neutral(cell: str) -> None:
    assert "\r" not in cell and "\n" not in cell, repr(cell)
    assert not cell.lstrip(" ").startswith(FORMULA_STARTS), repr(cell)


def blocks_of(plan: Plan) -> int:
    return sum(len(d.blocks) for w in plan.weeks for d in w.days)


# --- CSV -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_plan_csv_keeps_one_row_per_block_with_a_hostile_task_name(
        small_scenario: Scenario, small_plan: Plan, name: str) -> None:
    plan = renamed(small_plan, "pack", name)
    data = plan_csv(small_scenario, plan)

    table = read_csv(data)
    assert len(table) == 1 + blocks_of(plan)
    assert data.decode("utf-8").count("\n") == len(table)  # one physical line per row, too
    assert all(len(row) == len(table[0]) for row in table)
    packed = [row[6] for row in table[1:] if row[5] == "pack"]
    assert packed
    for cell in packed:
        assert_neutral(cell)


@pytest.mark.parametrize("name", HOSTILE)
def test_weekly_csv_keeps_one_row_per_week_with_a_hostile_phase_name(small_plan: Plan, name: str) -> None:
    plan = small_plan.model_copy(deep=True)
    object.__setattr__(plan.weeks[0], "phase", name)

    table = read_csv(weekly_csv(plan))

    assert len(table) == 1 + len(plan.weeks)
    assert_neutral(table[1][table[0].index("phase")])


def test_kpis_csv_keeps_one_row_per_variant_with_hostile_names(
        small_scenario: Scenario, small_plan: Plan) -> None:
    results = [VariantResult(name, small_plan, small_scenario) for name in HOSTILE]

    table = read_csv(compare_files(results)["kpis.csv"])

    assert len(table) == 1 + len(HOSTILE)
    for row in table[1:]:
        assert_neutral(row[0])


@pytest.mark.parametrize(("text", "expected"), [
    ("Restock\r=1+1", "Restock =1+1"), ("a\nb", "a b"), ("a\r\nb", "a b"), ("a\u2028b", "a b"),
    ("\r=1", "' =1"), ("\n@SUM(A1)", "' @SUM(A1)"), ("  =1+1", "'  =1+1")])
def test_a_line_break_in_a_cell_becomes_a_space_and_what_follows_cannot_run(text: str, expected: str) -> None:
    assert spreadsheet_safe(text) == expected


def test_cells_with_a_comma_or_a_quote_are_quoted_and_read_back_whole() -> None:
    data = csv_bytes([{"a": 'say "hi", then go', "b": 1}], ["a", "b"])

    assert data == b'a,b\n"say ""hi"", then go",1\n'
    assert read_csv(data) == [["a", "b"], ['say "hi", then go', "1"]]


def test_a_header_named_like_a_formula_is_neutralised() -> None:
    assert read_csv(csv_bytes([], ["=cmd", "ok"]))[0] == ["'=cmd", "ok"]


# --- HTML ------------------------------------------------------------------------------------------


class Page(html.parser.HTMLParser):
    """What a browser would see: the tags, their attributes and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def hostile_page(small_scenario: Scenario, small_plan: Plan) -> Page:
    results = [VariantResult(name, small_plan, small_scenario) for name in HOSTILE]
    page = Page()
    page.feed(weekly_load_html(results))
    return page


def test_the_weekly_load_page_runs_no_script(hostile_page: Page) -> None:
    assert "script" not in hostile_page.tags
    assert [name for name, _value in hostile_page.attributes if name.startswith("on")] == []


def test_the_weekly_load_page_loads_nothing_from_the_network(hostile_page: Page) -> None:
    links = [value for name, value in hostile_page.attributes if name in ("src", "href", "xlink:href")]
    assert [link for link in links if re.match(r"\s*(https?:)?//", link)] == []


def test_the_weekly_load_page_draws_the_chart_inline(hostile_page: Page) -> None:
    assert "svg" in hostile_page.tags
    csp = dict(hostile_page.attributes).get("content", "")
    assert "default-src 'none'" in csp


def test_a_variant_named_like_a_script_is_shown_as_text(hostile_page: Page) -> None:
    shown = hostile_page.text + [value for _name, value in hostile_page.attributes]
    assert any(SCRIPT_NAME in value for value in shown)


# --- ICS -------------------------------------------------------------------------------------------


def ics_lines(data: bytes) -> list[bytes]:
    """The unfolded content lines; a bare CR or LF anywhere else would be a line break to some parser."""
    unfolded = data.replace(b"\r\n ", b"")
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", unfolded) is None
    return unfolded.split(b"\r\n")


def as_icalendar_keeps_it(text: str) -> str:
    """icalendar writes every line break (CR LF, CR, LF) as the escaped newline `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_task_name_stays_inside_its_summary(
        small_scenario: Scenario, small_plan: Plan, audience: str, name: str) -> None:
    data = calendar_for(small_scenario, renamed(small_plan, "pack", name), audience, "block")

    assert not any(line.startswith(b"ATTENDEE") for line in ics_lines(data))
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert all("ATTENDEE" not in event for event in events)
    if audience != "hr":  # HR never sees task names
        assert any(str(event["SUMMARY"]).endswith(as_icalendar_keeps_it(name)) for event in events)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_worker_name_stays_inside_the_calendar_name(
        small_scenario: Scenario, small_plan: Plan, name: str) -> None:
    data = calendar_for(named(small_scenario, name), small_plan, "supervisor")

    calendar = icalendar.Calendar.from_ical(data)
    assert vobject.readOne(data.decode("utf-8")).x_wr_calname.value == f"Return to work – {as_icalendar_keeps_it(name)}"
    assert "ATTENDEE" not in calendar
    assert not any(line.startswith(b"ATTENDEE") for line in ics_lines(data))
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries and all(s.startswith(f"{as_icalendar_keeps_it(name)}: ") for s in summaries)


def test_a_hostile_worker_name_stays_inside_the_team_calendar(small_scenario: Scenario, small_plan: Plan) -> None:
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(team_zip([(named(small_scenario, HOSTILE[-1]), small_plan)], "hr")))
    data = archive.read("team.ics")

    assert not any(line.startswith(b"ATTENDEE") for line in ics_lines(data))
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert events and all(str(e["SUMMARY"]).startswith("\nATTENDEE:mailto:x@y: ") for e in events)
