"""Calendar exports (.ics): right instants in every parser, stable UIDs, each audience sees its share."""

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from models.plan import Block, DayPlan, Plan, SolveSummary, WeekPlan
from models.scenario import Scenario
from models.shifts import Weekday
from rtw_scheduler.calendar_text import PAIN_REMINDER, WARM_UP_REMINDER
from rtw_scheduler.calendars import CalendarError, calendar_for, team_zip
from rtw_scheduler.cli import main

UTC = dt.UTC
AUDIENCES = ("worker", "supervisor", "hr", "clinician")
NON_CLINICIANS = ("worker", "supervisor", "hr")

ODD_NAME = "Zoë Ångström, Jr.; night\ncrew"
ODD_TASK = "Pack orders, large; fragile"
PRIVATE_MARKERS = ("ZZ-DIAGNOSIS-7731", "ZZ-HISTORY-5521", "ZZ-NOTES-9043", "zz_risk_factor_4410",
                   "ZZ-APPOINTMENT-KIND-3307")
"""Distinctive text in the odd scenario's clinical record, risk factors and appointment kind."""


# --- scenarios and plans -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def odd_scenario(small_scenario: Scenario) -> Scenario:
    """The small scenario with an awkward name, a task name with separators, an appointment, a
    blackout, and distinctive strings in everything private."""
    data = small_scenario.model_dump(mode="json")
    data["id"] = "odd-packer"
    worker = data["worker"]
    worker["id"] = "W-8"
    worker["display_name"] = ODD_NAME
    worker["risk_factors"] = ["zz_risk_factor_4410"]
    worker["clinical"] = {"diagnosis": "ZZ-DIAGNOSIS-7731 L4/L5 disc prolapse, acute; left",
                          "history": "ZZ-HISTORY-5521 second episode",
                          "notes": "ZZ-NOTES-9043 anxious about lifting"}
    data["policy"]["risk_factor_adjustments"] = {"zz_risk_factor_4410": 0.9}
    next(t for t in data["tasks"] if t["id"] == "pack")["name"] = ODD_TASK
    data["availability"]["appointments"] = [
        {"date": "2027-01-12", "start": "11:00", "end": "12:00", "kind": "ZZ-APPOINTMENT-KIND-3307 physio"}]
    data["availability"]["blackouts"] = [{"date": "2027-01-15", "reason": "Stock-take"}]
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def odd_plan(planning_ready: None, odd_scenario: Scenario) -> Plan:
    from rtw_scheduler.planning import make_plan
    from solver.solve import SolverParameters

    result = make_plan(odd_scenario, SolverParameters(deterministic_time_per_stage=1.0))
    assert result.has_plan
    return result.plan


def zoned_scenario(small_scenario: Scenario, zone: str, start: dt.date, worker_id: str = "W-7",
                   name: str = "Test Worker") -> Scenario:
    data = small_scenario.model_dump(mode="json")
    data["id"] = f"hand-{worker_id}"
    data["worker"].update(time_zone=zone, plan_start_date=start.isoformat(), id=worker_id, display_name=name)
    return Scenario.model_validate(data)


def shift_blocks(start: dt.datetime, minutes: list[int]) -> list[Block]:
    """Back-to-back blocks from `start` (warm-up, then label and pack alternately), each lasting
    its real minutes: ends are computed in UTC, so a daylight-saving change inside is exact."""
    blocks, at = [], start
    for index, length in enumerate(minutes):
        end = (at.astimezone(UTC) + dt.timedelta(minutes=length)).astimezone(start.tzinfo)
        task = "warm-up" if index == 0 else ("label", "pack")[index % 2]
        blocks.append(Block(task_id=task, task_name={"warm-up": "Warm-up", "label": "Label returns",
                                                     "pack": "Pack orders"}[task],
                            start=at, end=end, minutes=length, warm_up=task == "warm-up"))
        at = end
    return blocks


