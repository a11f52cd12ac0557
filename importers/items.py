"""Finding the items of a page and the lines that belong to each.

Three ways to find where items start, tried in order:

1. a number on its own line ("79."), the title on the next (ModernGov pages);
2. a number and title on one line ("152 Overview and Scrutiny Board PDF 68 KB",
   "21 : APOLOGIES FOR ABSENCE", "219 DECLARATIONS OF INTEREST – There were none.");
3. no numbers at all (lost when the page was saved): each "Minutes:" label has a
   title above it, found from its shape (a document marker, or the last line
   before the label that reads as a heading). Items are then numbered in order.

Each item's lines are then walked by a small state machine: title, agenda text
("Report of ...", "Additional documents:"), then minutes after "Minutes:" or
"Decision:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import BULLET_LINE, NUMBERED_LINE, RESOLVED_START, SourceLine
from .dates import MONTHS, find_date
from .lines import (
    BLANK,
    DOCUMENT_MARKER,
    DOCUMENTS_LABEL,
    ITEM_NUMBER,
    MINUTES_LABEL,
    MINUTES_LABEL_LINE,
    NOISE,
    SECTION,
    TEXT,
    Line,
    match_number_line,
    printed_number,
    title_and_agenda,
)
from .records import ParsedDocument

# "152 Overview and Scrutiny Board", "21 : APOLOGIES FOR ABSENCE", "221 (28) SCRUTINY OVERVIEW – …",
# "Minute 42: Apologies", "Agenda Item 4 - Minute 112: Apologies", "77/21 Apologies", "3a To agree the minutes",
# "42 15/3735N Land at ..." (a planning application)
HEADING = re.compile(
    r"^(?:[Mm]inute\s+(?:[Nn]o\.?\s*)?(?=\d{1,4}\s*:)|(?i:agenda\s+item\s+(?:no\.?\s*|number\s+)?\d{1,3}[a-z]?"
    r"\s*[-–,]?\s*minute\s+(?:no\.?\s*|number\s+)?))?(?:(?P<prefix>[A-Z]{1,3})(?P<separator>\s+|/))?(?P<number>\d{1,4})(?P<part>[a-z](?=[\s.]))?(?:/(?P<year>\d{2}))?"
    r"(?P<punct>[.)]?)(?:\s*\((?P<agenda>\d{1,3})\))?\s*(?:[:–—-]\s*)?\s(?P<title>(?:[A-Z\"“‘']|\d{2,4}/\w).*)$"
)
# Numbers only some councils print, read only where nothing else found an item:
# "1Apologies" (the number run into the title), "06/05:03 GRANTS" (year/meeting:item)
RUN_IN_HEADING = re.compile(r"^(?P<number>\d{1,3})(?P<title>[A-Z][a-z].*)$")
LABELLED_HEADING = re.compile(r"^(?P<label>\d{2}/\d{2}:(?P<number>\d{1,3}))\s+(?P<title>[A-Z].*)$")
# "SCRUTINY OVERVIEW – The Board received ...": minute text after a dash on a capitals heading
DASH_SPLIT = re.compile(r"\s+[–—-]\s+")
# "... view the full minutes text for item 71." (also agenda and decision text; "item 3a")
TRUNCATION = re.compile(
    r"\s*(?:\.{3}|…)?\s*view\s+the\s+full\s+(?:minutes|agenda|decision)\s+text\s+for\s+item\s+(?P<item>[\w/().]+?)\.?\s*$",
    re.IGNORECASE,
)
# "Report of the Director of ...", "Briefing Note of the Scrutiny Co-ordinator", "Joint report by ..."
INTRODUCTION = re.compile(
    r"^(?:joint\s+)?(?:(?:verbal|oral|written)\s+)?(?:report|briefing\s+note|briefing|presentation|note|update|"
    r"letter|memorandum|statement)s?\s+(?:of|from|by)\s+\S",
    re.IGNORECASE,
)
# Agenda wording, as opposed to what the minutes record: "To agree the minutes ...", "Any other items ..."
AGENDA_WORDING = re.compile(
    r"^(?:\(?[a-z0-9]{1,2}[.)]\s+)?(?:to\s+(?:agree|approve|receive|consider|note|confirm|sign|elect|appoint|review|"
    r"scrutinise|discuss|determine|report|hear|welcome|adopt|endorse|comment|ask|answer|deal)\b"
    r"|any\s+other\s+(?:items?|business)\b|matters\s+arising|(?:verbal|oral)\s+(?:report|update)"
    r"|(?:report|minutes)\s+to\s+follow|this\s+report\s+\w+s\b"
    r"|(?:members|the\s+\w+(?:\s+\w+){0,3})\s+(?:is|are|will\s+be)\s+(?:asked|recommended|requested|invited)\s+to\b"
    r"|the\s+\w+(?:\s+\w+){0,3}\s+to\s+(?:receive|consider|note|approve|agree|discuss|review|scrutinise|comment|endorse)\b"
    r"|notes?\s*:|\(\d\)\s)",
    re.IGNORECASE,
)
# "To agree the minutes of ...", "a) To receive ...": agenda wording that never titles an item
AGENDA_INSTRUCTION = re.compile(r"^(?:\(?[a-z0-9]{1,2}[.)]\s+)?to\s+[a-z]+\b", re.IGNORECASE)
# "Chairman (Agenda item 2)", "Budget *", "APOLOGIES." -- printing around a title, not the title.
TITLE_TRIMMINGS = re.compile(r"(?:\s*\((?:agenda\s+)?item\s+\d+\w*\)|\s*\*+|(?<![A-Z.]\.[A-Z])\.)+$", re.IGNORECASE)
NOT_A_TITLE = re.compile(r"^(?:nil|none|n/a|noted|agreed|approved|thank\s+you)\.?$", re.IGNORECASE)
MONTH_START = re.compile(r"^(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
# "Venue: ...", "Contact: ...": labelled lines of a page's header
HEADER_LABEL = re.compile(r"^(?:venue|place|location|contact|contacts|date|time|committee)\s*:", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Start:
    """Where an item begins, and what its first line already told us."""

    index: int
    number: str  # as printed: "79", "3a", "C 63"; "" when numbers were lost
    minute_number: int | None
    part: str = ""
    year_label: str | None = None
    title: str = ""  # when the number line carries the title
    rest: str = ""  # minutes text after a dash on the same line
    skip: int = 1  # lines the start itself takes up


@dataclass(slots=True)
class RawItem:
    """An item's lines as found, before they are interpreted."""

    number: str
    minute_number: int | None
    line: int
    year_label: str | None = None
    title: str = ""
    agenda: list[SourceLine] = field(default_factory=list)
    decision: list[SourceLine] = field(default_factory=list)  # under "Decision:", the formal decision
    minutes: list[SourceLine] = field(default_factory=list)
    has_minutes_label: bool = False
    additional_documents: bool = False
    truncated: bool = False
    surviving_number: str = ""  # from "view the full minutes text for item 71"
    documents: list[ParsedDocument] = field(default_factory=list)
    # After "Additional documents:" or "Supporting documents:", lines with a "PDF 95 KB" marker
    # are documents, until a line without one.
    listing_documents: bool = False

    @property
    def name(self) -> str:
        """How a warning names the item: "item 79", or by its title where its number was lost."""
        return f"item {self.number}" if self.number else f'the item "{self.title}"'


