"""A text document as numbered, tidied and classified lines.

Saving a web page as text leaves furniture (breadcrumbs, "Share this item"),
odd white space, and sometimes a whole items table flattened into rows of
"|"-separated cells. This module undoes that damage so the parsers see one
line per thing, each tagged with what it looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import SourceLine

# Line kinds.
BLANK = "blank"
NOISE = "noise"
ITEM_NUMBER = "item number"
MINUTES_LABEL = "minutes label"
DOCUMENTS_LABEL = "documents label"
SECTION = "section heading"
TEXT = "text"

# "79.", "3a", "12A", "17(6)", "3.a", "77/21", "C 63/07", "1772.", "P/142" (a committee's letter)
ITEM_NUMBER_LINE = re.compile(
    r"^(?:(?P<prefix>[A-Z]{1,3})(?P<separator>\s+|/))?(?P<number>\d{1,4})(?P<part>[A-Za-z]|\.[a-z]|\(\d{1,2}\))?"
    r"(?:/(?P<year>\d{2}))?\.?$"
)
# "Agenda Item Number 15, Minute Number 112/23": the minute number is the one references use.
AGENDA_AND_MINUTE_NUMBER = re.compile(
    r"^agenda\s+item\s+(?:number|no\.?)\s*\d+\w*\s*,?\s*minute\s+(?:number|no\.?)\s*"
    r"(?P<number>\d{1,4})(?P<part>)(?:/(?P<year>\d{2}))?\.?$",
    re.IGNORECASE,
)
# "Minutes:", "Minutes:No apologies", "Decision:", "Minutes :"
MINUTES_LABEL_LINE = re.compile(r"^(?P<label>Minutes|Decisions?)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
# "Additional documents:", "Supporting documents:"
DOCUMENTS_LABEL_LINE = re.compile(r"^(?:Additional|Supporting|Background)\s+documents?\s*:?\s*$", re.IGNORECASE)
# Labels that a flattened table row runs together: "... PDF 122 KB Additional documents: Minutes: The Board ..."
INLINE_LABEL = re.compile(r"\s(?=(?:Additional|Supporting)\s+documents:|Minutes:|Decision:)", re.IGNORECASE)
# The same labels run into a line of text, as printed: a table row saved without its "|" cells.
ROW_LABEL = re.compile(r"\S\s+(?:(?:Additional|Supporting)\s+documents|Minutes|Decision):(?:\s|$)")
# "pdf icon PDF 70 KB", "PDF 68 KB", "PDF 1 MB", "doc icon DOC 35 KB"
DOCUMENT_MARKER = re.compile(
    r"\s*(?:\b(?:pdf|docx?|xlsx?|pptx?|rtf|html?)\s+icon\s+)?"
    r"\b(?P<format>PDF|DOCX?|XLSX?|PPTX?|RTF|HTML?|ZIP|CSV|ODT)\s+(?P<size>\d+(?:\.\d+)?)\s*(?P<unit>KB|MB|bytes)\b"
)
# "APOLOGIES FOR ABSENCE To receive any apologies": a title in capitals run into its agenda text
CAPITALS_TITLE = re.compile(r"^(?P<title>(?:[A-Z][A-Z&'’,()/-]*\s+){2,}?)(?=[A-Z][a-z])")
TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")

# Site furniture that a saved page keeps around the minutes.
NOISE_LINES = {
    "items",
    "no. item",
    "no item",
    "no. | item",
    "item",
    "media",
    "view directions",
    "skip to content",
    "skip to main content",
    "toggle mobile menu visibility",
    "share this item",
    "share this page",
    "local democracy",
    "print this page",
    "printable version",
    "back to top",
    "technical error",
}
NOISE_PREFIX = re.compile(
    r"^(?:link:\s*watch\s+live\s+webcast|webcast:|this\s+is\s+a\s+default\s+template|you\s+are\s+here:|breadcrumb"
    r"|audio\s+recording\b|home\s*>\s*|note:\s*this\s+page)",
    re.IGNORECASE,
)
# Headings that divide an agenda but are not items: "Public Business", "Part II", "PRESENTATIONS".
SECTION_HEADING = re.compile(
    r"^(?:(?:public|private|confidential|exempt|open|closed)\s+business|part\s+(?:i{1,3}|[12]|one|two)"
    r"(?:\s*[-–:].*)?|presentations?|items?\s+for\s+(?:decision|information))\.?$",
    re.IGNORECASE,
)
# A page number printed by a PDF and kept in its text: "Page 3 of 8", "3 of 8", "- 3 -", "Page 3"
PAGE_OF = re.compile(r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])$", re.I)
# A rule of underscores above a page's foot ("These minutes are subject to confirmation ...")
RULE = re.compile(r"^_{5,}$")
# "2 …": an item whose linked title a CMIS page lost, its number left
LOST_TITLE = re.compile(r"^(?P<number>\d{1,4})\.?\s*(?:…|\.{3})$")
# What a copy of a PDF on a document-sharing site leaves of tags: "the ong>trade ong>."
TAG_DEBRIS = re.compile(r"\s?\b(?:</?str)?ong>")
# A time on its own line inside an agenda: the item's scheduled time. "10.10 a.m.", "2:30pm"
SCHEDULED_TIME = re.compile(r"^\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?$", re.IGNORECASE)

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


def tidy_line(raw: str) -> tuple[str, bool]:
    """A line with invisible characters gone and white space single: (text, whether it was indented).

    White space is any Unicode space: tabs, no-break and thin spaces become one space."""
    if not raw.isascii():  # (isascii costs nothing: Python knows it of every string)
        raw = INVISIBLE.sub("", raw)
    indented = bool(raw) and raw[0] in " \t\u00a0"
    if "ong>" in raw:
        raw = re.sub(r"\s+(?=[.,;:])", "", TAG_DEBRIS.sub(" ", raw).replace("  ", " "))
    return " ".join(raw.split()), indented


def source_lines(text: str) -> list[SourceLine]:
    """The document's lines, numbered from 1, with white space tidied and table rows unflattened."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        tidy, indented = tidy_line(raw)
        if "|" in tidy or ROW_LABEL.search(tidy):
            lines.extend(SourceLine(number, cell, False) for cell in _table_cells(tidy))
        else:
            lines.append(SourceLine(number, tidy, indented))
    return lines