def hand_plan(scenario: Scenario, shifts: dict[dt.date, list[Block]]) -> Plan:
    """A one-week plan with the given shifts (the calendar does not re-check the roster)."""
    start = scenario.worker.plan_start_date
    days = [DayPlan(date=day, weekday=Weekday.of(day), shift_code="D" if day in shifts else None,
                    blocks=shifts.get(day, []))
            for day in (start + dt.timedelta(days=i) for i in range(7))]
    hours = sum(b.minutes for blocks in shifts.values() for b in blocks) / 60
    week = WeekPlan(number=1, start_date=start, phase="technique", exposure={"work_hours": hours},
                    heaviest_load_kg=5, heaviest_load_limit_kg=7.5, days=days)
    return Plan(scenario_id=scenario.id, worker_id=scenario.worker.id, time_zone=scenario.worker.time_zone,
                slot_minutes=15, solve=SolveSummary(status="FEASIBLE"), weeks=[week])


def at(zone: str, text: str, fold: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone), fold=fold)


# --- reading calendars back ----------------------------------------------------------------------


Times = dict[str, tuple[dt.datetime | dt.date, dt.datetime | dt.date]]


def _utc(value: Any) -> Any:
    return value.astimezone(UTC) if isinstance(value, dt.datetime) else value


def icalendar_times(data: bytes) -> Times:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): (_utc(e.decoded("DTSTART")), _utc(e.decoded("DTEND"))) for e in calendar.walk("VEVENT")}


def vobject_times(data: bytes) -> Times:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: (_utc(e.dtstart.value), _utc(e.dtend.value)) for e in calendar.vevent_list}


def vtimezone_times(data: bytes) -> Times:
    """Timed events read with the file's own VTIMEZONE (dateutil's reading of it), not the zone name."""
    calendar = vobject.readOne(data.decode("utf-8"))
    zones = {tz.tzid.value: tz.gettzinfo() for tz in calendar.vtimezone_list}
    times: Times = {}
    for event in calendar.vevent_list:
        ends = []
        for line in (event.dtstart, event.dtend):
            tzid = line.params.get("TZID", [None])[0]
            ends.append(line.value.replace(tzinfo=zones[tzid]).astimezone(UTC) if tzid else _utc(line.value))
        times[event.uid.value] = (ends[0], ends[1])
    return times


def all_parsers_agree(data: bytes) -> Times:
    times = icalendar_times(data)
    assert vobject_times(data) == times
    assert vtimezone_times(data) == times
    return times


def shift_uid(plan: Plan, day: dt.date) -> str:
    return f"rtw-{plan.worker_id}-{day:%Y%m%d}-shift@rtw-scheduler"


def planned_shifts(plan: Plan) -> Times:
    return {shift_uid(plan, d.date): (d.blocks[0].start.astimezone(UTC), d.blocks[-1].end.astimezone(UTC))
            for w in plan.weeks for d in w.days if d.blocks}


def planned_blocks(plan: Plan) -> list[tuple[dt.datetime, dt.datetime]]:
    return sorted((b.start.astimezone(UTC), b.end.astimezone(UTC))
                  for w in plan.weeks for d in w.days for b in d.blocks)


def timed(times: Times, kind: str) -> Times:
    return {uid: span for uid, span in times.items() if uid.endswith(f"-{kind}@rtw-scheduler")}