def start_from(match: re.Match[str], index: int, **extra) -> Start:
    part = (match["part"] or "").lstrip(".")
    return Start(index, printed_number(match), int(match["number"]), part.lower(), match["year"], **extra)


def _key(start: Start) -> tuple[int, str]:
    return start.minute_number or 0, start.part


def _next_content(lines: list[Line]) -> list[int | None]:
    """For each line, the index of the next line that is neither blank nor noise."""
    result: list[int | None] = [None] * len(lines)
    following = None
    for index in range(len(lines) - 1, -1, -1):
        result[index] = following
        if lines[index].kind not in (BLANK, NOISE):
            following = index
    return result


def _numbered_starts(lines: list[Line], next_content: list[int | None]) -> list[Start]:
    """Numbers on their own line, each followed by a title, never going backwards."""
    starts: list[Start] = []
    for index, line in enumerate(lines):
        following = next_content[index]
        if line.kind != ITEM_NUMBER or following is None or lines[following].kind == ITEM_NUMBER:
            continue
        match = match_number_line(line.text)
        start = start_from(match, index)
        if not starts or _key(start) > _key(starts[-1]):
            starts.append(start)
    return starts


def _heading_starts(lines: list[Line], next_content: list[int | None]) -> list[Start]:
    """Number and title on one line, told apart from numbered list entries by their shape."""
    starts: list[Start] = []
    previous_content: Line | None = None
    for index, line in enumerate(lines):
        match = HEADING.match(line.text) if line.kind == TEXT else None
        after_heading = bool(starts) and previous_content is lines[starts[-1].index]
        expected = (starts[-1].minute_number or 0) + 1 if starts else None
        before = None if after_heading else previous_content
        if match and _is_heading(match, before, lines, next_content[index], expected):
            title, rest = match["title"], ""
            pieces = DASH_SPLIT.split(title, maxsplit=1)
            if len(pieces) == 2 and _is_capitals(pieces[0]) and not _is_capitals(pieces[1]):
                title, rest = pieces
            start = start_from(match, index, title=title, rest=rest)
            if not starts or _key(start) > _key(starts[-1]):
                starts.append(start)
        if line.kind not in (BLANK, NOISE):
            previous_content = line
    return starts


