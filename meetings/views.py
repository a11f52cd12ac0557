"""The public reading pages: home, committees, meetings, minutes."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db import DatabaseError, connections
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from importers import people

from .crossrefs import minute_thread, reference_targets
from .filters import LISTED_COMMITTEES, MeetingFilter
from .models import Action, Committee, Council, Item, Meeting, Reference, SourceDocument
from .pagecache import cached_page
from .revisions.models import Revision, amendments, revisions_url
from .tracking import status_label

MEETINGS_PER_PAGE = 20


def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer: 200 while the primary database answers, 503 when it does not; never cached."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        response = HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    else:
        response = HttpResponse("ok\n", content_type="text/plain")
    add_never_cache_headers(response)
    return response


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    due_soon = (
        Action.objects.outstanding()
        .filter(due_month__isnull=False, due_month__lte=today.replace(day=1) + datetime.timedelta(days=93))
        .select_related("item__meeting__committee", "item__committee")
        .order_by("due_month", "item__meeting__date", "order")[:10]
    )
    # An index probe for each committee, rather than a pass over every meeting.
    committees = Committee.objects.filter(Exists(Meeting.objects.filter(committee=OuterRef("pk"))))
    councils = list(Council.objects.all())  # named only where the site follows several councils
    # A national site's thousands of committees are listed on their councils' pages, not here.
    by_council = len(councils) > 1 and committees.count() > LISTED_COMMITTEES
    context = {
        "committees": committees.none() if by_council else committees,
        "committees_by_council": by_council,
        "latest_meetings": Meeting.objects.latest_first().select_related("committee")[:10],
        "due_soon": due_soon,
        "councils": councils,
    }
    return render(request, "meetings/home.html", context)


def committee_list(request: HttpRequest) -> HttpResponse:
    """Committees are listed on the home page: a reader who trims a committee's URL lands there."""
    return redirect(reverse("home") + "#committees-heading")


@cached_page
def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _committee_page(request, slug, None)


@cached_page
def committee_year(request: HttpRequest, slug: str, year: str, next_year: str) -> HttpResponse:
    """/committees/<slug>/2016-17/"""
    if (int(year) + 1) % 100 != int(next_year):
        raise Http404("Not a municipal year.")
    return _committee_page(request, slug, int(year))


def _committee_page(request: HttpRequest, slug: str, year: int | None) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    years = list(committee.meetings.order_by("-municipal_year").values_list("municipal_year", flat=True).distinct())
    if not years:
        raise Http404("This committee has no meetings published here.")
    year = years[0] if year is None else year
    if year not in years:
        raise Http404("No meetings of this committee in that municipal year.")
    meetings = committee.meetings.in_municipal_year(year).latest_first().with_counts()
    year_links = [(each, committee.year_url(each)) for each in years]
    context = {"committee": committee, "year": year, "year_links": year_links, "meetings": meetings}
    return render(request, "meetings/committee.html", context)


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.select_related("committee").latest_first().with_counts()
    filterset = MeetingFilter(request.GET, queryset=meetings)
    page = Paginator(filterset.qs, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "meetings/meeting_list.html", context)


def meeting_or_404(slug: str, date: str, day_number: int, meetings: QuerySet | None = None) -> Meeting:
    """The meeting at a page's address, from `meetings` (with its committee) where given."""
    meetings = Meeting.objects.all() if meetings is None else meetings
    meeting = (
        meetings.select_related("committee")
        .filter(committee__slug=slug, date=_iso_date(date), day_number=day_number)
        .first()
    )
    if meeting is None:
        raise Http404("No meeting of that committee on that date.")
    return meeting


@cached_page
def meeting_detail(request: HttpRequest, slug: str, date: str, day_number: int = 1) -> HttpResponse:
    revised = Exists(Revision.objects.by_council().filter(meeting=OuterRef("pk")))
    meeting = meeting_or_404(slug, date, day_number, Meeting.objects.with_printed_original().annotate(revised=revised))
    items = meeting.items.displayed()
    _attach_links(items)
    revisions, amended = amendments(meeting) if meeting.revised else ([], {})
    for item in items:
        item.amended_on = amended.get(item.number or f"#{item.order}")
    siblings = Meeting.objects.filter(committee=meeting.committee).select_related("committee")
    earlier = Q(date__lt=meeting.date) | Q(date=meeting.date, day_number__lt=meeting.day_number)
    later = Q(date__gt=meeting.date) | Q(date=meeting.date, day_number__gt=meeting.day_number)
    previous = siblings.filter(earlier).order_by("-date", "-day_number").first()
    following = siblings.filter(later).order_by("date", "day_number").first()
    context = {
        "meeting": meeting,
        "items": items,
        "previous": previous,
        "next": following,
        # With another meeting that day, the page names its time as well as its date.
        "shares_day": any(other is not None and other.date == meeting.date for other in (previous, following)),
        "approved_by": Reference.objects.approving(meeting).select_related("from_item__meeting").first(),
        "attendance": attendance_summary(meeting),
        "revisions": revisions,
        "revisions_url": revisions_url(meeting),
    }
    return render(request, "meetings/meeting.html", context)


