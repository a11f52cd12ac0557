"""The read-only JSON API at /api/, described by OpenAPI at /api/openapi.json (docs at /api/docs).

Every record's data lives at its page's address under /api/ ("/committees/x/minutes/2016/59/" is
"/api/committees/x/minutes/2016/59"), and lists take the pages' filters, read by the pages' own
filter sets and querysets. Answers are kept in the page cache until the site changes, carry an
ETag and Last-Modified like the pages, and are limited per address (API_RATE_LIMIT).
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Callable
from typing import Annotated, Literal

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.views import defaults
from ninja import Field, NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError
from pydantic import BeforeValidator, create_model

from . import shapes
from .action_views import in_order, listed_actions
from .crossrefs import minute_thread
from .filters import MeetingFilter
from .models import Committee, Council, Item, Meeting, Reference
from .pagecache import CACHED_OPERATIONS, cached_page
from .search import SEARCH_LIMIT, add_snippets
from .search_views import find, results_in_order
from .views import meeting_or_404

logger = logging.getLogger(__name__)

DESCRIPTION = """Committee minutes as published on this Minutebook: committees, meetings, minutes with
their resolutions, actions and references, search, the actions lists, councillors with their
attendance, declarations of interest and recorded votes, and recommendations with their answers.
Read-only, no key needed.

Every record's data is at its page's address under `/api/`. Lists are paged (`page`, `page_size` up
to 100) in a fixed order, with `count` where it is cheap to know. Answers carry an `ETag`: send it
back as `If-None-Match` and an unchanged answer is a 304. Requests are limited per address; over the
limit the answer is 429 with `Retry-After`. Bulk downloads of everything are on the
[Open data page](/data/)."""

api = NinjaAPI(
    title="Minutebook API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

MAX_PAGE_SIZE = 100


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value):
    """Only a date written YYYY-MM-DD (pydantic alone would read "0" as 1 January 1970)."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value
    raise ValueError("Give a date as YYYY-MM-DD.")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


# -- errors: always JSON -----------------------------------------------------------------------


class ParameterError(Schema):
    parameter: str
    message: str


class Problem(Schema):
    detail: str
    errors: list[ParameterError] = []


