"""Bulk downloads and the Open data page.

Everything, one committee, one municipal year, or one committee's year, as CSV (a zip of one
file per record type) or as JSON in the API's shapes. Both are streamed: rows are read in
batches and written out as they are made, so a download of 100,000 items holds no more in
memory than one of 100 (docs/performance.md).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from . import shapes
from .crossrefs import reference_targets
from .models import Action, Committee, Document, Item, Meeting, Reference, Resolution, optional_records
from .pagecache import cached_page, conditional
from .people import opendata as people
from .people.shapes import person_out
from .recommendations import opendata as recommendations

# Rows read from the database at a time for the CSV, and meetings (each with all its items) for the
# JSON: small enough that a download of everything holds no more at once than one of a hundred
# items (docs/performance.md), large enough that the round trips cost little.
BATCH = 200
MEETING_BATCH = 2
FORMATS = {"csv.zip": "application/zip", "json": "application/json"}


@dataclass(frozen=True)
class Scope:
    """What a download holds: every meeting, or those of a committee and/or a municipal year."""

    committee: Committee | None = None
    year: int | None = None

    @property
    def name(self) -> str:
        """ "minutebook-all", "minutebook-cabinet-2016-17": the file's name, saying what it holds."""
        parts = [self.committee.slug] if self.committee else []
        if self.year is not None:
            parts.append(year_label(self.year, "-"))
        return "minutebook-" + ("-".join(parts) or "all")

    @property
    def title(self) -> str:
        whose = self.committee.display_name if self.committee else "Every committee"
        return f"{whose}, {year_label(self.year)}" if self.year is not None else whose

    @property
    def label(self) -> str:
        """As a row of the Open data page's tables names it."""
        if self.year is not None:
            return year_label(self.year)
        return "Every year" if self.committee else "Every committee, every year"

    def url(self, format: str) -> str:
        committee, year = self.committee, self.year
        if committee and year is not None:
            return reverse("download_committee_year", args=[committee.slug, year, f"{(year + 1) % 100:02d}", format])
        if committee:
            return reverse("download_committee", args=[committee.slug, format])
        if year is not None:
            return reverse("download_year", args=[year, f"{(year + 1) % 100:02d}", format])
        return reverse("download_all", args=[format])

    def meetings(self) -> QuerySet:
        meetings = Meeting.objects.all()
        if self.committee is not None:
            meetings = meetings.filter(committee=self.committee)
        if self.year is not None:
            meetings = meetings.filter(municipal_year=self.year)
        return meetings

    def of_items(self, path: str = "") -> Q:
        """The scope as a filter on records reached from an item by `path` ("item__" for a resolution)."""
        scope = Q()
        if self.committee is not None:
            scope &= Q(**{f"{path}meeting__committee": self.committee})
        if self.year is not None:
            scope &= Q(**{f"{path}meeting__municipal_year": self.year})
        return scope


def year_label(year: int, separator: str = "/") -> str:
    return f"{year}{separator}{(year + 1) % 100:02d}"


# -- the views -------------------------------------------------------------------------------


@cached_page
def open_data(request: HttpRequest) -> HttpResponse:
    """What can be downloaded and followed, the API, the licence, and what each column means."""
    years_of: dict[int, list[int]] = {}
    pairs = Meeting.objects.order_by("committee", "-municipal_year").values_list("committee", "municipal_year")
    for committee_id, year in pairs.distinct():
        years_of.setdefault(committee_id, []).append(year)
    committees = Committee.objects.filter(pk__in=years_of).order_by("name")
    by_year = Meeting.objects.order_by("-municipal_year").values("municipal_year").annotate(n=Count("id"))
    context = {
        "everything": _downloads(Scope()),
        "years": [(_downloads(Scope(year=row["municipal_year"])), row["n"]) for row in by_year],
        "committees": [
            (committee, _downloads(Scope(committee)), [_downloads(Scope(committee, y)) for y in years_of[committee.pk]])
            for committee in committees
        ],
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "rate_limit": rate_in_words(settings.API_RATE_LIMIT),
        "columns": COLUMN_MEANINGS,
    }
    return render(request, "meetings/open_data.html", context)


