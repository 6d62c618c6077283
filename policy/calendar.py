"""The board's meetings as an iCalendar (RFC 5545) feed, written by hand: it is a few lines."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .vocabulary import MeetingState

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data, parts = line.encode(), []
    while len(data) > 75:
        cut = 75
        while (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode())
        data = data[cut:]
    parts.append(data.decode())
    return "\r\n ".join(parts)


def _event(request, meeting, now: str) -> list[str]:
    host = request.get_host().split(":")[0]
    url = request.build_absolute_uri(reverse("policy:meeting_detail", args=[meeting.pk]))
    return [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{now}",
        f"DTSTART:{_stamp(meeting.starts_at)}",
        f"DTEND:{_stamp(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)}",
        f"SUMMARY:{_text(meeting.title)}",
        f"LOCATION:{_text(meeting.place)}",
        f"URL:{url}",
        "STATUS:" + ("CANCELLED" if meeting.state == MeetingState.CANCELLED else "CONFIRMED"),
        "END:VEVENT",
    ]


def meetings_calendar(request, meetings) -> str:
    now = _stamp(timezone.now())
    name = f"{settings.PORTAL['CITY_NAME']} {settings.PORTAL['BODY_NAME']}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{_text(name)}//Board meetings//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(name)}"]
    for meeting in meetings:
        lines += _event(request, meeting, now)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