def _titled_starts(lines: list[Line], next_content: list[int | None]) -> list[Start]:
    """Where nothing else found an item (printed minutes saved as text, with no "Minutes:" labels,
    no document markers): "79. Declarations of Interests" -- a number and a line that reads as a
    title, with text of its own below it before the next, numbers going up. A numbered list's
    entries ("1. Apples" then "2. Pears") have no text between them, so never count."""
    starts: list[Start] = []
    for index, line in enumerate(lines):
        start = _titled_start(line, index) if line.kind == TEXT else None
        following = next_content[index]
        if start is None or following is None or not reads_as_title(start.title, numbered=True):
            continue
        if _titled_start(lines[following], following) or MONTH_START.match(start.title):
            continue
        if not starts or _key(start) > _key(starts[-1]):
            starts.append(start)
    return starts


def _titled_start(line: Line, index: int) -> Start | None:
    """ "79. Declarations of Interests", "Minute 42: Playground", "1Apologies", "06/05:03 GRANTS"."""
    match = HEADING.match(line.text)
    if match:
        return start_from(match, index, title=match["title"])
    match = LABELLED_HEADING.match(line.text) or RUN_IN_HEADING.match(line.text)
    if match:
        printed = match.groupdict().get("label") or match["number"]
        return Start(index, printed, int(match["number"]), title=match["title"])
    return None


def _is_heading(
    match: re.Match[str], previous: Line | None, lines: list[Line], following: int | None, expected: int | None = None
) -> bool:
    title = match["title"]
    if MONTH_START.match(title) or len(title) > 200:
        return False  # "14 April 2016": a date, not item 14
    # The next number of the page's sequence, printed as its headings are ("221 (28) SCRUTINY
    # OVERVIEW – ..."), is the next item even straight after a list.
    if (
        expected is not None
        and int(match["number"]) == expected
        and (match["agenda"] or _is_capitals(DASH_SPLIT.split(title, maxsplit=1)[0]))
    ):
        return True
    next_line = lines[following] if following is not None else None
    introduces_item = next_line is not None and (
        next_line.kind in (MINUTES_LABEL, DOCUMENTS_LABEL) or bool(INTRODUCTION.match(next_line.text))
    )
    # A document marker or a "Minutes:" label below marks an item even straight after a list
    # (the conditions of the previous planning application, say).
    marked = bool(DOCUMENT_MARKER.search(title)) or introduces_item
    if previous is not None and (previous.text.endswith(":") or _continues_list(previous.text, match)):
        return marked
    return marked or not match["punct"] or _is_capitals(DASH_SPLIT.split(title, maxsplit=1)[0])


