"""The recommendations pages: every recommendation and its answer, a committee's, as CSV, and a
co-ordinator's decision about one."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from meetings.models import Committee
from meetings.pagecache import cached_page
from meetings.staff.views import history_of, staff_only

from .filters import RecommendationFilter
from .forms import DecisionForm
from .models import NEWEST_FIRST, Recommendation, RecommendationReview
from .tracking import linked_response, record_decision

PER_PAGE = 50
CSV_COLUMNS = [
    "committee", "meeting date", "minute", "item", "label", "addressed to", "addressee kind", "recommendation",
    "status", "response due", "answered by", "answer's committee", "answer date", "outcome", "url",
]  # fmt: skip


def listed(request: HttpRequest, committee: Committee | None) -> RecommendationFilter:
    """The filter set for the query string, with the recommendations it selects, newest first."""
    rows = Recommendation.objects.for_listing().order_by(*NEWEST_FIRST)
    if committee is not None:
        rows = rows.filter(committee=committee)
    filterset = RecommendationFilter(request.GET, queryset=rows, today=timezone.localdate())
    if committee is not None:
        del filterset.filters["committee"]
    return filterset


@cached_page
def recommendations(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """/recommendations/ and /committees/<slug>/recommendations/ (those the committee made)."""
    committee = get_object_or_404(Committee, slug=slug) if slug else None
    filterset = listed(request, committee)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "committee": committee,
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "response_months": settings.RECOMMENDATION_RESPONSE_MONTHS,
    }
    return render(request, "recommendations/list.html", context)


def recommendations_csv(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Exactly what the list shows for the same filters, every page of it."""
    committee = get_object_or_404(Committee, slug=slug) if slug else None
    filterset = listed(request, committee)
    today = timezone.localdate()
    name = f"recommendations-{committee.slug if committee else 'all'}-{today.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in filterset.qs:
        item, answer = row.item, row.response
        writer.writerow(
            [
                item.committee.display_name, item.date.isoformat(), item.minute or item.label, item.title, row.label,
                row.addressee, row.get_addressee_kind_display(), row.text, row.shown_status(today),
                row.response_due().isoformat(), answer.minute or answer.label if answer else "",
                answer.committee.display_name if answer else "", answer.date.isoformat() if answer else "",
                row.get_outcome_display(), request.build_absolute_uri(f"{item.get_absolute_url()}#{row.anchor}"),
            ]
        )  # fmt: skip
    return response


@staff_only("recommendations.change_recommendationreview")
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """/staff/recommendations/<pk>/: the co-ordinator's status for a recommendation, a note, or the
    later item that answered it; every change is kept and listed."""
    recommendation = get_object_or_404(Recommendation.objects.for_listing(), pk=pk)
    review = RecommendationReview.objects.filter(
        meeting_id=recommendation.item.meeting_id, key=recommendation.key
    ).first()
    if request.method == "POST":
        form = DecisionForm(request.POST, recommendation=recommendation)
        if form.is_valid():
            record_decision(
                recommendation,
                user=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                response=form.cleaned_data["response"],
            )
            messages.success(request, "Decision saved.")
            return redirect("staff_recommendation", pk=recommendation.pk)
    else:
        initial = {"status": review.status, "note": review.note, "response": linked_response(review)} if review else {}
        form = DecisionForm(initial=initial, recommendation=recommendation)
    history = history_of(review, RecommendationReview.Decision) if review else []
    context = {"recommendation": recommendation, "form": form, "history": history}
    return render(request, "recommendations/decision.html", context)
