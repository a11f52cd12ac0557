"""The ModernGov crawl: from a council's site to imported meetings, politely and incrementally.

For each site (a Source): where the site answers ModernGov's web service
(`mgWebService.asmx`), its committees, each followed committee's meetings and each meeting
come from the service's answers, steadier than the pages' layout. Elsewhere, and for a
meeting whose minutes the service does not carry: the committee list page, each followed
committee's meetings year by year, each meeting's page and the item pages it needs
(cut-short minutes, decisions on their own page) -- and, where the page's items carry no
minutes but the page links its printed minutes (a PDF or Word document), those. Each
meeting is imported through the same loader as a file. Parsing is `importers/`'s job; this
module fetches and saves.

A CMIS site (Source.system) is read from its meetings calendar, month by month, and each
meeting from the minutes document its page lists (`importers/cmis.py`), with the same
politeness, conditional requests, limits and summary.

Polite: robots.txt is obeyed; requests to one host go one at a time, `delay` seconds
apart, naming Minutebook and a contact address; a page that has not changed since the
last crawl answers 304 (or the same bytes) and nothing is imported. Robust: a page that
fails is reported and skipped; a meeting is imported in one transaction together with
its page's validators, so a crawl stopped at any point leaves each meeting whole or
untouched, and the next crawl carries on where it stopped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.db import connection, connections, transaction
from django.utils import timezone

from importers import cmis, moderngov, webservice
from importers.attendance import (
    attendance_page_url,
    councillor_page_url,
    read_attendance_page,
    read_councillor_page,
    with_site_attendance,
)
from importers.dates import municipal_year
from importers.html import item_page_links, printed_minutes_url
from importers.records import ImportFailed, ParsedMeeting

from .addresses import new_slug, settle_addresses
from .importing import HTML, XML, content_type, parse_document
from .loader import IMPORTED, REPLACED, UNCHANGED, StoredDocument, save_meeting
from .models import PRINTED_TYPES, Committee, FetchedPage, Source, SourceDocument, default_year_start
from .pagecache import pages_changed, site_changed
from .people.models import Person
from .people.staffing import update_from_site

TRIES = 3  # a timeout, a connection error or a 5xx is tried again, at most this many times in all
MAX_BYTES = 10 * 1024 * 1024
# Sites crawled at the same time, each at its own pace and one request at a time (docs/deployment.md).
SITES_AT_ONCE = 8
PAGE_TYPES = ("text/html", "application/xhtml+xml")
# The web service's answers.
XML_TYPES = ("text/xml", "application/xml")
# How far back the web service is asked for a committee's meetings, without --since; and ahead.
SERVICE_SINCE = datetime.date(2000, 1, 1)
SERVICE_AHEAD = datetime.timedelta(days=400)
# How far back a CMIS site's calendar is read without --since, and how far ahead.
CMIS_SINCE = datetime.timedelta(days=366)
CMIS_AHEAD = datetime.timedelta(days=62)
# Printed minutes as servers label them (many send any file as octet-stream; the content decides).
DOCUMENT_TYPES = (
    "application/pdf",
    "application/x-pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",
    "binary/octet-stream",
)
DRY_RUN = "would import"
FAILED = "failed"

# What a report callback is told: ("page", url, "fetched"), ("meeting", url, "imported ..."), ...
Report = Callable[[str, str, str], None]


class FetchFailed(Exception):
    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(slots=True)
class Fetched:
    url: str
    body: bytes | None  # None for a page not modified whose body was not kept
    not_modified: bool
    etag: str = ""
    last_modified: str = ""
    content_hash: str = ""


@dataclass(slots=True)
class Summary:
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_failed: int = 0
    meetings: dict[str, int] = field(default_factory=lambda: {IMPORTED: 0, REPLACED: 0, UNCHANGED: 0, FAILED: 0})
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "pages fetched": self.pages_fetched,
            "pages not modified": self.pages_not_modified,
            "pages failed": self.pages_failed,
            "meetings new": self.meetings[IMPORTED],
            "meetings replaced": self.meetings[REPLACED],
            "meetings unchanged": self.meetings[UNCHANGED],
            "meetings failed": self.meetings[FAILED],
        }

    def line(self) -> str:
        pages = (
            f"pages: {self.pages_fetched} fetched, {self.pages_not_modified} not modified, {self.pages_failed} failed"
        )
        if DRY_RUN in self.meetings:
            return f"{pages}; meetings: {self.meetings[DRY_RUN]} would be imported (dry run: nothing was saved)"
        return (
            f"{pages}; meetings: {self.meetings[IMPORTED]} new, {self.meetings[REPLACED]} replaced, "
            f"{self.meetings[UNCHANGED]} unchanged, {self.meetings[FAILED]} failed"
        )


class _Gate:
    """One host's turn: one request at a time, `delay` seconds from the end of one to the start of the next."""

    def __init__(self, delay: float):
        self.delay = delay
        self.lock = threading.Lock()
        self.free_at = 0.0

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        with self.lock:
            wait = self.free_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self.free_at = time.monotonic() + self.delay