def unescape(raw: str) -> str:
    """RFC 5545 TEXT unescaping, for properties icalendar reads back as raw (NAME, X-WR-...)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def text_of(value: Any) -> str:
    if isinstance(value, icalendar.vText):
        return str(value)
    if isinstance(value, icalendar.vCategory):
        return ",".join(value.cats)
    if isinstance(value, icalendar.vUnknown):
        return unescape(str(value))
    raw = value.to_ical()
    return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)


def texts(data: bytes) -> list[str]:
    """The decoded text of every property of every component, and the unfolded file itself."""
    found = [data.replace(b"\r\n ", b"").decode("utf-8")]
    for component in icalendar.Calendar.from_ical(data).walk():
        for values in component.values():
            found += [text_of(value) for value in (values if isinstance(values, list) else [values])]
    return found


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


# --- structure and instants ----------------------------------------------------------------------


def test_a_calendar_has_the_publishing_headers_and_the_workers_time_zone(
        small_scenario: Scenario, small_plan: Plan) -> None:
    calendar = icalendar.Calendar.from_ical(calendar_for(small_scenario, small_plan, "worker"))

    assert str(calendar["PRODID"]).startswith("-//rtw-scheduler//")
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"]), str(calendar["METHOD"])) == (
        "2.0", "GREGORIAN", "PUBLISH")
    assert str(calendar["X-WR-CALNAME"]) == "Return to work – Test Worker"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_shift_event_spans_the_shifts_blocks_in_every_parser(
        small_scenario: Scenario, small_plan: Plan, audience: str) -> None:
    data = calendar_for(small_scenario, small_plan, audience)

    assert timed(all_parsers_agree(data), "shift") == planned_shifts(small_plan)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_block_granularity_gives_one_event_per_block_at_its_instants(
        small_scenario: Scenario, small_plan: Plan, audience: str) -> None:
    data = calendar_for(small_scenario, small_plan, audience, granularity="block")

    assert sorted(timed(all_parsers_agree(data), "block").values()) == planned_blocks(small_plan)


def test_every_timed_start_and_end_names_the_workers_zone(small_scenario: Scenario, small_plan: Plan) -> None:
    data = calendar_for(small_scenario, small_plan, "worker", granularity="block")

    zones = [event[name].params.get("TZID") for event in events(data) for name in ("DTSTART", "DTEND")
             if isinstance(event.decoded(name), dt.datetime)]
    assert zones and set(zones) == {"Europe/London"}


def test_a_shift_description_lists_each_block_with_its_times(small_scenario: Scenario, small_plan: Plan) -> None:
    day = next(d for w in small_plan.weeks for d in w.days if d.blocks)
    event = next(e for e in events(calendar_for(small_scenario, small_plan, "worker"))
                 if str(e["UID"]) == shift_uid(small_plan, day.date))

    for block in day.blocks:
        assert f"{block.start:%H:%M}–{block.end:%H:%M}  {block.task_name}" in str(event["DESCRIPTION"])


def test_categories_name_the_phase_of_the_week(small_scenario: Scenario, small_plan: Plan) -> None:
    phases = {shift_uid(small_plan, d.date): w.phase for w in small_plan.weeks for d in w.days if d.blocks}

    found = {str(e["UID"]): e["CATEGORIES"].cats for e in events(calendar_for(small_scenario, small_plan, "hr"))}

    assert {uid: found[uid] for uid in phases} == {uid: [phase] for uid, phase in phases.items()}


# --- daylight saving and nights ------------------------------------------------------------------


@pytest.mark.parametrize(("zone", "change"), [
    ("Europe/London", "2027-03-28"), ("Europe/London", "2027-10-31"),
    ("America/New_York", "2027-03-14"), ("America/New_York", "2027-11-07"),
    ("Australia/Sydney", "2027-04-04"), ("Australia/Sydney", "2027-10-03"),
])
def test_a_shift_on_the_day_after_a_clock_change_keeps_its_local_wall_time(
        small_scenario: Scenario, zone: str, change: str) -> None:
    before, after = (dt.date.fromisoformat(change) + dt.timedelta(days=d) for d in (-1, 1))
    scenario = zoned_scenario(small_scenario, zone, before)
    plan = hand_plan(scenario, {day: shift_blocks(at(zone, f"{day}T08:00"), [15, 105, 120])
                                for day in (before, after)})

    times = all_parsers_agree(calendar_for(scenario, plan, "worker"))

    for day in (before, after):
        start, end = times[shift_uid(plan, day)]
        assert isinstance(start, dt.datetime) and isinstance(end, dt.datetime)
        assert (f"{start.astimezone(ZoneInfo(zone)):%H:%M}", f"{end.astimezone(ZoneInfo(zone)):%H:%M}") == (
            "08:00", "12:00")
    clock_change = at(zone, f"{after}T08:00").utcoffset() - at(zone, f"{before}T08:00").utcoffset()  # type: ignore[operator]
    assert clock_change != dt.timedelta(0)
    assert times[shift_uid(plan, after)][0] - times[shift_uid(plan, before)][0] == (  # type: ignore[operator]
        dt.timedelta(days=2) - clock_change)


@pytest.mark.parametrize(("zone", "night", "real_hours"), [
    ("Europe/London", "2027-03-27", 7), ("Europe/London", "2027-10-30", 9),
    ("America/New_York", "2027-03-13", 7), ("America/New_York", "2027-11-06", 9),
    ("Australia/Sydney", "2027-04-03", 9), ("Australia/Sydney", "2027-10-02", 7),
])
@pytest.mark.parametrize("granularity", ["shift", "block"])
def test_a_night_shift_over_a_clock_change_has_its_real_length(
        small_scenario: Scenario, zone: str, night: str, real_hours: int, granularity: str) -> None:
    """22:00 to 06:00 on the wall clock is 7 real hours when clocks go forward, 9 when they go back."""
    day = dt.date.fromisoformat(night)
    scenario = zoned_scenario(small_scenario, zone, day)
    work = real_hours * 60 - 15
    plan = hand_plan(scenario, {day: shift_blocks(at(zone, f"{night}T22:00"), [15, work // 3, work // 3, work // 3])})
    assert plan.weeks[0].days[0].blocks[-1].end == at(zone, f"{day + dt.timedelta(days=1)}T06:00")

    times = all_parsers_agree(calendar_for(scenario, plan, "supervisor", granularity=granularity))

    spans = sorted(timed(times, granularity).values())
    assert spans[0][0] == at(zone, f"{night}T22:00").astimezone(UTC)
    assert spans[-1][1] - spans[0][0] == dt.timedelta(hours=real_hours)
    if granularity == "block":
        assert spans == planned_blocks(plan)


def test_times_in_the_repeated_hour_of_a_fall_back_name_the_right_instant(small_scenario: Scenario) -> None:
    """01:30 happens twice on 31 October 2027 in London: each block keeps its own instant."""
    zone = "Europe/London"
    scenario = zoned_scenario(small_scenario, zone, dt.date(2027, 10, 30))
    night = shift_blocks(at(zone, "2027-10-31T00:15"), [15, 60, 60, 60])  # 00:30 BST, 01:30 BST, 01:30 GMT, 02:30
    plan = hand_plan(scenario, {dt.date(2027, 10, 30): night})

    data = calendar_for(scenario, plan, "worker", granularity="block")

    assert sorted(timed(all_parsers_agree(data), "block").values()) == planned_blocks(plan)
    assert len(timed(icalendar_times(data), "block")) == 4


def test_a_night_shift_across_midnight_ends_the_next_morning_under_the_start_dates_uid(
        small_scenario: Scenario) -> None:
    zone = "Europe/London"
    scenario = zoned_scenario(small_scenario, zone, dt.date(2027, 1, 4))
    plan = hand_plan(scenario, {dt.date(2027, 1, 5): shift_blocks(at(zone, "2027-01-05T22:00"), [15, 225, 240])})

    start, end = all_parsers_agree(calendar_for(scenario, plan, "worker"))[shift_uid(plan, dt.date(2027, 1, 5))]

    assert (start, end) == (dt.datetime(2027, 1, 5, 22, tzinfo=UTC), dt.datetime(2027, 1, 6, 6, tzinfo=UTC))


# --- re-import: UIDs, SEQUENCE, DTSTAMP ----------------------------------------------------------


def test_uids_stay_and_sequence_rises_across_plan_versions(small_scenario: Scenario, small_plan: Plan) -> None:
    version_2 = small_plan.model_copy(update={"version": 2, "issued_at": dt.datetime(2027, 1, 20, 9, 30, tzinfo=UTC)})

    first, second = (events(calendar_for(small_scenario, p, "worker")) for p in (small_plan, version_2))

    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]
    assert {int(e["SEQUENCE"]) for e in first} == {1}
    assert {int(e["SEQUENCE"]) for e in second} == {2}


def test_dtstamp_is_when_the_plan_version_was_issued(small_scenario: Scenario, small_plan: Plan) -> None:
    issued = dt.datetime(2027, 1, 20, 9, 30, 15, tzinfo=UTC)
    reissued = small_plan.model_copy(update={"version": 2, "issued_at": issued})

    assert {e.decoded("DTSTAMP") for e in events(calendar_for(small_scenario, reissued, "hr"))} == {issued}


def test_dtstamp_without_an_issue_time_is_the_plan_start_at_midnight_utc(
        small_scenario: Scenario, small_plan: Plan) -> None:
    stamps = {e.decoded("DTSTAMP") for e in events(calendar_for(small_scenario, small_plan, "hr"))}

    assert stamps == {dt.datetime(2027, 1, 4, tzinfo=UTC)}


def test_the_same_plan_version_exports_byte_identical_files(small_scenario: Scenario, small_plan: Plan) -> None:
    options: dict[str, Any] = {"granularity": "block", "rest_days": True}

    assert calendar_for(small_scenario, small_plan, "clinician", **options) == calendar_for(
        small_scenario, small_plan, "clinician", **options)
    assert team_zip([(small_scenario, small_plan)], "hr") == team_zip([(small_scenario, small_plan)], "hr")


def test_block_uids_name_worker_date_and_local_start(small_scenario: Scenario, small_plan: Plan) -> None:
    day = next(d for w in small_plan.weeks for d in w.days if d.blocks)

    uids = {str(e["UID"]) for e in events(calendar_for(small_scenario, small_plan, "worker", granularity="block"))}

    assert {f"rtw-W-7-{day.date:%Y%m%d}-{b.start:%H%M}-block@rtw-scheduler" for b in day.blocks} <= uids


# --- reviews, appointments, rest days ------------------------------------------------------------


def all_day(data: bytes, kind: str) -> list[dt.date]:
    return sorted(e.decoded("DTSTART") for e in events(data) if str(e["UID"]).endswith(f"-{kind}@rtw-scheduler"))


def test_a_review_is_due_on_the_last_worked_day_of_each_phase(small_scenario: Scenario, small_plan: Plan) -> None:
    phase_ends = {}
    for week in small_plan.weeks:
        worked = [d.date for d in week.days if d.blocks]
        phase_ends[week.phase] = worked[-1]

    assert all_day(calendar_for(small_scenario, small_plan, "worker"), "review") == sorted(phase_ends.values())


def test_reviews_every_n_weeks_fall_in_weeks_n_2n(small_scenario: Scenario, small_plan: Plan) -> None:
    expected = [max(d.date for d in w.days if d.blocks) for w in small_plan.weeks if w.number % 2 == 0]

    assert all_day(calendar_for(small_scenario, small_plan, "hr", review_every_weeks=2), "review") == expected


def test_rest_days_are_all_day_events_only_when_asked(small_scenario: Scenario, small_plan: Plan) -> None:
    rest = [d.date for w in small_plan.weeks for d in w.days if not d.blocks]

    assert all_day(calendar_for(small_scenario, small_plan, "worker"), "rest") == []
    assert all_day(calendar_for(small_scenario, small_plan, "worker", rest_days=True), "rest") == rest


@pytest.mark.parametrize("audience", NON_CLINICIANS)
def test_non_clinicians_see_an_appointment_only_as_time_blocked(
        odd_scenario: Scenario, odd_plan: Plan, audience: str) -> None:
    appointment = next(e for e in events(calendar_for(odd_scenario, odd_plan, audience))
                       if "appointment@" in str(e["UID"]))

    assert str(appointment["SUMMARY"]).endswith("Appointment (time blocked)")
    assert appointment.decoded("DTSTART") == dt.datetime(2027, 1, 12, 11, tzinfo=ZoneInfo("Europe/London"))


def test_clinicians_see_the_appointments_kind(odd_scenario: Scenario, odd_plan: Plan) -> None:
    appointment = next(e for e in events(calendar_for(odd_scenario, odd_plan, "clinician"))
                       if "appointment@" in str(e["UID"]))

    assert "ZZ-APPOINTMENT-KIND-3307 physio" in str(appointment["SUMMARY"])


# --- audiences -----------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", NON_CLINICIANS)
@pytest.mark.parametrize("granularity", ["shift", "block"])
def test_no_private_text_reaches_a_non_clinician(
        odd_scenario: Scenario, odd_plan: Plan, audience: str, granularity: str) -> None:
    data = calendar_for(odd_scenario, odd_plan, audience, granularity, rest_days=True)

    leaks = [marker for text in texts(data) for marker in PRIVATE_MARKERS if marker.lower() in text.lower()]
    assert leaks == []


@pytest.mark.parametrize("audience", NON_CLINICIANS)
def test_no_private_text_reaches_a_non_clinician_through_the_team_zip(
        odd_scenario: Scenario, odd_plan: Plan, small_scenario: Scenario, small_plan: Plan, audience: str) -> None:
    archive = zipfile.ZipFile(io.BytesIO(team_zip([(odd_scenario, odd_plan), (small_scenario, small_plan)],
                                                  audience, rest_days=True)))
    markers = (*PRIVATE_MARKERS, "SECRET-", "smoking")

    leaks = [(name, marker) for name in archive.namelist() for text in texts(archive.read(name))
             for marker in markers if marker.lower() in text.lower()]
    assert leaks == []


def test_the_clinician_sees_diagnosis_history_notes_and_risk_factors(odd_scenario: Scenario, odd_plan: Plan) -> None:
    found = "\n".join(texts(calendar_for(odd_scenario, odd_plan, "clinician")))

    assert [marker for marker in PRIVATE_MARKERS if marker not in found] == []


class Tripwire(list[str]):
    """Fails the test the moment anything reads it."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the clinical record was read ({name})")

    def __iter__(self) -> Any:
        raise AssertionError("the risk factors were read")

    def __len__(self) -> int:
        raise AssertionError("the risk factors were read")


