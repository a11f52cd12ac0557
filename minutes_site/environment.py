"""Settings that come from URLs in the environment: the cache and the read replicas."""

from __future__ import annotations

from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Pages kept in a cache live until the site changes (their key names the site's version), or a day.
PAGE_CACHE_TIMEOUT = 24 * 3600


# A worker's own copies of the pages it served from a shared cache (Redis), at most this many.
NEARBY_PAGES = 300


def caches_from_url(url: str) -> dict[str, dict]:
    """Django's CACHES for CACHE_URL: "default", and where that cache is shared (Redis) "nearby",
    the worker's own memory, which meetings/pagecache.py asks first."""
    caches = {"default": cache_from_url(url)}
    if urlsplit(url).scheme in {"redis", "rediss"}:
        nearby = cache_from_url("locmem://")
        caches["nearby"] = nearby | {"LOCATION": "nearby", "OPTIONS": {"MAX_ENTRIES": NEARBY_PAGES}}
    return caches


def cache_from_url(url: str) -> dict:
    """Django's CACHES entry for CACHE_URL: "locmem://", "redis://host:port/db", "rediss://…", "dummy://"."""
    scheme = urlsplit(url).scheme
    if scheme == "locmem":
        # Each worker keeps its own; at most this many pages (a minute page is 10–60 kB).
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": PAGE_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    if scheme in {"redis", "rediss"}:
        backend = "django.core.cache.backends.redis.RedisCache"
        return {"BACKEND": backend, "LOCATION": url, "TIMEOUT": PAGE_CACHE_TIMEOUT}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL {url!r}: expected locmem://, redis://host:port/db or dummy://")


def replica_databases(urls: list[str], *, conn_max_age: int) -> dict[str, dict]:
    """DATABASES entries "replica1", "replica2", … for DATABASE_REPLICA_URLS."""
    return {
        f"replica{number}": dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        for number, url in enumerate(urls, start=1)
    }
