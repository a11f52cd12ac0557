"""Filters for the meetings list and for search results, all carried in the URL."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .addresses import committee_at
from .models import Action, Committee, Council, Item, Meeting, Resolution


def municipal_year_choices() -> list[tuple[int, str]]:
    years = Meeting.objects.order_by("-municipal_year").values_list("municipal_year", flat=True).distinct()
    return [(year, f"{year}/{(year + 1) % 100:02d}") for year in years]


class NativeDateInput(forms.DateInput):
    """The browser's own date or month picker (<input type="date"> or "month"). A value that is
    not such a date is left out of the page, as HTML allows only a valid one there; the field's
    error message says what was wrong."""

    def __init__(self, input_type: str = "date"):
        self.input_type = input_type
        super().__init__(format="%Y-%m" if input_type == "month" else "%Y-%m-%d")

    def format_value(self, value):
        formatted = super().format_value(value)
        try:
            datetime.datetime.strptime(formatted or "", self.format)
        except ValueError:
            return None
        return formatted


def _date(field_name: str, lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name=field_name, lookup_expr=lookup, label=label, widget=NativeDateInput())


def _only(label: str, method: str) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(label=label, method=method, widget=forms.CheckboxInput)


def _council(committee_path: str) -> django_filters.ModelChoiceFilter:
    """A council, by its slug: the records of its committees, named by their ids. Joined to the
    committees instead, PostgreSQL would check every match of a search's words in the whole site
    against the council (32,000 for "air quality" at 1M items: 90 ms); given the ids, it combines
    the committee index with the words' (16 ms)."""

    def of_its_committees(queryset: QuerySet, name: str, council: Council | None) -> QuerySet:
        if council is None:
            return queryset
        committees = list(Committee.objects.filter(council=council).values_list("id", flat=True))
        return queryset.filter(**{f"{committee_path}__in": committees})

    return django_filters.ModelChoiceFilter(
        queryset=Council.objects.all(),
        to_field_name="slug",
        label="Council",
        empty_label="All councils",
        method=of_its_committees,
    )