@pytest.mark.parametrize("audience", NON_CLINICIANS)
def test_a_non_clinician_export_never_reads_the_clinical_record(
        small_scenario: Scenario, small_plan: Plan, audience: str) -> None:
    scenario = small_scenario.model_copy(deep=True)
    object.__setattr__(scenario.worker, "clinical", Tripwire())
    object.__setattr__(scenario.worker, "risk_factors", Tripwire())

    calendar_for(scenario, small_plan, audience, rest_days=True)
    team_zip([(scenario, small_plan)], audience)
    with pytest.raises(AssertionError, match="clinical record was read"):
        calendar_for(scenario, small_plan, "clinician")


@pytest.mark.parametrize("granularity", ["shift", "block"])
def test_hr_sees_hours_and_duty_type_but_no_task(
        small_scenario: Scenario, small_plan: Plan, granularity: str) -> None:
    data = calendar_for(small_scenario, small_plan, "hr", granularity, rest_days=True)

    found = "\n".join(texts(data))
    assert [t.name for t in small_scenario.tasks if t.name in found] == []
    assert " kg" not in found
    assert all(str(e["SUMMARY"]).startswith(("Test Worker: Modified duties, ", "Test Worker: Full duties, ",
                                             "Test Worker: Return-to-work review", "Test Worker: Rest day"))
               for e in events(data))


