"""The meetings list's filters, all carried in the URL so a filtered list can be shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Action, Committee, Item, Meeting, Resolution


def municipal_year_choices() -> list[tuple[int, str]]:
    years = Meeting.objects.order_by("-municipal_year").values_list("municipal_year", flat=True).distinct()
    return [(year, f"{year}/{(year + 1) % 100:02d}") for year in years]


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Words in titles or minutes", method="filter_words")
    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), to_field_name="slug", empty_label="All committees"
    )
    year = django_filters.ChoiceFilter(
        field_name="municipal_year", label="Municipal year", choices=municipal_year_choices, empty_label="All years"
    )
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    has_resolutions = django_filters.BooleanFilter(
        label="Only meetings with resolutions", method="filter_has_resolutions", widget=forms.CheckboxInput
    )
    has_outstanding_actions = django_filters.BooleanFilter(
        label="Only meetings with outstanding actions", method="filter_has_outstanding", widget=forms.CheckboxInput
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:200]
        if not value:
            return queryset
        matching = Item.objects.filter(meeting=OuterRef("pk")).filter(
            Q(title__icontains=value) | Q(minutes_text__icontains=value) | Q(agenda_text__icontains=value)
        )
        return queryset.filter(Exists(matching))

    def filter_has_resolutions(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(Resolution.objects.filter(item__meeting=OuterRef("pk"))))

    def filter_has_outstanding(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(Action.objects.outstanding().filter(item__meeting=OuterRef("pk"))))