def _continues_list(previous: str, match: re.Match[str]) -> bool:
    """Whether a numbered line follows a list entry rather than starting an item.

    A paragraph number of an earlier item ("1.4 RESOLVED: That ...") is no list that
    "2 Minutes" could continue.
    """
    entry = NUMBERED_LINE.match(previous)
    if entry is None:
        return False
    if entry["dlabel"]:
        return int(entry["dlabel"].split(".")[0]) >= int(match["number"])
    return True


def _is_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 3 and all(char.isupper() for char in letters)


def _shape_starts(lines: list[Line]) -> list[Start]:
    """Items whose numbers were lost: a title above each "Minutes:" label.

    Between one label and the next lie the previous item's minutes, then the next
    item's title and agenda text. The title is the first line there with a
    document marker, or else the last line that reads as a heading. Where the labels
    were lost too, each title with a document marker starts an item, and an "Agenda
    item" page's first line is its one item's title.
    """
    starts: list[Start] = []
    region_start = 0
    for index, line in enumerate(lines):
        if line.kind != MINUTES_LABEL:
            continue
        title_index = _title_in(lines, region_start, index)
        if title_index is not None:
            starts.append(Start(title_index, "", None, skip=0))
        region_start = index + 1
    if not starts and _after_agenda_item_heading(lines, 0, len(lines)) is None:
        body = _body_start(lines)
        marked = [index for index in _titles(lines, body, len(lines)) if _has_marker(lines[index])]
        starts = [Start(index, "", None, skip=0) for index in sorted({*marked, *_bare_titles(lines, body)})]
    if not starts:
        first = _after_agenda_item_heading(lines, 0, len(lines))
        starts = [Start(first, "", None, skip=0)] if first is not None else []
    return starts


def _body_start(lines: list[Line]) -> int:
    """Where the items begin on a page that lost their numbers: after "Items" / "No. Item", else
    after the line with the meeting's date and the labelled lines ("Venue:") below it."""
    for index, line in enumerate(lines):
        if line.kind == NOISE and line.text.lower().replace("|", "").replace(".", "").split() in (
            ["items"],
            ["no", "item"],
        ):
            return index + 1
    dated = next((index for index, line in enumerate(lines) if line.kind == TEXT and find_date(line.text)), None)
    if dated is None:
        return 0
    index = dated + 1
    while index < len(lines) and (lines[index].kind in (BLANK, NOISE) or HEADER_LABEL.match(lines[index].text)):
        index += 1
    return index


def _bare_titles(lines: list[Line], start: int) -> list[int]:
    """Where numbers and "Minutes:" labels were both lost: each title line followed by its own
    minutes or resolution ("Appointment of Chair", then "RESOLVED that ...")."""
    following = _next_content(lines)
    found = []
    previous: Line | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind in (BLANK, NOISE):
            continue
        after = following[index]
        if (
            line.kind == TEXT
            and after is not None
            and reads_as_title(line.text)
            and _opens_an_item(lines[after])
            and not (previous is not None and previous.text.endswith(":"))  # a list's heading, not an item's
        ):
            found.append(index)
        previous = line
    return found


def reads_as_title(text: str, *, numbered: bool = False) -> bool:
    """ "Declarations of Interest", "Council Tax Support Scheme 2025/26 PDF 320 KB": short, capitalised,
    not a sentence, not a list entry or agenda wording. A title with its item number printed before
    it may be in sentence case ("Minutes of the previous meeting") and end in a full stop."""
    text = DOCUMENT_MARKER.sub("", text).strip()
    words = text.split()
    ending = r"[,;:!?]$" if numbered else r"[.,;:!?]$"
    if not text or len(text) > 120 or len(words) > 14 or not text[0].isupper() or re.search(ending, text):
        return False
    if any(pattern.match(text) for pattern in (NUMBERED_LINE, BULLET_LINE, INTRODUCTION, AGENDA_INSTRUCTION,
                                               NOT_A_TITLE, RESOLVED_START)):  # fmt: skip
        return False
    if numbered:
        return not text.endswith(".") or len(words) <= 8
    long_words = [word for word in words if len(word) > 3 and word[0].isalpha()]
    capitalised = [word for word in long_words if word[0].isupper()]
    return len(words) <= 4 or 2 * len(capitalised) >= len(long_words)