def test_the_supervisor_sees_the_weeks_restrictions_in_plain_words(
        small_scenario: Scenario, small_plan: Plan) -> None:
    week = small_plan.weeks[0]
    day = next(d for d in week.days if d.blocks)
    event = next(e for e in events(calendar_for(small_scenario, small_plan, "supervisor"))
                 if str(e["UID"]) == shift_uid(small_plan, day.date))
    lifting = week.limits["lifting"]
    lifting_limit = min(v for v in (lifting.increment_limit, lifting.ceiling) if v is not None)

    description = str(event["DESCRIPTION"])
    assert f"no single lift over {week.heaviest_load_limit_kg:g} kg" in description
    assert "at most 4 h a day" in description
    assert f"weekly lifting at most {int(lifting_limit):,} kg x lifts" in description
    assert "Label returns" in description


def test_the_worker_sees_the_heaviest_load_the_warm_up_and_the_pain_check(
        small_scenario: Scenario, small_plan: Plan) -> None:
    day = next(d for w in small_plan.weeks for d in w.days if any(b.task_id == "pack" for b in d.blocks))
    event = next(e for e in events(calendar_for(small_scenario, small_plan, "worker"))
                 if str(e["UID"]) == shift_uid(small_plan, day.date))

    description = str(event["DESCRIPTION"])
    assert "Heaviest load today: 5 kg (Pack orders)." in description
    assert WARM_UP_REMINDER in description
    assert PAIN_REMINDER in description
    assert "up to 2/10" in PAIN_REMINDER and "above 5/10 stop" in PAIN_REMINDER