class BadParameter(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors


def problem(request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None):
    listed = [
        {"parameter": name, "message": message} for name, messages in (errors or {}).items() for message in messages
    ]
    return api.create_response(request, {"detail": detail, "errors": listed}, status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in {"query", "path"}]
        errors.setdefault(location[-1] if location else "request", []).append(error.get("msg", "invalid"))
    return problem(request, 400, "Bad parameter: " + ", ".join(errors), errors)


@api.exception_handler(BadParameter)
def _bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return problem(request, 400, "Bad parameter: " + ", ".join(exc.errors), exc.errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, str(exc) or "Not found.")


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, as JSON under /api/ (a database that is down is a 503: meetings/middleware.py)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error.", "errors": []}, status=500)
    return defaults.server_error(request)


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other address under /api/: a JSON 404 naming where the API is described."""
    detail = f"No such address in the API: see {request.build_absolute_uri('/api/docs')}."
    return JsonResponse({"detail": detail, "errors": []}, status=404, content_type="application/json; charset=utf-8")


# -- every answer: rate-limited, then from the page cache ------------------------------------


def read(path: str, response, summary: str, tag: str) -> Callable:
    """A GET operation, cached like a page (and served from the cache by PageCacheMiddleware);
    `tag` groups it in the documentation. Its rate limit is ApiRateLimitMiddleware's."""

    def register(function: Callable) -> Callable:
        responses = {200: response, 400: Problem, 404: Problem, 429: Problem}
        operation = api.get(path, response=responses, summary=summary, tags=[tag])(function)
        CACHED_OPERATIONS.add(f"api:{function.__name__}")
        return decorate_view(cached_page)(operation)

    return register


def site(request: HttpRequest) -> str:
    """ "https://minutes.example": what the records' URLs start with."""
    return request.build_absolute_uri("/").rstrip("/")


# -- paging ----------------------------------------------------------------------------------


YEAR = Field(None, ge=1000, le=9999, description="A municipal year: 2016 for 2016/17.")
# Words to search for: anything but a null character (which no form field accepts).
NO_NULL = r"^[^\x00]*$"


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="From 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=f"Up to {MAX_PAGE_SIZE}.")


def page_of(schema: type[Schema], *, count: str = "How many there are.") -> type[Schema]:
    """The shape of one page of a list of `schema`."""
    return create_model(
        f"{schema.__name__}Page",
        __base__=Schema,
        count=(int | None, Field(..., description=count)),
        next=(str | None, Field(..., description="The next page's address; null on the last.")),
        previous=(str | None, Field(..., description="The previous page's address; null on the first.")),
        results=(list[schema], ...),
    )


def paged(request: HttpRequest, rows, paging: Paging, count: int | None, shape: Callable) -> dict:
    """One page of `rows` (a queryset, or anything sliceable), its rows turned into results by `shape`."""
    start = (paging.page - 1) * paging.page_size
    window = list(rows[start : start + paging.page_size + (1 if count is None else 0)])
    more = len(window) > paging.page_size if count is None else start + paging.page_size < count
    window = window[: paging.page_size]
    return {
        "count": count,
        "next": _page_link(request, paging.page + 1) if more else None,
        "previous": _page_link(request, paging.page - 1) if paging.page > 1 else None,
        "results": shape(window),
    }


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def filter_data(params: Schema, *, leave_out: tuple[str, ...] = ("page", "page_size")) -> QueryDict:
    """Validated parameters as the pages' filter sets read them from a query string."""
    data = QueryDict(mutable=True)
    for name, value in params.dict().items():
        if value is None or name in leave_out:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = str(value)
    return data


class NoneThere(Exception):
    """A list that has nothing in it, known before looking: a municipal year with no meetings, a
    search with no words to search for."""


@api.exception_handler(NoneThere)
def _none_there(request: HttpRequest, exc: NoneThere) -> HttpResponse:
    return api.create_response(request, {"count": 0, "next": None, "previous": None, "results": []}, status=200)


def valid(filterset):
    """The pages' filter set, checked as the API answers: a council or committee not published
    here is a 404, a year with no meetings an empty list, any other value it cannot read a 400
    naming it."""
    if not filterset.is_valid():
        if "council" in filterset.errors:
            raise Http404(f"No council {filterset.data['council']!r} is published here.")
        for name in ("committee", "addressed"):  # a committee's slug
            if name in filterset.errors:
                raise Http404(f"No committee {filterset.data[name]!r} is published here.")
        if set(filterset.errors) == {"year"} and filterset.data["year"].isdigit():
            raise NoneThere
        errors = filterset.errors.items()
        raise BadParameter({name: [str(message) for message in messages] for name, messages in errors})
    return filterset


# -- where to start --------------------------------------------------------------------------


class Index(Schema):
    documentation: str
    openapi: str
    committees: str
    meetings: str
    search: str
    actions: str
    councillors: str
    recommendations: str
    downloads: str
    licence: str
    licence_url: str


@read("/", Index, "Where everything is, and the licence the minutes are published under", "Committees and meetings")
def index(request: HttpRequest):
    base = site(request)
    paths = {
        "documentation": "/api/docs",
        "openapi": "/api/openapi.json",
        "committees": "/api/committees",
        "meetings": "/api/meetings",
        "search": "/api/search?q=",
        "actions": "/api/actions",
        "councillors": "/api/councillors",
        "recommendations": "/api/recommendations",
        "downloads": "/data/",
    }
    return {name: base + path for name, path in paths.items()} | {
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
    }


# -- committees ------------------------------------------------------------------------------


@read("/councils", page_of(shapes.CouncilOut), "The councils whose sites are followed", "Committees and meetings")
def councils(request: HttpRequest, paging: Query[Paging]):
    rows = Council.objects.order_by("name", "id")
    base = site(request)
    return paged(request, rows, paging, rows.count(), lambda page: [shapes.council_out(c, base) for c in page])


@read("/committees", page_of(shapes.CommitteeOut), "Committees with meetings published here", "Committees and meetings")
def committees(request: HttpRequest, paging: Query[Paging]):
    rows = Committee.objects.filter(meetings__isnull=False).distinct().order_by("name", "id")
    base = site(request)
    return paged(request, rows, paging, rows.count(), lambda page: [shapes.committee_out(c, base) for c in page])


@read("/committees/{slug}", shapes.CommitteeDetail, "A committee and its municipal years", "Committees and meetings")
def committee(request: HttpRequest, slug: str):
    found = Committee.objects.filter(slug=slug).first()
    if found is None:
        raise Http404(f"No committee {slug!r} is published here.")
    years = found.meetings.order_by("-municipal_year").values("municipal_year").annotate(n=Count("id"))
    base = site(request)
    listed = [
        {
            "year": row["municipal_year"],
            "label": f"{row['municipal_year']}/{(row['municipal_year'] + 1) % 100:02d}",
            "meeting_count": row["n"],
            "url": base + found.year_url(row["municipal_year"]),
            "meetings_api_url": f"{base}/api/meetings?committee={found.slug}&year={row['municipal_year']}",
        }
        for row in years
    ]
    if not listed:
        raise Http404("This committee has no meetings published here.")
    return shapes.committee_out(found, base) | {"municipal_years": listed}


# -- meetings --------------------------------------------------------------------------------


COUNCIL = Field(None, description="A council's slug (/api/councils).")


class MeetingParams(Paging):
    council: str | None = COUNCIL
    committee: str | None = Field(None, description="A committee's slug.")
    year: int | None = YEAR
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    q: str | None = Field(None, max_length=200, pattern=NO_NULL, description="Words in an item's title or minutes.")
    has_resolutions: bool | None = None
    has_outstanding_actions: bool | None = None


@read(
    "/meetings",
    page_of(shapes.MeetingOut),
    "Meetings, newest first, with the meetings list's filters",
    "Committees and meetings",
)
def meetings(request: HttpRequest, params: Query[MeetingParams]):
    rows = Meeting.objects.select_related("committee").with_counts()
    rows = valid(MeetingFilter(filter_data(params), queryset=rows)).qs.order_by("-date", "-start_time", "-id")
    base = site(request)
    return paged(request, rows, params, rows.count(), lambda page: [shapes.meeting_out(m, base) for m in page])


def _meeting(request: HttpRequest, slug: str, date: IsoDate, day_number: int) -> dict:
    found = meeting_or_404(slug, date.isoformat(), day_number, Meeting.objects.with_counts().with_attendance())
    items = found.items.displayed()
    shapes.attach_targets(items)
    return shapes.meeting_detail(found, items, site(request))


@read(
    "/committees/{slug}/meetings/{date}",
    shapes.MeetingDetail,
    "A meeting with all its items",
    "Committees and meetings",
)
def meeting(request: HttpRequest, slug: str, date: IsoDate):
    return _meeting(request, slug, date, 1)


@read(
    "/committees/{slug}/meetings/{date}/{day_number}",
    shapes.MeetingDetail,
    "A committee's second meeting of a day",
    "Committees and meetings",
)
def meeting_of_day(request: HttpRequest, slug: str, date: IsoDate, day_number: int):
    return _meeting(request, slug, date, day_number)


def _item(request: HttpRequest, slug: str, date: IsoDate, day_number: int, order: int) -> dict:
    found = meeting_or_404(slug, date.isoformat(), day_number)
    items = found.items.filter(order=order).displayed()
    if not items:
        raise Http404("That meeting has no such item.")
    return _minute_out(request, items)


@read(
    "/committees/{slug}/meetings/{date}/items/{order}",
    shapes.MinuteOut,
    "An item by its place in its meeting",
    "Minutes",
)
def meeting_item(request: HttpRequest, slug: str, date: IsoDate, order: int):
    return _item(request, slug, date, 1, order)


@read(
    "/committees/{slug}/meetings/{date}/{day_number}/items/{order}",
    shapes.MinuteOut,
    "An item of a committee's second meeting of a day",
    "Minutes",
)
def meeting_of_day_item(request: HttpRequest, slug: str, date: IsoDate, day_number: int, order: int):
    return _item(request, slug, date, day_number, order)


# -- minutes ---------------------------------------------------------------------------------


@read(
    "/committees/{slug}/minutes/{year}/{number}",
    shapes.MinuteOut,
    "A minute: its resolutions, actions, references, what refers to it and its thread",
    "Minutes",
)
def minute(request: HttpRequest, slug: str, year: int, number: int):
    items = Item.objects.minute(slug, year, number).order_by("meeting__date").displayed()
    if not items:
        raise Http404("That minute has not been published here.")
    return _minute_out(request, items)


def _minute_out(request: HttpRequest, items: list[Item]) -> dict:
    base = site(request)
    first = items[0]
    shapes.attach_targets(items)
    referred_by = (
        Reference.objects.to_minute(first)
        .select_related("from_item__meeting__committee", "from_item__committee")
        .order_by("from_item__meeting__date", "from_item__order", "id")
    )
    citing = list(dict.fromkeys(reference.from_item for reference in referred_by))
    url = first.get_absolute_url()
    return {
        "committee": shapes.committee_ref(first.committee, base),
        "label": first.label,
        "minute": first.minute or None,
        "municipal_year": first.municipal_year,
        "number": first.minute_number,
        "url": base + url,
        "api_url": base + shapes.api_path(url),
        "items": [shapes.item_out(item, base) for item in items],
        "referred_by": [shapes.minute_ref(item, base) for item in citing],
        "thread": [shapes.minute_ref(item, base) for item in minute_thread(first, loaded=items)],
    }


@read("/minutes/{number}/{yy}", list[shapes.MinuteRef], 'Every committee\'s minute of that number: "59/16"', "Minutes")
def minute_lookup(request: HttpRequest, number: int, yy: int):
    year = 2000 + yy if yy < 70 else 1900 + yy
    found = (
        Item.objects.filter(municipal_year=year, minute_number=number)
        .select_related("committee", "meeting")
        .order_by("committee__name", "date", "order")
    )
    base = site(request)
    listed = [shapes.minute_ref(item, base) for item in found]
    if not listed:
        raise Http404(f"No minute {number}/{yy:02d} is published here.")
    return listed


# -- search ----------------------------------------------------------------------------------


class SearchParams(Paging):
    q: str = Field(..., min_length=1, max_length=300, pattern=NO_NULL, description='Words, "a phrase", OR, -word.')
    council: str | None = COUNCIL
    committee: str | None = None
    year: int | None = YEAR
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    has_resolutions: bool | None = None
    has_outstanding_actions: bool | None = None
    order: Literal["relevance", "newest"] = "relevance"


@read(
    "/search",
    page_of(shapes.SearchResult, count=f"How many minutes match; null above {SEARCH_LIMIT:,}."),
    "Search every minute, with the search page's syntax and filters",
    "Search",
)
def search(request: HttpRequest, params: Query[SearchParams]):
    query, filterset, searched = find(filter_data(params, leave_out=("page", "page_size", "order")))
    valid(filterset)
    if not searched:  # nothing to search for: only common words ("the"), or only words to leave out
        raise NoneThere
    rows, count = results_in_order(query, filterset, newest=params.order == "newest")
    if count is None and params.page * params.page_size > SEARCH_LIMIT:
        raise BadParameter({"page": [f"Only the first {SEARCH_LIMIT:,} matches can be paged through."]})
    base = site(request)

    def shape(page: list[Item]) -> list[dict]:
        add_snippets(page, query)
        return [shapes.search_result(item, base) for item in page]

    return paged(request, rows, params, count, shape)


# -- actions ---------------------------------------------------------------------------------


MONTH = r"^[1-9]\d{3}-(0[1-9]|1[0-2])$"


class ActionParams(Paging):
    council: str | None = COUNCIL
    committee: str | None = None
    kind: Literal["information", "report", "work_programme", "other"] | None = None
    status: Literal["outstanding", "overdue", "followed_up", "done", "dropped"] | None = None
    year: int | None = YEAR
    due_from: str | None = Field(None, pattern=MONTH, description="A month: 2016-10.")
    due_to: str | None = Field(None, pattern=MONTH, description="A month: 2016-10.")
    as_of: IsoDate | None = Field(None, description="Statuses as they stood at the end of that day.")
    sort: Literal["due", "meeting"] = "due"


@read("/actions", page_of(shapes.ListedAction), "Actions, with the actions page's filters", "Actions")
def actions(request: HttpRequest, params: Query[ActionParams]):
    data = filter_data(params)
    if data.get("sort") == "due":
        del data["sort"]
    filterset, rows = listed_actions(data, None)
    valid(filterset)
    if isinstance(rows, QuerySet):  # chosen by ids, then read: see action_views.in_order
        rows = rows.order_by(*rows.query.order_by, "id").values_list("id", flat=True)
        count = rows.count()
    else:
        count = len(rows)
    base = site(request)

    def shape(page: list) -> list[dict]:
        day = filterset.day
        page = in_order(page) if isinstance(rows, QuerySet) else page
        return [shapes.listed_action(action, base, getattr(action, "as_of_status", None), day) for action in page]

    return paged(request, rows, params, count, shape)