def _opens_an_item(line: Line) -> bool:
    """What follows an item's title: its minutes ("There were none.", "RESOLVED that ..."), its
    report's author, or agenda wording -- not another title."""
    if line.kind != TEXT or reads_as_title(line.text):
        return False
    text = line.text
    sentence = text.endswith((".", ":")) and len(text.split()) >= 4
    return sentence or bool(RESOLVED_START.match(text) or INTRODUCTION.match(text) or AGENDA_WORDING.match(text))


def _has_marker(line: Line) -> bool:
    return bool(DOCUMENT_MARKER.search(line.text))


def _after_agenda_item_heading(lines: list[Line], start: int, end: int) -> int | None:
    """The first line of text after an "Agenda item" page's heading: the one item's title."""
    for index in range(start, end):
        if lines[index].text.lower() == "agenda item":
            return next((later for later in range(index + 1, end) if lines[later].kind == TEXT), None)
    return None


def _title_in(lines: list[Line], start: int, end: int) -> int | None:
    agenda_item_title = _after_agenda_item_heading(lines, start, end)
    if agenda_item_title is not None:
        return agenda_item_title
    candidates = _titles(lines, start, end)
    marked = [index for index in candidates if _has_marker(lines[index])]
    if marked:
        return marked[0]
    headings = [
        index
        for index in candidates
        if len(lines[index].text) <= 150
        and not re.search(r"[.;,:]$", lines[index].text)
        and not AGENDA_INSTRUCTION.match(lines[index].text)
        and lines[index].text[:1].isupper()
    ]
    return headings[-1] if headings else None


def _titles(lines: list[Line], start: int, end: int) -> list[int]:
    """Lines between start and end that could be an item's title."""
    return [
        index
        for index in range(start, end)
        if lines[index].kind == TEXT
        and not NUMBERED_LINE.match(lines[index].text)
        and not BULLET_LINE.match(lines[index].text)
        and not INTRODUCTION.match(lines[index].text)
        and not NOT_A_TITLE.match(lines[index].text)
    ]


def find_starts(lines: list[Line]) -> tuple[list[Start], str]:
    """Where each item starts, and how they were found: "numbered", "headings" or "shape"."""
    next_content = _next_content(lines)
    numbered = _numbered_starts(lines, next_content)
    if numbered:
        return numbered, "numbered"
    headings = _heading_starts(lines, next_content)
    if headings:
        return headings, "headings"
    shape = _shape_starts(lines)
    if shape and any(line.kind == MINUTES_LABEL for line in lines):
        return shape, "shape"
    # Printed minutes saved as text: numbered titles ("21. Apologies") are read before a guess at
    # lost numbers from a page's shape without "Minutes:" labels, where they find more items.
    titled = _titled_starts(lines, next_content)
    if shape and len(titled) <= len(shape):
        return shape, "shape"
    return titled, "headings"


def walk_items(lines: list[Line], starts: list[Start]) -> list[RawItem]:
    """Each item's lines, from its start to the next item's."""
    items: list[RawItem] = []
    ends = [start.index for start in starts[1:]] + [len(lines)]
    for start, end in zip(starts, ends, strict=True):
        item = RawItem(start.number, start.minute_number, lines[start.index].number, start.year_label)
        items.append(item)
        if start.title:
            item.title = clean_title(start.title, item)
        if start.rest:
            item.minutes.append(SourceLine(lines[start.index].number, start.rest, False))
            item.has_minutes_label = True
        section = item.minutes if item.has_minutes_label else item.agenda
        for line in lines[start.index + start.skip : end]:
            section = take_line(item, line, section)
    return items_with_sub_items_merged(items)


