"""The certificate of capacity in the calendars: its restrictions where the supervisor reads duties, and
the practitioner's reviews in the worker's and the clinician's calendars only."""

import io
import re
import zipfile

import icalendar
import pytest

from models.plan import Plan
from models.scenario import Scenario
from rtw_scheduler.calendar_facts import plan_week_facts
from rtw_scheduler.calendar_phrases import restrictions
from rtw_scheduler.calendars import calendar_for, team_zip
from tests.certificate import certified, certified_plan

FIRST = ("Certificate restriction: at most 4.5 h a day; at most 5 days a week; nothing over 5 kg lifted or carried; "
         "no overhead work (certificate of capacity, 2027-01-04, until the review on 2027-01-13).")
LATER = "Certificate restriction: not Pack orders (certificate of capacity, 2027-01-04, from week 3)."
REVIEW_UID = "rtw-W-7-20270113-capacity-review@rtw-scheduler"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return certified()


@pytest.fixture(scope="module")
def plan(scenario: Scenario) -> Plan:
    return certified_plan(scenario)


def events(data: bytes) -> list[icalendar.Component]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def descriptions(data: bytes, week: int, plan: Plan) -> list[str]:
    """The descriptions of the events on worked days of plan week `week` (1-based)."""
    days = {f"{d.date:%Y%m%d}" for d in plan.weeks[week - 1].days if d.blocks}
    return [str(e.get("DESCRIPTION", "")) for e in events(data)
            if re.search(r"-(\d{8})-", str(e["UID"])).group(1) in days]  # type: ignore[union-attr]


@pytest.mark.parametrize("granularity", ["shift", "block"])
def test_the_supervisor_reads_each_weeks_certificate_restrictions_beside_the_duties(
        scenario: Scenario, plan: Plan, granularity: str) -> None:
    data = calendar_for(scenario, plan, "supervisor", granularity)

    first, third = descriptions(data, 1, plan), descriptions(data, 3, plan)
    assert first and all(FIRST in text and LATER not in text for text in first)
    assert third and all(LATER in text and FIRST not in text for text in third)


def test_the_team_calendar_carries_the_restriction_lines(scenario: Scenario, plan: Plan) -> None:
    archive = zipfile.ZipFile(io.BytesIO(team_zip([(scenario, plan)], "supervisor")))

    found = [str(e.get("DESCRIPTION", "")) for e in events(archive.read("team.ics"))]
    assert any(FIRST in text for text in found) and any(LATER in text for text in found)


@pytest.mark.parametrize("audience", ["worker", "clinician"])
def test_a_capacity_review_is_an_all_day_event_for_the_worker_and_the_clinician(
        scenario: Scenario, plan: Plan, audience: str) -> None:
    review = next(e for e in events(calendar_for(scenario, plan, audience)) if str(e["UID"]) == REVIEW_UID)

    assert str(review["SUMMARY"]).endswith("Capacity review (GP, Dr Lee)")
    assert review.decoded("DTSTART").isoformat() == "2027-01-13"
    assert review.decoded("DTEND").isoformat() == "2027-01-14"


@pytest.mark.parametrize("audience", ["supervisor", "hr"])
def test_the_employer_never_sees_the_capacity_review_or_the_reviewer(
        scenario: Scenario, plan: Plan, audience: str) -> None:
    data = calendar_for(scenario, plan, audience, rest_days=True)

    assert REVIEW_UID not in [str(e["UID"]) for e in events(data)]
    assert "Dr Lee" not in data.replace(b"\r\n ", b"").decode("utf-8")


def test_hr_reads_no_restriction(scenario: Scenario, plan: Plan) -> None:
    data = calendar_for(scenario, plan, "hr", "block").replace(b"\r\n ", b"").decode("utf-8")

    assert "Certificate restriction" not in data and "certificate" not in data


def test_the_worker_reads_the_restrictions_too(scenario: Scenario, plan: Plan) -> None:
    assert all(FIRST in text for text in descriptions(calendar_for(scenario, plan, "worker"), 1, plan))


def test_capacity_review_uids_stay_across_plan_versions(scenario: Scenario, plan: Plan) -> None:
    reissued = plan.model_copy(update={"version": 2})

    def uids(version: Plan) -> list[str]:
        return [str(e["UID"]) for e in events(calendar_for(scenario, version, "worker"))]

    assert uids(plan) == uids(reissued) and REVIEW_UID in uids(plan)


def test_the_week_s_restriction_line_never_allows_what_the_certificate_takes_away() -> None:
    scenario = certified([{"source": "certificate", "until_week": 2, "max_hours_per_day": 3, "max_days_per_week": 3,
                           "banned_dimensions": ["overhead"]}], [])
    facts = plan_week_facts(scenario, certified_plan(scenario))

    assert facts[1].daily_hours_cap == 3  # the phase allows 4
    assert facts[1].hours.limit is not None and facts[1].hours.limit <= 9
    words = restrictions(facts[1])
    assert "no overhead work" in words and "at most 3 h a day" in words
    assert facts[3].daily_hours_cap == 4 and "no overhead work" not in restrictions(facts[3])
