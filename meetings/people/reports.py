"""Attendance counted: per councillor, per committee and municipal year.

"Expected" is a meeting where the minutes list the member (present, apologies or absent, as a
member or co-opted member); "attended" is present, a substitute's attendance being the
substitute's own. A rate is only ever given with the meetings it was counted over, and a
meeting whose minutes record no attendance counts for no one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.urls import reverse

from importers import people as parsed
from meetings.models import Committee, Meeting, item_long_text

from .models import Attendance, Declaration, Mover, Person, VoteCast

# A councillor's page and data list their newest meetings up to this many.
MAX_LISTED_MEETINGS = 200


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


def listed_people(query: str = "", year: int | None = None) -> QuerySet:
    """Everyone the minutes name as a member (in municipal year `year`, where given), by surname,
    each annotated with `committee_id`: the committee of their latest meeting (in that year)."""
    sat = Attendance.objects.filter(person=OuterRef("pk"), group__in=[parsed.MEMBER, parsed.CO_OPTED])
    if year is not None:
        sat = sat.filter(meeting__municipal_year=year)
    latest = sat.order_by("-meeting__date").values("meeting__committee")[:1]
    people = Person.objects.annotate(committee_id=Subquery(latest)).order_by("surname_key", "name", "id")
    if year is not None:
        people = people.filter(committee_id__isnull=False)
    if query:
        people = people.filter(Q(name__icontains=query) | Q(names__key__icontains=query.lower())).distinct()
    return people


def person_years(person: Person) -> dict[int, set[str]]:
    """The municipal years whose minutes name them, newest first, each with what they record of
    them there ("attendance", "declarations", "votes", "moved"): one query."""
    parts = [
        Attendance.objects.filter(person=person).values_list("meeting__municipal_year", Value("attendance")),
        Declaration.objects.filter(person=person).values_list("item__municipal_year", Value("declarations")),
        VoteCast.objects.filter(person=person).values_list("vote__item__municipal_year", Value("votes")),
        Mover.objects.filter(person=person).values_list("item__municipal_year", Value("moved")),
    ]
    first, *others = [part.order_by() for part in parts]  # (a compound statement's parts are unordered)
    found = first.union(*others)
    years: dict[int, set[str]] = {}
    for year, kind in sorted(found, reverse=True):
        years.setdefault(year, set()).add(kind)
    return years


def person_records(person: Person, year: int | None = None, kinds: set[str] | None = None) -> dict[str, list]:
    """What the minutes record of a person (in municipal year `year`, where given), newest first:
    `attendance` (their latest meetings, with each meeting's committee), `declarations`, `votes`
    (casts, with the vote's resolution) and `moved`, each with its item's meeting and committee.
    A query each, but only for the `kinds` of record there are, where that is known."""
    attendance = Attendance.objects.filter(person=person)
    declarations = Declaration.objects.filter(person=person)
    votes = VoteCast.objects.filter(person=person)
    moved = Mover.objects.filter(person=person)
    if year is not None:
        attendance = attendance.filter(meeting__municipal_year=year)
        declarations = declarations.filter(item__municipal_year=year)
        votes = votes.filter(vote__item__municipal_year=year)
        moved = moved.filter(item__municipal_year=year)
    attendance = attendance.select_related("meeting__committee").defer("meeting__warnings")
    declarations = declarations.select_related("item__meeting", "item__committee")
    votes = votes.select_related("vote__item__meeting", "vote__item__committee", "vote__resolution")
    moved = moved.select_related("item__meeting", "item__committee", "resolution")
    found = {
        "attendance": attendance.order_by("-meeting__date", "-meeting__day_number")[:MAX_LISTED_MEETINGS],
        "declarations": declarations.defer(*item_long_text("item__")).order_by("-item__date", "item__order"),
        "votes": votes.defer(*item_long_text("vote__item__")).order_by("-vote__item__date", "vote__item__order"),
        "moved": moved.defer(*item_long_text("item__")).order_by("-item__date", "item__order"),
    }
    return {name: list(rows) if kinds is None or name in kinds else [] for name, rows in found.items()}
