"""The plain-text "Agenda and minutes" parser.

A page saved as text is read in three steps:

1. every line is normalised and classified (blank, noise, item number, a label
   such as "Minutes:", or plain text);
2. the lines before the first item are the header (committee, date, venue,
   contact); a small state machine walks the rest, item by item, from the
   number to its title, agenda text and minutes;
3. each item's text becomes blocks (paragraphs and list entries), from which
   resolutions, actions and references are read.

`parse_minutes` is a pure function from text to a ParsedMeeting; it never
touches a database.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .actions import actions_for
from .blocks import Block, SourceLine, blocks_text, build_blocks
from .dates import find_time, full_year, iter_dates, municipal_year
from .records import (
    Contact,
    ImportFailed,
    ParsedAction,
    ParsedDocument,
    ParsedItem,
    ParsedMeeting,
    ParsedResolution,
    ParsedWarning,
)
from .references import find_references, unique_references
from .resolutions import find_resolutions

# Line kinds.
BLANK = "blank"
NOISE = "noise"
ITEM_NUMBER = "item number"
MINUTES_LABEL = "minutes label"
DOCUMENTS_LABEL = "documents label"
TEXT = "text"

# "79.", "3a", "12A", "17(6)", "3.a", "77/21", "C 63/07"
ITEM_NUMBER_LINE = re.compile(
    r"^(?:(?P<prefix>[A-Z]{1,3})\s+)?(?P<number>\d{1,4})(?P<part>[A-Za-z]|\.[a-z]|\(\d{1,2}\))?"
    r"(?:/(?P<year>\d{2}))?\.?$"
)
# "Minutes:", "Minutes:No apologies", "Decision:", "Minutes :"
MINUTES_LABEL_LINE = re.compile(r"^(?P<label>Minutes|Decisions?)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
# "Additional documents:", "Supporting documents:"
DOCUMENTS_LABEL_LINE = re.compile(r"^(?P<which>Additional|Supporting|Background)\s+documents?\s*:?\s*$", re.IGNORECASE)
# Site furniture that a saved page keeps around the minutes.
NOISE_LINES = {
    "items",
    "no. item",
    "no item",
    "item",
    "media",
    "view directions",
    "skip to content",
    "skip to main content",
    "toggle mobile menu visibility",
    "share this item",
    "local democracy",
    "print this page",
    "printable version",
    "back to top",
}
NOISE_PREFIX = re.compile(
    r"^(?:link:\s*watch live webcast|webcast:|this is a default template|technical error|you are here:|breadcrumb)",
    re.IGNORECASE,
)
# "pdf icon PDF 70 KB", "PDF 68 KB", "PDF 1 MB", "doc icon DOC 35 KB"
DOCUMENT_MARKER = re.compile(
    r"\s*(?:\b(?:pdf|docx?|xlsx?|pptx?|rtf|html?)\s+icon\s+)?"
    r"\b(?P<format>PDF|DOCX?|XLSX?|PPTX?|RTF|HTML?|ZIP|CSV|ODT)\s+(?P<size>\d+(?:\.\d+)?)\s*(?P<unit>KB|MB|bytes)\b"
)
# "... view the full minutes text for item 71." (also agenda and decision text; "item 3a")
TRUNCATION = re.compile(
    r"\s*(?:\.{3}|…)?\s*view\s+the\s+full\s+(?:minutes|agenda|decision)\s+text\s+for\s+item\s+\S+?\.?\s*$",
    re.IGNORECASE,
)
# The page title above the header: "Agenda and minutes", "Agenda, decisions and minutes", "Agenda"
PAGE_TITLE = re.compile(
    r"^agenda(?:[, ]+(?:and\s+)?(?:draft\s+)?(?:decisions|minutes))*$|^agenda\s+item$", re.IGNORECASE
)
# "Venue: Committee Room 3 - Council House. View directions", "Date: Monday 24 January 2011"
LABELLED = re.compile(
    r"^(?P<label>venue|place|location|contact|contacts|date|time|committee|meeting)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
VIEW_DIRECTIONS = re.compile(r"[\s.]*view\s+directions\.?\s*$", re.IGNORECASE)
# "Moved from 9th May 2019, Planning Committee - ..." (the meeting is the later date)
MOVED_FROM = re.compile(r"^(?:moved|rescheduled|postponed|changed)\s+from\b.*?\d{4},?\s*", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"\b(?:tel(?:ephone)?|phone)\b\.?\s*(?:no\.?)?\s*[:.]?\s*(?P<phone>\+?[\d(][\d ()+/-]{5,}\d)",
    re.IGNORECASE,
)
CONTACT_NAME_END = re.compile(r"\s*[-,]?\s*\b(?:tel(?:ephone)?|phone|e-?mail)\b", re.IGNORECASE)
# "Report of the Director of ...", "Briefing Note of the Scrutiny Co-ordinator", "Joint report by ..."
INTRODUCTION = re.compile(
    r"^(?:joint\s+)?(?:(?:verbal|oral|written)\s+)?(?:report|briefing\s+note|briefing|presentation|note|update|"
    r"letter|memorandum|statement)s?\s+(?:of|from|by)\s+\S",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“\"'])")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


@dataclass(frozen=True, slots=True)
class Line:
    source: SourceLine
    kind: str

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def number(self) -> int:
        return self.source.number


# -- reading bytes -----------------------------------------------------------


def decode_document(data: bytes, path: str) -> str:
    """The text of a document: UTF-8 (with or without BOM), else Windows-1252."""
    if not data.strip():
        raise ImportFailed(path, 1, "the file is empty")
    if b"\x00" in data[:4096]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFailed(path, line, "this is a binary file, not a text minutes document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailed(
            path, line, f"undecodable byte 0x{data[error.start]:02x}: not UTF-8 or Windows-1252"
        ) from None


def read_document(path: str | Path) -> str:
    """The decoded text of the file at `path`."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImportFailed(str(path), 0, error.strerror or str(error)) from None
    return decode_document(data, str(path))


