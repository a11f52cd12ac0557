"""Search latency at scale: p50 and p95 of the search page for 50 fixed queries.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/search.py --items 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_bench .venv/bin/python bench/search.py --items 100000

Fills the database with `generate_minutes` up to --items (once; later runs reuse it), then
requests /search/ for each query through Django's test client (query, count, facets and the
rendered page, no network), three times each after one warm-up, and prints the percentiles;
then the same for a few broad searches narrowed or paged (NARROWED), apart from the 50.
Run it against a database of its own: it writes synthetic minutes.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
# As in production: DEBUG off (Django then keeps no log of queries).
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("HTTPS", "false")  # plain HTTP on 127.0.0.1

QUERIES = [
    {"q": "home schooling"}, {"q": "budget"}, {"q": "inspections"}, {"q": '"social workers"'},
    {"q": "climate OR carbon"}, {"q": "fraud -audit"}, {"q": "safeguarding"}, {"q": "taxi licensing"},
    {"q": '"improvement plan"'}, {"q": "dementia care homes"}, {"q": "parking"}, {"q": "flood risk"},
    {"q": "recycling OR waste"}, {"q": "pensions"}, {"q": "apprenticeships"}, {"q": "cyber"},
    {"q": "report"}, {"q": "further information"}, {"q": "work programme"}, {"q": "quarter performance"},
    {"q": "libraries", "order": "newest"}, {"q": "parks leisure"}, {"q": "domestic abuse"},
    {"q": "regeneration"}, {"q": "levelling up"}, {"q": "cost of living"}, {"q": "mental health"},
    {"q": "hospital discharge"}, {"q": "fostering OR adoption"}, {"q": "child protection -ofsted"},
    {"q": "council tax", "committee": "cabinet"}, {"q": "bus services", "year": "2015"},
    {"q": "road safety", "date_from": "2018-01-01"}, {"q": "homelessness", "has_resolutions": "on"},
    {"q": "air quality", "has_outstanding_actions": "on"}, {"q": "internal audit", "committee": "audit-panel"},
    {"q": "workforce strategy"}, {"q": "sickness absence"}, {"q": "youth services"}, {"q": "public health"},
    {"q": "local plan", "order": "newest"}, {"q": "planning enforcement"}, {"q": "treasury management"},
    {"q": "capital programme"}, {"q": "digital services"}, {"q": "town deal"}, {"q": "special educational needs"},
    {"q": "risk register"}, {"q": "nonexistentword"}, {"q": "officers explained progress"},
]  # fmt: skip
# Not among the 50: what a visitor does next with a broad search — narrow it by committee, year or
# date (a facet), rank it again, or page deep into it. Printed on their own.
NARROWED = [
    {"q": "report", "committee": "cabinet"}, {"q": "report", "year": "2020"},
    {"q": "report", "date_from": "2024-01-01"}, {"q": "quarter performance", "committee": "audit-panel"},
    {"q": "officers explained progress", "year": "2016", "order": "newest"},
    {"q": "report", "page": "100"}, {"q": "report", "page": "500"},
]  # fmt: skip
# On a site of several councils (`generate_minutes --councils 50 --every-council`): searches within
# one council, the second council's, as a council's officer makes them. Printed on their own.
IN_A_COUNCIL = [
    {"q": "air quality"}, {"q": "report"}, {"q": "council tax", "committee": "cabinet"},
    {"q": "homelessness", "has_resolutions": "on"}, {"q": "air quality", "has_outstanding_actions": "on"},
    {"q": "budget", "order": "newest"}, {"q": "nonexistentword"},
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-query", action="store_true", help="also print each query's median and matches")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from meetings.models import Council, Item
    from meetings.search import SEARCH_LIMIT

    call_command("migrate", verbosity=0)
    if Item.objects.count() < args.items:
        call_command("generate_minutes", items=args.items, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    client = Client()
    items = Item.objects.count()
    measured = [measure(client, params, args.runs) for params in QUERIES]
    if args.per_query:
        print_per_query(measured)
    print(f"{connection.vendor}: {items} items, {len(QUERIES)} queries x {args.runs}: {summary(measured)}")
    broad = [row for row in measured if row[0].startswith(">")]
    if broad:
        label = f"the {len(broad)} queries with more than {SEARCH_LIMIT:,} matches (newest first, not counted)"
        print(f"  {label}: {summary(broad)}")
    narrowed = [measure(client, params, args.runs) for params in NARROWED]
    if args.per_query:
        print_per_query(narrowed)
    print(f"  {len(NARROWED)} broad searches narrowed or paged (not among the 50): {summary(narrowed)}")
    council = Council.objects.filter(committees__isnull=False).distinct().order_by("pk")[1:2].first()
    if council is not None:
        in_council = [
            measure(client, {**params, "council": council.slug, **committee_in(council, params)}, args.runs)
            for params in IN_A_COUNCIL
        ]
        if args.per_query:
            print_per_query(in_council)
        print(f"  {len(IN_A_COUNCIL)} searches within {council.name}: {summary(in_council)}")


def committee_in(council, params: dict) -> dict:
    """The council's own committee of the name `params` give by slug (its slug has the council's in front)."""
    from meetings.models import Committee

    if "committee" not in params:
        return {}
    return {"committee": Committee.objects.get(council=council, name__iexact=params["committee"]).slug}


def measure(client, params: dict, runs: int) -> tuple[str, list[float], dict]:
    """(matches as the page says them, each run's milliseconds, params) after one warm-up."""
    warm_up = client.get("/search/", params)
    assert warm_up.status_code == 200
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get("/search/", params)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    found = re.search(r'id="results-heading">(More than )?([\d,]+) minute', warm_up.content.decode())
    matches = ("> " if found[1] else "") + found[2] if found else "0"
    return matches, timings, params


def print_per_query(measured: list) -> None:
    print(f"{'median ms':>9} {'matches':>8}  query")
    for found, timings, params in sorted(measured, key=lambda row: statistics.median(row[1]), reverse=True):
        print(f"{statistics.median(timings):9.1f} {found:>8}  {params}")


def summary(measured: list) -> str:
    timings = sorted(timing for _found, query_timings, _params in measured for timing in query_timings)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    return f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"


if __name__ == "__main__":
    main()
