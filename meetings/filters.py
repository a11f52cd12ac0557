"""Filters for the meetings list and for search results, all carried in the URL."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Action, Committee, Item, Meeting, Resolution


def municipal_year_choices() -> list[tuple[int, str]]:
    years = Meeting.objects.order_by("-municipal_year").values_list("municipal_year", flat=True).distinct()
    return [(year, f"{year}/{(year + 1) % 100:02d}") for year in years]


def _date(field_name: str, lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr=lookup, label=label, widget=forms.DateInput(attrs={"type": "date"})
    )


def _only(label: str, method: str) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(label=label, method=method, widget=forms.CheckboxInput)


class ScopeFilter(django_filters.FilterSet):
    """Committee, municipal year, dates, resolutions and outstanding actions.

    Subclasses say where a record's item is (`item_path`, "" for an item itself) and
    declare their date fields.
    """

    item_path = ""

    committee = django_filters.ModelChoiceFilter(
        queryset=Committee.objects.all(), to_field_name="slug", empty_label="All committees"
    )
    year = django_filters.ChoiceFilter(
        field_name="municipal_year", label="Municipal year", choices=municipal_year_choices, empty_label="All years"
    )
    has_resolutions = _only("Only with resolutions", "filter_has_resolutions")
    has_outstanding_actions = _only("Only with outstanding actions", "filter_has_outstanding")

    def _on_these(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(**{f"item__{self.item_path}" if self.item_path else "item": OuterRef("pk")})

    def filter_has_resolutions(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(Exists(self._on_these(Resolution.objects.all()))) if value else queryset

    def filter_has_outstanding(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(Exists(self._on_these(Action.objects.outstanding()))) if value else queryset


class MeetingFilter(ScopeFilter):
    item_path = "meeting"

    q = django_filters.CharFilter(label="Words in titles or minutes", method="filter_words")
    date_from = _date("date", "gte", "From")
    date_to = _date("date", "lte", "To")

    class Meta:
        model = Meeting
        fields = ["q", "committee", "year", "date_from", "date_to", "has_resolutions", "has_outstanding_actions"]

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:200]
        if not value:
            return queryset
        matching = Item.objects.filter(meeting=OuterRef("pk")).filter(
            Q(title__icontains=value) | Q(minutes_text__icontains=value) | Q(agenda_text__icontains=value)
        )
        return queryset.filter(Exists(matching))


class ItemFilter(ScopeFilter):
    date_from = _date("date", "gte", "Meetings from")
    date_to = _date("date", "lte", "Meetings to")

    class Meta:
        model = Item
        fields = ["committee", "year", "date_from", "date_to", "has_resolutions", "has_outstanding_actions"]
