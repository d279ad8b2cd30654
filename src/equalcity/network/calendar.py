"""The iCalendar (RFC 5545) file sent with a confirmed registration."""

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from equalcity.network.models import Registration


def registration_calendar(registration: Registration, *, page_url: str) -> bytes:
    """One VEVENT for the registrant; the join link goes only to people who have a place."""
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", "-//Equalcity//Network events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "equalcity.invalid"
    entry.add("uid", f"{registration.public_id}@{host}")
    entry.add("dtstamp", registration.updated_at)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    description = event.description
    if event.join_url:
        description = f"{description}\n\n{event.join_url}".strip()
    entry.add("description", description)
    entry.add("url", page_url)
    location = ", ".join(part for part in [event.venue, event.join_url] if part)
    if location:
        entry.add("location", location)
    calendar.add_component(entry)
    return calendar.to_ical()
