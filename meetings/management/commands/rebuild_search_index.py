"""python manage.py rebuild_search_index: recompute the full-text index of every minute."""

from django.core.management.base import BaseCommand
from django.db import transaction

from meetings.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index (PostgreSQL vectors, or SQLite's FTS5 table)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            count = rebuild_index()
        self.stdout.write(f"indexed {count} items")
