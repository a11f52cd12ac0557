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
from pathlib import Path

from .assemble import assemble_meeting
from .header import Header, first_meeting_only, parse_header, says_draft
from .items import RawItem, Start, find_starts, split_agenda_from_minutes, walk_items
from .lines import BLANK, Line, classified_lines, match_number_line
from .records import ImportFailed, ParsedMeeting, ParsedWarning
from .resolutions import page_uses_resolved

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


# -- the whole document ------------------------------------------------------


# "Minutes of the meeting held ...", "MINUTE of SPECIAL MEETING of ...", "Decisions of the meeting of ..."
PRINTED_MINUTES_TITLE = re.compile(
    r"^(?:minutes?|decisions|record\s+of\s+decisions)\s+of\s+(?:the\s+|an?\s+)?(?:\w+\s+)?meeting\b", re.IGNORECASE
)
# "Strathmorven Council Minutes": a title ending in the word
MINUTES_AT_END = re.compile(r"\bminutes$", re.IGNORECASE)
# "RESOLVED", "It was agreed", "were approved": words that only minutes use
RECORDS_A_DECISION = re.compile(r"\b(?:resolved|agreed|approved|noted)\b", re.IGNORECASE)


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
    lines = classified_lines(text)
    if all(line.kind == BLANK for line in lines):
        raise ImportFailed(source, 1, "the file is empty")
    options = {"committee": committee, "date": date, "time": time, "year_start": year_start}
    return parse_lines(lines, source, text=text, **options)


def parse_lines(
    lines: list[Line],
    source: str,
    *,
    text: str | None = None,
    starts: list[Start] | None = None,
    printed: bool = False,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """A meeting from a document's classified lines: a text page's (`text` the page itself), or a
    printed document's.

    `starts` are where items begin where the document's structure says so (a PDF's bold
    headings); without them they are found from the text. A `printed` document (a PDF or
    Word file) is minutes through and through where it records decisions: no "Minutes:"
    labels were lost, and what follows an item's title is its minutes.
    """
    lines, second_meeting = first_meeting_only(lines)
    method = "structure"
    if not starts:
        starts, method = find_starts(lines)
    if not starts:
        first = next(line.number for line in lines if line.kind != BLANK)
        raise ImportFailed(source, first, 'no agenda items found: is this an "Agenda and minutes" page?')

    header = parse_header(lines[: starts[0].index])
    meeting_date = date or header.date
    committee_name = (committee or header.committee).strip()
    missing = [name for name, value in (("committee", committee_name), ("date", meeting_date)) if not value]
    if missing:
        raise ImportFailed(
            source,
            header.date_line or lines[starts[0].index].number,
            f"no meeting {' or '.join(missing)} found in the page header; "
            "give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]",
        )

    warnings: list[ParsedWarning] = []
    raw_items = walk_items(lines, starts)
    if method == "shape" and (lost := _number_lost_items(raw_items, header.item_number)):
        warnings.append(lost)
    if second_meeting is not None:
        warnings.append(ParsedWarning(second_meeting, "this page lists further meetings; only the first was imported"))
    text = text if text is not None else "\n".join(line.text for line in lines)
    # A document of minutes alone (titled "Minutes", or "Minutes of the meeting held ...", as printed
    # from a PDF) has no labels to lose.
    of_minutes = _titled_as_minutes(header, lines[: starts[0].index], text)
    if printed:
        expects_minutes = of_minutes or _records_decisions(header, text)
    else:
        expects_minutes = of_minutes or _expects_minutes(header.page_title, raw_items, text)
    labels_lost = not (of_minutes or printed)
    for raw in raw_items:
        if printed and expects_minutes and not raw.has_minutes_label:
            raw.minutes, raw.agenda = raw.agenda + raw.minutes, []
        elif expects_minutes and not raw.has_minutes_label:
            begins = split_agenda_from_minutes(raw)
            if begins is not None and labels_lost:
                warnings.append(
                    ParsedWarning(begins, f'{raw.name} has no "Minutes:" label; its minutes were taken to begin here')
                )

    return assemble_meeting(
        raw_items,
        source=source,
        committee=committee_name,
        date=meeting_date,
        time=time or header.time,
        venue=header.venue,
        contact=header.contact,
        kind=header.kind,
        warnings=warnings,
        page_says_resolved=page_uses_resolved(text),
        year_start=year_start,
        blank_ends_paragraph=printed,
        preamble=[(line.number, line.text) for line in lines[: starts[0].index]],
        draft=says_draft([line.text for line in lines[: starts[0].index]]),
    )


def _number_lost_items(raw_items: list[RawItem], header_number: str) -> ParsedWarning | None:
    """Items found by their shape have no number, unless the page printed one elsewhere.

    A number worked out from a neighbour's would be a guess: it could collide with a real
    minute of the same year, and a reference could then link to the wrong item. So only a
    number the page itself printed for the item ("view the full minutes text for item 71",
    an issue page's "(Item 54)") is kept; the others are known by their place in the meeting.
    """
    if header_number and len(raw_items) == 1 and not raw_items[0].surviving_number:
        # An issue page's one item, its number printed in the page's "(Item 54)": nothing was lost.
        printed = match_number_line(header_number)
        if printed:
            raw_items[0].number, raw_items[0].minute_number = header_number, int(printed["number"])
            return None
    kept = []
    for raw in raw_items:
        printed = match_number_line(raw.surviving_number) if raw.surviving_number else None
        if printed:
            raw.number = raw.surviving_number
            raw.minute_number = int(printed["number"])
            kept.append(raw.number)
    survived = f"; the page still printed the number of item {', '.join(kept)}" if kept else ""
    return ParsedWarning(
        raw_items[0].line,
        f"item numbers were missing: {len(raw_items)} item(s) were found from their shape and are shown "
        f"by their place in the meeting, not as minute numbers{survived}",
    )


def _titled_as_minutes(header: Header, header_lines: list[Line], text: str) -> bool:
    """A document of minutes alone: titled "Minutes", "Minutes of the meeting held ...", "MINUTE of
    SPECIAL MEETING ...", "Strathmorven Council Minutes"; or a page in no ModernGov shape (no page
    title) that records decisions ("RESOLVED", "agreed"): it has no "Minutes:" labels to lose."""
    if header.page_title == "minutes" or any(PRINTED_MINUTES_TITLE.match(line.text) for line in header_lines):
        return True
    if header.page_title:  # "Agenda and minutes", "Agenda": ModernGov's own page, whose labels may be lost
        return False
    return any(MINUTES_AT_END.search(line.text) for line in header_lines) or bool(RECORDS_A_DECISION.search(text))


def _records_decisions(header: Header, text: str) -> bool:
    """Whether a printed document not titled as minutes records decisions, rather than being an
    agenda: by its title ("Agenda"), else by its wording."""
    if header.page_title.startswith("agenda") and "minutes" not in header.page_title:
        return False
    return bool(RECORDS_A_DECISION.search(text))


def _expects_minutes(page_title: str, raw_items: list[RawItem], text: str) -> bool:
    """Whether the items carry minutes, so that text after the agenda text is minutes even where
    the "Minutes:" label was lost."""
    if any(raw.has_minutes_label for raw in raw_items):
        return True
    if page_title == "agenda item":
        # One item's page: minutes once the meeting has been held, which its wording shows.
        return bool(RECORDS_A_DECISION.search(text))
    # An issue's meetings and a decision's details print the minutes too, often without a label.
    return "minutes" in page_title or page_title in ("issue - meetings", "decision details")
