"""What a revision costs: replacing a 60-item meeting by a version with 3 items changed, and the
revisions page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_pages100k .venv/bin/python bench/revisions.py

Fills the database with `generate_minutes` up to --items (once; later runs reuse it), then:

1. takes the newest meeting's stored page and a version of it with a sentence added to three
   items' minutes, and imports the two in turn --runs times: each import replaces the meeting,
   reads what changed and records a Revision (timed whole: parse, save, diff and record), and
   the diff alone (the meeting's items read back, compared with the new version);
2. gives the second newest meeting one such revision, and asks for its revisions page and its
   meeting page through Django's test client with the page cache off, as bench/pages.py does.

It writes revisions to the database it is given: run it against one of its own.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("HTTPS", "false")
os.environ["CACHE_URL"] = "dummy://"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.pages import fill
    from meetings.models import Meeting

    fill(args.items)
    newest, second = Meeting.objects.latest_first().select_related("committee")[:2]
    print(f"{connection.vendor}: {args.items:,} items; {args.runs} runs")

    versions = _two_versions(newest)
    imports, diffs = [], []
    for run in range(args.runs):
        text, name = versions[run % 2]
        imports.append(_timed_import(text, name))
        diffs.append(_timed_diff(newest.pk, versions[(run + 1) % 2][0], name))
    print(f"replace a {newest.items.count()}-item meeting, 3 items changed: median {statistics.median(imports):.1f} ms")
    print(f"  of which reading back and diffing: median {statistics.median(diffs):.1f} ms")

    text, name = _two_versions(second)[1]
    _timed_import(text, name)
    client = Client()
    second.refresh_from_db()
    for label, url in (
        ("revisions page", f"{second.get_absolute_url()}revisions/"),
        ("meeting page, revised", second.get_absolute_url()),
    ):
        assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(30):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{label}: median {statistics.median(timings):.1f} ms")


def _two_versions(meeting) -> list[tuple[str, str]]:
    """The meeting's stored page, and that page with a sentence added to three items' minutes."""
    from meetings.models import SourceDocument

    stored = SourceDocument.objects.filter(meeting=meeting).order_by("-fetched_at").first()
    text = stored.content.decode("utf-8")
    marker = "\n\nMinutes:\n\n"
    parts = text.split(marker)
    for index in (2, 20, 40):  # after the 2nd, 20th and 40th items' "Minutes:" labels
        parts[index] = "The Chair corrected the record of the discussion. " + parts[index]
    return [(text, stored.name), (marker.join(parts), stored.name + " (amended)")]


def _timed_import(text: str, name: str) -> float:
    from meetings.importing import import_document

    start = time.perf_counter()
    result = import_document(text, name)
    assert result.outcome == "replaced", result.outcome
    return (time.perf_counter() - start) * 1000


def _timed_diff(meeting_id: int, text: str, name: str) -> float:
    from importers.text import parse_minutes
    from meetings.models import Meeting
    from meetings.revisions.changes import compare
    from meetings.revisions.recording import snapshot, versions

    parsed = parse_minutes(text, name)
    start = time.perf_counter()
    compare(snapshot(Meeting.objects.get(pk=meeting_id)), versions(parsed))
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
