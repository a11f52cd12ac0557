"""The reading pages and the API uncached: how long each takes to make, at a given size of database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_pages100k .venv/bin/python bench/pages.py --items 100000

With --councillors (60) and --councils (3), the minutes print attendance, declarations and votes
(generate_minutes), and the councillors' pages are measured too: the councillor named at the
most meetings, the list, the newest meeting's committee's attendance report, and their data.
With --recommendations, scrutiny boards recommend to Cabinet (generate_minutes), and the
recommendations pages are measured too.

Fills the database with `generate_minutes` up to --items (once; later runs reuse it), then asks
for each kind of reading page through Django's test client (every middleware, the rendered page,
no network) with the page cache off (CACHE_URL=dummy://), as a search engine's first visit finds
it: one warm-up, then --runs timed requests. Prints each page's median and 95th percentile, its
query count and its slowest query. Run it against a database of its own: it writes synthetic minutes.
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
# As in production (DEBUG off: Django keeps no log of queries), but with nothing cached.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("HTTPS", "false")  # plain HTTP on 127.0.0.1
os.environ["CACHE_URL"] = "dummy://"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--councillors", type=int, default=0, help="Councillors a council (generate_minutes).")
    parser.add_argument("--councils", type=int, default=1)
    parser.add_argument("--recommendations", action="store_true", help="Scrutiny recommendations (generate_minutes).")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from meetings.models import Item

    fill(args.items, args.councillors, args.councils, args.recommendations)
    client = Client()
    items = Item.objects.count()
    print(f"{connection.vendor}: {items:,} items; {args.runs} requests a page after one warm-up, nothing cached")
    print(f"{'page':<34} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'slowest query ms':>16}")
    for name, url in pages():
        assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        slowest = max(float(query["time"]) for query in captured.captured_queries) * 1000
        p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
        print(f"{name:<34} {statistics.median(timings):9.1f} {p95:7.1f} {len(captured):7} {slowest:16.1f}")


def fill(items: int, councillors: int = 0, councils: int = 1, recommendations: bool = False) -> None:
    """Migrate the database, and fill it with `generate_minutes` up to `items` (once: later runs reuse it)."""
    from django.core.management import call_command

    from meetings.models import Item

    call_command("migrate", verbosity=0)
    if Item.objects.count() < items:
        call_command(
            "generate_minutes",
            items=items,
            councillors=councillors,
            councils=councils,
            recommendations=recommendations,
            verbosity=0,
        )


def pages() -> list[tuple[str, str]]:
    """One page of each kind, chosen the same way at every size: the newest meeting (60 items), its
    committee, and the newest minute that other minutes refer to (with backlinks and a thread)."""
    from meetings.models import Committee, Item, Meeting, Reference

    meeting = Meeting.objects.latest_first().select_related("committee").first()
    committee = Committee.objects.get(pk=meeting.committee_id)
    minute = None
    for cited in Reference.objects.filter(kind=Reference.Kind.MINUTE, same_meeting=False).order_by("-pk")[:100]:
        key = {"municipal_year": cited.municipal_year, "minute_number": cited.minute_number}
        minute = Item.objects.filter(committee__slug=cited.committee_slug, **key).first()
        if minute is not None:
            break
    else:  # nothing cited is imported (the two sample meetings): the newest meeting's last minute
        minute = meeting.items.exclude(minute_number=None).order_by("-order").first()
    items = meeting.items.count()
    return [
        ("home", "/"),
        ("committee", committee.get_absolute_url()),
        ("committee year", committee.year_url(meeting.municipal_year)),
        (f"meeting ({items} items)", meeting.get_absolute_url()),
        ("minute", minute.get_absolute_url()),
        # The same records from the API (meetings/api.py), and its lists.
        (f"API: meeting ({items} items)", "/api" + meeting.get_absolute_url().rstrip("/")),
        ("API: minute", "/api" + minute.get_absolute_url().rstrip("/")),
        ("API: meetings, 100 a page", "/api/meetings?page_size=100"),
        ("API: actions, 100 a page", "/api/actions?page_size=100"),
        ("API: calendar of a committee", f"{committee.get_absolute_url()}meetings.ics"),
        *people_pages(meeting),
        *recommendation_pages(),
    ]


def recommendation_pages() -> list[tuple[str, str]]:
    """Where committees recommended: the list, those overdue, a board's, and their data."""
    from meetings.recommendations.models import Recommendation

    made = Recommendation.objects.select_related("item__committee").order_by("-pk").first()
    if made is None:
        return []
    return [
        ("recommendations", "/recommendations/"),
        ("recommendations: overdue", "/recommendations/?status=overdue"),
        ("recommendations of a committee", f"{made.item.committee.get_absolute_url()}recommendations/"),
        ("API: recommendations, 100 a page", "/api/recommendations?page_size=100"),
    ]


def people_pages(meeting) -> list[tuple[str, str]]:
    """Where the minutes name councillors: the one named at the most meetings, the list, and the
    attendance report of the newest meeting's committee and year."""
    from django.db.models import Count

    from meetings.people.models import Person

    person = Person.objects.annotate(n=Count("attendance")).order_by("-n", "pk").first()
    if person is None:
        return []
    year = meeting.municipal_year
    report = f"{meeting.committee.get_absolute_url()}{year}-{(year + 1) % 100:02d}/attendance/"
    return [
        (f"councillor ({person.n} meetings)", person.get_absolute_url()),
        ("councillors", "/councillors/"),
        ("attendance report", report),
        ("attendance report CSV", report.rstrip("/") + ".csv"),
        ("API: councillor", "/api" + person.get_absolute_url().rstrip("/")),
        ("API: attendance report", "/api" + report.rstrip("/")),
    ]


if __name__ == "__main__":
    main()