def user_agent(contact: str) -> str:
    return f"Minutebook/1.0 (council minutes reader; +mailto:{contact})"


class Crawl:
    """One run of the crawler over one or more sites."""

    def __init__(
        self,
        *,
        contact: str,
        report: Report,
        delay: float = 1.0,
        since: datetime.date | None = None,
        dry_run: bool = False,
        timeout: float = 20.0,
        backoff: float = 1.0,
        max_bytes: int = MAX_BYTES,
        sites_at_once: int = SITES_AT_ONCE,
    ):
        self.contact = contact
        self.report = report
        self.delay = delay
        self.since = since
        self.dry_run = dry_run
        self.timeout = timeout
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.sites_at_once = sites_at_once
        self.summary = Summary()
        self.stopping = threading.Event()
        # What changes the site's shape (committees made, their addresses settled) is done by
        # one site's thread at a time. The rest of the database work, a meeting's import above
        # all, is done by each thread on its own connection at the same time as the others on
        # PostgreSQL; SQLite allows one writer, so there the threads take turns at all of it.
        self.shaping = threading.RLock()
        self.db = self.shaping if connection.vendor == "sqlite" else contextlib.nullcontext()
        self._gates: dict[str, _Gate] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._shared = threading.Lock()
        self._local = threading.local()  # each thread's HTTP session, and its site's own counts

    # -- the whole run ---------------------------------------------------------------

    def run(self, sources: list[tuple[Source, list[str]]]) -> Summary:
        """Crawl each (source, committees to follow) -- several sites at once, each site's own pace."""
        if len(sources) == 1:
            self.crawl_source(*sources[0])
            return self.summary
        with ThreadPoolExecutor(max_workers=min(self.sites_at_once, len(sources)), thread_name_prefix="crawl") as pool:
            futures = [pool.submit(self._in_thread, source, committees) for source, committees in sources]
            try:
                for future in futures:
                    future.result()
            except KeyboardInterrupt:
                self.stopping.set()  # each site finishes (or rolls back) the meeting it is importing
                raise
        return self.summary

    def _in_thread(self, source: Source, committees: list[str]) -> None:
        try:
            self.crawl_source(source, committees)
        finally:
            connections.close_all()

    def crawl_source(self, source: Source, committees: list[str]) -> None:
        started = timezone.now()
        self._local.site = site = Summary()
        if not self.dry_run:
            with self.shaping:
                label_councils()  # a council renamed in the admin is named so beside its committees
                settle_addresses()  # a database from before addresses were unique across councils
        if source.system == Source.CMIS:
            self.crawl_cmis_source(source, committees)
            self._finished(source, started, site)
            return
        links = self.service_committees(source)
        by_service = links is not None
        if links is None:
            try:
                listing = self.fetch(source, moderngov.committee_list_url(source.url), keep_body=True)
            except FetchFailed as failure:
                self._failed(f"{failure.url}: {failure.reason}", page=True)
                return
            links = moderngov.committee_links(listing.body, listing.url)
        wanted = [link for link in links if _followed(link, committees)]
        for name in committees:
            if not any(_followed(link, [name]) for link in links):
                self._failed(f"{source.url}: no committee {name!r} on the site's committee list")
        for link in wanted:
            if self.stopping.is_set():
                return
            committee = self.committee_for(source, link)
            meetings = self.service_meetings_of(source, link) if by_service else self.meetings_of(source, link)
            for meeting in meetings:
                if self.stopping.is_set():
                    return
                if by_service:
                    self.crawl_service_meeting(source, committee, meeting)
                else:
                    self.crawl_meeting(source, committee, meeting)
        self.crawl_councillors(source)
        self._finished(source, started, site)

    def crawl_councillors(self, source: Source) -> None:
        """The site's page of each councillor it named by id and whose page has not been read yet
        (`mgUserInfo.aspx?UID=`): their name as the site writes it, party, ward and photo address."""
        if self.dry_run:
            return
        with self.db:
            waiting = list(Person.objects.filter(source=source, site_id__isnull=False, profile_url=""))
        for person in waiting:
            if self.stopping.is_set():
                return
            url = councillor_page_url(source.url, person.site_id)
            try:
                fetched = self.fetch(source, url, conditional=False, remember=False)
            except FetchFailed as failure:
                self._failed(f"{failure.url}: {failure.reason}", page=True)
                continue
            read = read_councillor_page(fetched.body, url)
            with self.db, transaction.atomic():
                update_from_site(person, url, read)

    def _finished(self, source: Source, started: datetime.datetime, site: Summary) -> None:
        if not self.dry_run and not self.stopping.is_set():
            with self.db:
                Source.objects.filter(pk=source.pk).update(
                    last_crawl_started=started,
                    last_crawl_finished=timezone.now(),
                    last_crawl_counts=site.as_dict(),
                )

    # -- committees and their meetings -----------------------------------------------

    def committee_for(self, source: Source, link: moderngov.CommitteeLink) -> Committee | None:
        """The committee for the site's CId: found by it, else adopted from a text import of the
        same name, else made. A renamed committee keeps its URL and remembers its old name."""
        with self.shaping:
            if self.dry_run:  # the site may not be saved yet: find what there is, make nothing
                by_id = Committee.objects.filter(source__url=source.url, source_committee_id=link.committee_id)
                return by_id.first() or Committee.objects.filter(slug=Committee.slug_for(link.name)).first()
            committee = Committee.objects.filter(source=source, source_committee_id=link.committee_id).first()
            if committee is None:
                slug = Committee.slug_for(link.name)
                committee = Committee.objects.filter(source__isnull=True, slug=slug).first()
                if committee is None:
                    committee = Committee(name=link.name, slug=new_slug(link.name, source.council))
                committee.source, committee.source_committee_id = source, link.committee_id
                committee.council_id = source.council_id
                committee.save()
                # A second council's first committee: name every committee's council, and give each
                # its council's name in its address (which renews every page where any moved).
                relabelled = label_councils()
                if not settle_addresses() and set(relabelled) - {committee.pk}:
                    site_changed()  # every page names committees with their councils
                committee.refresh_from_db()  # its address, where it moved
                pages_changed([committee.slug])  # the lists show the new committee; no other page does
            elif committee.name != link.name:
                committee.former_names = [*committee.former_names, committee.name]
                committee.name = link.name
                committee.save(update_fields=["name", "former_names"])
                site_changed()
            return committee

    def meetings_of(self, source: Source, link: moderngov.CommitteeLink) -> list[moderngov.MeetingLink]:
        """The committee's meetings on every year's list page (those since --since), oldest first."""
        first_year = municipal_year(self.since, default_year_start()) if self.since else None
        try:
            current = self.fetch(source, moderngov.meetings_url(source.url, link.committee_id), keep_body=True)
        except FetchFailed as failure:
            self._failed(f"{failure.url}: {failure.reason}", page=True)
            return []
        pages = [current]
        for year, url in moderngov.year_links(current.body, current.url, link.committee_id):
            if first_year is not None and year < first_year:
                continue
            try:
                pages.append(self.fetch(source, url, keep_body=True))
            except FetchFailed as failure:
                self._failed(f"{failure.url}: {failure.reason}", page=True)
        found: dict[int, moderngov.MeetingLink] = {}
        for page in pages:
            for meeting in moderngov.meeting_links(page.body, page.url):
                if self._wanted(meeting):
                    found.setdefault(meeting.meeting_id, meeting)
        return sorted(found.values(), key=lambda each: (each.date or datetime.date.max, each.meeting_id))

    # -- the web service -------------------------------------------------------------

    def service_committees(self, source: Source) -> list[moderngov.CommitteeLink] | None:
        """The site's committees from its web service; None where the site does not answer it
        (no service, robots.txt, an error, an answer that is not the service's): then the pages."""
        try:
            answer = self.fetch(source, webservice.committees_url(source.url), keep_body=True, accepted=XML_TYPES)
        except FetchFailed:
            return None
        if not webservice.is_service_answer(answer.body or b""):
            return None
        try:
            links = webservice.read_committees(answer.body, answer.url)
        except ImportFailed:
            return None
        return links or None

    def service_meetings_of(self, source: Source, link: moderngov.CommitteeLink) -> list[moderngov.MeetingLink]:
        """The committee's meetings (those since --since) from the web service, oldest first."""
        start, end = self.since or SERVICE_SINCE, timezone.localdate() + SERVICE_AHEAD
        url = webservice.meetings_url(source.url, link.committee_id, start, end)
        try:
            answer = self.fetch(source, url, keep_body=True, accepted=XML_TYPES)
            meetings = webservice.read_meetings(answer.body, source.url, url)
        except (FetchFailed, ImportFailed) as failure:
            self._failed(f"{url}: {failure.reason}", page=True)
            return []
        wanted = [each for each in meetings if self._wanted(each)]
        return sorted(wanted, key=lambda each: (each.date or datetime.date.max, each.meeting_id))

    def _wanted(self, meeting: moderngov.MeetingLink) -> bool:
        """Held or to be held (not cancelled or postponed), and not before --since."""
        return not meeting.called_off and not (self.since and meeting.date and meeting.date < self.since)

    def crawl_service_meeting(self, source: Source, committee: Committee, link: moderngov.MeetingLink) -> None:
        """One meeting from the web service; where the service carries none of its minutes, from its page."""
        page_url = webservice.meeting_page_url(source.url, link.committee_id, link.meeting_id)
        answer = self._meeting_document(source, link, accepted=XML_TYPES)
        year_start = committee.year_start if committee is not None else default_year_start()
        options = {"committee": committee.name, "page_url": page_url, "year_start": year_start}
        parsed = answer and self._parsed(link.url, lambda: parse_document(answer.body, link.url, **options))
        if parsed is None:
            return
        if not parsed.has_minutes:
            # An agenda, or minutes the service does not carry (printed minutes): the page has them.
            self.crawl_meeting(source, committee, dataclasses.replace(link, url=page_url))
            return
        overrides = {"committee": committee.name, "page_url": page_url}
        document = StoredDocument(link.url, XML, answer.body, fetched_at=timezone.now(), overrides=overrides)
        self._save(source, committee, link, parsed, [document], remember=[answer])

    # -- CMIS --------------------------------------------------------------------------

    def crawl_cmis_source(self, source: Source, committees: list[str]) -> None:
        """A CMIS site: its calendar month by month (since --since, else a year back, to two months
        ahead), then each followed committee's meetings from their minutes documents."""
        try:
            home = self.fetch(source, source.url, keep_body=True)
        except FetchFailed as failure:
            self._failed(f"{failure.url}: {failure.reason}", page=True)
            return
        template = cmis.calendar_template(home.body, home.url)
        if not template:
            self._failed(f"{source.url}: no CMIS meetings calendar found (no link of its meetings module)")
            return
        today = timezone.localdate()
        found: dict[int, tuple[moderngov.CommitteeLink, moderngov.MeetingLink]] = {}
        for month in cmis.months(self.since or today - CMIS_SINCE, today + CMIS_AHEAD):
            if self.stopping.is_set():
                return
            url = template.format(date=month.isoformat())
            try:
                calendar = self.fetch(source, url, keep_body=True)
            except FetchFailed as failure:
                self._failed(f"{failure.url}: {failure.reason}", page=True)
                continue
            for committee, meeting in cmis.calendar_meetings(calendar.body, calendar.url, month):
                if self._wanted(meeting):
                    found.setdefault(meeting.meeting_id, (committee, meeting))
        names = {committee.committee_id: committee for committee, _meeting in found.values()}
        for name in committees:
            if not any(_followed(link, [name]) for link in names.values()):
                self._failed(f"{source.url}: no meeting of committee {name!r} in the calendar")
        meetings = sorted(found.values(), key=lambda pair: (pair[1].date or datetime.date.max, pair[1].meeting_id))
        for link, meeting in meetings:
            if self.stopping.is_set():
                return
            if _followed(link, committees):
                self.crawl_cmis_meeting(source, self.committee_for(source, link), meeting)

    def crawl_cmis_meeting(self, source: Source, committee: Committee, link: moderngov.MeetingLink) -> None:
        """A CMIS meeting, from the minutes document its page lists; none yet: nothing to import."""
        page = self._meeting_document(source, link)
        if page is None:
            return
        known = {"committee": committee.name, "date": link.date, "time": link.time, "page_url": link.url}
        listed = cmis.minutes_document(page.body, link.url)
        if listed is None:
            self._cmis_page_minutes(source, committee, link, page, known)
            return
        _title, address = listed
        try:
            document = self.fetch(source, address, conditional=False, remember=False, accepted=DOCUMENT_TYPES)
        except FetchFailed as failure:
            self._failed(f"{failure.url}: {failure.reason}", page=True)
            return
        parsed = self._parsed(
            address, lambda: parse_document(document.body, address, year_start=committee.year_start, **known)
        )
        if parsed is None:
            return
        stored = StoredDocument(
            address, content_type(document.body), document.body, fetched_at=timezone.now(), overrides=_kept(known)
        )
        self._save(source, committee, link, parsed, [stored], remember=[page])

    def _cmis_page_minutes(
        self, source: Source, committee: Committee, link: moderngov.MeetingLink, page: Fetched, known: dict
    ) -> None:
        """A CMIS meeting whose page lists no minutes document: imported from the page where it
        prints the minutes itself; else (an agenda) once its minutes are published."""
        try:
            parsed = parse_document(page.body, link.url, year_start=committee.year_start, **known)
        except ImportFailed:
            parsed = None
        if parsed is None or not parsed.has_minutes:
            self.report("meeting", link.url, f"{committee.display_name}, {link.date}: no minutes published yet")
            if not self.dry_run:
                with self.db:  # asked again conditionally: the page changes when its minutes come
                    self._remember(source, page, keep_body=False)
            return
        stored = StoredDocument(link.url, HTML, page.body, fetched_at=timezone.now(), overrides=_kept(known))
        self._save(source, committee, link, parsed, [stored], remember=[page])

    # -- one meeting -----------------------------------------------------------------

    def crawl_meeting(self, source: Source, committee: Committee | None, link: moderngov.MeetingLink) -> None:
        page = self._meeting_document(source, link)
        if page is None:
            return
        fetched_items: list[Fetched] = []
        host = urlsplit(link.url).netloc
        # Only the meeting's own site is asked for its item pages, wherever a link points.
        for url in [each for each in item_page_links(page.body, link.url) if urlsplit(each).netloc == host]:
            try:
                fetched_items.append(self.fetch(source, url, conditional=False, remember=False))
            except FetchFailed as failure:  # the meeting is still imported, its item marked cut short
                self._failed(f"{failure.url}: {failure.reason}", page=True)
        item_pages = {each.url: each.body for each in fetched_items}
        year_start = committee.year_start if committee is not None else default_year_start()
        options = {"item_pages": item_pages, "year_start": year_start}
        printed: Fetched | None = None

        def parse() -> ParsedMeeting:
            nonlocal printed
            parsed = parse_document(page.body, link.url, **options)
            printed = self._printed_minutes(source, parsed, page.body, link.url)
            if printed is None:
                return parsed
            return parse_document(page.body, link.url, printed=(printed.url, printed.body), **options)

        parsed = self._parsed(link.url, parse)
        if parsed is None:
            return
        attendance = self._attendance_page(source, parsed, link)
        if attendance is not None:
            site = read_attendance_page(attendance.body, attendance.url)
            parsed = dataclasses.replace(parsed, attendance=with_site_attendance(parsed.attendance, site))
        fetched_at = timezone.now()
        documents = [StoredDocument(link.url, HTML, page.body, fetched_at=fetched_at)] + [
            StoredDocument(url, HTML, body, role=SourceDocument.ITEM, fetched_at=fetched_at)
            for url, body in item_pages.items()
        ]
        if printed is not None:
            kind = content_type(printed.body)
            documents.append(
                StoredDocument(printed.url, kind, printed.body, role=SourceDocument.PRINTED, fetched_at=fetched_at)
            )
        if attendance is not None:
            documents.append(
                StoredDocument(
                    attendance.url, HTML, attendance.body, role=SourceDocument.ATTENDANCE, fetched_at=fetched_at
                )
            )
        self._save(source, committee, link, parsed, documents, remember=[page, *fetched_items])

    def _attendance_page(self, source: Source, parsed: ParsedMeeting, link: moderngov.MeetingLink) -> Fetched | None:
        """The site's attendance page for a meeting that has been held (its minutes are in), which
        names members by the site's own id; None for an agenda, or where it cannot be fetched (the
        meeting is imported from its minutes alone, and the failure reported)."""
        if not parsed.has_minutes or link.meeting_id is None:
            return None
        url = attendance_page_url(link.url, link.meeting_id)
        try:
            return self.fetch(source, url, conditional=False, remember=False)
        except FetchFailed as failure:
            if "HTTP 404" not in failure.reason:  # (a site without attendance pages is no failure)
                self._failed(f"{failure.url}: {failure.reason}", page=True)
            return None

    def _meeting_document(
        self, source: Source, link: moderngov.MeetingLink, *, accepted: tuple[str, ...] = PAGE_TYPES
    ) -> Fetched | None:
        """A meeting's page (or web service answer), asked for conditionally; None where it failed
        (reported) or has not changed since the last crawl (counted)."""
        try:
            fetched = self.fetch(source, link.url, remember=False, accepted=accepted)
        except FetchFailed as failure:
            self._failed(f"{failure.url}: {failure.reason}", page=True)
            return None
        if fetched.not_modified:
            self._count_meeting(UNCHANGED, link.url, f"not modified since the last crawl ({link.date or 'no date'})")
            return None
        return fetched

    def _parsed(self, url: str, parse: Callable[[], ParsedMeeting]) -> ParsedMeeting | None:
        """What `parse` read; None where the document holds no meeting (counted and reported)."""
        try:
            return parse()
        except ImportFailed as failure:
            with self._shared:
                for summary in self._summaries():
                    summary.meetings[FAILED] += 1
            self._failed(f"{url}: not imported: {failure.reason}")
            return None

    def _save(
        self,
        source: Source,
        committee: Committee,
        link: moderngov.MeetingLink,
        parsed: ParsedMeeting,
        documents: list[StoredDocument],
        *,
        remember: list[Fetched],
    ) -> None:
        """Save the meeting with its documents, and the validators of what was fetched for it, in one
        transaction: a crawl stopped at any point leaves the meeting whole or untouched."""
        if self.dry_run:
            self._count_meeting(DRY_RUN, link.url, f"{parsed.committee}, {parsed.date.isoformat()}")
            return
        with self.db, transaction.atomic():
            result = save_meeting(parsed, documents=documents, committee=committee, source_meeting_id=link.meeting_id)
            for fetched in remember:
                self._remember(source, fetched, keep_body=False)
        self._count_meeting(result.outcome, link.url, f"{committee.display_name}, {parsed.date.isoformat()}")

    def _printed_minutes(self, source: Source, parsed: ParsedMeeting, page: bytes, url: str) -> Fetched | None:
        """The printed minutes a meeting page links, fetched, where its items carry no minutes of
        their own (an agenda, with the minutes of record in a PDF or Word document); None otherwise,
        or where they cannot be fetched (reported: the meeting is still imported from its page)."""
        if parsed.has_minutes:
            return None
        address = printed_minutes_url(page, url)
        if not address or urlsplit(address).netloc != urlsplit(url).netloc:
            return None
        try:
            fetched = self.fetch(source, address, conditional=False, remember=False, accepted=DOCUMENT_TYPES)
        except FetchFailed as failure:
            self._failed(f"{failure.url}: {failure.reason}", page=True)
            return None
        if content_type(fetched.body) not in PRINTED_TYPES:
            self._failed(f"{address}: not a PDF or Word document: not read", page=True)
            return None
        return fetched

    # -- HTTP --------------------------------------------------------------------------

    def fetch(
        self,
        source: Source,
        url: str,
        *,
        keep_body: bool = False,
        conditional: bool = True,
        remember: bool = True,
        accepted: tuple[str, ...] = PAGE_TYPES,
    ) -> Fetched:
        """GET `url` politely. A conditional GET where the page was fetched before; a page not
        modified comes back with the body kept last time (list pages) or none. Only a body of the
        `accepted` content types is taken: web pages, printed minutes, the web service's XML."""
        if not self._robots_for(url).can_fetch(user_agent(self.contact), url):
            raise FetchFailed(url, "robots.txt does not allow Minutebook to fetch it")
        known = None
        if conditional:
            with self.db:
                known = FetchedPage.objects.filter(url=url).first()
        headers = {}
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        status, response_headers, body = self._get(url, headers, accepted=accepted)
        if status == 304 and known is not None:
            self._count_page(not_modified=True)
            return Fetched(url, known.body if keep_body else None, True, known.etag, known.last_modified)
        if status != 200:
            raise FetchFailed(url, _status_reason(status))
        digest = hashlib.sha256(body).hexdigest()
        fetched = Fetched(
            url,
            body,
            known is not None and known.content_hash == digest,
            response_headers.get("ETag", ""),
            response_headers.get("Last-Modified", ""),
            digest,
        )
        self._count_page(not_modified=fetched.not_modified)
        if remember and not fetched.not_modified:
            with self.db:
                self._remember(source, fetched, keep_body=keep_body)
        return fetched

    def _remember(self, source: Source, fetched: Fetched, *, keep_body: bool) -> None:
        if self.dry_run or fetched.body is None:
            return
        FetchedPage.objects.update_or_create(
            url=fetched.url,
            defaults={
                "source": source,
                "etag": fetched.etag,
                "last_modified": fetched.last_modified,
                "content_hash": fetched.content_hash,
                "fetched_at": timezone.now(),
                "compressed_body": SourceDocument.compress(fetched.body) if keep_body else None,
            },
        )

    def _get(self, url: str, headers: dict[str, str], *, accepted: tuple[str, ...] | None) -> tuple[int, dict, bytes]:
        """(status, headers, body) of a GET, tried again after a timeout, a connection error or a 5xx.
        A body whose Content-Type is not `accepted` (where given) is refused unread."""
        gate = self._gate(url)
        accept = "text/html" if accepted in (PAGE_TYPES, None) else ", ".join(accepted[:3])  # (the types asked for)
        headers = {"User-Agent": user_agent(self.contact), "Accept": accept, **headers}
        problem = ""
        for attempt in range(1, TRIES + 1):
            with gate.turn():
                try:
                    with self._session().get(url, headers=headers, timeout=self.timeout, stream=True) as response:
                        if response.status_code < 500:
                            return response.status_code, response.headers, self._body(url, response, accepted)
                        problem = _status_reason(response.status_code)
                except requests.Timeout:
                    problem = f"no answer within {self.timeout:g} s"
                except requests.ConnectionError as error:
                    problem = f"could not connect ({type(error).__name__})"
            if attempt < TRIES:
                time.sleep(self.backoff * 2 ** (attempt - 1))
        raise FetchFailed(url, f"{problem}; gave up after {TRIES} tries")

    def _body(self, url: str, response: requests.Response, accepted: tuple[str, ...] | None) -> bytes:
        if response.status_code != 200:
            return b""
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if accepted is not None and kind not in accepted:
            what = {PAGE_TYPES: "a web page", XML_TYPES: "the web service's XML"}.get(
                accepted, "a PDF or Word document"
            )
            raise FetchFailed(url, f"not {what} (Content-Type {kind or 'missing'}): refused")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchFailed(url, f"{int(declared):,} bytes is over the {self.max_bytes:,}-byte limit: refused")
        body = bytearray()
        for chunk in response.iter_content(65536):
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchFailed(url, f"over the {self.max_bytes:,}-byte limit: refused")
        return bytes(body)

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def _gate(self, url: str) -> _Gate:
        host = urlsplit(url).netloc.lower()
        with self._shared:
            return self._gates.setdefault(host, _Gate(self.delay))

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt, read once a crawl: missing (4xx) allows everything; forbidden
        (401, 403) or unreadable (5xx, no answer) allows nothing."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        with self._shared:
            robots = self._robots.get(host)
        if robots is not None:
            return robots
        robots = urllib.robotparser.RobotFileParser()
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            status, _headers, body = self._get(robots_url, {}, accepted=None)
        except FetchFailed as failure:
            self._failed(f"{robots_url}: {failure.reason}: not crawling this site")
            status, body = 503, b""
        if status == 200:
            robots.parse(body.decode("utf-8", "replace").splitlines())
        elif status in (401, 403) or status >= 500:
            robots.disallow_all = True
        else:
            robots.allow_all = True
        with self._shared:
            return self._robots.setdefault(host, robots)

    # -- counting and reporting ------------------------------------------------------

    def _summaries(self) -> list[Summary]:
        """The run's counts, and those of the site this thread is crawling."""
        site = getattr(self._local, "site", None)
        return [self.summary] + ([site] if site is not None else [])

    def _count_page(self, *, not_modified: bool) -> None:
        with self._shared:
            for summary in self._summaries():
                if not_modified:
                    summary.pages_not_modified += 1
                else:
                    summary.pages_fetched += 1
        self.report("page", "", "not modified" if not_modified else "fetched")

    def _count_meeting(self, outcome: str, url: str, detail: str) -> None:
        with self._shared:
            for summary in self._summaries():
                summary.meetings[outcome] = summary.meetings.get(outcome, 0) + 1
        self.report("meeting", url, f"{outcome}: {detail}")

    def _failed(self, message: str, *, page: bool = False) -> None:
        with self._shared:
            for summary in self._summaries():
                summary.failures.append(message)
                if page:
                    summary.pages_failed += 1
        self.report("failed", "", message)


