"""Reading from PostgreSQL streaming replicas (settings.REPLICA_DATABASES, from DATABASE_REPLICA_URLS).

Only a visitor's GET reads from a replica: reading pages and search, which may lag the primary
by the replication delay. Everything else — imports, crawls, staff (signed in, so carrying a
session cookie), sign-in itself, management commands — reads and writes the primary, so that
what was just written is what is read back.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .pagecache import is_plain_visit

_reading_from_replicas: ContextVar[bool] = ContextVar("reading_from_replicas", default=False)

# Pages of these never read from a replica, even for a visitor without a session.
PRIMARY_ONLY_PATHS = ("/admin/", "/staff/", "/accounts/", "/healthz")


@contextmanager
def reading_from_replicas() -> Iterator[None]:
    """Within this, reads go to a replica (if there are any)."""
    token = _reading_from_replicas.set(True)
    try:
        yield
    finally:
        _reading_from_replicas.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if settings.REPLICA_DATABASES and _reading_from_replicas.get():
            return random.choice(settings.REPLICA_DATABASES)
        return "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db not in settings.REPLICA_DATABASES  # replicas follow the primary's schema


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.reads_from_replica(request):
            return self.get_response(request)
        with reading_from_replicas():
            return self.get_response(request)

    @staticmethod
    def reads_from_replica(request: HttpRequest) -> bool:
        # The visits the page cache shares between visitors (no session, no message waiting).
        return (
            bool(settings.REPLICA_DATABASES)
            and is_plain_visit(request)
            and not request.path.startswith(PRIMARY_ONLY_PATHS)
        )
