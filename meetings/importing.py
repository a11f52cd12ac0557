"""From a document's bytes to saved records: read it as text, HTML, PDF or Word (told apart by
content), with the committee's own year start, then load it and keep the document beside the meeting.

The import command, the upload page, the crawler, `reparse` and the tests all come through here.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from pathlib import Path

from importers.attendance import read_attendance_page, with_site_attendance
from importers.docx import is_docx, is_old_office_file, parse_docx
from importers.html import is_html, parse_html
from importers.of_record import with_printed_minutes
from importers.pdf import is_pdf, parse_pdf
from importers.records import ImportFailed, ParsedMeeting, ParsedWarning
from importers.text import decode_document, parse_minutes
from importers.webservice import is_service_answer
from importers.webservice import parse_meeting as parse_service_meeting

from .addresses import committee_at
from .loader import LoadResult, StoredDocument, save_meeting
from .models import DOCX_TYPE, PDF_TYPE, Committee, default_year_start

TEXT = "text/plain; charset=utf-8"
HTML = "text/html"
PDF = PDF_TYPE
DOCX = DOCX_TYPE
XML = "application/xml"  # an answer of ModernGov's web service


def content_type(data: bytes) -> str:
    """What a document is, by its content: a PDF, a Word document, a web service's answer, a saved
    web page or saved text."""
    if is_service_answer(data):
        return XML
    if is_pdf(data):
        return PDF
    if is_docx(data) or is_old_office_file(data):  # (an old .doc is refused by the Word reader, clearly)
        return DOCX
    return HTML if is_html(data) else TEXT


def parse_document(
    data: bytes,
    name: str,
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    item_pages: Mapping[str, bytes] | None = None,
    printed: tuple[str, bytes] | None = None,
    attendance_page: bytes | None = None,
    page_url: str = "",
    year_start: tuple[int, int] | None = None,
) -> ParsedMeeting:
    """Parse a document (text, HTML, PDF or Word), numbering minutes by the municipal year of its committee.

    Without `year_start`, a committee whose year does not begin on the site's default day is
    parsed again with its own start, so that "59/16" means what that committee means by it.
    `printed` is a meeting page's printed minutes (their address or name, and bytes): its items'
    minutes come from them (`importers.of_record`); where they cannot be read, the page is
    imported as it is, with a warning saying why. `page_url` is the meeting's page where the
    document came from one (a web service's answer, a CMIS meeting's minutes): the meeting is its.
    `attendance_page` is the site's attendance page for the meeting (`importers.attendance`): it
    completes, never overrules, the attendance the minutes record.
    """

    def parse(start: tuple[int, int]) -> ParsedMeeting:
        options = {"committee": committee, "date": date, "time": time, "year_start": start}
        meeting = parse_one(data, name, item_pages=item_pages, page_url=page_url, **options)
        if page_url:  # a document read from a meeting's page (CMIS, the web service) is that page's
            meeting = dataclasses.replace(meeting, source=page_url)
        if printed is None:
            return meeting
        printed_name, printed_data = printed
        known = {"committee": meeting.committee, "date": meeting.date, "time": meeting.time, "year_start": start}
        try:
            minutes = parse_one(printed_data, printed_name, **known)
        except ImportFailed as failure:
            reason = f"the printed minutes {printed_name} could not be read: {failure.reason}"
            return dataclasses.replace(meeting, warnings=(*meeting.warnings, ParsedWarning(0, reason)))
        return with_printed_minutes(meeting, minutes, printed_name)

    if year_start is not None:
        parsed = parse(year_start)
    else:
        parsed = parse(default_year_start())
        known = committee_at(Committee.slug_for(parsed.committee))
        if known is not None and known.year_start != default_year_start():
            parsed = parse(known.year_start)
    if attendance_page is not None:
        site = read_attendance_page(attendance_page, page_url or name)
        parsed = dataclasses.replace(parsed, attendance=with_site_attendance(parsed.attendance, site))
    return parsed


def parse_one(
    data: bytes, name: str, *, item_pages: Mapping[str, bytes] | None = None, page_url: str = "", **options
) -> ParsedMeeting:
    """One document, read by the importer its content calls for (`options`: committee, date, time, year_start)."""
    kind = content_type(data)
    if kind == XML:
        return parse_service_meeting(data, name, page_url=page_url, **options)
    if kind == PDF:
        return parse_pdf(data, name, **options)
    if kind == DOCX:
        return parse_docx(data, name, **options)
    if kind == HTML:
        return parse_html(data, name, item_pages=item_pages, **options)
    return parse_minutes(decode_document(data, name), name, **options)


def overrides_of(committee: str | None, date: datetime.date | None, time: datetime.time | None) -> dict:
    """What a person said the page did not, as kept with the document (for `reparse`)."""
    given = {
        "committee": committee,
        "date": date.isoformat() if date else None,
        "time": time.isoformat() if time else None,
    }
    return {key: value for key, value in given.items() if value}


def import_bytes(
    data: bytes,
    name: str,
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    track: bool = True,
) -> LoadResult:
    """Parse and save one document (ImportFailed if it holds no meeting), keeping it beside the meeting.

    With `track` off the committee's actions are not derived (see `loader.save_meeting`)."""
    parsed = parse_document(data, name, committee=committee, date=date, time=time)
    stored = StoredDocument(Path(name).name, content_type(data), data, overrides=overrides_of(committee, date, time))
    return save_meeting(parsed, documents=[stored], track=track)


def import_file(path: str | Path, **overrides) -> LoadResult:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFailed(str(path), 0, error.strerror or str(error)) from None
    return import_bytes(data, str(path), **overrides)


def import_document(text: str, source: str, **overrides) -> LoadResult:
    """Parse and save a document already decoded to text."""
    return import_bytes(text.encode("utf-8"), source, **overrides)
