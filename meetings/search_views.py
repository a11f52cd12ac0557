"""The search page and its CSV download."""

from __future__ import annotations

import csv
from collections import Counter

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from .filters import ItemFilter
from .models import Item
from .search import (
    SEARCH_LIMIT,
    Counts,
    add_snippets,
    facet_counts,
    has_match,
    highlight,
    minute_number,
    parse_query,
    ranked,
    repeats,
)

RESULTS_PER_PAGE = 20
CSV_LIMIT = 5000
# What a result shows. Only these are read: ranking sorts every match, and SQLite's sorter
# carries each row whole, so leaving the minutes text out makes broad searches much faster.
# What a result shows and links to (an item whose number was lost links by its meeting and place).
RESULT_FIELDS = [
    "title",
    "order",
    "municipal_year",
    "minute_number",
    "committee__slug",
    "committee__name",
    "committee__council_label",
    "meeting__date",
    "meeting__day_number",
    "meeting__imported_at",  # the search feed's dates
]


class CountedPaginator(Paginator):
    """A paginator told how many results there are, so that it need not count them again."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def find(params: QueryDict):
    """(query, filterset, whether there is a search to run) for a query string's `q` and filters."""
    query = parse_query(params.get("q", ""))
    items = Item.objects.select_related("meeting", "committee").only(*RESULT_FIELDS)
    filterset = ItemFilter(params, queryset=items)
    return query, filterset, query.is_searchable and filterset.is_valid()


def results_in_order(query, filterset, *, newest: bool):
    """(the matches in the order they are shown, how many there are or None above SEARCH_LIMIT):
    a broad search's newest first, unranked."""
    counts = facet_counts(filterset.qs, query)
    total = None if counts is None else counts.total
    return ranked(filterset.qs, query, newest_first=newest, broad=total is None, counts=counts), total


def facets(counts: Counts | None, params: QueryDict) -> dict:
    """The number of matches `facet_counts` found, and per council or committee and per municipal year.

    Matches from more than one council are counted per council (a national site would otherwise
    list a thousand committees, fifty of them "Cabinet"); those of one council, per committee.
    Each facet links to the same search (`params`, the query string without its page) narrowed
    to it. Above SEARCH_LIMIT matches nothing is counted: `total` is None.
    """
    if counts is None:
        return {"total": None, "councils": [], "committees": [], "years": []}
    councils = Counter()
    for committee in counts.committees:
        if committee.council:  # not minutes imported from files, which belong to no council
            councils[committee.council, committee.council_name] += committee.count

    def narrowed(name: str, value) -> str:
        facet = params.copy()
        facet[name] = value
        return "?" + facet.urlencode()

    by_council = len(councils) > 1
    if by_council:
        listed = [(slug, name, count) for (slug, name), count in councils.items()]
    else:
        listed = [(committee.slug, committee.name, committee.count) for committee in counts.committees]
    field = "council" if by_council else "committee"
    most_first = [
        {"name": name, "count": count, "url": narrowed(field, slug)}
        for slug, name, count in sorted(listed, key=lambda entry: (-entry[2], entry[1]))
    ]
    return {
        "total": counts.total,
        "councils": most_first if by_council else [],
        "committees": [] if by_council else most_first,
        "years": [
            {"year": year, "count": count, "url": narrowed("year", year)}
            for year, count in sorted(counts.years.items(), reverse=True)
        ],
    }


def search(request: HttpRequest) -> HttpResponse:
    jump = minute_number(request.GET.get("q", ""))
    if jump:
        return redirect("minute_lookup", *jump)
    query, filterset, searched = find(request.GET)
    for field in filterset.form.fields.values():
        field.widget.attrs["form"] = "search-form"  # the filters sit apart from the search box they refine
    context = {
        "query": query,
        "filter": filterset,
        "order": request.GET.get("order", "relevance"),
        "searched": searched,
    }
    if searched:
        params = request.GET.copy()
        params.pop("page", None)
        counted = facet_counts(filterset.qs, query)
        counts = facets(counted, params)
        broad = counted is None
        newest = request.GET.get("order") == "newest"
        results = ranked(filterset.qs, query, newest_first=newest, broad=broad, counts=counted)
        paginator = CountedPaginator(results, RESULTS_PER_PAGE, SEARCH_LIMIT if broad else counts["total"])
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        add_snippets(page.object_list, query)
        for item in page:
            item.resolution_html = highlight(item.resolution_snippet) if has_match(item.resolution_snippet) else None
            # The minutes print their resolutions: a snippet that only says the resolution again is left out.
            repeated = item.resolution_html is not None and repeats(item.snippet, item.resolution_snippet)
            item.snippet_html = None if repeated else highlight(item.snippet)
        context |= {
            "page": page,
            "params": params.urlencode(),
            "facets": counts,
            "broad": broad,
            "search_limit": SEARCH_LIMIT,
            "csv_limit": CSV_LIMIT,
        }
    return render(request, "meetings/search.html", context)


def search_csv(request: HttpRequest) -> HttpResponse:
    """The same search, every result (up to CSV_LIMIT), as a spreadsheet."""
    query, filterset, searched = find(request.GET)
    results = []
    if searched:
        ordered, _total = results_in_order(query, filterset, newest=request.GET.get("order") == "newest")
        results = list(ordered[:CSV_LIMIT])
    add_snippets(results, query)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="minutebook-search.csv"'
    writer = csv.writer(response)
    writer.writerow(["committee", "meeting date", "minute", "title", "resolution matched", "url"])
    for item in results:
        writer.writerow(
            [
                item.committee.display_name,
                item.meeting.date.isoformat(),
                item.minute,
                item.title,
                "yes" if has_match(item.resolution_snippet) else "no",
                request.build_absolute_uri(item.get_absolute_url()),
            ]
        )
    return response
