"""python manage.py crawl_moderngov BASE_URL [--committee ID_OR_NAME ...] [--since YYYY-MM-DD] [--delay S]
python manage.py crawl_moderngov --all

Follows a council's ModernGov site: its committees' meetings, past and future, imported
and kept up to date (through its web service where it answers it). `--all` crawls every saved
site, CMIS sites too (`crawl_cmis`). BASE_URL is saved as a Source (with the committees named, if any),
so `--all` crawls it again, say nightly. One line per meeting (a progress bar on a
terminal), then a summary; the exit status is non-zero if any page failed.
"""

from __future__ import annotations

import datetime
import signal
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from meetings.crawl import SITES_AT_ONCE, Crawl
from meetings.loader import IMPORTED, REPLACED, refresh_after_bulk_import
from meetings.models import Source


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since must be YYYY-MM-DD, not {value!r}") from None


def _stop_on_sigterm(*_args) -> None:
    raise KeyboardInterrupt  # `kill` stops the crawl as Ctrl-C does: the meeting in hand rolls back


class Command(BaseCommand):
    help = "Import meetings from council ModernGov sites, politely and incrementally."
    system = Source.MODERNGOV  # what a BASE_URL given here runs (`crawl_cmis` says CMIS)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("base_url", nargs="?", help="the site, e.g. https://democracy.example.gov.uk/")
        parser.add_argument("--all", action="store_true", help="crawl every site saved as a source")
        parser.add_argument(
            "--committee", action="append", default=[], metavar="ID_OR_NAME", help="follow this committee (repeatable)"
        )
        parser.add_argument("--since", type=_date, help="only meetings on or after this date")
        parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one site (1)")
        parser.add_argument(
            "--sites-at-once", type=int, default=SITES_AT_ONCE, help=f"sites crawled at the same time ({SITES_AT_ONCE})"
        )
        parser.add_argument("--dry-run", action="store_true", help="fetch and parse; save nothing")
        parser.add_argument("--name", help="the council's name, as pages should show it")
        parser.add_argument("--contact", help="an email address the site's staff can write to (CRAWLER_CONTACT)")

    def handle(self, *args, **options) -> None:
        if bool(options["base_url"]) == options["all"]:
            raise CommandError("give a site's BASE_URL, or --all for every saved site")
        if options["sites_at_once"] < 1:
            raise CommandError("--sites-at-once must be at least 1")
        if options["delay"] < 0:
            raise CommandError("--delay cannot be negative")
        sources = self._sources(options)
        contact = options["contact"] or next((s.contact for s in sources if s.contact), "") or settings.CRAWLER_CONTACT
        if not contact:
            raise CommandError(
                "the crawler must say who runs it: give --contact EMAIL or set CRAWLER_CONTACT (or a site's contact)"
            )
        progress = tqdm(unit=" page", desc="crawling", file=sys.stdout) if sys.stdout.isatty() else None
        crawl = Crawl(
            contact=contact,
            report=self._reporter(progress),
            delay=options["delay"],
            since=options["since"],
            dry_run=options["dry_run"],
            sites_at_once=options["sites_at_once"],
        )
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _stop_on_sigterm)
        try:
            crawl.run([(source, options["committee"] or source.followed) for source in sources])
        except KeyboardInterrupt:
            self._close(progress)
            self.stdout.write(f"interrupted; {crawl.summary.line()}")
            raise CommandError("stopped before the end: the next crawl carries on from here", returncode=130) from None
        self._close(progress)
        refresh_after_bulk_import(crawl.summary.meetings.get(IMPORTED, 0) + crawl.summary.meetings.get(REPLACED, 0))
        self.stdout.write(crawl.summary.line())
        if crawl.summary.failures:
            raise CommandError(f"{len(crawl.summary.failures)} page(s) or meeting(s) failed", returncode=1)

    def _sources(self, options: dict) -> list[Source]:
        if options["all"]:
            sources = list(Source.objects.filter(is_active=True))
            if not sources:
                raise CommandError("no sites are saved yet: crawl one with crawl_moderngov BASE_URL first")
            return sources
        url = options["base_url"]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CommandError(f"{url!r} is not a web address (https://democracy.example.gov.uk/)")
        source = Source.objects.filter(url=url).first() or Source(url=url, name=parts.netloc)
        source.system = self.system
        source.name = options["name"] or source.name
        source.contact = options["contact"] or source.contact
        if options["committee"]:
            source.committees = "\n".join(options["committee"])
        if not options["dry_run"]:
            source.save()
        return [source]

    def _reporter(self, progress):
        def report(kind: str, url: str, message: str) -> None:
            if kind == "failed":
                (progress.write if progress is not None else self.stderr.write)(f"failed: {message}")
            elif progress is not None:
                progress.update(kind == "page")
                if kind == "meeting":
                    progress.set_postfix_str(message.split(":")[0], refresh=False)
            elif kind == "meeting":
                self.stdout.write(f"{message} <{url}>")

        return report

    @staticmethod
    def _close(progress) -> None:
        if progress is not None:
            progress.close()