def test_a_name_with_comma_semicolon_newline_and_accents_survives_the_round_trip(
        odd_scenario: Scenario, odd_plan: Plan) -> None:
    data = calendar_for(odd_scenario, odd_plan, "supervisor")
    parsed = vobject.readOne(data.decode("utf-8"))

    assert parsed.x_wr_calname.value == f"Return to work – {ODD_NAME}"
    assert text_of(icalendar.Calendar.from_ical(data)["NAME"]) == f"Return to work – {ODD_NAME}"
    summaries = [e.summary.value for e in parsed.vevent_list]
    assert f"{ODD_NAME}: Modified duties: Label returns, {ODD_TASK}" in summaries
    assert {str(e["SUMMARY"]) for e in events(data)} == set(summaries)


# --- team export and errors ----------------------------------------------------------------------


def test_the_team_zip_holds_each_workers_calendar_and_a_combined_one(
        small_scenario: Scenario, small_plan: Plan) -> None:
    zone = "America/New_York"
    other = zoned_scenario(small_scenario, zone, dt.date(2027, 1, 4), worker_id="W-9", name="Ana Silva")
    other_plan = hand_plan(other, {dt.date(2027, 1, 5): shift_blocks(at(zone, "2027-01-05T22:00"), [15, 225])})

    archive = zipfile.ZipFile(io.BytesIO(team_zip([(small_scenario, small_plan), (other, other_plan)], "worker")))

    assert archive.namelist() == ["team.ics", "worker-W-7.ics", "worker-W-9.ics"]
    team = archive.read("team.ics")
    expected = {**planned_shifts(small_plan), **planned_shifts(other_plan)}
    assert timed(all_parsers_agree(team), "shift") == expected
    calendar = icalendar.Calendar.from_ical(team)
    assert sorted(tz.tz_name for tz in calendar.timezones) == ["America/New_York", "Europe/London"]
    assert {str(e["SUMMARY"]).split(":")[0] for e in events(team)} == {"Test Worker", "Ana Silva"}
    assert timed(icalendar_times(archive.read("worker-W-9.ics")), "shift") == planned_shifts(other_plan)


