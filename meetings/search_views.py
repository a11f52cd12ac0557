"""The search page and its CSV download."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .filters import ItemFilter
from .models import Item
from .search import has_match, highlight, minute_number, parse_query, search_items

RESULTS_PER_PAGE = 20
CSV_LIMIT = 5000


def _results(request: HttpRequest):
    """(query, filterset, matching items or None) for the request's query string."""
    query = parse_query(request.GET.get("q", ""))
    filterset = ItemFilter(request.GET, queryset=Item.objects.select_related("meeting", "committee"))
    if not query.is_searchable or not filterset.is_valid():
        return query, filterset, None
    newest_first = request.GET.get("order") == "newest"
    return query, filterset, search_items(filterset.qs, query, newest_first=newest_first)


def search(request: HttpRequest) -> HttpResponse:
    jump = minute_number(request.GET.get("q", ""))
    if jump:
        return redirect("minute_lookup", *jump)
    query, filterset, results = _results(request)
    context = {
        "query": query,
        "filter": filterset,
        "order": request.GET.get("order", "relevance"),
        "searched": results is not None,
    }
    if results is not None:
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        for item in page:
            item.snippet_html = highlight(item.snippet)
            item.resolution_html = highlight(item.resolution_snippet) if has_match(item.resolution_snippet) else None
        facets = results.order_by()
        params = request.GET.copy()
        params.pop("page", None)
        context |= {
            "page": page,
            "params": params.urlencode(),
            "committee_facets": facets.values("committee__slug", "committee__name")
            .annotate(count=Count("id"))
            .order_by("-count", "committee__name"),
            "year_facets": facets.values("municipal_year").annotate(count=Count("id")).order_by("-municipal_year"),
        }
    return render(request, "meetings/search.html", context)


def search_csv(request: HttpRequest) -> HttpResponse:
    """The same search, every result (up to CSV_LIMIT), as a spreadsheet."""
    _query, _filterset, results = _results(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="minutebook-search.csv"'
    writer = csv.writer(response)
    writer.writerow(["committee", "meeting date", "minute", "title", "resolution matched", "url"])
    for item in (results or Item.objects.none())[:CSV_LIMIT]:
        writer.writerow(
            [
                item.committee.name,
                item.meeting.date.isoformat(),
                item.minute,
                item.title,
                "yes" if has_match(item.resolution_snippet) else "no",
                request.build_absolute_uri(item.get_absolute_url()),
            ]
        )
    return response