def take_line(item: RawItem, line: Line, section: list[SourceLine]) -> list[SourceLine]:
    """Put one line where it belongs in `item`; return the section that the next line goes to."""
    if line.kind == NOISE or (line.kind == SECTION and item.title):
        return section  # "Public Business", "Part II": dividers between items, unless an item's own title
    source = line.source
    # (The pattern is long; a line without the words "for item" cannot match it.)
    truncation = TRUNCATION.search(source.text) if "for item" in source.text.lower() else None
    if truncation:
        item.truncated = True
        item.surviving_number = item.surviving_number or truncation["item"]
        source = SourceLine(source.number, source.text[: truncation.start()], source.indented)
    if not item.title:
        if line.kind == BLANK or not source.text:
            return section
        if line.kind != MINUTES_LABEL:
            title, agenda_text = title_and_agenda(source.text)
            item.title = clean_title(title, item)
            if agenda_text:
                item.agenda.append(SourceLine(source.number, agenda_text, False))
            return section
    if item.listing_documents and line.kind != BLANK:
        item.listing_documents = bool(DOCUMENT_MARKER.search(source.text))
        if item.listing_documents:
            _strip_documents(source.text, item, additional=item.additional_documents)
            return section
    if line.kind == DOCUMENTS_LABEL:
        item.additional_documents = True
        item.listing_documents = True
    elif line.kind == MINUTES_LABEL:
        item.has_minutes_label = True
        label = MINUTES_LABEL_LINE.match(source.text)
        section = item.decision if label["label"].lower().startswith("decision") else item.minutes
        if label["rest"].strip():
            section.append(SourceLine(source.number, label["rest"].strip(), False))
    elif section is item.agenda:
        text = _strip_documents(source.text, item, additional=item.additional_documents)
        item.agenda.append(SourceLine(source.number, text, source.indented))
    else:
        section.append(source)
    return section


def clean_title(text: str, item: RawItem) -> str:
    return TITLE_TRIMMINGS.sub("", _strip_documents(text, item, additional=False)).strip()


def _strip_documents(text: str, item: RawItem, *, additional: bool) -> str:
    """Remove document markers from a line, recording each as a document of the item."""
    markers = list(DOCUMENT_MARKER.finditer(text))
    if not markers:
        return text
    cleaned = DOCUMENT_MARKER.sub("", text).strip()
    for marker in markers:
        size = float(marker["size"])
        unit = marker["unit"].upper()
        if unit == "MB":
            size_kb = round(size * 1024)
        elif unit == "BYTES":
            size_kb = max(1, round(size / 1024))
        else:
            size_kb = round(size)
        entry = NUMBERED_LINE.match(cleaned) or BULLET_LINE.match(cleaned)
        title = TITLE_TRIMMINGS.sub("", entry["text"] if entry else cleaned).strip() or item.title
        item.documents.append(ParsedDocument(title, marker["format"].upper(), size_kb, additional))
    return cleaned


def items_with_sub_items_merged(items: list[RawItem]) -> list[RawItem]:
    """Sub-items ("3a", "3b") belong to their parent item: one minute, one record.

    A sub-item joins the item before it when both carry the same minute number;
    its title becomes a line of the parent's text.
    """
    merged: list[RawItem] = []
    for item in items:
        parent = merged[-1] if merged else None
        if parent is None or item.minute_number is None or item.minute_number != parent.minute_number:
            merged.append(item)
            continue
        heading = SourceLine(item.line, f"{item.number} {item.title}".strip(), False)
        if item.has_minutes_label:
            parent.decision += item.decision
            parent.minutes += [heading, SourceLine(item.line, "", False), *item.agenda, *item.minutes]
            parent.has_minutes_label = True
        else:
            parent.agenda += [heading, *item.agenda]
        parent.documents += item.documents
        parent.additional_documents |= item.additional_documents
        parent.truncated |= item.truncated
    return merged


def split_agenda_from_minutes(item: RawItem) -> int | None:
    """Where the minutes begin in an item whose "Minutes:" label was lost.

    Agenda text comes first ("To agree ...", "Report of ...", lists under them); the
    first line that is none of those begins the minutes. Returns the source line
    where the minutes were taken to begin, or None if everything reads as agenda.
    """
    for position, line in enumerate(item.agenda):
        if not line.text:
            continue
        is_entry = bool(NUMBERED_LINE.match(line.text) or BULLET_LINE.match(line.text))
        previous_lines = [other.text for other in item.agenda[:position] if other.text]
        follows_agenda = is_entry and bool(previous_lines)
        if AGENDA_WORDING.match(line.text) or INTRODUCTION.match(line.text) or follows_agenda:
            continue
        item.minutes = item.agenda[position:] + item.minutes
        item.agenda = item.agenda[:position]
        return line.number
    return None
