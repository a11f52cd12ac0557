"""Counting requests in the cache, cheaply: a counter per client and fixed window; the API's limit.

The API's limit used django-ninja's AnonRateThrottle, which reads a list of every request's time
from the cache and writes it back on every request (two round trips and a pickled list of up to
120 floats). A counter per client and window costs, in Redis, one round trip a request (INCR,
with the window's expiry set by the same message); for the API, whose answers come from the
page cache in a fraction of a millisecond, a worker sends its count at most every 0.1 s.

A fixed window lets a client send up to twice the limit across a window's edge; for a limit
against scraping that is an accepted trade (nginx's limit_req is the exact one,
docs/deployment.md).
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.throttling import AnonRateThrottle, BaseThrottle

logger = logging.getLogger(__name__)
# The API's own description of itself is not counted.
NOT_COUNTED = ("/api/docs", "/api/openapi.json")
# A worker tells Redis how many API requests a client made at most this often (seconds): a round
# trip to Redis for each cost as much as the answer served from the cache (docs/performance.md).
SETTLE_EVERY = 0.1


def client_of(request: HttpRequest) -> str:
    """The client's address: behind NUM_PROXIES proxies, the one the nearest proxy put in
    X-Forwarded-For (django-ninja's reading of it), else REMOTE_ADDR."""
    return BaseThrottle().get_ident(request) or ""


def count(name: str, seconds: int, *, settle_every: float = 0) -> tuple[int, int]:
    """(requests counted under `name` in this window of `seconds`, including this one; seconds
    until the window ends). With `settle_every`, a worker tells Redis its count at most that
    often (seconds), and counts in its own memory in between (`_Tally`)."""
    now = int(time.time())
    start = now - now % seconds
    key = f"rate:{hashlib.sha256(name.encode()).hexdigest()}:{start}"
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _count_in_redis(backend, key, seconds, settle_every), start + seconds - now
    try:
        counted = backend.incr(key)
    except ValueError:  # the window's first request, or its key just expired
        # where another worker made it first, count on it
        counted = 1 if backend.add(key, 1, timeout=seconds + 1) else backend.incr(key)
    return counted, start + seconds - now


@dataclass
class _Tally:
    """One counter as this worker knows it: the total Redis last gave (every worker's requests,
    this one's included), and this worker's requests since. A client is then refused at most
    `settle_every` late, and the count a window ends with misses at most that long's requests."""

    total: int
    unsent: int
    settled_at: float


_tallies: dict[str, _Tally] = {}
_tallies_lock = threading.Lock()  # gunicorn may run threads in a worker (GUNICORN_THREADS)
MAX_TALLIES = 10_000  # clients in the current windows; the old windows' are dropped with them


def _count_in_redis(backend: RedisCache, key: str, seconds: int, settle_every: float) -> int:
    moment = time.monotonic()
    with _tallies_lock:
        tally = _tallies.get(key)
        if tally is not None and moment - tally.settled_at < settle_every:
            tally.unsent += 1
            return tally.total + tally.unsent
        if tally is None:
            if len(_tallies) >= MAX_TALLIES:
                _tallies.clear()
            tally = _tallies[key] = _Tally(total=0, unsent=0, settled_at=moment)
        sending, tally.unsent, tally.settled_at = tally.unsent + 1, 0, moment
    total = _increase(backend, key, sending, seconds)
    with _tallies_lock:
        tally.total = total
        return total + tally.unsent


def _increase(backend: RedisCache, key: str, by: int, seconds: int) -> int:
    """INCRBY, and EXPIRE where the key has no expiry yet, in one round trip. Django's `incr` asks
    whether the key exists first (two round trips, which cost more than an API answer served
    from the page cache), and has no way to make a counter that expires."""
    key = backend.make_and_validate_key(key)
    client = backend._cache.get_client(key, write=True)
    counted, _expiring = client.pipeline(transaction=False).incr(key, by).expire(key, seconds + 1, nx=True).execute()
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
            counted, left = count(f"api:{client_of(request)}", seconds, settle_every=SETTLE_EVERY)
        except Exception:  # the cache that counts is down: serve rather than refuse
            logger.warning("rate limit unavailable", exc_info=True)
            counted = 0
        if counted <= allowed:
            return self.get_response(request)
        detail = "Too many requests from this address: try again later."
        response = JsonResponse({"detail": detail, "errors": []}, status=429)
        response["Retry-After"] = str(max(left, 1))
        return response