# -- lines -------------------------------------------------------------------


def source_lines(text: str) -> list[SourceLine]:
    """The document's lines, numbered from 1, with white space and invisible characters tidied."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = INVISIBLE.sub("", raw)
        indented = bool(raw) and raw[0] in " \t\u00a0"
        lines.append(SourceLine(number, SPACES.sub(" ", raw).strip(), indented))
    return lines


def classify(line: SourceLine) -> Line:
    text = line.text
    if not text:
        kind = BLANK
    elif text.lower() in NOISE_LINES or NOISE_PREFIX.match(text):
        kind = NOISE
    elif ITEM_NUMBER_LINE.match(text):
        kind = ITEM_NUMBER
    elif MINUTES_LABEL_LINE.match(text):
        kind = MINUTES_LABEL
    elif DOCUMENTS_LABEL_LINE.match(text):
        kind = DOCUMENTS_LABEL
    else:
        kind = TEXT
    return Line(line, kind)


# -- the header --------------------------------------------------------------


@dataclass(slots=True)
class Header:
    committee: str = ""
    date: datetime.date | None = None
    time: datetime.time | None = None
    venue: str = ""
    contact: Contact = field(default_factory=Contact)
    date_line: int = 0


def parse_header(lines: list[Line]) -> Header:
    header = Header()
    candidate_committee = ""
    for line in lines:
        if line.kind in (BLANK, NOISE) or PAGE_TITLE.match(line.text):
            continue
        labelled = LABELLED.match(line.text)
        if labelled:
            _labelled_field(header, labelled["label"].lower(), labelled["value"].strip(), line.number)
            continue
        dates = list(iter_dates(line.text, numeric=True))
        if dates and header.date is None:
            match, header.date = dates[-1]
            header.date_line = line.number
            before = MOVED_FROM.sub("", line.text[: match.start()]).strip(" -–—,:|")
            header.committee = header.committee or before or candidate_committee
            header.time = header.time or find_time(line.text[match.end() :])
        elif header.date is None and not candidate_committee:
            candidate_committee = line.text
    if not header.committee and candidate_committee and header.date is not None:
        header.committee = candidate_committee
    return header


def _labelled_field(header: Header, label: str, value: str, line: int) -> None:
    if label in ("venue", "place", "location"):
        header.venue = VIEW_DIRECTIONS.sub("", value).strip().rstrip(".").strip()
    elif label in ("contact", "contacts"):
        header.contact = parse_contact(value)
    elif label == "date":
        found = next(iter_dates(value, numeric=True), None)
        if found:
            header.date, header.date_line = found[1], line
            header.time = header.time or find_time(value[found[0].end() :])
    elif label == "time":
        header.time = find_time(value) or header.time
    elif label in ("committee", "meeting"):
        header.committee = value


def parse_contact(value: str) -> Contact:
    """ "Michelle Rose  Tel: 024 7683 3111 Email:  michelle.rose@coventry.gov.uk" """
    email = EMAIL.search(value)
    phone = PHONE.search(value)
    name_end = CONTACT_NAME_END.search(value)
    name = value[: name_end.start()] if name_end else value
    if email and email.start() < len(name):
        name = name[: email.start()]
    return Contact(
        name=name.strip(" -,:;"),
        phone=phone["phone"].strip() if phone else "",
        email=email.group(0) if email else "",
    )


# -- items -------------------------------------------------------------------


@dataclass(slots=True)
class RawItem:
    """An item's lines as the state machine found them, before interpretation."""

    number: str
    line: int
    year_label: str | None
    title: str = ""
    title_line: int = 0
    agenda: list[SourceLine] = field(default_factory=list)
    minutes: list[SourceLine] = field(default_factory=list)
    has_minutes_label: bool = False
    additional_documents: bool = False
    truncated: bool = False
    documents: list[ParsedDocument] = field(default_factory=list)


