"""Printed documents -- PDF and Word minutes -- as the lines the shared rules read.

`pdf.py` and `docx.py` turn a document into PrintedLines: each line's text with what
the document says of it besides (its page, where on the page, bold, font size, a Word
heading style, the number Word's list numbering draws). This module then

1. undoes what printing did (PDFs): running heads and footers repeated on every page,
   page numbers ("Page 3 of 8", "- 3 -"), "Chair's initials", rules of underscores;
   lines wrapped to the page joined into their paragraphs, and words hyphenated across
   a line or page break made whole;
2. finds the items from the structure: an item starts at a heading line (bold, larger
   than the body text, in a Word heading style, or with its number hanging in the
   margin) that carries an item number ("79. Declarations of Interests"), or at a
   number with such a heading after it;
3. hands the lines, classified as a text page's are, to the text parser's steps.

So what is written inside an item is read by the very rules the text and HTML importers
use. Where the document gives no structure (a PDF without bold or larger headings),
the items are found from the text alone, as in a saved text page.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, replace

from .blocks import SourceLine
from .dates import find_date
from .items import HEADING, Start, reads_as_title, start_from
from .lines import ITEM_NUMBER_LINE, Line, classify
from .records import ParsedMeeting
from .text import parse_lines

# What is printed in the running head or foot of a page, never the minutes:
# "Page 3 of 8", "3", "- 3 -", "Page 3", "CM 190312_XY Page 7 of 24" (a code, then the page)
PAGE_NUMBER = re.compile(r"^(?:.{0,40}?\s)?(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
# "Chair's initials", "Chairman's Initials .......", a rule of underscores or dots
FURNITURE = re.compile(
    r"^(?:(?:chair(?:man|person)?|convener|mayor)['’]?s?\s+(?:initials|signature)\b.*|[_.…\s]{5,}|signed\s*[_.…]{3,}.*)$",
    re.IGNORECASE,
)
# A word broken at the end of a line: "recruit-" then "ment" (a lower-case letter starts the next line).
HYPHENATED = re.compile(r"(?<=[a-z])-$")
DIGITS = re.compile(r"\d+")
# A paragraph's lines start this close to each other (shares of the page's width); its first line
# may be indented by up to INDENT.
ALIGNED = 0.02
INDENT = 0.08
# An item number printed this far left of the body text (a share of the page's width) hangs in the margin.
HANGING = 0.03
# A line of justified text ends this close to the right edge; a centred line this wide was wrapped.
FLUSH = 0.01
NEAR_EDGE = 0.1
WIDE = 0.45
# A word's width is guessed from the line's average letter: so near the edge, it may not have fitted.
FIT_SLACK = 0.02
# A list entry's bullet or number as printed: "•", "1)", "(a)"
LIST_MARKER = re.compile(r"^(?:[·•▪●◦‣∙*\-–]|[(\[]?(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)\]])(?:\s|$)")
# How close to a page's top or foot (a share of its height) a running head or footer is printed.
MARGIN_BAND = 0.12


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """One line of a printed document, with what its printing says of it."""

    text: str
    page: int = 1  # 1-based
    top: float = 0.0  # where on the page, as a share of its height from the top (0 for Word)
    bold: bool = False  # all of the line's letters are bold
    size: float = 0.0  # the font size in points (0 where unknown)
    heading: bool = False  # a heading by its style (Word's "Heading 2", "Title")
    number: str = ""  # the label Word's list numbering draws before the text: "79.", "a)", "·"
    break_before: bool = False  # a new paragraph begins here (space above it, or a Word paragraph)
    # Where the line is printed across the page, as shares of its width (0 where unknown, as in
    # Word): its left and right edges, and where its text begins after a bullet or list number.
    left: float = 0.0
    right: float = 0.0
    text_left: float = 0.0


def without_page_furniture(lines: list[PrintedLine], pages: int) -> list[PrintedLine]:
    """The lines without running heads and footers, page numbers and signature lines.

    A running head or footer is a line near the top or foot of a page whose text, with
    its digits taken out, is printed on at least two pages and on half of them: the
    meeting's title, "Page 3 of 8", a committee code with the date. The first page's headings
    (bold, or larger than the text) are kept: its title may read as the running head does,
    and it stands above the first item, where nothing reaches an item. A line holding a date
    is no page number ("Monday 2 April 2012").
    """
    body = body_size(lines)
    in_margin = [line for line in lines if _in_margin(line)]
    pages_printing: dict[str, set[int]] = {}
    for line in in_margin:
        pages_printing.setdefault(DIGITS.sub("#", line.text.lower()), set()).add(line.page)
    needed = max(2, (pages + 1) // 2)
    repeated = {shape for shape, printed_on in pages_printing.items() if len(printed_on) >= needed}
    kept = []
    for line in lines:
        if FURNITURE.match(line.text):
            continue
        if _in_margin(line) and not (line.page == 1 and is_heading(line, body)):
            if DIGITS.sub("#", line.text.lower()) in repeated:
                continue
            if PAGE_NUMBER.match(line.text) and find_date(line.text) is None:
                continue
        if kept and kept[-1].page != line.page and line.break_before:
            # The space above a page's first line is the page's margin, not a paragraph's end.
            line = replace(line, break_before=False)
        kept.append(line)
    return kept


def _in_margin(line: PrintedLine) -> bool:
    return line.top < MARGIN_BAND or line.top > 1 - MARGIN_BAND


def joined_lines(lines: list[PrintedLine]) -> list[PrintedLine]:
    """A PDF's wrapped lines joined into the paragraphs and list entries they were printed as.

    A line carries on the one before where that one runs to the right edge of the text (so
    it was wrapped) and this one is printed alike (same weight and size, no space above, no
    list marker of its own): also across a page break, where nothing else tells. A word
    broken at the end of a line ("recruit-" then "ment") is made whole. A line printed left
    of where a list entry's text began ends the list, even with no space above it.
    """
    if not lines:
        return []
    column_right = _column_right(lines)
    justified = _justified(lines, column_right)
    result: list[PrintedLine] = []
    entry_left = 0.0  # where the text of the list entry being read begins
    for line in lines:
        previous = result[-1] if result else None
        starts_entry = bool(LIST_MARKER.match(line.text)) or bool(line.number)
        if entry_left and not starts_entry and line.left < entry_left - 0.01:
            line = replace(line, break_before=True)
            entry_left = 0.0
        if starts_entry:
            entry_left = line.text_left
        if (
            previous is not None
            and not line.break_before
            and not starts_entry
            and _carries_on(previous, line, column_right, justified=justified)
        ):
            if HYPHENATED.search(previous.text) and line.text[:1].islower():
                text = previous.text[:-1] + line.text
            else:
                text = f"{previous.text} {line.text}"
            result[-1] = replace(previous, text=text, left=min(previous.left, line.left), right=line.right)
            continue
        result.append(line)
    return result


def _column_right(lines: list[PrintedLine]) -> float:
    """Where the text's lines end on the right: most full lines end there; a long address or a
    table running into the margin does not move it."""
    rights = sorted(line.right for line in lines if len(line.text) > 30)
    return rights[int(len(rights) * 0.9)] if rights else 0.0


def _justified(lines: list[PrintedLine], column_right: float) -> bool:
    """Whether the text is set justified: of the lines that end near the right edge (wrapped ones,
    and a few paragraphs' last lines), nearly all end exactly at it. Ragged text ends anywhere in
    the last word's width."""
    near = [line for line in lines if len(line.text) > 30 and line.right > column_right - NEAR_EDGE]
    flush = [line for line in near if abs(line.right - column_right) < FLUSH]
    return len(near) >= 5 and len(flush) > 0.7 * len(near)


def _carries_on(previous: PrintedLine, line: PrintedLine, column_right: float, *, justified: bool = False) -> bool:
    """Whether `line` is the rest of a paragraph wrapped after `previous`: printed alike, starting
    where the paragraph's lines start, and its first word would not have fitted on `previous`
    (else the paragraph would have gone on there). In justified text every wrapped line ends at
    the right edge, so one that ends short ends its paragraph. A wide centred line (a title)
    carries on in the centred line below it."""
    if (previous.bold, previous.size) != (line.bold, line.size) or not column_right:
        return False
    centre = abs((previous.left + previous.right) / 2 - (line.left + line.right) / 2)
    if abs(previous.left - line.left) > ALIGNED and centre < ALIGNED / 2 and previous.right - previous.left > WIDE:
        return True
    if not previous.left - INDENT <= line.left <= previous.text_left + ALIGNED:
        return False
    if justified and not (previous.bold or previous.heading) and previous.right < column_right - FLUSH:
        return False  # (headings are not justified)
    letter = (line.right - line.left) / max(len(line.text), 1)  # the width of a letter, on average
    first_word = len(line.text.split(" ", 1)[0])
    return previous.right + letter * (first_word + 1) > column_right - FIT_SLACK


def body_size(lines: list[PrintedLine]) -> float:
    """The font size most of the text is printed in."""
    sizes = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def body_left(lines: list[PrintedLine]) -> float:
    """Where most of the text's lines begin (a share of the page's width; 0 where unknown)."""
    lefts = Counter()
    for line in lines:
        if line.left:
            lefts[round(line.left, 2)] += len(line.text)
    return lefts.most_common(1)[0][0] if lefts else 0.0


def is_heading(line: PrintedLine, body: float, left: float = 0.0) -> bool:
    """Printed as a heading: in a heading style, in bold, larger than the body text, or (an item
    number hanging in the margin) begun left of where the body text begins."""
    hangs = bool(left) and bool(line.left) and line.left < left - HANGING
    return line.heading or line.bold or (body > 0 and line.size >= body + 1.5) or hangs


def text_lines(lines: list[PrintedLine]) -> list[tuple[str, PrintedLine | None]]:
    """The document as the lines of its text: each line as printed (a list label Word draws,
    "79." or "a)", before its text), a blank line between paragraphs."""
    result: list[tuple[str, PrintedLine | None]] = []
    for line in lines:
        if line.break_before and result and result[-1][0]:
            result.append(("", None))
        result.append((f"{line.number} {line.text}".strip() if line.number else line.text, line))
    return result


def document_text(lines: list[PrintedLine]) -> str:
    """The document's text as read: what the line numbers of warnings and errors count."""
    return "\n".join(text for text, _line in text_lines(lines))


def as_source(lines: list[PrintedLine]) -> tuple[list[Line], list[Start]]:
    """The document's lines as a text page's classified lines (numbered as `document_text`
    numbers them), and where items start by the document's structure."""
    body, left = body_size(lines), body_left(lines)
    classified: list[Line] = []
    starts: list[Start] = []
    pending_number: int | None = None  # a heading number printed alone, before its title
    for number, (text, line) in enumerate(text_lines(lines), start=1):
        classified.append(classify(SourceLine(number, text, False)))
        if line is None:
            continue
        index = len(classified) - 1
        if not is_heading(line, body, left):
            pending_number = None
            continue
        alone = ITEM_NUMBER_LINE.match(text)
        if alone:
            pending_number = index
            continue
        heading = HEADING.match(text)
        if heading and _titles_an_item(heading["title"]):
            starts.append(start_from(heading, index, title=heading["title"]))
        elif pending_number is not None and reads_as_title(text):
            match = ITEM_NUMBER_LINE.match(classified[pending_number].text)
            starts.append(start_from(match, pending_number))
        pending_number = None
    return classified, _in_order(starts)


def _titles_an_item(title: str) -> bool:
    # "14 April 2016" in bold is a date; "2 That the report be noted" a numbered resolution.
    words = title.split()
    return bool(words) and not title.lower().startswith(("that ", "resolved")) and len(words) <= 30


def _in_order(starts: list[Start]) -> list[Start]:
    """Headings whose numbers go on from the one before: a bold "2" inside a minute's text
    (a paragraph number, a list) never starts an item."""
    kept: list[Start] = []
    for start in starts:
        if not kept or (start.minute_number or 0, start.part) > (kept[-1].minute_number or 0, kept[-1].part):
            kept.append(start)
    return kept


def parse_printed(
    lines: list[PrintedLine],
    source: str,
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """A meeting from a printed document's lines: items where its structure starts them, the rest
    read by the text parser's steps (`text.parse_lines`)."""
    classified, starts = as_source(lines)
    options = {"committee": committee, "date": date, "time": time, "year_start": year_start}
    return parse_lines(classified, source, starts=starts, printed=True, **options)