def test_the_team_export_refuses_a_worker_twice(small_scenario: Scenario, small_plan: Plan) -> None:
    with pytest.raises(CalendarError, match="appears twice"):
        team_zip([(small_scenario, small_plan), (small_scenario, small_plan)], "hr")


def test_a_plan_for_another_scenario_is_refused(odd_scenario: Scenario, small_plan: Plan) -> None:
    with pytest.raises(CalendarError, match="scenario 'small-packer', not 'odd-packer'"):
        calendar_for(odd_scenario, small_plan, "worker")


# --- command line --------------------------------------------------------------------------------


@pytest.fixture
def plan_file(small_plan: Plan, tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(small_plan.model_dump_json(), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_export_ics_writes_a_calendar_that_parses(
        small_scenario_file: Path, plan_file: Path, small_plan: Plan, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cal" / "worker.ics"

    code, output = run(capsys, "export-ics", str(small_scenario_file), str(plan_file), "-o", str(target),
                       "--audience", "worker", "--rest-days", "--review-every", "2")

    assert code == 0, output
    assert timed(all_parsers_agree(target.read_bytes()), "shift") == planned_shifts(small_plan)


def test_export_ics_of_a_plan_for_another_scenario_exits_2_and_writes_nothing(
        scenario_data: dict[str, Any], write_yaml: Callable[..., Path], plan_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    scenario_data["id"] = "someone-else"
    target = tmp_path / "out.ics"

    code, output = run(capsys, "export-ics", str(write_yaml(scenario_data)), str(plan_file), "-o", str(target),
                       "--audience", "hr")

    assert code == 2
    assert "plan for scenario 'small-packer'" in output and "'someone-else'" in output
    assert "Traceback" not in output
    assert not target.exists()


def test_export_team_writes_the_zip(small_scenario_file: Path, plan_file: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "team.zip"

    code, output = run(capsys, "export-team", "-o", str(target), "--audience", "supervisor",
                       str(small_scenario_file), str(plan_file))

    assert code == 0, output
    assert zipfile.ZipFile(target).namelist() == ["team.ics", "worker-W-7.ics"]


def test_export_team_with_a_scenario_missing_its_plan_exits_2(
        small_scenario_file: Path, plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, "export-team", "-o", str(tmp_path / "team.zip"), "--audience", "hr",
                       str(small_scenario_file), str(plan_file), str(small_scenario_file))

    assert code == 2
    assert "a SCENARIO and a PLAN.json for each worker" in output


def test_plan_with_ics_writes_the_calendars_next_to_the_plan_files(
        planning_ready: None, small_scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outdir = tmp_path / "out"

    code, output = run(capsys, "plan", str(small_scenario_file), "-o", str(outdir), "--time-per-stage", "1",
                       "--ics", "worker,hr", "--version", "3")

    assert code == 0, output
    assert sorted(p.name for p in outdir.iterdir()) == [".rtw-manifest.json",
        "binding.json", "calendar-hr.ics", "calendar-worker.ics", "plan.csv", "plan.json", "weekly.csv"]
    plan = Plan.model_validate_json((outdir / "plan.json").read_text(encoding="utf-8"))
    assert plan.version == 3 and plan.issued_at is not None
    calendar = events((outdir / "calendar-hr.ics").read_bytes())
    assert {int(e["SEQUENCE"]) for e in calendar} == {3}
    assert {e.decoded("DTSTAMP") for e in calendar} == {plan.issued_at}


def test_plan_with_an_unknown_ics_audience_exits_2_before_planning(
        small_scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, "plan", str(small_scenario_file), "-o", str(tmp_path / "out"), "--ics", "worker,boss")

    assert code == 2
    assert "unknown audience 'boss'" in output
    assert not (tmp_path / "out").exists()