class QuickSelect(forms.Select):
    """A <select> written out here rather than through Django's template for each option, which
    costs about 0.08 ms an option: a site of 50 councils lists 1,000 committees, and every search,
    meetings and actions page spent 80 ms writing them. The same HTML."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], mark_safe(" selected") if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class CommitteeField(forms.ModelChoiceField):
    """A committee by its slug, or by an address it had before (a saved link, a feed reader's or an
    alert's filters keep choosing it after it moved: meetings/addresses.py)."""

    widget = QuickSelect

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            found = committee_at(value, self.queryset) if isinstance(value, str) and value else None
            if found is None:
                raise
            return found


class CommitteeFilter(django_filters.ModelChoiceFilter):
    field_class = CommitteeField


# Where the site follows several councils and no council is chosen, the committee list holds
# every committee up to this many; beyond it (a national site has thousands), it asks for a
# council first, rather than make every page carry them all.
LISTED_COMMITTEES = 100
CHOOSE_A_COUNCIL = "Choose a council to list its committees."


class CouncilChoice:
    """A council filter, shown only where the site follows more than one council (a site that
    follows one looks as it always has; the filter still narrows by a council named in the URL).

    There, the committee list holds the chosen council's committees. Any committee stays a valid
    choice (a facet's link, a saved search), and the one chosen is always listed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.several_councils = Council.objects.count() > 1
        if not (self.several_councils or self.data.get("council")):
            del self.filters["council"]

    @property
    def form(self):
        made = hasattr(self, "_form")
        form = super().form
        if not made and self.several_councils and "committee" in form.fields:
            self._list_councils_committees(form.fields["committee"], self.data.get("council") or "")
        return form

    def _list_councils_committees(self, field: CommitteeField, council: str) -> None:
        listed = field.queryset.only("name", "slug", "council_label")
        listed = list(listed.filter(council__slug=council) if council else listed[: LISTED_COMMITTEES + 1])
        if len(listed) > LISTED_COMMITTEES and not council:
            listed, field.help_text = [], CHOOSE_A_COUNCIL
        chosen = self.data.get("committee") or ""
        options = [(committee.slug, str(committee)) for committee in listed]
        if chosen and chosen not in {slug for slug, _label in options}:
            options[:0] = [(chosen, str(found)) for found in [committee_at(chosen, field.queryset)] if found]
        field.widget.choices = [("", field.empty_label), *options]


class ScopeFilter(CouncilChoice, django_filters.FilterSet):
    """Committee, municipal year, dates, resolutions and outstanding actions.

    Subclasses say where a record's item is (`item_path`, "" for an item itself) and
    declare their date fields.
    """

    item_path = ""

    council = _council("committee")
    committee = CommitteeFilter(queryset=Committee.objects.all(), to_field_name="slug", empty_label="All committees")
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
        if not value:
            return queryset
        if not self.item_path:  # items: the flag each keeps, which search's index can read (Item)
            return queryset.filter(has_outstanding_actions=True)
        return queryset.filter(Exists(self._on_these(Action.objects.outstanding())))


class MeetingFilter(ScopeFilter):
    item_path = "meeting"

    q = django_filters.CharFilter(label="Words in titles or minutes", method="filter_words")
    date_from = _date("date", "gte", "From")
    date_to = _date("date", "lte", "To")

    class Meta:
        model = Meeting
        fields = [
            "q", "council", "committee", "year", "date_from", "date_to", "has_resolutions", "has_outstanding_actions"
        ]  # fmt: skip

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
        fields = ["council", "committee", "year", "date_from", "date_to", "has_resolutions", "has_outstanding_actions"]


# What the actions list can show, with "overdue" worked out for the day asked about.
OVERDUE = "overdue"
STATUS_CHOICES = [
    (Action.Status.OUTSTANDING, "Outstanding (overdue too)"),
    (OVERDUE, "Overdue"),
    (Action.Status.FOLLOWED_UP, "Followed up"),
    (Action.Status.DONE, "Done"),
    (Action.Status.DROPPED, "Dropped"),
]


SORTS = [("meeting", "Meeting, newest first")]


def _month(field_name: str, lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup,
        label=label,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=NativeDateInput("month"),
    )


class ActionFilter(CouncilChoice, django_filters.FilterSet):
    """The actions list's filters. `as_of` asks for each action's status as it stood at the end of
    that day (the "Outstanding issues" briefing): the view works those out, so the status filter
    here only narrows by the stored status when no such day is given."""

    council = _council("item__committee")
    committee = CommitteeFilter(
        field_name="item__committee",
        label="Committee",
        queryset=Committee.objects.filter(meetings__isnull=False).distinct(),
        to_field_name="slug",
        empty_label="All committees",
    )
    kind = django_filters.ChoiceFilter(choices=Action.Kind.choices, empty_label="All kinds")
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, empty_label="Any status", method="filter_status")
    year = django_filters.ChoiceFilter(
        field_name="item__municipal_year",
        label="Municipal year",
        choices=municipal_year_choices,
        empty_label="All years",
    )
    due_from = _month("due_month", "gte", "Due from (month)")
    due_to = _month("due_month", "lte", "Due by (month)")
    as_of = django_filters.DateFilter(label="As it stood on", method="filter_as_of", widget=NativeDateInput())
    sort = django_filters.ChoiceFilter(
        label="Order by", choices=SORTS, empty_label="Month due, soonest first", method="filter_sort"
    )

    class Meta:
        model = Action
        fields = ["council", "committee", "kind", "status", "year", "due_from", "due_to", "as_of", "sort"]

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    @property
    def day(self) -> datetime.date:
        """The day statuses are told for: the one asked about, else today."""
        return (self.form.cleaned_data.get("as_of") if self.is_valid() else None) or self.today

    @property
    def is_as_of(self) -> bool:
        return self.is_valid() and bool(self.form.cleaned_data.get("as_of"))

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        if not (self.is_valid() and self.form.cleaned_data.get("sort")):
            queryset = self.filter_sort(queryset, "sort", "due")
        return queryset

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "meeting":
            return queryset.order_by("-item__date", "item__order", "order")
        return queryset.order_by(F("due_month").asc(nulls_last=True), "item__date", "item__order", "order")

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value or self.is_as_of:
            return queryset
        if value == OVERDUE:
            return queryset.overdue(self.today)
        return queryset.filter(status=value)

    def filter_as_of(self, queryset: QuerySet, name: str, value: datetime.date | None) -> QuerySet:
        """Only actions from meetings held by that day."""
        return queryset.filter(item__date__lte=value) if value else queryset
