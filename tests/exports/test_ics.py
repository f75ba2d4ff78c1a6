"""The iCalendar export, on the demo data of both backends, read back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Component
from sqlalchemy import select

from liaison.cli.app import main
from liaison.dates import DateRange, range_of
from liaison.exports.ics import calendar, dates_label, precision_of
from liaison.model import Event
from liaison.registry.importer import import_paths
from liaison.storage.database import Database

#: Properties that put a component on a day or repeat it on days (RFC 5545, 3.8.2 and 3.8.5).
DAY_PROPERTIES = (
    "DTSTART", "DTEND", "DUE", "DURATION", "RDATE", "RRULE", "EXDATE", "RECURRENCE-ID",
)  # fmt: skip
#: The demo events recorded to the day (src/liaison/demo/data/events.yaml).
DEMO_DAYS = {
    "iot-week-2017": (date(2017, 6, 6), date(2017, 6, 10)),
    "global-iot-summit-2017": (date(2017, 6, 6), date(2017, 6, 10)),
    "green-standards-week-2018": (date(2018, 4, 9), date(2018, 4, 13)),
}

JUNE_2017 = {"copuos-60", "ilc106", "iot-week-2017", "global-iot-summit-2017"}


def export(database: Database, **narrowed: Any) -> bytes:
    with database.session() as session:
        return calendar(session, **narrowed)


def components(data: bytes) -> dict[str, Component]:
    """The calendar's events and journal entries by event id, read back with icalendar."""
    parsed = Calendar.from_ical(data)
    found: dict[str, Component] = {}
    for component in parsed.subcomponents:
        uid = str(component["UID"])
        assert uid.endswith("@liaison") and uid not in found, uid
        found[uid.removesuffix("@liaison")] = component
    return found


def stored_events(database: Database) -> dict[str, Event]:
    with database.session() as session:
        return {event.id: event for event in session.scalars(select(Event))}


def test_every_demo_event_is_in_the_calendar_with_its_dates(demo_database: Database) -> None:
    data = export(demo_database)
    parsed = Calendar.from_ical(data)
    assert str(parsed["VERSION"]) == "2.0" and str(parsed["PRODID"]).startswith("-//Liaison//")
    found = components(data)
    events = stored_events(demo_database)
    assert set(found) == set(events) and len(found) == 20
    for event_id, event in events.items():
        component = found[event_id]
        dates = range_of(event.starts, event.ends)
        assert str(component["X-LIAISON-DATES"]) == str(dates)
        assert [str(c) for c in component["CATEGORIES"].cats] == [event.kind]
        if precision_of(dates) == "day":
            assert component.name == "VEVENT", event_id
            assert dates is not None and event.earliest and event.latest
            start, end = component["DTSTART"], component["DTEND"]
            assert start.params["VALUE"] == "DATE" and end.params["VALUE"] == "DATE"
            assert type(start.dt) is date and start.dt == event.earliest
            assert type(end.dt) is date and end.dt == event.latest + timedelta(days=1)
            assert str(component["SUMMARY"]).startswith(event.name)
            assert str(component.get("LOCATION")) == str(event.place)
        else:
            assert component.name == "VJOURNAL", event_id
            assert dates_label(dates) in str(component["SUMMARY"])
    assert {
        event_id: (c["DTSTART"].dt, c["DTEND"].dt)
        for event_id, c in found.items()
        if c.name == "VEVENT"
    } == DEMO_DAYS


def test_an_event_known_to_the_month_is_never_put_on_a_day(demo_database: Database) -> None:
    found = components(export(demo_database))
    wha = found["wha70"]
    assert wha.name == "VJOURNAL"
    assert str(wha["SUMMARY"]) == "Seventieth World Health Assembly, May 2017"
    assert str(wha["X-LIAISON-DATES"]) == "2017-05"
    assert str(wha["X-LIAISON-PRECISION"]) == "month"
    description = str(wha["DESCRIPTION"])
    assert description.startswith("Dates: May 2017 (no day is recorded)\nPlace: Geneva")
    assert "Session of: World Health Assembly (WHA)" in description
    assert "- International Telecommunication Union (ITU), participant" in description
    without_day = [c for c in found.values() if str(c["X-LIAISON-PRECISION"]) != "day"]
    assert len(without_day) == 17
    for component in without_day:
        assert component.name == "VJOURNAL"
        assert not [name for name in DAY_PROPERTIES if name in component]
        # The only date-time is the stamp of the last change; no value is a date.
        for name, value in component.property_items(recursive=False):
            assert not isinstance(getattr(value, "dt", None), date) or name == "DTSTAMP"
    assert all(c.name == "VEVENT" for c in found.values() if c not in without_day)


def test_the_description_names_the_body_organizers_and_participants(
    demo_database: Database,
) -> None:
    found = components(export(demo_database))
    green = found["green-standards-week-2018"]
    description = str(green["DESCRIPTION"])
    assert "Edition of: Green Standards Week" in description
    assert "Organizers: " in description and "(UNEP)" in description
    assert "- United Nations Industrial Development Organization (UNIDO), co-organizer" in (
        description
    )
    assert str(green["LOCATION"]) == "Zanzibar, Tanzania"
    assert str(green["TRANSP"]) == "TRANSPARENT"
    iot = str(found["iot-week-2017"]["DESCRIPTION"])
    assert "- World Health Organization (WHO), participant: discussed how IoT" in iot