def _item_key(match: re.Match[str]) -> tuple[int, str]:
    return int(match["number"]), (match["part"] or "").lower()


def _starts_item(line: Line, following: Line | None, previous: RawItem | None) -> re.Match[str] | None:
    """The item-number match if `line` starts a new item, else None.

    A number on its own line starts an item when a title follows it and it does
    not go backwards: a stray "1." in a minute's list is not item 1.
    """
    if line.kind != ITEM_NUMBER or following is None or following.kind == ITEM_NUMBER:
        return None
    match = ITEM_NUMBER_LINE.match(line.text)
    if previous is not None:
        previous_match = ITEM_NUMBER_LINE.match(previous.number)
        if previous_match is not None and _item_key(match) <= _item_key(previous_match):
            return None
    return match


def _next_content(lines: list[Line]) -> list[Line | None]:
    """For each line, the next line after it that is neither blank nor noise."""
    result: list[Line | None] = [None] * len(lines)
    following = None
    for index in range(len(lines) - 1, -1, -1):
        result[index] = following
        if lines[index].kind not in (BLANK, NOISE):
            following = lines[index]
    return result


def split_items(lines: list[Line]) -> tuple[list[Line], list[RawItem]]:
    """The header lines, and the items walked from the first item number on."""
    items: list[RawItem] = []
    header: list[Line] = []
    current: RawItem | None = None
    in_minutes = False
    next_content = _next_content(lines)
    for index, line in enumerate(lines):
        start = _starts_item(line, next_content[index], current)
        if start is not None:
            number = f"{start['prefix'] + ' ' if start['prefix'] else ''}{start['number']}{start['part'] or ''}"
            current = RawItem(number=number, line=line.number, year_label=start["year"])
            items.append(current)
            in_minutes = False
            continue
        if current is None:
            header.append(line)
            continue
        if line.kind == NOISE:
            continue
        source = line.source
        if TRUNCATION.search(source.text):
            current.truncated = True
            source = SourceLine(source.number, TRUNCATION.sub("", source.text), source.indented)
        if not current.title:
            if line.kind == BLANK:
                continue
            if line.kind != MINUTES_LABEL:
                current.title, current.title_line = _strip_documents(source.text, current, additional=False)
                continue
        if line.kind == DOCUMENTS_LABEL:
            current.additional_documents = True
        elif line.kind == MINUTES_LABEL:
            in_minutes = current.has_minutes_label = True
            rest = MINUTES_LABEL_LINE.match(source.text)["rest"].strip()
            if rest:
                current.minutes.append(SourceLine(source.number, rest, False))
        elif in_minutes:
            current.minutes.append(source)
        else:
            text, _ = _strip_documents(source.text, current, additional=current.additional_documents)
            current.agenda.append(SourceLine(source.number, text, source.indented))
    return header, items


def _strip_documents(text: str, item: RawItem, *, additional: bool) -> tuple[str, int]:
    """Remove document markers from a line, recording each as a document of the item."""
    markers = list(DOCUMENT_MARKER.finditer(text))
    if not markers:
        return text, len(item.documents)
    cleaned = DOCUMENT_MARKER.sub("", text).strip()
    for marker in markers:
        size = float(marker["size"])
        unit = marker["unit"].upper()
        size_kb = round(size * 1024) if unit == "MB" else max(1, round(size / 1024)) if unit == "BYTES" else round(size)
        item.documents.append(ParsedDocument(cleaned or item.title, marker["format"].upper(), size_kb, additional))
    return cleaned, len(item.documents)


# -- the whole document ------------------------------------------------------


