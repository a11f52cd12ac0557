"""Councils: the list of those the site follows, and each council's page (its committees, latest
meetings, outstanding actions and recommendations awaiting an answer)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Action, Council, Meeting
from .pagecache import cached_page
from .recommendations.models import Recommendation, Status

# How many of each a council's page lists (with a link to them all).
LISTED = 10


@cached_page
def council_list(request: HttpRequest) -> HttpResponse:
    councils = Council.objects.annotate(
        committee_count=Count("committees", filter=Q(committees__meetings__isnull=False), distinct=True)
    )
    return render(request, "meetings/councils.html", {"councils": councils})


@cached_page
def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(Council, slug=slug)
    today = timezone.localdate()
    committees = council.committees.filter(Exists(Meeting.objects.filter(committee=OuterRef("pk"))))
    outstanding = Action.objects.outstanding().filter(item__committee__council=council)
    awaiting = Recommendation.objects.filter(committee__council=council, status=Status.AWAITING)
    context = {
        "council": council,
        "committees": committees,
        "latest_meetings": Meeting.objects.filter(committee__council=council)
        .latest_first()
        .select_related("committee")[:LISTED],
        "outstanding": outstanding.select_related("item__committee", "item__meeting__committee").order_by(
            "due_month", "item__date", "order"
        )[:LISTED],
        "outstanding_count": outstanding.count(),
        "overdue_count": outstanding.overdue(today).count(),
        "awaiting": awaiting.select_related("item__committee", "item__meeting__committee").order_by("-date")[:LISTED],
        "awaiting_count": awaiting.count(),
        "sites": council.sources.all(),
    }
    return render(request, "meetings/council.html", context)
