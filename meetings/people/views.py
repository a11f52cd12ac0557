"""Councillors' pages: the list, one councillor, and a committee's attendance for a year."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from importers import people as parsed
from meetings.models import Committee
from meetings.pagecache import cached_page

from .models import Attendance, Person
from .reports import (
    MAX_LISTED_MEETINGS,
    committee_year_report,
    listed_people,
    person_rates,
    person_records,
    person_years,
)


@cached_page
def councillors(request: HttpRequest) -> HttpResponse:
    """Everyone the minutes name as a member, grouped by the committee of their latest meeting (in
    the chosen municipal year, where one is chosen); searched by name."""
    query = request.GET.get("q", "").strip()[:100]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None
    people = list(listed_people(query, year))
    committees = Committee.objects.in_bulk({person.committee_id for person in people if person.committee_id})
    groups: dict[str, list[Person]] = {}
    for person in people:
        committee = committees.get(person.committee_id)
        groups.setdefault(committee.display_name if committee else "Not a member of a committee", []).append(person)
    years = (
        Attendance.objects.filter(group__in=[parsed.MEMBER, parsed.CO_OPTED])
        .order_by("-meeting__municipal_year")
        .values_list("meeting__municipal_year", flat=True)
        .distinct()
    )
    context = {
        "groups": sorted(groups.items(), key=lambda group: (group[0].startswith("Not a member"), group[0])),
        "count": len(people),
        "query": query,
        "year": year,
        "years": list(years),
    }
    return render(request, "people/councillors.html", context)


@cached_page
def councillor(request: HttpRequest, slug: str) -> HttpResponse:
    """A councillor: their attendance over every year, and what the minutes record of them in one
    municipal year (the latest, or ?year=2016), with links to the others."""
    person = get_object_or_404(Person, slug=slug)
    years = person_years(person)
    chosen = request.GET.get("year")
    if chosen is None:
        year = next(iter(years), None)  # the latest
    elif chosen.isdigit() and int(chosen) in years:
        year = int(chosen)
    else:
        raise Http404("The minutes do not name this councillor in that municipal year.")
    context = {
        "person": person,
        "rates": person_rates(person),
        "limit": MAX_LISTED_MEETINGS,
        "year": year,
        "years": list(years),
    }
    records = person_records(person, year, years.get(year, set()))
    return render(request, "people/councillor.html", context | records)


def _report(slug: str, year: str, next_year: str):
    if (int(year) + 1) % 100 != int(next_year):
        raise Http404("Not a municipal year.")
    committee = get_object_or_404(Committee, slug=slug)
    meetings, recorded, rows = committee_year_report(committee, int(year))
    if not meetings:
        raise Http404("No meetings of this committee in that municipal year.")
    return committee, int(year), meetings, recorded, rows


@cached_page
def attendance_report(request: HttpRequest, slug: str, year: str, next_year: str) -> HttpResponse:
    """/committees/<slug>/2016-17/attendance/: what a co-ordinator puts in the annual report."""
    committee, year_number, meetings, recorded, rows = _report(slug, year, next_year)
    for row in rows:
        row.cells = [row.marks.get(meeting.pk, "") for meeting in recorded]
    context = {"committee": committee, "year": year_number, "meetings": meetings, "recorded": recorded, "rows": rows}
    return render(request, "people/attendance_report.html", context)


def attendance_report_csv(request: HttpRequest, slug: str, year: str, next_year: str) -> HttpResponse:
    committee, _year_number, _meetings, recorded, rows = _report(slug, year, next_year)
    name = f"attendance-{committee.slug}-{year}-{next_year}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        ["Member", "Expected", "Attended", "Apologies", "Absent", "As substitute", "Rate (%)"]
        + [meeting.date.isoformat() for meeting in recorded]
    )
    for row in rows:
        writer.writerow(
            [
                row.person.display_name,
                row.expected,
                row.attended,
                row.apologies,
                row.absent,
                row.as_substitute,
                "" if row.rate is None else row.rate,
            ]
            + [row.marks.get(meeting.pk, "") for meeting in recorded]
        )
    return response


def meeting_attendance(meeting) -> list[Attendance]:
    """A meeting page's attendance, in the order the minutes give it."""
    return list(meeting.attendance.select_related("person", "substitute_for").order_by("order"))
