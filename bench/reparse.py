"""How long `reparse --all` takes when the importer's reading of every meeting has changed.

    DATABASE_URL=sqlite:////tmp/reparse100k.sqlite3 .venv/bin/python bench/reparse.py --items 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_reparse .venv/bin/python bench/reparse.py --items 100000

Fills a database of its own with `generate_minutes` up to --items (once; later runs reuse it;
each meeting's page is kept beside it, as every import keeps it), then:

1. marks every meeting as read by an older importer (its records hash blanked), so that
   `reparse --all` reads, compares and replaces every one -- the worst case, as after an
   importer change that touches every meeting;
2. runs `reparse --all` again: every meeting is read and compared, none replaced (idempotent).
"""

import argparse
import os
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")


def timed(label: str, *command: str) -> float:
    from django.core.management import call_command

    out = StringIO()
    start = time.perf_counter()
    call_command(*command, stdout=out, stderr=StringIO())
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.1f} s   {out.getvalue().splitlines()[-1] if out.getvalue() else ''}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from meetings.models import Item, Meeting, SourceDocument

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    if Item.objects.count() < args.items:
        timed(f"generate_minutes --items {args.items}", "generate_minutes", "--items", str(args.items))
    meetings, items = Meeting.objects.count(), Item.objects.count()
    print(f"{meetings:,} meetings, {items:,} items, {SourceDocument.objects.count():,} stored documents")

    Meeting.objects.update(records_hash="")
    every = timed("reparse --all (every meeting replaced)", "reparse", "--all")
    again = timed("reparse --all again (none replaced)", "reparse", "--all")
    print(f"per meeting: {every / meetings * 1000:.1f} ms replaced, {again / meetings * 1000:.1f} ms compared")


if __name__ == "__main__":
    main()