def _table_cells(text: str) -> list[str]:
    """A flattened table row as lines: one a cell, with run-together labels split apart."""
    if TABLE_SEPARATOR.match(text):
        return []
    cells = [cell.strip() for cell in text.strip("|").split("|")]
    result = []
    for cell in cells:
        parts = [part.strip() for part in INLINE_LABEL.split(cell) if part.strip()]
        if len(parts) > 1:  # a whole item in one cell: its title comes first, then its agenda text
            parts[:1] = [part for part in title_and_agenda(parts[0], capitals=True) if part]
        result.extend(parts)
    return result or [""]


def title_and_agenda(text: str, *, capitals: bool = False) -> tuple[str, str]:
    """ "BUDGET PDF 215 KB Members are asked to ...": the title, then agenda text run into it.

    With `capitals`, also "APOLOGIES FOR ABSENCE To receive ...", a title known to be run
    into its agenda text (a table row). A few words after a marker are still the title.
    """
    marker = DOCUMENT_MARKER.search(text)
    if marker and len(text[marker.end() :].split()) >= 3:
        return text[: marker.end()].strip(), text[marker.end() :].strip()
    title = CAPITALS_TITLE.match(text) if capitals and not marker else None
    if title:
        return title["title"].strip(), text[title.end() :].strip()
    return text, ""


def classify(line: SourceLine) -> Line:
    text = line.text
    if not text:
        kind = BLANK
    elif text.lower() in NOISE_LINES or NOISE_PREFIX.match(text):
        kind = NOISE
    elif SECTION_HEADING.match(text):
        kind = SECTION
    elif match_number_line(text):
        kind = ITEM_NUMBER
    elif MINUTES_LABEL_LINE.match(text):
        kind = MINUTES_LABEL
    elif DOCUMENTS_LABEL_LINE.match(text):
        kind = DOCUMENTS_LABEL
    elif SCHEDULED_TIME.match(text):
        kind = NOISE
    else:
        kind = TEXT
    return Line(line, kind)


def printed_number(match: re.Match[str]) -> str:
    """An item number as the page printed it, from a number pattern's match: "79", "3a", "C 63", "P/142"."""
    groups = match.groupdict()
    prefix = f"{groups['prefix']}{'/' if groups.get('separator') == '/' else ' '}" if groups.get("prefix") else ""
    return f"{prefix}{match['number']}{(match['part'] or '').lstrip('.')}"


def match_number_line(text: str) -> re.Match[str] | None:
    """A line that is only an item's number: "79.", "3a", "77/21", "Agenda Item Number 15, Minute Number 112/23"."""
    return ITEM_NUMBER_LINE.match(text) or AGENDA_AND_MINUTE_NUMBER.match(text)


def classified_lines(text: str) -> list[Line]:
    lines = [classify(line) for line in source_lines(text)]
    if "of" in text.lower() or "____" in text:  # (no "Page 3 of 8" or rule without: most pages need no look)
        lines = without_page_furniture(lines)
    if "…" in text or "..." in text:
        lines = with_lost_titles_restored(lines)
    return lines


def with_lost_titles_restored(lines: list[Line]) -> list[Line]:
    """CMIS pages lose a linked item title and leave "2 …": the item's number, then its description
    on the next line, which stands as its title ("2 To confirm the minutes ...")."""
    result = list(lines)
    for index, line in enumerate(result):
        lost = LOST_TITLE.match(line.text) if line.kind == TEXT else None
        if lost is None:
            continue
        following = next((later for later in range(index + 1, len(result)) if result[later].kind != BLANK), None)
        if following is None or result[following].kind != TEXT:
            continue
        joined = SourceLine(line.number, f"{lost['number']} {result[following].text}", False)
        result[index] = classify(joined)
        result[following] = Line(SourceLine(result[following].number, "", False), BLANK)
    return result


def without_page_furniture(lines: list[Line]) -> list[Line]:
    """A PDF's text saved as text keeps its page furniture: "Page 3 of 8" or a rule of underscores
    (noise), and the running head, footer or disclaimer printed beside it on every page -- a line
    within two lines of a page number or rule whose text (digits aside) is printed so on at least
    two pages (noise too). A line printed once beside a page number is left alone: it may be the
    minutes."""
    numbers = [index for index, line in enumerate(lines) if PAGE_OF.match(line.text) or RULE.match(line.text)]
    if not numbers:
        return lines
    beside: dict[str, list[int]] = {}
    for index in numbers:
        near = [other for other in range(index - 3, index + 4) if 0 <= other < len(lines) and other != index]
        for other in near:
            if lines[other].kind == TEXT:
                beside.setdefault(re.sub(r"\d+", "#", lines[other].text.lower()), []).append(other)
    furniture = set(numbers)
    for indexes in beside.values():
        if len(set(indexes)) >= 2:
            furniture.update(indexes)
    return [Line(line.source, NOISE) if index in furniture else line for index, line in enumerate(lines)]
