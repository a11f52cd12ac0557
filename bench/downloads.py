"""Bulk downloads: the memory a download takes while it streams, and how fast it comes.

    PG=postgres://postgres@127.0.0.1:5432
    DATABASE_URL=$PG/minutebook_downloads100 .venv/bin/python bench/downloads.py --items 100
    DATABASE_URL=$PG/minutebook_pages100k .venv/bin/python bench/downloads.py --items 100000

Fills the database with `generate_minutes` up to --items (once; later runs reuse it), then asks for
everything (/data/all.csv.zip and /data/all.json) through Django's request handler (every
middleware, no network) and reads the stream to its end, as a client would, throwing it away.
Prints for each the bytes sent, the time, and the most memory Python held at once while it ran
(tracemalloc's peak, above what was held before the request). Streamed, the peak should not grow
with the number of items: compare a run on 100 items with one on 100,000. Run it against a
database of its own: it writes synthetic minutes.
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from pages import fill

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "0")  # as in production: Django keeps no log of queries
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("HTTPS", "false")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--only", help="one download, e.g. /data/all.json")
    parser.add_argument(
        "--untraced",
        action="store_true",
        help="no second, traced run (5 times slower at 1M items): the process's peak memory instead",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from meetings.models import Item, Meeting

    fill(args.items)
    client = Client()
    print(f"{connection.vendor}: {Item.objects.count():,} items in {Meeting.objects.count():,} meetings")
    print(f"{'download':<20} {'MB sent':>8} {'seconds':>8} {'peak MB held':>12}")
    for url in [args.only] if args.only else ["/data/all.csv.zip", "/data/all.json"]:
        held_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        sent = read_to_the_end(client, url)
        seconds = time.perf_counter() - start
        if args.untraced:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            held = f"process peak {held_before / 1024:.0f} → {peak / 1024:.0f} MB"
            print(f"{url:<20} {sent / 1e6:>8.1f} {seconds:>8.1f}   {held}")
            continue
        # Again, with every allocation traced (slower, so not timed).
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        read_to_the_end(client, url)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{url:<20} {sent / 1e6:>8.1f} {seconds:>8.1f} {(peak - before) / 1e6:>12.1f}")


def read_to_the_end(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    sent = sum(len(chunk) for chunk in response.streaming_content)
    response.close()
    return sent


if __name__ == "__main__":
    main()