def label_councils() -> list[int]:
    """Name the council beside each committee from a site, while the database holds more than one;
    the ids of the committees whose label changed."""
    several = Source.objects.filter(committee_set__isnull=False).distinct().count() > 1
    relabelled = []
    for source in Source.objects.all():
        wrong = source.committee_set.exclude(council_label=source.name if several else "")
        relabelled += wrong.values_list("pk", flat=True)
        wrong.update(council_label=source.name if several else "")
    return relabelled


def _kept(known: dict) -> dict:
    """What the crawl knew of a meeting beyond its document (committee, date, time, its page), as
    kept with the document for `reparse`."""
    kept = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in known.items()}
    return {key: value for key, value in kept.items() if value}


def _followed(link: moderngov.CommitteeLink, committees: list[str]) -> bool:
    """Whether the committee is one of those named (by CId or by name); all are when none is named."""
    if not committees:
        return True
    return any(str(link.committee_id) == name or link.name.casefold() == name.casefold() for name in committees)


def _status_reason(status: int) -> str:
    reasons = {
        403: "the site refused Minutebook (HTTP 403): not tried again",
        404: "not found (HTTP 404)",
        429: "the site asked Minutebook to slow down (HTTP 429): try again later with a longer --delay",
    }
    return reasons.get(status, f"HTTP {status}")
