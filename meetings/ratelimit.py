"""Counting requests in the cache, cheaply: a counter per client and fixed window; the API's limit.

The API's limit used django-ninja's AnonRateThrottle, which reads a list of every request's time
from the cache and writes it back on every request (two round trips and a pickled list of up to
120 floats). A counter per client and window costs, in Redis, one round trip a request (INCR,
with the window's expiry set by the same message). A fixed window lets a client send up to twice the limit across
a window's edge; for a limit against scraping that is an accepted trade (nginx's limit_req is
the exact one, docs/deployment.md).
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.throttling import AnonRateThrottle, BaseThrottle

logger = logging.getLogger(__name__)
# The API's own description of itself is not counted.
NOT_COUNTED = ("/api/docs", "/api/openapi.json")


def client_of(request: HttpRequest) -> str:
    """The client's address: behind NUM_PROXIES proxies, the one the nearest proxy put in
    X-Forwarded-For (django-ninja's reading of it), else REMOTE_ADDR."""
    return BaseThrottle().get_ident(request) or ""


def count(name: str, seconds: int) -> tuple[int, int]:
    """(requests counted under `name` in this window of `seconds`, including this one; seconds
    until the window ends)."""
    now = int(time.time())
    start = now - now % seconds
    key = f"rate:{hashlib.sha256(name.encode()).hexdigest()}:{start}"
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _count_in_redis(backend, key, seconds), start + seconds - now
    try:
        counted = backend.incr(key)
    except ValueError:  # the window's first request, or its key just expired
        # where another worker made it first, count on it
        counted = 1 if backend.add(key, 1, timeout=seconds + 1) else backend.incr(key)
    return counted, start + seconds - now


def _count_in_redis(backend: RedisCache, key: str, seconds: int) -> int:
    """INCR, and EXPIRE where the key has no expiry yet, in one round trip. Django's `incr` asks
    whether the key exists first (two round trips, which cost more than an API answer served
    from the page cache), and has no way to make a counter that expires."""
    key = backend.make_and_validate_key(key)
    client = backend._cache.get_client(key, write=True)
    counted, _expiring = client.pipeline(transaction=False).incr(key).expire(key, seconds + 1, nx=True).execute()
    return counted


def parse(rate: str) -> tuple[int, int]:
    """ "120/min" → (120, 60), in django-ninja's notation (s, min, h, d; "5/10min" too)."""
    throttle = AnonRateThrottle(rate)
    return throttle.num_requests, throttle.duration


class ApiRateLimitMiddleware:
    """At most API_RATE_LIMIT requests ("120/min") to /api/ from one address; beyond that a 429
    with Retry-After. It stands before the page cache, so an answer served from the cache is
    counted as one made afresh is."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not path.startswith("/api/") or path.startswith(NOT_COUNTED):
            return self.get_response(request)
        allowed, seconds = parse(settings.API_RATE_LIMIT)
        try:
            counted, left = count(f"api:{client_of(request)}", seconds)
        except Exception:  # the cache that counts is down: serve rather than refuse
            logger.warning("rate limit unavailable", exc_info=True)
            counted = 0
        if counted <= allowed:
            return self.get_response(request)
        detail = "Too many requests from this address: try again later."
        response = JsonResponse({"detail": detail, "errors": []}, status=429)
        response["Retry-After"] = str(max(left, 1))
        return response
