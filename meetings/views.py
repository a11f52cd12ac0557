"""The public reading pages: home, committee, meeting, minute."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .crossrefs import reference_targets
from .models import Committee, Item, Meeting, Reference


def home(request: HttpRequest) -> HttpResponse:
    committees = Committee.objects.annotate(meeting_count=Count("meetings")).filter(meeting_count__gt=0)
    latest = Meeting.objects.latest_first().select_related("committee")[:10]
    return render(request, "meetings/home.html", {"committees": committees, "latest_meetings": latest})


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    meetings = committee.meetings.latest_first().annotate(item_count=Count("items"))
    return render(request, "meetings/committee.html", {"committee": committee, "meetings": meetings})


def meeting_detail(request: HttpRequest, slug: str, date: str) -> HttpResponse:
    meeting_date = _iso_date(date)
    meeting = (
        Meeting.objects.select_related("committee")
        .filter(committee__slug=slug, date=meeting_date)
        .order_by("start_time")
        .first()
    )
    if meeting is None:
        raise Http404("No meeting of that committee on that date.")
    items = list(meeting.items.for_display())
    _attach_links(items)
    return render(request, "meetings/meeting.html", {"meeting": meeting, "items": items})


def minute_detail(request: HttpRequest, slug: str, year: int, number: int) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    items = list(Item.objects.minute(committee, year, number).for_display().order_by("meeting__date"))
    if not items:
        raise Http404("That minute has not been published here.")
    _attach_links(items)
    referred_by = (
        Reference.objects.to_minute(items[0])
        .select_related("from_item__meeting", "from_item__committee")
        .order_by("from_item__meeting__date", "from_item__order")
    )
    return render(
        request,
        "meetings/minute.html",
        {"committee": committee, "item": items[0], "items": items, "referred_by": referred_by},
    )


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404("Not a date.") from None


def _attach_links(items: list[Item]) -> None:
    """Give each item `reference_links`: printed text -> URL (None where not imported)."""
    references = [ref for item in items for ref in item.references.all()]
    targets = reference_targets(references)
    for item in items:
        item.reference_links = {ref.text: targets.get(ref.pk) for ref in item.references.all()}
