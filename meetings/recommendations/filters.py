"""The recommendations list's filters, all carried in the URL."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Exists, OuterRef, QuerySet

from meetings.filters import CommitteeFilter, municipal_year_choices
from meetings.models import Committee

from .models import Recommendation, Status

OVERDUE = "overdue"
STATUS_CHOICES = [
    (Status.AWAITING, "Awaiting response (overdue too)"),
    (OVERDUE, "Response overdue"),
    (Status.RESPONDED, "Responded"),
    (Status.ACCEPTED, "Accepted"),
    (Status.PARTLY_ACCEPTED, "Partly accepted"),
    (Status.REJECTED, "Rejected"),
    (Status.WITHDRAWN, "Withdrawn"),
]


class RecommendationFilter(django_filters.FilterSet):
    committee = CommitteeFilter(
        label="Recommended by",
        queryset=Committee.objects.filter(Exists(Recommendation.objects.filter(committee=OuterRef("pk")))),
        to_field_name="slug",
        empty_label="Any committee",
    )
    to = django_filters.ChoiceFilter(
        field_name="addressee_kind", label="Addressed to", choices=Recommendation.KINDS, empty_label="Anyone"
    )
    addressed = CommitteeFilter(
        field_name="addressed_to",
        label="Addressed to the committee",
        queryset=Committee.objects.filter(Exists(Recommendation.objects.filter(addressed_to=OuterRef("pk")))),
        to_field_name="slug",
        empty_label="Any",
    )
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, empty_label="Any status", method="filter_status")
    year = django_filters.ChoiceFilter(
        field_name="item__municipal_year",
        label="Municipal year",
        choices=municipal_year_choices,
        empty_label="All years",
    )

    class Meta:
        model = Recommendation
        fields = ["committee", "to", "addressed", "status", "year"]

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == OVERDUE:
            return queryset.overdue(self.today)
        return queryset.filter(status=value) if value else queryset
