"""A calendar that replaces an earlier version's: the events the new version drops, sent as cancelled.

A subscribed or imported calendar updates an event in place when the same UID comes back
with a higher SEQUENCE. An event that simply stops appearing, though, stays in the reader's
calendar: a shift the new plan no longer works would still be on the worker's phone. So the
new version's calendar carries each dropped event once more, with STATUS:CANCELLED and the
new SEQUENCE and DTSTAMP (RFC 5545 3.8.1.11), and every reader removes it.
"""

from icalendar import Calendar, Event


def with_cancellations(current_ics: bytes, previous_ics: bytes) -> bytes:
    """`current_ics` plus a cancelled copy of each event of `previous_ics` whose UID it lacks."""
    current, previous = Calendar.from_ical(current_ics), Calendar.from_ical(previous_ics)
    events = current.walk("VEVENT")
    if not events:  # a plan with no events has no SEQUENCE to raise to
        return current_ics
    kept = {str(event["UID"]) for event in events}
    sequence, stamp = events[0]["SEQUENCE"], events[0]["DTSTAMP"]
    dropped = [event for event in previous.walk("VEVENT") if str(event["UID"]) not in kept]
    for old in dropped:
        cancelled = Event()
        for name in ("UID", "DTSTART", "DTEND", "SUMMARY"):
            if name in old:
                cancelled[name] = old[name]
        cancelled["SEQUENCE"] = sequence
        cancelled["DTSTAMP"] = stamp
        cancelled.add("status", "CANCELLED")
        current.add_component(cancelled)
    return current.to_ical() if dropped else current_ics
