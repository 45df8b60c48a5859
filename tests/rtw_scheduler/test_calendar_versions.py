"""A new version's calendar cancels the events it drops, so readers remove them."""

from icalendar import Calendar

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.calendar_versions import with_cancellations
from rtw_scheduler.calendars import calendar_for


def _without_first_worked_day(plan: Plan) -> Plan:
    after = plan.model_copy(deep=True, update={"version": 2})
    day = next(day for week in after.weeks for day in week.days if day.blocks)
    day.blocks = []
    return after


def _events(ics: bytes) -> dict[str, tuple[str, int]]:
    return {str(e["UID"]): (str(e.get("STATUS", "")), int(e["SEQUENCE"]))
            for e in Calendar.from_ical(ics).walk("VEVENT")}


def test_an_event_the_new_version_drops_is_sent_cancelled_with_the_new_sequence(
        small_scenario: Scenario, small_plan: Plan) -> None:
    before = calendar_for(small_scenario, small_plan, "worker")
    after = calendar_for(small_scenario, _without_first_worked_day(small_plan), "worker")
    merged = _events(with_cancellations(after, before))
    dropped = set(_events(before)) - set(_events(after))
    assert dropped and {merged[uid] for uid in dropped} == {("CANCELLED", 2)}
    assert all(status != "CANCELLED" for uid, (status, _) in merged.items() if uid not in dropped)


def test_a_calendar_that_drops_nothing_is_left_byte_for_byte(small_scenario: Scenario, small_plan: Plan) -> None:
    ics = calendar_for(small_scenario, small_plan, "worker")
    assert with_cancellations(ics, ics) == ics
