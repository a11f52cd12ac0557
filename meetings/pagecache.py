"""Whole reading pages kept in Django's cache until what they show changes.

A page is kept under the version of the whole site ("site", bumped by a staff decision or an
admin edit) and that of its own part of it (`PageVersion`). The pages under /committees/<slug>/
are one committee's part ("committee:<slug>"); every other page (home, lists, search, feeds, the
API, councillors) shows what any committee imports, so its part's version is the sum of every
committee's. An import bumps, in its own transaction, the versions of its committee and of the
committees whose pages show links to or from its minutes, and no row that every import shares,
so imports of different councils never wait for each other. The moment a change commits, the
pages made before it in those parts stop being found: no stale page is served, nothing has to be
deleted (old entries age out), and every other committee's pages stay cached.

A page served from the cache costs at most one query, the read of its versions, which every
worker (and every server sharing a Redis cache) must make to learn of a change committed
elsewhere; the same rows give the page's ETag and Last-Modified for conditional GETs (304s). A
worker trusts what it read for PAGE_VERSIONS_FRESH_FOR seconds (1): the lists' version sums every
committee's, a thousand rows on a national site, and reading it on every request halved what a
worker served. Another process's change then reaches a worker's visitors up to a second late,
as a replica's do a replication delay late; a change made in the worker's own process, at once.

With a shared cache (Redis) each worker also keeps its own copies of the pages it served lately,
so that a page it served before costs no trip to Redis.

Pages are marked by `cached_page`. `PageCacheMiddleware` serves a marked page from the cache
before the middleware behind it and the view run, and keeps it as that middleware left it; the
API's answers, which its URL does not name, are kept by `cached_page` itself.

Only a visitor's plain GET is cached: a request carrying a session (signed-in staff, who always
see fresh pages) or a message to show is made afresh. The key also holds today's date, because
pages say which actions are overdue.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError, connections, router
from django.db.models import F
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.views.decorators.http import condition

from .models import PageVersion

logger = logging.getLogger(__name__)

# The parts of the site whose versions a process keeps (one a committee, and the lists).
MAX_PARTS_KEPT = 10_000
# The pages of one committee: its own part of the site.
COMMITTEE_PAGE = re.compile(r"^/committees/(?P<slug>[^/]+)/")


def site_changed() -> None:
    """Retire every cached page and move every page's Last-Modified to now (call inside the change's transaction)."""
    _bump([PageVersion.SITE])


def pages_changed(committee_slugs: Iterable[str]) -> None:
    """Retire the cached pages of these committees, and with them every list, feed and search
    (call inside the change's transaction)."""
    scopes = sorted({PageVersion.of_committee(slug) for slug in committee_slugs})  # one order, fewer deadlocks
    if scopes:
        _bump(scopes)


def _bump(scopes: list[str]) -> None:
    forget_versions()
    now = timezone.now()
    PageVersion.objects.bulk_create([PageVersion(scope=scope) for scope in scopes], ignore_conflicts=True)
    PageVersion.objects.filter(scope__in=scopes).update(version=F("version") + 1, changed_at=now)


def scope_of(path: str) -> str:
    """The part of the site a page at `path` belongs to."""
    found = COMMITTEE_PAGE.match(path)
    return PageVersion.of_committee(found["slug"]) if found else PageVersion.LISTS


@dataclass(frozen=True)
class PageState:
    """The versions a page is kept under, and the latest change among them."""

    version: str
    changed_at: datetime.datetime | None


def site_state(request: HttpRequest) -> PageState:
    """The versions of the site and of the request's part of it, read once per request."""
    if not hasattr(request, "_site_state"):
        scope = scope_of(request.path_info)
        rows = _read_versions(connections[router.db_for_read(PageVersion)], scope)
        versions = {row_scope: (version, changed_at) for row_scope, version, changed_at in rows}
        site, own = versions.get(PageVersion.SITE, (0, None)), versions.get(scope, (0, None))
        times = [_aware(changed) for _version, changed in (site, own) if changed is not None]
        stamps = ".".join(f"{version}-{_aware(when).timestamp() if when else 0}" for version, when in (site, own))
        request._site_state = PageState(version=f"{scope}:{stamps}", changed_at=max(times, default=None))
    return request._site_state


def _aware(moment: datetime.datetime | str) -> datetime.datetime:
    """SQLite keeps UTC without saying so (and gives MAX() of a time as text)."""
    if isinstance(moment, str):
        moment = datetime.datetime.fromisoformat(moment)
    return moment.replace(tzinfo=datetime.UTC) if timezone.is_naive(moment) else moment


# What this process read of each part's versions lately: {(database, scope): (when, rows)}.
_read_lately: dict[tuple[str, str], tuple[float, list[tuple]]] = {}


def forget_versions() -> None:
    """Read the versions afresh next time (a change made here, or a test's new database)."""
    _read_lately.clear()


def _read_versions(connection, scope: str) -> list[tuple]:
    """The versions of "site" and `scope`, as read within PAGE_VERSIONS_FRESH_FOR seconds, else now."""
    key, now = (connection.alias, scope), time.monotonic()
    kept = _read_lately.get(key)
    if kept is not None and now - kept[0] < settings.PAGE_VERSIONS_FRESH_FOR:
        return kept[1]
    if len(_read_lately) > MAX_PARTS_KEPT:
        _read_lately.clear()
    rows = _read_versions_now(connection, scope)
    _read_lately[key] = (now, rows)
    return rows


def _read_versions_now(connection, scope: str) -> list[tuple]:
    """[(scope, version, changed_at)] of "site" and `scope`.

    Through a cursor, because the ORM would spend longer making this query than the database
    spends answering it. The read doubles as the connection's health check (CONN_HEALTH_CHECKS):
    on a connection kept from an earlier request Django would first send `SELECT 1`, a round trip
    of its own; this read is sent instead, and if the connection turns out to be dead it is closed
    and the read made again on a new one, as the health check would have done.
    """
    kept = connection.connection is not None and not connection.health_check_done
    if kept:
        connection.health_check_done = True
    try:
        return _select_versions(connection, scope)
    except (OperationalError, InterfaceError):
        if not kept or connection.in_atomic_block:
            raise
        connection.close()
        return _select_versions(connection, scope)


def _select_versions(connection, scope: str) -> list[tuple]:
    table = PageVersion._meta.db_table
    with connection.cursor() as cursor:
        if scope == PageVersion.LISTS:  # the site's, and the sum of every committee's
            cursor.execute(
                f"SELECT CASE WHEN scope = %s THEN %s ELSE %s END, SUM(version), MAX(changed_at) FROM {table} "
                f"GROUP BY CASE WHEN scope = %s THEN %s ELSE %s END",
                [PageVersion.SITE, PageVersion.SITE, scope] * 2,
            )
        else:
            sql = f"SELECT scope, version, changed_at FROM {table} WHERE scope IN (%s, %s)"
            cursor.execute(sql, [PageVersion.SITE, scope])
        return cursor.fetchall()


def last_change(request: HttpRequest, *args, **kwargs) -> datetime.datetime | None:
    """Last-Modified for every reading page: the latest change to its part of the site; and at
    midnight actions fall overdue, so no page is older than today."""
    changed = site_state(request).changed_at
    if changed is None:
        return None
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    return max(changed, midnight)


def page_etag(request: HttpRequest, *args, **kwargs) -> str | None:
    """An ETag for a visitor's copy of a page: its cache key, which changes with its part of the site. None
    for a signed-in request, whose page is its own."""
    if not is_plain_visit(request):
        return None
    return hashlib.sha256(_page_key(request).encode()).hexdigest()[:32]


def is_plain_visit(request: HttpRequest) -> bool:
    """A GET from a visitor with no session and no message waiting: what every such visitor sees alike."""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


# ETag, Last-Modified and 304s for a response that is not kept (a download streamed as it is made).
conditional = condition(etag_func=page_etag, last_modified_func=last_change)


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve `view`'s pages from the cache while the site is unchanged, with ETag, Last-Modified and 304s.

    Where `PageCacheMiddleware` finds the view by its URL, the middleware reads and keeps its pages,
    before and after the middleware behind it; elsewhere (the API's operations) this does.
    """

    @wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_plain_visit(request):
            response = view(request, *args, **kwargs)
        else:
            key = _page_key(request)
            kept_by_middleware = getattr(request, "page_cache_key", None) == key
            response = None if kept_by_middleware else _cached(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming and not response.cookies:
                    if kept_by_middleware:
                        response.page_cache_key = key
                    else:
                        _keep(key, response)
        # Signed in, the page differs: no browser or shared cache may give one visitor's copy to another.
        patch_vary_headers(response, ["Cookie"])
        return response

    served = conditional(page)
    served.page_cached = True
    return served


class PageCacheMiddleware:
    """A visitor's reading page served from the cache before the middleware behind this one and the
    view run (sessions, CSRF, authentication, messages, sign-in lockouts, resolving the URL again).

    It stands after the middleware that every response needs anew (security headers, the content
    security policy, CORS) and the replica router, which sends the version read where the view's
    would go. The page kept is the response as the middleware behind it left it (X-Frame-Options,
    Content-Length, Vary), so a page from the cache is the response its first visitor got, made
    from the same version of the site; its ETag and Last-Modified answer conditional GETs here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (is_plain_visit(request) and serves_cached_pages(request.path_info)):
            return self.get_response(request)
        try:
            key = _page_key(request)
        except (OperationalError, InterfaceError):
            return self.get_response(request)  # the database is down: the view answers 503
        response = _cached(key)
        if response is not None:
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified")),
                response=response,
            )
        request.page_cache_key = key
        response = self.get_response(request)
        if getattr(response, "page_cache_key", None) == key and not response.cookies:
            _store(key, response)
        return response


# The API's cached operations, by view name ("api:meetings"): their URLs resolve to
# django-ninja's dispatcher, not to the `cached_page` (meetings/api.py `read` adds them).
CACHED_OPERATIONS: set[str] = set()


@lru_cache(maxsize=4096)
def serves_cached_pages(path: str) -> bool:
    """Whether the view at `path` is a `cached_page` (remembered for the last 4,096 paths asked)."""
    try:
        found = resolve(path)
    except Resolver404:
        return False
    return getattr(found.func, "page_cached", False) or found.view_name in CACHED_OPERATIONS


@receiver(setting_changed)
def _forget_paths(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # a test's own URLs
        serves_cached_pages.cache_clear()


def _page_key(request: HttpRequest) -> str:
    """The page's address, under its versions and today's date, made once a request. Each
    version's time is in the key too: a database restored from a backup counts its versions again
    from an earlier one."""
    if not hasattr(request, "_page_key"):
        state = site_state(request)
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        request._page_key = f"page:{state.version}:{timezone.localdate().isoformat()}:{address}"
    return request._page_key


def _nearby():
    """The worker's own memory, in front of a shared cache (see minutes_site/environment.py); None
    where the cache is the worker's memory already. A copy there is never stale: its key names
    the site's version, read afresh for every request."""
    return caches["nearby"] if "nearby" in settings.CACHES else None


def _cached(key: str) -> HttpResponse | None:
    nearby = _nearby()
    if nearby is not None and (response := nearby.get(key)) is not None:
        return response
    try:
        response = cache.get(key)
    except Exception:  # the cache is down (Redis restarting, say): make the page, as if not cached
        logger.warning("page cache unavailable", exc_info=True)
        return None
    if nearby is not None and response is not None:
        nearby.set(key, response)
    return response


def _keep(key: str, response: HttpResponse) -> None:
    if callable(getattr(response, "render", None)) and not response.is_rendered:  # a TemplateResponse
        response.add_post_render_callback(lambda rendered: _store(key, rendered))
    else:
        _store(key, response)


def _store(key: str, response: HttpResponse) -> None:
    if (nearby := _nearby()) is not None:
        nearby.set(key, response)
    try:
        cache.set(key, response)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
