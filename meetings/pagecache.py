"""Whole reading pages kept in Django's cache until the site changes.

Every change a reading page could show (an import, a staff decision, a committee renamed) calls
`site_changed()` inside its own transaction: it bumps the one-row `SiteState`. A cached page is
kept under the version it was made from, so the moment a change commits, every page made before
it stops being found: no stale page is served, and nothing has to be deleted (old entries age out).

A page served from the cache costs one query, the primary-key read of that row, which every
worker (and every server sharing a Redis cache) must make to learn of a change committed
elsewhere; the same row gives the page's ETag and Last-Modified for conditional GETs (304s).
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
from collections.abc import Callable
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

from .models import SiteState

logger = logging.getLogger(__name__)


def site_changed() -> None:
    """Retire every cached page and move every page's Last-Modified to now (call inside the change's transaction)."""
    now = timezone.now()
    if not SiteState.objects.filter(pk=1).update(version=F("version") + 1, changed_at=now):
        SiteState.objects.update_or_create(pk=1, defaults={"version": 1, "changed_at": now})


def site_state(request: HttpRequest) -> SiteState:
    """The site's version and last change, read once per request."""
    if not hasattr(request, "_site_state"):
        version, changed_at = _read_site_state(connections[router.db_for_read(SiteState)])
        if changed_at is not None and timezone.is_naive(changed_at):  # SQLite keeps UTC without saying so
            changed_at = changed_at.replace(tzinfo=datetime.UTC)
        request._site_state = SiteState(pk=1, version=version, changed_at=changed_at)
    return request._site_state


def _read_site_state(connection) -> tuple[int, datetime.datetime | None]:
    """(version, changed_at), read on every request, even a cached page's.

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
        return _select_site_state(connection)
    except (OperationalError, InterfaceError):
        if not kept or connection.in_atomic_block:
            raise
        connection.close()
        return _select_site_state(connection)


def _select_site_state(connection) -> tuple[int, datetime.datetime | None]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, changed_at FROM {SiteState._meta.db_table} WHERE id = 1")
        return cursor.fetchone() or (0, None)


def last_change(request: HttpRequest, *args, **kwargs) -> datetime.datetime | None:
    """Last-Modified for every reading page: pages link to other meetings, so any change can change
    any page; and at midnight actions fall overdue, so no page is older than today."""
    changed = site_state(request).changed_at
    if changed is None:
        return None
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    return max(changed, midnight)


def page_etag(request: HttpRequest, *args, **kwargs) -> str | None:
    """An ETag for a visitor's copy of a page: its cache key, which changes with the site. None
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


@lru_cache(maxsize=4096)
def serves_cached_pages(path: str) -> bool:
    """Whether the view at `path` is a `cached_page` (remembered for the last 4,096 paths asked)."""
    try:
        return getattr(resolve(path).func, "page_cached", False)
    except Resolver404:
        return False


@receiver(setting_changed)
def _forget_paths(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # a test's own URLs
        serves_cached_pages.cache_clear()


def _page_key(request: HttpRequest) -> str:
    """The page's address, under the site's version and today's date, made once a request. The
    version's time is in the key too: a database restored from a backup counts its versions again
    from an earlier one."""
    if not hasattr(request, "_page_key"):
        state = site_state(request)
        changed = state.changed_at.timestamp() if state.changed_at else 0
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        request._page_key = f"page:{state.version}:{changed}:{timezone.localdate().isoformat()}:{address}"
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
