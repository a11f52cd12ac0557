"""Counting requests in the cache, cheaply: one INCR a request in a fixed window.

The API's limit used django-ninja's AnonRateThrottle, which reads a list of every request's time
from the cache and writes it back on every request (two round trips and a pickled list of up to
120 floats). A counter per client and window costs one INCR, and a second command only when the
window's first request makes it. A fixed window lets a client send up to twice the limit across
a window's edge; for a limit against scraping that is an accepted trade (nginx's limit_req is
the exact one, docs/deployment.md).
"""

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle, BaseThrottle


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
    try:
        counted = cache.incr(key)
    except ValueError:  # the window's first request, or its key just expired
        # where another worker made it first, count on it
        counted = 1 if cache.add(key, 1, timeout=seconds + 1) else cache.incr(key)
    return counted, start + seconds - now


def parse(rate: str) -> tuple[int, int]:
    """ "120/min" → (120, 60), in django-ninja's notation (s, min, h, d; "5/10min" too)."""
    throttle = AnonRateThrottle(rate)
    return throttle.num_requests, throttle.duration
