"""Attendance counted: per councillor, per committee and municipal year.

"Expected" is a meeting where the minutes list the member (present, apologies or absent, as a
member or co-opted member); "attended" is present, a substitute's attendance being the
substitute's own. A rate is only ever given with the meetings it was counted over, and a
meeting whose minutes record no attendance counts for no one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from importers import people as parsed
from meetings.models import Committee, Meeting

from .models import Attendance, Person


@dataclass
class Row:
    person: Person
    expected: int = 0
    attended: int = 0
    apologies: int = 0
    absent: int = 0
    as_substitute: int = 0
    marks: dict[int, str] = field(default_factory=dict)  # meeting id -> "P", "A", "S", "X"

    @property
    def rate(self) -> int | None:
        """Per cent attended of expected, or None where no meeting expected them."""
        return round(100 * self.attended / self.expected) if self.expected else None


MARKS = {parsed.PRESENT: "Present", parsed.APOLOGIES: "Apologies", parsed.ABSENT: "Absent"}


def committee_year_report(committee: Committee, year: int) -> tuple[list[Meeting], list[Meeting], list[Row]]:
    """The year's meetings, those with recorded attendance, and a row a member, by surname."""
    meetings = list(committee.meetings.in_municipal_year(year).order_by("date", "day_number"))
    attendance = (
        Attendance.objects.counted()
        .filter(meeting__in=[meeting.pk for meeting in meetings])
        .select_related("person")
        .order_by("person__surname_key", "person__name")
    )
    rows: dict[int, Row] = {}
    recorded: set[int] = set()
    for row in attendance:
        recorded.add(row.meeting_id)
        entry = rows.setdefault(row.person_id, Row(row.person))
        if row.meeting_id in entry.marks:
            continue  # named twice at one meeting: counted once
        entry.expected += 1
        if row.status == parsed.PRESENT:
            entry.attended += 1
            if row.as_substitute:
                entry.as_substitute += 1
                entry.marks[row.meeting_id] = "Substitute"
            else:
                entry.marks[row.meeting_id] = "Present"
        else:
            entry.marks[row.meeting_id] = MARKS[row.status]
            if row.status == parsed.APOLOGIES:
                entry.apologies += 1
            else:
                entry.absent += 1
    with_attendance = [meeting for meeting in meetings if meeting.pk in recorded]
    return meetings, with_attendance, list(rows.values())


def person_rates(person: Person) -> list[dict]:
    """Per committee and year, newest first: meetings expected and attended, a rate, and the
    attendance report it comes from."""
    result = []
    for row in Attendance.objects.filter(person=person).rates():
        slug, year = row["meeting__committee__slug"], row["meeting__municipal_year"]
        result.append(
            {
                "committee_name": row["meeting__committee__name"],
                "committee_slug": slug,
                "report_url": reverse("attendance_report", args=[slug, str(year), f"{(year + 1) % 100:02d}"]),
                "year": year,
                "expected": row["expected"],
                "attended": row["attended"],
                "rate": round(100 * row["attended"] / row["expected"]) if row["expected"] else None,
            }
        )
    return result