def test_uids_and_bytes_are_stable(demo_database: Database) -> None:
    first, again = export(demo_database), export(demo_database)
    assert first == again
    whole = components(first)
    june = components(export(demo_database, period=DateRange.parse("2017-06")))
    for event_id, component in june.items():  # a narrower export updates the same entries
        assert component.to_ical() == whole[event_id].to_ical()
    events = stored_events(demo_database)
    for event_id, component in whole.items():
        stamp = events[event_id].updated_at
        stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
        assert component["DTSTAMP"].dt == stamp.replace(microsecond=0)
        assert isinstance(component["DTSTAMP"].dt, datetime)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2017-06", JUNE_2017),
        ("2017-06-09/2017-06-30", JUNE_2017),
        ("2017-06-10/2017-06-30", {"copuos-60", "ilc106"}),
        ("2018/", {"green-standards-week-2018"}),
        ("/2017-01", {"un-world-data-forum-2017", "copuos-stsc-54"}),
        ("1990", set()),
    ],
)
def test_a_period_keeps_the_events_whose_dates_overlap_it(
    demo_database: Database, period: str, expected: set[str]
) -> None:
    data = export(demo_database, period=DateRange.parse(period))
    assert set(components(data)) == expected


def test_an_organization_keeps_the_events_it_or_its_units_organized_or_took_part_in(
    demo_database: Database,
) -> None:
    assert set(components(export(demo_database, organization="unidir"))) == {
        "unidir-outer-space-conference-2017"
    }
    assert set(components(export(demo_database, organization="unido"))) == {
        "iot-week-2017",
        "green-standards-week-2018",
    }  # not unido-gc17: a session of its General Conference that only ITU is recorded at
    itu = set(components(export(demo_database, organization="itu")))
    assert itu == set(stored_events(demo_database)) - {"global-iot-summit-2017"}
    # The General Assembly did not take part itself; UNIDIR, UN-Habitat and UNU are under it.
    unga = set(components(export(demo_database, organization="unga")))
    assert {"unidir-outer-space-conference-2017", "green-standards-week-2018"} <= unga
    assert "wha70" not in unga
    both = export(demo_database, organization="unido", period=DateRange.parse("2018"))
    assert set(components(both)) == {"green-standards-week-2018"}


def test_partial_and_open_dates_of_imported_events(database: Database, tmp_path: Path) -> None:
    file = tmp_path / "events.yaml"
    file.write_text(
        "events:\n"
        "  - {id: one-day, name: One day, kind: meeting, date: 2017-05-22, place: Paris}\n"
        "  - {id: into-june, name: Into June, kind: meeting, date: 2017-05-30/2017-06}\n"
        "  - {id: a-year, name: A year, short_name: Yearly, kind: forum, date: '2017'}\n"
        "  - {id: open-end, name: Open end, kind: mission, date: 2017-05-02/}\n",
        encoding="utf-8",
    )
    with database.session(write=True) as session:
        import_paths(session, [file])
    found = components(export(database))
    one_day = found["one-day"]
    assert one_day.name == "VEVENT"
    assert (one_day["DTSTART"].dt, one_day["DTEND"].dt) == (date(2017, 5, 22), date(2017, 5, 23))
    expected = {
        "into-june": ("month", "Into June, 30 May 2017 – June 2017"),
        "a-year": ("year", "A year (Yearly), 2017"),
        "open-end": ("year", "Open end, from 2 May 2017"),
    }
    for event_id, (precision, summary) in expected.items():
        component = found[event_id]
        assert component.name == "VJOURNAL"
        assert str(component["X-LIAISON-PRECISION"]) == precision
        assert str(component["SUMMARY"]) == summary
        assert not [name for name in DAY_PROPERTIES if name in component]


def test_an_empty_selection_gives_a_calendar_with_no_entries(demo_database: Database) -> None:
    parsed = Calendar.from_ical(export(demo_database, period=DateRange.parse("1990")))
    assert parsed.subcomponents == []


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_the_command_writes_a_file_or_standard_output(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "events.ics"
    code, out, err = run(
        capsys, "--database", demo_db_url, "export", "-f", "ics", "--from", "2017-06",
        "--to", "2017-06", "--org", "ITU", "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    said = " ".join(out.split())  # the console wraps long lines
    assert "Wrote 3 events to" in said and "1 on their days, 2 without a day" in said
    assert set(components(target.read_bytes())) == {"copuos-60", "ilc106", "iot-week-2017"}
    code, out, _ = run(capsys, "--database", demo_db_url, "export", "--format", "ics")
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR") and len(components(out.encode())) == 20


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--from", "2017-13"], 2, "--from: '2017-13' is not a real date"),
        (["--to", "May 2017"], 2, "--to: 'May 2017' is not a date of the form YYYY"),
        (["--from", "2018", "--to", "2017"], 2, "--from 2018 is after --to 2017"),
        (["--org", "no-such-body"], 4, "no organization has the id or acronym 'no-such-body'"),
        (["-o", "/no/such/folder/events.ics"], 5, "/no/such/folder/events.ics: no such file"),
    ],
)
def test_the_command_refuses_bad_options_with_a_message(
    capsys: pytest.CaptureFixture[str], demo_db_url: str, argv: list[str], code: int, message: str
) -> None:
    got, out, err = run(capsys, "--database", demo_db_url, "export", "-f", "ics", *argv)
    assert got == code
    assert message in err
    assert "Traceback" not in out + err


def test_the_other_formats_take_no_calendar_options(
    capsys: pytest.CaptureFixture[str], demo_db_url: str
) -> None:
    got, _, err = run(capsys, "--database", demo_db_url, "export", "-f", "json", "--org", "itu")
    assert got == 2 and "--format ics or iati only" in err