# A meeting page's attendance groups for those not present as members ("expected" is never shown).
NOT_PRESENT_AS_MEMBER = {people.IN_ATTENDANCE: "others", people.APOLOGIES: "apologies", people.ABSENT: "absent"}


def attendance_summary(meeting: Meeting) -> dict[str, list]:
    """Who the minutes say chaired, attended, sent apologies, substituted and were in attendance,
    each group in the minutes' order (one query, however many attended); {} where none is recorded."""
    groups: dict[str, list] = {
        "chair": [], "present": [], "substitutes": [], "apologies": [], "absent": [], "others": [], "officers": [],
    }  # fmt: skip
    for row in meeting.attendance.select_related("person").order_by("order"):
        if row.group == people.OFFICER:
            groups["officers"].append(row)
        elif row.status in NOT_PRESENT_AS_MEMBER:
            groups[NOT_PRESENT_AS_MEMBER[row.status]].append(row)
        elif row.status == people.PRESENT:
            if row.chair:
                groups["chair"].append(row)
            if row.as_substitute:
                groups["substitutes"].append(row)
            elif not row.chair:
                groups["present"].append(row)
    return groups if any(groups.values()) else {}


def meeting_original(request: HttpRequest, slug: str, date: str, day_number: int = 1) -> HttpResponse:
    """The printed minutes (PDF or Word) a meeting was imported from, as the council published them.

    Always a download (never shown inline from this site's origin): a document is the council's,
    not a page of this site."""
    meeting = meeting_or_404(slug, date, day_number)
    document = SourceDocument.objects.printed_originals().filter(meeting=meeting).first()
    if document is None:
        raise Http404("This meeting was not imported from a PDF or Word document.")
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=document.file_name)
    return response


@cached_page
def minute_detail(request: HttpRequest, slug: str, year: int, number: int) -> HttpResponse:
    items = Item.objects.minute(slug, year, number).order_by("meeting__date").displayed()
    if not items:
        raise Http404("That minute has not been published here.")
    return _minute_page(request, items[0].committee, items)


@cached_page
def meeting_item(request: HttpRequest, slug: str, date: str, order: int, day_number: int = 1) -> HttpResponse:
    """An item by its place in its meeting: the permalink of an item whose number the page lost."""
    meeting = meeting_or_404(slug, date, day_number)
    items = meeting.items.filter(order=order).displayed()
    if not items:
        raise Http404("That meeting has no such item.")
    if items[0].minute_number is not None:
        return redirect(items[0].get_absolute_url(), permanent=True)
    return _minute_page(request, meeting.committee, items)


def _minute_page(request: HttpRequest, committee: Committee, items: list[Item]) -> HttpResponse:
    """One minute (in rare cases several items sharing its number), what refers to it, its thread."""
    _attach_links(items)
    referred_by = (
        Reference.objects.to_minute(items[0])
        .select_related("from_item__meeting", "from_item__committee")
        .order_by("from_item__meeting__date", "from_item__order")
    )
    context = {
        "committee": committee,
        "item": items[0],
        "items": items,
        "referred_by": referred_by,
        "thread": minute_thread(items[0], loaded=items),
    }
    return render(request, "meetings/minute.html", context)


def minute_lookup(request: HttpRequest, number: int, yy: int) -> HttpResponse:
    """ "/minutes/59/16": straight to the minute when one committee has it, else a choice."""
    year = 2000 + yy if yy < 70 else 1900 + yy
    items = list(
        Item.objects.filter(municipal_year=year, minute_number=number)
        .select_related("committee", "meeting")
        .order_by("committee__name", "meeting__date")
    )
    if len({item.committee_id for item in items}) == 1:
        return redirect(items[0].get_absolute_url())
    context = {"items": items, "minute": f"{number}/{yy:02d}"}
    return render(request, "meetings/minute_choice.html", context, status=200 if items else 404)


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404("Not a date.") from None


def _attach_links(items: list[Item]) -> None:
    """Give each item `reference_links` (printed text -> URL of what it names, where published here)
    and `unpublished` (printed minute references whose minute is not published here), and each of
    its actions the status a reader is shown today."""
    references = [ref for item in items for ref in item.reference_list]
    targets = reference_targets(references)
    today = timezone.localdate()
    for item in items:
        for action in item.action_list:
            action.shown_status = status_label(action, action.status, today)
        refs = item.reference_list
        item.reference_links = {ref.text: targets[ref.pk] for ref in refs if ref.pk in targets}
        item.unpublished = {ref.text for ref in refs if ref.pk not in targets and ref.kind == Reference.Kind.MINUTE}
