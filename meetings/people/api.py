"""The API's councillors: the list, one councillor's record, and a committee's attendance for a
year, each at its page's address under /api/ and answered like every other API answer (paged,
cached with an ETag, rate-limited: meetings/api.py). Registered by minutes_site/urls.py.
"""

from __future__ import annotations

import re
from typing import Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Schema

from meetings import shapes
from meetings.api import YEAR, Paging, page_of, paged, read, site
from meetings.models import Committee

from .models import Person
from .reports import (
    MAX_LISTED_MEETINGS,
    committee_year_report,
    listed_people,
    person_rates,
    person_records,
    person_years,
)
from .shapes import RESOLUTION, AttendanceRate, GroupName, PersonOut, PersonRef, StatusName, person_out, person_ref

TAG = "Councillors"


class MeetingAttended(Schema):
    meeting: shapes.MeetingRef
    status: StatusName
    group: GroupName
    chair: str | None
    substitute_for: str | None
    remote: bool


class Declared(Schema):
    minute: shapes.MinuteRef
    kind: str | None
    text: str


class Voted(Schema):
    minute: shapes.MinuteRef
    resolution: int | None = Field(..., description=RESOLUTION)
    option: str
    vote: str = Field(..., description="The vote as printed.")


class Moved(Schema):
    minute: shapes.MinuteRef
    resolution: int | None = Field(..., description=RESOLUTION)
    role: str


class PersonDetail(PersonOut):
    names: list[str] = Field(..., description="The names the minutes call them by, as first written.")
    municipal_years: list[int] = Field(..., description="The years whose minutes name them, newest first.")
    attendance_rates: list[AttendanceRate]
    meetings: list[MeetingAttended] = Field(..., description=f"Newest first, the latest {MAX_LISTED_MEETINGS}.")
    declarations: list[Declared]
    votes: list[Voted]
    moved: list[Moved]


class Mark(Schema):
    meeting: str = Field(..., description='As in `recorded`: "2016-10-12" ("2016-10-12/2", a second that day).')
    recorded_as: Literal["Present", "Substitute", "Apologies", "Absent"]


class MemberAttendance(Schema):
    person: PersonRef
    expected: int
    attended: int
    apologies: int
    absent: int
    as_substitute: int
    rate: int | None
    meetings: list[Mark] = Field(..., description="The recorded meetings that list them, in date order.")


class AttendanceReport(Schema):
    committee: shapes.CommitteeRef
    municipal_year: int
    meetings: list[shapes.MeetingRef] = Field(..., description="The year's meetings.")
    recorded: list[str] = Field(
        ..., description='Those whose minutes record attendance: "2016-10-12" ("2016-10-12/2", a second that day).'
    )  # fmt: skip
    members: list[MemberAttendance]
    csv_url: str


class PeopleParams(Paging):
    year: int | None = YEAR
    q: str | None = Field(None, max_length=100, description="Part of a name.")


@read("/councillors", page_of(PersonOut), "Everyone the minutes name as a member, by surname", TAG)
def councillors(request: HttpRequest, params: Query[PeopleParams]):
    rows = listed_people((params.q or "").strip(), params.year)
    base = site(request)
    return paged(request, rows, params, rows.count(), lambda page: [person_out(person, base) for person in page])


class PersonParams(Schema):
    year: int | None = Field(
        None, ge=1000, le=9999, description="Only the meetings, declarations and votes of this municipal year."
    )  # fmt: skip


@read("/councillors/{slug}", PersonDetail, "A councillor: attendance, declarations, votes and motions moved", TAG)
def councillor(request: HttpRequest, slug: str, params: Query[PersonParams]):
    person = get_object_or_404(Person, slug=slug)
    base = site(request)
    years = person_years(person)
    if params.year is None:
        records = person_records(person, None, set().union(*years.values()))
    else:
        records = person_records(person, params.year, years.get(params.year, set()))
    rates = [
        {
            "committee": row["committee_slug"],
            "committee_name": row["committee_name"],
            "municipal_year": row["year"],
            "expected": row["expected"],
            "attended": row["attended"],
            "rate": row["rate"],
            "report_url": base + row["report_url"],
        }
        for row in person_rates(person)
    ]
    return person_out(person, base) | {
        "names": list(person.names.order_by("written").values_list("written", flat=True)),
        "municipal_years": list(years),
        "attendance_rates": rates,
        "meetings": [
            {
                "meeting": shapes.meeting_ref(row.meeting, base),
                "status": row.status,
                "group": row.group,
                "chair": row.chair or None,
                "substitute_for": row.substitute_for_name or None,
                "remote": row.remote,
            }
            for row in records["attendance"]
        ],
        "declarations": [
            {"minute": shapes.minute_ref(row.item, base), "kind": row.kind or None, "text": row.text}
            for row in records["declarations"]
        ],
        "votes": [
            {
                "minute": shapes.minute_ref(cast.vote.item, base),
                "resolution": cast.vote.resolution.order if cast.vote.resolution else None,
                "option": cast.option,
                "vote": cast.vote.text,
            }
            for cast in records["votes"]
        ],
        "moved": [
            {
                "minute": shapes.minute_ref(row.item, base),
                "resolution": row.resolution.order if row.resolution else None,
                "role": row.role,
            }
            for row in records["moved"]
        ],
    }


MUNICIPAL_YEAR = re.compile(r"(\d{4})-(\d{2})")


@read(
    "/committees/{slug}/{years}/attendance",
    AttendanceReport,
    'A committee\'s attendance for a municipal year ("2016-17"), member by member',
    TAG,
)
def attendance_report(request: HttpRequest, slug: str, years: str):
    match = MUNICIPAL_YEAR.fullmatch(years)
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        raise Http404('Not a municipal year: write it "2016-17".')
    committee = get_object_or_404(Committee, slug=slug)
    meetings, recorded, rows = committee_year_report(committee, int(match[1]))
    if not meetings:
        raise Http404("No meetings of this committee in that municipal year.")
    base = site(request)
    dates = {meeting.pk: _meeting_key(meeting) for meeting in recorded}
    for meeting in meetings:
        meeting.committee = committee
    return {
        "committee": shapes.committee_ref(committee, base),
        "municipal_year": int(match[1]),
        "meetings": [shapes.meeting_ref(meeting, base) for meeting in meetings],
        "recorded": [_meeting_key(meeting) for meeting in recorded],
        "members": [
            {
                "person": person_ref(row.person, base),
                "expected": row.expected,
                "attended": row.attended,
                "apologies": row.apologies,
                "absent": row.absent,
                "as_substitute": row.as_substitute,
                "rate": row.rate,
                "meetings": [
                    {"meeting": key, "recorded_as": row.marks[meeting_id]}
                    for meeting_id, key in dates.items()
                    if meeting_id in row.marks
                ],
            }
            for row in rows
        ],
        "csv_url": base + reverse("attendance_report_csv", args=[slug, match[1], match[2]]),
    }


def _meeting_key(meeting) -> str:
    """ "2016-10-12", or "2016-10-12/2" for a committee's second meeting that day."""
    return meeting.date.isoformat() + ("" if meeting.day_number == 1 else f"/{meeting.day_number}")