def parse_minutes(
    text: str,
    source: str = "<text>",
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """Parse an "Agenda and minutes" page saved as text.

    `committee`, `date` and `time` override (or stand in for) the page header.
    Raises ImportFailed only when the text holds no meeting at all.
    """
    lines = [classify(line) for line in source_lines(text)]
    if all(line.kind == BLANK for line in lines):
        raise ImportFailed(source, 1, "the file is empty")
    header_lines, raw_items = split_items(lines)
    if not raw_items:
        first = next(line.number for line in lines if line.kind != BLANK)
        raise ImportFailed(source, first, 'no numbered agenda items found: is this an "Agenda and minutes" page?')

    header = parse_header(header_lines)
    meeting_date = date or header.date
    committee_name = (committee or header.committee).strip()
    missing = [name for name, value in (("committee", committee_name), ("date", meeting_date)) if not value]
    if missing:
        line = header.date_line or raw_items[0].line
        raise ImportFailed(
            source,
            line,
            f"no meeting {' or '.join(missing)} found in the page header; "
            "give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]",
        )

    warnings: list[ParsedWarning] = []
    year = municipal_year(meeting_date, year_start)
    own_numbers = frozenset(int(ITEM_NUMBER_LINE.match(raw.number)["number"]) for raw in raw_items)
    items = tuple(
        _build_item(raw, order, meeting_date, year, year_start, own_numbers, warnings)
        for order, raw in enumerate(raw_items, start=1)
    )
    return ParsedMeeting(
        source=source,
        committee=committee_name,
        date=meeting_date,
        time=time or header.time,
        venue=header.venue,
        contact=header.contact,
        items=items,
        warnings=tuple(warnings),
    )


def _build_item(
    raw: RawItem,
    order: int,
    meeting_date: datetime.date,
    year: int,
    year_start: tuple[int, int],
    own_numbers: frozenset[int],
    warnings: list[ParsedWarning],
) -> ParsedItem:
    number_match = ITEM_NUMBER_LINE.match(raw.number)
    if raw.year_label is not None and full_year(raw.year_label) != year:
        warnings.append(
            ParsedWarning(
                raw.line,
                f"item {raw.number}/{raw.year_label} is numbered for municipal year {full_year(raw.year_label)} "
                f"but the meeting date falls in {year}; the printed year is used",
            )
        )
        year = full_year(raw.year_label)
    if not raw.title:
        warnings.append(ParsedWarning(raw.line, f"item {raw.number} has no title"))

    introduction = ""
    agenda_lines = raw.agenda
    first_text = next((index for index, line in enumerate(agenda_lines) if line.text), None)
    if first_text is not None and INTRODUCTION.match(agenda_lines[first_text].text):
        introduction = agenda_lines[first_text].text
        agenda_lines = agenda_lines[:first_text] + agenda_lines[first_text + 1 :]

    agenda_blocks = build_blocks(agenda_lines)
    minutes_blocks = build_blocks(raw.minutes)
    clauses, used = find_resolutions(minutes_blocks)
    actions: list[ParsedAction] = []
    for index, clause in enumerate(clauses):
        entries = [entry.text for entry in clause.entries]
        for kind, text, due in actions_for(clause.lead, entries, meeting_date, in_resolution=True):
            actions.append(ParsedAction(kind, text, due, resolution=index))
    for lead, entries in _statements(minutes_blocks, used):
        for kind, text, due in actions_for(lead, entries, meeting_date, in_resolution=False):
            actions.append(ParsedAction(kind, text, due))

    agenda_text = blocks_text(agenda_blocks)
    minutes_text = blocks_text(minutes_blocks)
    found = []
    for text in (agenda_text, minutes_text):
        found += find_references(text, meeting_date, own_numbers=own_numbers, year_start=year_start)

    return ParsedItem(
        number=raw.number,
        minute_number=int(number_match["number"]),
        municipal_year=year,
        order=order,
        title=raw.title,
        introduction=introduction,
        documents=tuple(raw.documents),
        additional_documents=raw.additional_documents,
        agenda_text=agenda_text,
        minutes_text=minutes_text,
        truncated=raw.truncated,
        resolutions=tuple(ParsedResolution(clause.label, clause.text) for clause in clauses),
        actions=tuple(actions),
        references=unique_references(found),
        line=raw.line,
    )


def _statements(blocks: list[Block], used: set[int]) -> list[tuple[str, list[str]]]:
    """Each sentence of the minutes outside resolutions, with the list it introduces."""
    statements: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if index - 1 in used or block.is_entry:
            continue
        sentences = SENTENCE_END.split(block.text)
        entries: list[str] = []
        if block.text.endswith(":"):
            while index < len(blocks) and blocks[index].is_entry and index not in used:
                entries.append(blocks[index].text)
                index += 1
        statements.extend((sentence, []) for sentence in sentences[:-1])
        statements.append((sentences[-1], entries))
    return statements
