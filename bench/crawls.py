"""Several councils' sites crawled at once, with readers under load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_national CACHE_URL=redis://127.0.0.1:6379/1 \\
        .venv/bin/python bench/crawls.py --sites 10 --spread 100

Serves --sites local ModernGov sites (bench/moderngov_sites.py, in a process of their own, each on
its own port) and crawls them with the real crawler (`Crawl`, as `crawl_moderngov --all` does:
several sites at a time, one request at a time to each, --delay between a site's requests: a
real crawl's one second scaled down). Measures, each with no meeting of theirs imported (the
crawled meetings are deleted after each run; their committees, made by the first crawl of each
site, are kept, as a nightly crawl finds them):

1. one site crawled alone, and all of them at once: how long each takes;
2. readers alone: wrk loading the meeting pages of --spread meetings already in the database in
   turn, under gunicorn with the production settings (as bench/serve.py --spread), for as long as
   the crawl of all took; then the same readers while all the sites are crawled again.

Run it against a database of its own that holds meetings to read (generate_minutes).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")

from serve import PORT, load, spread_pages  # noqa: E402
from serving import gunicorn, production_env  # noqa: E402

NAME = "Bench Site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--committees", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=10, help="Meetings a committee.")
    parser.add_argument("--items", type=int, default=12, help="Items a meeting.")
    parser.add_argument("--delay", type=float, default=0.05, help="Seconds between one site's requests.")
    parser.add_argument("--spread", type=int, default=100, help="Meeting pages the readers load in turn.")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()

    import django

    django.setup()
    from meetings.crawl import Crawl
    from meetings.models import Source

    sizes = ["--committees", str(args.committees), "--meetings", str(args.meetings), "--items", str(args.items)]
    sites = subprocess.Popen(
        [sys.executable, str(BENCH / "moderngov_sites.py"), "--sites", str(args.sites), *sizes],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        urls = [sites.stdout.readline().strip() for _ in range(args.sites)]
        clean()
        sources = [
            Source.objects.create(url=url, name=f"{NAME} {number}", contact="bench@example.org")
            for number, url in enumerate(urls, start=1)
        ]

        def crawl(chosen) -> float:
            started = time.monotonic()
            Crawl(contact="bench@example.org", report=lambda *_: None, delay=args.delay).run([(s, []) for s in chosen])
            took = time.monotonic() - started
            meetings = count()
            clean(keep_sources=True)
            return took, meetings

        meetings_each = args.committees * args.meetings
        alone, made = crawl(sources[:1])
        print(f"one site alone: {alone:.1f} s ({made} meetings of {meetings_each}, {args.items} items each)")
        together, made = crawl(sources)
        print(f"{args.sites} sites at once: {together:.1f} s ({made} meetings; {together / alone:.1f}× one alone)")

        env = production_env(PORT, settings_module="bench.settings")
        with tempfile.TemporaryDirectory(prefix="minutebook-bench-") as scratch, gunicorn(env):
            script, paths = spread_pages(env, args.spread, Path(scratch) / "spread.lua")
            url = f"http://127.0.0.1:{PORT}"
            for path in paths:  # each page made once and cached
                urllib.request.urlopen(f"{url}{path}").read()
            seconds = max(5, round(together))
            rate, p50, p99, bad = load(f"{url}/", seconds, args.connections, script=script)
            print(f"readers alone, {seconds} s: {rate:.0f}/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, {bad} not 2xx")
            took = {}
            crawler = threading.Thread(target=lambda: took.update(result=crawl(sources)))
            crawler.start()
            rate_during, p50, p99, bad = load(f"{url}/", seconds, args.connections, script=script)
            crawler.join()
            print(
                f"readers while {args.sites} sites are crawled, {seconds} s: {rate_during:.0f}/s "
                f"({rate_during / rate:.0%} of alone), p50 {p50:.1f} ms, p99 {p99:.1f} ms, {bad} not 2xx; "
                f"the crawl took {took['result'][0]:.1f} s ({took['result'][1]} meetings)"
            )
    finally:
        clean()
        sites.terminate()


def count() -> int:
    from meetings.models import Meeting

    return Meeting.objects.filter(committee__source__name__startswith=NAME).count()


def clean(keep_sources: bool = False) -> None:
    """Delete the meetings the crawls imported (and the sites and their committees, unless kept:
    a crawl after the first finds its committees made, as a nightly crawl does)."""
    from meetings.models import Committee, Council, FetchedPage, Item, Meeting, Source

    committees = Committee.objects.filter(source__name__startswith=NAME)
    Item.objects.filter(committee__in=committees).delete()
    Meeting.objects.filter(committee__in=committees).delete()
    FetchedPage.objects.filter(url__startswith="http://127.0.0.1:").delete()
    if not keep_sources:
        committees.delete()
        Source.objects.filter(name__startswith=NAME).delete()
        Council.objects.filter(name__startswith=NAME).delete()


if __name__ == "__main__":
    main()
