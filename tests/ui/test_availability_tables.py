"""The tasks and availability tables: edited exposure rates, offers and appointments reach the scenario."""

import datetime as dt

from rtw_scheduler.scenario_io import parse_scenario
from tests.ui.editor_helpers import problems_of, small
from ui import availability_tables, editing


def test_an_edited_exposure_rate_reaches_the_scenario(small_yaml: str) -> None:
    data = editing.scenario_data(parse_scenario(small_yaml, "small.yaml"))
    frame = availability_tables.tasks_frame(data, ["lifting", "standing"])
    frame.loc[frame["id"] == "pack", "lifting"] = 120.0
    availability_tables.apply_tasks(data, frame, ["lifting", "standing"])
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    assert scenario.task("pack").exposure_per_hour["lifting"] == 120.0


def test_an_added_appointment_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = availability_tables.appointments_frame(data)
    frame.loc[0] = [dt.date(2027, 1, 6), "9:00", "10:30", ""]
    data["availability"]["appointments"] = availability_tables.appointments_from(frame)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    [appointment] = scenario.availability.appointments
    assert (appointment.date, appointment.start, appointment.end, appointment.kind) == (
        dt.date(2027, 1, 6), dt.time(9, 0), dt.time(10, 30), "appointment")


def test_an_appointment_ending_before_it_starts_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = availability_tables.appointments_frame(data)
    frame.loc[0] = [dt.date(2027, 1, 6), "11:00", "10:30", "physiotherapy"]
    data["availability"]["appointments"] = availability_tables.appointments_from(frame)
    assert problems_of(data) == ["availability.appointments[0]: end must be after start"]


def test_an_offer_by_shift_kind_and_date_range_reaches_the_scenario(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = availability_tables.other_offers_frame(data)
    frame.loc[0] = ["pack", 2.0, "mon, wed", "day", "", dt.date(2027, 1, 11), None]
    availability_tables.apply_other_offers(data, frame)
    scenario, problems = editing.validate(data)
    assert problems == [] and scenario is not None
    offer = scenario.availability.offers[-1]
    assert (offer.task_id, offer.hours_per_day, offer.weekdays, offer.shift_kinds, offer.dates, offer.from_date,
            offer.until_date) == ("pack", 2.0, ["mon", "wed"], ["day"], None, dt.date(2027, 1, 11), None)
    assert len(scenario.availability.offers) == 3  # the grid's offers are kept


def test_an_offer_on_an_unknown_shift_kind_is_named(small_yaml: str) -> None:
    data = small(small_yaml)
    frame = availability_tables.other_offers_frame(data)
    frame.loc[0] = ["pack", 2.0, "", "late", "", None, None]
    availability_tables.apply_other_offers(data, frame)
    assert any(line.startswith("availability.offers[2].shift_kinds[0]: ") for line in problems_of(data))
