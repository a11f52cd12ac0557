"""Meetings as iCalendar (RFC 5545), to subscribe to in a calendar app: one committee's, or every
committee's newest. Each meeting keeps its UID for good (made from its own identity when first
imported: its council site's id for it, or its committee, date and number that day; see
models.meeting_uid), so a moved meeting moves in the subscriber's calendar instead of appearing
twice, and the same meeting has the same UID behind any host name and in any copy of the site."""

from __future__ import annotations

import datetime

import icalendar
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Committee, Meeting
from .pagecache import cached_page

# The calendar of every committee holds this many meetings, the newest (a committee's holds all).
ALL_COMMITTEES_LIMIT = 1000


@cached_page
def committee_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    meetings = committee.meetings.select_related("committee").order_by("date", "start_time", "id")
    return _calendar(request, f"{committee.display_name}: meetings", f"minutebook-{committee.slug}.ics", meetings)


@cached_page
def all_meetings_calendar(request: HttpRequest) -> HttpResponse:
    newest = Meeting.objects.select_related("committee").order_by("-date", "-start_time", "-id")
    meetings = sorted(newest[:ALL_COMMITTEES_LIMIT], key=lambda meeting: (meeting.date, meeting.pk))
    return _calendar(request, "Committee meetings", "minutebook-meetings.ics", meetings)


def _calendar(request: HttpRequest, name: str, filename: str, meetings) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Minutebook//Committee meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(request, meeting))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _event(request: HttpRequest, meeting: Meeting) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("summary", f"{meeting.kind + ' ' if meeting.kind else ''}{meeting.committee.display_name}".strip())
    if meeting.start_time is None:
        event.add("dtstart", meeting.date)  # a day, not a time: the page gave none
    else:
        start = datetime.datetime.combine(meeting.date, meeting.start_time)
        event.add("dtstart", start.replace(tzinfo=timezone.get_default_timezone()))
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event.add("dtstamp", meeting.imported_at)
    event.add("last-modified", meeting.imported_at)
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", url)
    event.add("description", f"Agenda and minutes: {url}")
    return event
