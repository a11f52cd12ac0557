"""The API's recommendations list, with the recommendations page's filters (registered by
minutes_site/urls.py; answered like every other API answer: meetings/api.py)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, QueryDict
from django.utils import timezone
from ninja import Field, Query

from meetings.api import YEAR, Paging, filter_data, page_of, paged, read, site, valid

from .filters import RecommendationFilter
from .models import NEWEST_FIRST, Recommendation
from .shapes import ListedRecommendation, listed_recommendation


class RecommendationParams(Paging):
    committee: str | None = Field(None, description="The recommending committee's slug.")
    to: Literal["cabinet", "council", "cabinet_member", "committee", "officer", "outside_body"] | None = None
    addressed: str | None = Field(None, description="The slug of the committee it is addressed to.")
    status: (
        Literal["awaiting", "overdue", "responded", "accepted", "partly_accepted", "rejected", "withdrawn"] | None
    ) = None
    year: int | None = YEAR


@read(
    "/recommendations",
    page_of(ListedRecommendation),
    "Recommendations and their answers, newest first, with the recommendations page's filters",
    "Recommendations",
)
def recommendations(request: HttpRequest, params: Query[RecommendationParams]):
    rows = Recommendation.objects.for_listing().order_by(*NEWEST_FIRST)
    data: QueryDict = filter_data(params)
    filterset = valid(RecommendationFilter(data, queryset=rows, today=timezone.localdate()))
    rows = filterset.qs
    base = site(request)
    today = timezone.localdate()
    return paged(
        request, rows, params, rows.count(), lambda page: [listed_recommendation(r, base, today) for r in page]
    )
