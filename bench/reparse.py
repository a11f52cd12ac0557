"""How long `reparse --all` takes when the importer's reading of every meeting has changed.

    DATABASE_URL=sqlite:////tmp/reparse100k.sqlite3 .venv/bin/python bench/reparse.py --items 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_reparse .venv/bin/python bench/reparse.py --items 100000

Fills a database of its own with `generate_minutes` up to --items (once; later runs reuse it;
each meeting's page is kept beside it, as every import keeps it), then:

1. marks every meeting as read by an older importer (its records hash blanked), so that
   `reparse --all` reads, compares and replaces every one -- the worst case, as after an
   importer change that touches every meeting;
2. runs `reparse --all` again: every meeting is read and compared, none replaced (idempotent).

With --printed-share 0.33, a third of the meetings (every third) first gain a newer stored
document: the same minutes printed as a PDF (tests/documents.py, as a council's "Printed
minutes"), so that `reparse` reads those meetings from PDFs, as after crawling councils that
publish their minutes of record that way. (Once added, they stay in that database.)
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


def printed_as_pdf(share: float) -> None:
    """Keep a PDF of the minutes beside every n-th meeting (n = 1 / share), newer than its page."""
    from django.utils import timezone

    from importers.records import ImportFailed
    from meetings.importing import PDF, parse_document
    from meetings.models import Meeting, SourceDocument
    from meetings.reparse import stored_documents
    from tests.documents import printed_minutes_pdf

    step = max(1, round(1 / share))
    chosen = Meeting.objects.order_by("pk")[::step]
    already = set(SourceDocument.objects.filter(content_type=PDF).values_list("meeting_id", flat=True))
    start, made, pages = time.perf_counter(), 0, 0
    for meeting in chosen:
        if meeting.pk in already:
            continue
        page, _items, _printed = stored_documents(meeting)
        try:
            parsed = parse_document(page.content, page.name)
        except ImportFailed:
            continue
        data = printed_minutes_pdf(parsed)
        pages += data.count(b"/Type /Page\n")
        SourceDocument.objects.create(
            meeting=meeting,
            name=f"{page.name}.pdf",
            content_type=PDF,
            compressed=SourceDocument.compress(data),
            size=len(data),
            sha256="",
            fetched_at=timezone.now(),
        )
        made += 1
    total = SourceDocument.objects.filter(content_type=PDF).count()
    seconds = time.perf_counter() - start
    print(f"printed {made} meetings ({pages:,} pages) as PDFs in {seconds:.1f} s; {total:,} now read from PDFs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--printed-share", type=float, default=0.0, help="share of meetings read from PDFs")
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

    if args.printed_share:
        printed_as_pdf(args.printed_share)
    Meeting.objects.update(records_hash="")
    every = timed("reparse --all (every meeting replaced)", "reparse", "--all")
    again = timed("reparse --all again (none replaced)", "reparse", "--all")
    print(f"per meeting: {every / meetings * 1000:.1f} ms replaced, {again / meetings * 1000:.1f} ms compared")


if __name__ == "__main__":
    main()
