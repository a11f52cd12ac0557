"""The actions pages: what each committee asked for and whether it came back, the work programme,
and the "Outstanding issues" briefing a co-ordinator prints for a meeting."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .filters import OVERDUE, ActionFilter
from .models import Action, Committee
from .recommendations.tracking import awaiting_on
from .tracking import is_overdue, status_label, statuses_on

ACTIONS_PER_PAGE = 50
CSV_COLUMNS = [
    "committee", "meeting date", "minute", "item", "kind", "action", "due month", "status", "followed up by", "url",
]  # fmt: skip


def listed_actions(params: QueryDict, committee: Committee | None) -> tuple[ActionFilter, QuerySet | list[Action]]:
    """The filter set for the query string `params` and the actions it selects: as stored, or as
    they stood on the `as_of` day, worked out from the history of decisions (then a list, each
    action given that day's `as_of_status` and the `shown_status` a reader is told)."""
    actions = Action.objects.for_listing()
    if committee is not None:
        actions = actions.filter(item__committee=committee)
    filterset = ActionFilter(params, queryset=actions, today=timezone.localdate())
    if committee is not None:
        del filterset.filters["committee"]
    if not filterset.is_as_of:
        return filterset, filterset.qs
    day, wanted = filterset.day, filterset.form.cleaned_data.get("status")
    rows = list(filterset.qs)
    statuses = statuses_on(rows, day)
    chosen = []
    for action in rows:
        status = statuses.get(action.pk)
        overdue = is_overdue(status, action.due_month, day)
        if status and (not wanted or wanted == status or (wanted == OVERDUE and overdue)):
            action.as_of_status = status
            action.shown_status = status_label(action, status, day)
            chosen.append(action)
    return filterset, chosen


def in_order(ids: list[int]) -> list[Action]:
    """The actions with these ids, in this order, with what a list shows of them.

    A page of a long list is chosen by ids first: sorting every action with its minute and meeting
    attached takes ten times as long as sorting their ids (docs/performance.md)."""
    found = Action.objects.for_listing().in_bulk(ids)
    return [found[pk] for pk in ids]


def actions(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """/actions/ and /committees/<slug>/actions/ (with `as_of`, a committee's briefing, unpaged)."""
    committee = get_object_or_404(Committee, slug=slug) if slug else None
    filterset, rows = listed_actions(request.GET, committee)
    briefing = committee is not None and filterset.is_as_of
    if isinstance(rows, QuerySet):
        rows = rows.values_list("pk", flat=True)
    page = Paginator(rows, max(len(rows), 1) if briefing else ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    if isinstance(rows, QuerySet):
        page.object_list = in_order(list(page.object_list))
    for action in page.object_list:
        if not hasattr(action, "shown_status"):
            action.shown_status = status_label(action, action.status, filterset.day)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "committee": committee,
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "briefing": briefing,
        "day": filterset.day,
        "awaiting": awaiting_on(committee, filterset.day) if briefing else [],
    }
    return render(request, "meetings/actions.html", context)


def actions_csv(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Exactly what the actions page shows for the same filters, every page of it."""
    committee = get_object_or_404(Committee, slug=slug) if slug else None
    filterset, rows = listed_actions(request.GET, committee)
    name = f"actions-{committee.slug if committee else 'all'}-{filterset.day.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for action in rows:
        item, follow_up = action.item, action.follow_up
        status = getattr(action, "shown_status", None) or status_label(action, action.status, filterset.day)
        writer.writerow(
            [
                item.committee.display_name,
                item.date.isoformat(),
                item.minute or item.label,
                item.title,
                action.get_kind_display(),
                action.text,
                action.due_month.strftime("%Y-%m") if action.due_month else "",
                status,
                f"{follow_up.label} ({follow_up.date.isoformat()})" if follow_up else "",
                request.build_absolute_uri(f"{item.meeting.get_absolute_url()}#{action.anchor}"),
            ]
        )
    return response


def work_programme(request: HttpRequest, slug: str, year: str, next_year: str) -> HttpResponse:
    """/committees/<slug>/2016-17/work-programme/: what the board asked to be added, and whether it came."""
    if (int(year) + 1) % 100 != int(next_year):
        raise Http404("Not a municipal year.")
    committee = get_object_or_404(Committee, slug=slug)
    if not committee.meetings.filter(municipal_year=int(year)).exists():
        raise Http404("No meetings of this committee in that municipal year.")
    entries = (
        Action.objects.for_listing()
        .filter(item__committee=committee, item__municipal_year=int(year), kind=Action.Kind.WORK_PROGRAMME)
        .order_by("item__date", "item__order", "order")
    )
    today = timezone.localdate()
    entries = list(entries)
    for action in entries:
        action.shown_status = status_label(action, action.status, today)
    context = {"committee": committee, "year": int(year), "entries": entries}
    return render(request, "meetings/work_programme.html", context)