PERIODS = {"s": "second", "sec": "second", "m": "minute", "min": "minute", "h": "hour", "hour": "hour", "d": "day"}


def rate_in_words(rate: str) -> str:
    """ "120/min" -> "120 requests a minute" (django-ninja's way of writing a rate)."""
    count, _, period = rate.partition("/")
    return f"{count} requests a {PERIODS.get(period, period)}"


def _downloads(scope: Scope) -> dict:
    """A scope's name and label, and its downloads' addresses by format."""
    return {"name": scope.name, "label": scope.label, "csv": scope.url("csv.zip"), "json": scope.url("json")}


@conditional
def download_all(request: HttpRequest, format: str) -> HttpResponse:
    return _download(request, Scope(), format)


@conditional
def download_committee(request: HttpRequest, slug: str, format: str) -> HttpResponse:
    return _download(request, Scope(committee=get_object_or_404(Committee, slug=slug)), format)


@conditional
def download_committee_year(request: HttpRequest, slug: str, year: str, next_year: str, format: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    return _download(request, Scope(committee=committee, year=_year(year, next_year)), format)


@conditional
def download_year(request: HttpRequest, year: str, next_year: str, format: str) -> HttpResponse:
    return _download(request, Scope(year=_year(year, next_year)), format)


def _year(year: str, next_year: str) -> int:
    if (int(year) + 1) % 100 != int(next_year):
        raise Http404("Not a municipal year.")
    return int(year)


def _download(request: HttpRequest, scope: Scope, format: str) -> HttpResponse:
    if format not in FORMATS:
        raise Http404("Downloads are .csv.zip or .json.")
    if not scope.meetings().exists():
        raise Http404("No meetings published here in that scope.")
    site = request.build_absolute_uri("/").rstrip("/")
    chunks = csv_zip(scope, site) if format == "csv.zip" else json_document(scope, site)
    response = StreamingHttpResponse(chunks, content_type=FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{scope.name}.{format}"'
    return response


# -- CSV -------------------------------------------------------------------------------------


def _minute(item_minute_number, year) -> str:
    return "" if item_minute_number is None else f"{item_minute_number}/{year % 100:02d}"


def _meeting_rows(scope: Scope, site: str) -> Iterator[list]:
    meetings = scope.meetings().select_related("committee").order_by("date", "start_time", "id")
    for meeting in meetings.iterator(chunk_size=BATCH):
        committee, start = meeting.committee, meeting.start_time
        yield [
            meeting.pk, committee.slug, committee.display_name, meeting.date, start.strftime("%H:%M") if start else "",
            meeting.day_number, meeting.kind, meeting.municipal_year, meeting.venue, meeting.contact_name,
            meeting.contact_phone, meeting.contact_email, site + meeting.get_absolute_url(), meeting.source_url,
        ]  # fmt: skip


def _item_rows(scope: Scope, site: str) -> Iterator[list]:
    items = Item.objects.filter(scope.of_items()).select_related("committee", "meeting")
    items = items.order_by("date", "meeting", "order")
    for item in items.iterator(chunk_size=BATCH):
        yield [
            item.pk, item.meeting_id, item.committee.slug, item.date, item.minute, item.number, item.order,
            item.title, item.introduction, item.minutes_text, item.truncated, site + item.get_absolute_url(),
        ]  # fmt: skip


def _document_rows(scope: Scope, site: str) -> Iterator[list]:
    documents = Document.objects.filter(scope.of_items("item__")).order_by("item__date", "item", "id")
    for document in documents.values_list("item_id", "title", "format", "size_kb", "additional", "url").iterator(BATCH):
        yield ["" if value is None else value for value in document]


def _resolution_rows(scope: Scope, site: str) -> Iterator[list]:
    resolutions = Resolution.objects.filter(scope.of_items("item__")).order_by("item__date", "item", "order")
    fields = ("item_id", "item__minute_number", "item__municipal_year", "order", "label", "text")
    for item_id, number, year, order, label, text in resolutions.values_list(*fields).iterator(BATCH):
        yield [item_id, _minute(number, year), order, label, text]


def _action_rows(scope: Scope, site: str) -> Iterator[list]:
    actions = Action.objects.for_listing().filter(scope.of_items("item__")).order_by("item__date", "item", "order")
    today = timezone.localdate()
    for action in actions.iterator(chunk_size=BATCH):
        out = shapes.listed_action(action, site, day=today)
        follow_up = action.follow_up
        yield [
            action.item_id, action.item.minute, action.order, action.kind, action.text, out["due_month"] or "",
            action.status, out["overdue"], follow_up.pk if follow_up else "", follow_up.label if follow_up else "",
            out["url"],
        ]  # fmt: skip


def _reference_rows(scope: Scope, site: str) -> Iterator[list]:
    references = (
        Reference.objects.filter(scope.of_items("from_item__"))
        .select_related("from_item")
        .order_by("from_item__date", "from_item", "order")
        .iterator(chunk_size=BATCH)
    )
    while batch := list(islice(references, BATCH)):
        targets = reference_targets(batch)
        for reference in batch:
            out = shapes.reference_out(reference, targets, site)
            yield [
                reference.from_item_id, reference.from_item.minute, reference.order, reference.text, reference.kind,
                reference.committee_slug, out["minute"] or "", reference.meeting_date or "", out["published"],
                out["url"] or "",
            ]  # fmt: skip


# One file per record type: its name, its columns, its rows. `item_id` and `meeting_id` join the
# files of one download; `url` is what stays the same from one download to the next.
TABLES: list[tuple[str, list[str], Callable[[Scope, str], Iterable[list]]]] = [
    ("meetings.csv", [
        "meeting_id", "committee", "committee_name", "date", "start_time", "day_number", "kind", "municipal_year",
        "venue", "contact_name", "contact_phone", "contact_email", "url", "source_url",
    ], _meeting_rows),
    ("items.csv", [
        "item_id", "meeting_id", "committee", "date", "minute", "number", "order", "title", "introduction",
        "minutes_text", "truncated", "url",
    ], _item_rows),
    ("documents.csv", ["item_id", "title", "format", "size_kb", "additional", "url"], _document_rows),
    ("resolutions.csv", ["item_id", "minute", "order", "label", "text"], _resolution_rows),
    ("actions.csv", [
        "item_id", "minute", "order", "kind", "text", "due_month", "status", "overdue", "follow_up_item_id",
        "follow_up", "url",
    ], _action_rows),
    ("references.csv", [
        "item_id", "minute", "order", "text", "kind", "committee", "target_minute", "target_meeting_date",
        "published", "target_url",
    ], _reference_rows),
    *people.TABLES,
    *recommendations.TABLES,
]  # fmt: skip

COLUMN_MEANINGS = {
    "meeting_id, item_id": "Join the files of one download (an item's meeting, a resolution's item). They can "
    "change when minutes are imported again: the url is what stays the same.",
    "committee": "The committee's short name, as in its address (its slug).",
    "date": "The meeting's date (YYYY-MM-DD); start_time is HH:MM, local time, empty where the page gave none.",
    "municipal_year": "The year the minutes are numbered in: 2016 is 2016/17, from May 2016.",
    "minute": 'The minute number references use, "59/16"; empty where the page lost the item\'s number.',
    "number, order": 'The item number as printed ("3a"), and the item\'s place in its meeting from 1.',
    "truncated": "True where the council's page cut the minutes short.",
    "kind": "In actions.csv: information, report, work_programme or other. In references.csv: minute "
    "(a minute number) or meeting (a meeting's date).",
    "due_month": "The month a report or information is due (YYYY-MM), where the minutes say.",
    "status": "outstanding, followed_up (a later minute refers back), done or dropped (staff decided); "
    "overdue is true for an outstanding action past its due month, on the day of the download.",
    "published, target_url": "Whether what the reference names is published here, and its page.",
    **people.COLUMN_MEANINGS,
    **recommendations.COLUMN_MEANINGS,
}


class _Sink(io.RawIOBase):
    """Where the zip is written: kept until the next chunk is handed to the visitor."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def csv_zip(scope: Scope, site: str) -> Iterator[bytes]:
    """The zip, as it is made: a README, then each table, a few hundred rows at a time."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(scope, site))
        for name, columns, rows in TABLES:
            with archive.open(f"{scope.name}/{name}", "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="", write_through=True)
                writer = csv.writer(text)
                writer.writerow(columns)
                for count, row in enumerate(rows(scope, site), 1):
                    writer.writerow(row)
                    if count % BATCH == 0:
                        yield sink.take()
                text.detach()
            yield sink.take()
    yield sink.take()


def _readme(scope: Scope, site: str) -> str:
    meanings = "\n".join(f"- {name}: {meaning}" for name, meaning in COLUMN_MEANINGS.items())
    return (
        f"{scope.title}: committee minutes from {site}, as of {timezone.now():%Y-%m-%d %H:%M %Z}.\n\n"
        f"Licence: {settings.OPEN_DATA_LICENCE} ({settings.OPEN_DATA_LICENCE_URL}).\n"
        f"Every column is described at {site}{reverse('open_data')}.\n\n{meanings}\n"
    )


# -- JSON ------------------------------------------------------------------------------------


def json_document(scope: Scope, site: str) -> Iterator[bytes]:
    """{"title", "licence", ..., "meetings": [every meeting in the API's MeetingDetail shape],
    "people": [everyone those meetings name, in the API's PersonOut shape]}."""
    head = {
        "title": scope.title,
        "source": site,
        "generated_at": timezone.now(),
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
    }
    yield json.dumps(head, cls=DjangoJSONEncoder)[:-1].encode() + b', "meetings": ['
    ids = scope.meetings().order_by("date", "start_time", "id").values_list("id", flat=True).iterator(BATCH)
    first = True
    while batch := list(islice(ids, MEETING_BATCH)):
        meetings = Meeting.objects.filter(id__in=batch).select_related("committee").with_counts().with_attendance()
        items_of: dict[int, list[Item]] = {}
        items = Item.objects.filter(meeting__in=batch).order_by("meeting", "order").displayed()
        shapes.attach_targets(items)
        for item in items:
            items_of.setdefault(item.meeting_id, []).append(item)
        by_id = {meeting.pk: meeting for meeting in meetings}
        for meeting_id in batch:
            shaped = shapes.meeting_detail(by_id[meeting_id], items_of.get(meeting_id, []), site)
            yield ("" if first else ", ").encode() + json.dumps(shaped, cls=DjangoJSONEncoder).encode()
            first = False
        _let_go(items)
    yield b'], "people": ['
    for number, person in enumerate(people.people_in(scope).iterator(chunk_size=BATCH)):
        yield (", " if number else "").encode() + json.dumps(person_out(person, site)).encode()
    yield b"]}"


def _let_go(items: list[Item]) -> None:
    """Free a batch's records at once. Each record Django prefetched for an item points back to its
    item, and such cycles wait for Python's occasional full collection: left to it, a download of
    everything held ten times what one of a hundred items does."""
    lists = ["document_list", "resolution_list", "action_list", "reference_list"]
    lists += [records.to_attr for records in optional_records()]
    for item in items:
        for name in lists:
            setattr(item, name, [])
