"""Minutes printed as PDF ("Printed minutes", a council's minutes of record) -> a ParsedMeeting.

PDFium (through pypdfium2) reads the text: for each page, the runs of text it finds
(`count_rects`, each a run of characters on one line with no wide gap), where each is
printed, and the font of its characters. From those come lines in reading order -- runs
on one baseline joined left to right, runs far apart kept apart, as the columns of an
attendance list are -- each with its page, its height on the page, whether it is bold
and its font size. `printed.py` then takes away the page furniture and finds the items
from the bold or larger headings, and the text parser's steps read the rest.

Pure: bytes in, dataclasses out. A PDF is only read, never rendered or run (PDFium runs
no JavaScript unless asked to, and is not asked); its pages and size are limited, and it is
read in a process of its own whose memory and processor time are capped, so that a hostile
file (a stream that unpacks to gigabytes, a page that never ends) fails alone and clearly.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime
import math
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c

try:
    import resource  # (Unix: the reader's limits)
except ImportError:  # pragma: no cover
    resource = None

from . import pdf_reader, printed
from .lines import ITEM_NUMBER_LINE
from .records import ImportFailed, ParsedMeeting, ParsedWarning

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 500
MAX_CHARACTERS = 5_000_000  # about 1,500 pages of dense text: more is no minutes document

# Runs on one line further apart than this many times their font size are separate cells
# (the columns of an attendance list); nearer, one line with a space between.
CELL_GAP = 2.5
# Baselines further apart than this many times the font size have a paragraph's space between them.
PARAGRAPH_GAP = 1.6
# PDFium marks a hyphen that ends a line as a soft hyphen.
SOFT_HYPHENS = "\x02\ufffe\u00ad"
# Typesetters' ligatures, as the letters they join.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# Text turned on the page (a "DRAFT" watermark across it, a label up its margin) is never minutes.
TURNED = 0.01  # radians
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")
BOLD_WEIGHT = 600


def is_pdf(data: bytes) -> bool:
    """Whether a document is a PDF, by its content ("%PDF-" near the start)."""
    return b"%PDF-" in data[:1024]


@dataclass(slots=True)
class _Run:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    bold: bool
    size: float


def parse_pdf(
    data: bytes,
    source: str = "<pdf>",
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """A meeting from a minutes PDF. Raises ImportFailed for a PDF that cannot be read
    (encrypted, damaged, too large, a scanned image with no text) or holds no meeting; pages
    with no text among pages with text (scanned in) are a warning: their minutes are missing."""
    lines, blank = _read(data, source)
    options = {"committee": committee, "date": date, "time": time, "year_start": year_start}
    meeting = printed.parse_printed(lines, source, **options)
    if not blank:
        return meeting
    pages = f"page {blank[0]} has" if len(blank) == 1 else f"pages {', '.join(map(str, blank))} have"
    warning = ParsedWarning(0, f"{pages} no text (scanned images?): whatever minutes they hold are not imported")
    return dataclasses.replace(meeting, warnings=(*meeting.warnings, warning))


def pdf_text(data: bytes, source: str = "<pdf>") -> str:
    """The text a PDF is read as, one line each: what line numbers in warnings count."""
    return printed.document_text(read_pdf(data, source))


def read_pdf(data: bytes, source: str = "<pdf>") -> list[printed.PrintedLine]:
    """The PDF's lines in reading order, without its page furniture, hyphenation undone."""
    return _read(data, source)[0]


# -- read apart ------------------------------------------------------------------------------

MAX_MEMORY = 1024 * 1024 * 1024  # the address space reading one PDF may add to its reader's
MAX_SECONDS = 60  # the processor time reading one PDF may take


def _read(data: bytes, source: str) -> tuple[list[printed.PrintedLine], list[int]]:
    """`_read_here` in the reader process (`pdf_reader.py`), within MAX_MEMORY and MAX_SECONDS."""
    if len(data) > MAX_BYTES:
        megabytes = MAX_BYTES // (1024 * 1024)
        raise ImportFailed(source, 0, f"the PDF is over {megabytes} MB: a larger file is not read")
    return pdf_reader.read(data, source, MAX_MEMORY, MAX_SECONDS)


def read_within_limits(
    data: bytes, source: str, memory: int, seconds: int
) -> tuple[list[printed.PrintedLine], list[int]]:
    """In the reader process: cap what this one PDF may add to its memory and processor time (the
    kernel ends the process past the time; a refused allocation is a MemoryError or ends it)."""
    if resource is not None:
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = int(used.ru_utime + used.ru_stime) + seconds
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, resource.getrlimit(resource.RLIMIT_CPU)[1]))
        size = _address_space()
        if size:
            resource.setrlimit(resource.RLIMIT_AS, (size + memory, resource.getrlimit(resource.RLIMIT_AS)[1]))
    try:
        return _read_here(data, source)
    except MemoryError:
        raise ImportFailed(source, 0, f"reading the PDF took more than {memory // (1024 * 1024)} MB: refused") from None
    finally:
        if resource is not None:  # the next PDF's limits are its own
            resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _read_here(data: bytes, source: str) -> tuple[list[printed.PrintedLine], list[int]]:
    """The PDF's lines (as `read_pdf`), and the pages that have no text."""
    document = _open(data, source)
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise ImportFailed(source, 0, f"the PDF has {pages} pages: more than {MAX_PAGES} are not read")
        lines: list[printed.PrintedLine] = []
        blank: list[int] = []
        characters = 0
        for number in range(pages):
            page = document[number]
            try:
                page_lines = _page_lines(page, number + 1)
                if not page_lines and _has_image(page):
                    blank.append(number + 1)
            finally:
                page.close()
            characters += sum(len(line.text) for line in page_lines)
            if characters > MAX_CHARACTERS:
                raise ImportFailed(
                    source, 0, f"the PDF holds more than {MAX_CHARACTERS:,} characters of text: not read"
                )
            lines += page_lines
    finally:
        document.close()
    if not any(line.text.strip() for line in lines):
        raise ImportFailed(
            source, 0, "this PDF has no text: it is a scanned image (it needs OCR, or the council's text version)"
        )
    return printed.joined_lines(printed.without_page_furniture(lines, pages)), blank


def _open(data: bytes, source: str) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            reason = "the PDF is encrypted with a password: it cannot be read"
        elif error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            reason = "the PDF uses an encryption that cannot be read"
        else:
            reason = f"the PDF is damaged and cannot be read ({error})"
        raise ImportFailed(source, 0, reason) from None


def _has_image(page: pypdfium2.PdfPage) -> bool:
    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2), None) is not None


def _page_lines(page: pypdfium2.PdfPage, number: int) -> list[printed.PrintedLine]:
    """A page's lines, top to bottom, each run of a line left to right."""
    width, height = page.get_width() or 1.0, page.get_height() or 1.0
    textpage = page.get_textpage()
    try:
        runs = [run for run in _runs(textpage) if run.text]
    finally:
        textpage.close()
    lines: list[printed.PrintedLine] = []
    previous_baseline: float | None = None
    for row in _rows(runs):
        baseline = min(run.bottom for run in row)
        size = max(run.size for run in row)
        gap = previous_baseline - baseline if previous_baseline is not None else 0.0
        break_before = previous_baseline is not None and gap > PARAGRAPH_GAP * (size or 10)
        for cell in _cells(row):
            lines.append(
                printed.PrintedLine(
                    text=" ".join(run.text for run in cell),
                    page=number,
                    top=1 - max(run.top for run in cell) / height,
                    bold=_bold(cell),
                    size=max(run.size for run in cell),
                    break_before=break_before,
                    left=cell[0].left / width,
                    right=cell[-1].right / width,
                    text_left=(cell[1].left if len(cell) > 1 else cell[0].left) / width,
                )
            )
            break_before = True  # the cells of a row are apart from each other
        previous_baseline = baseline
    return lines


def _runs(textpage: pypdfium2.PdfTextPage) -> list[_Run]:
    runs = []
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = " ".join(text.translate(LIGATURES).split())
        if text[-1:] in SOFT_HYPHENS:
            text = text[:-1] + "-"
        text = "".join(char for char in text if char not in SOFT_HYPHENS)
        if not text:
            continue
        middle = (bottom + top) / 2
        # (get_index answers None where no character is there)
        reach = max(2.0, (top - bottom) / 2)
        found = [textpage.get_index(x, middle, 2, reach) for x in (left + 0.5, right - 0.5)]
        chars = {char for char in found if char is not None and char >= 0}
        if any(_turned(textpage, char) for char in chars):
            continue
        bold = bool(chars) and all(_is_bold(textpage, char, name, flags) for char in chars)
        size = max((pdfium_c.FPDFText_GetFontSize(textpage.raw, char) for char in chars), default=0.0)
        runs.append(_Run(text, left, right, bottom, top, bold, size))
    return runs


def _turned(textpage: pypdfium2.PdfTextPage, char: int) -> bool:
    angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, char)  # [0, 2π), or -1 where unknown
    return angle > 0 and min(angle, 2 * math.pi - angle) > TURNED


def _is_bold(textpage: pypdfium2.PdfTextPage, char: int, name: ctypes.Array, flags: ctypes.c_int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, char) >= BOLD_WEIGHT:
        return True
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, char, name, len(name), ctypes.byref(flags))
    font = name.value.decode("latin-1").lower()
    return any(word in font for word in BOLD_NAMES)


def _bold(cell: list[_Run]) -> bool:
    """Whether a line is printed bold: all its runs, an item number before them aside ("79."
    in the body's weight, "Declarations of Interests" in bold, is a bold heading)."""
    words = [run for run in cell if not ITEM_NUMBER_LINE.match(run.text)]
    return bool(words) and all(run.bold for run in words)


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped into lines: a run belongs to a line where its middle lies within the line's height."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda run: (-run.top, run.left)):
        middle = (run.bottom + run.top) / 2
        row = rows[-1] if rows else None
        if row is not None and min(each.bottom for each in row) <= middle <= max(each.top for each in row):
            row.append(run)
        else:
            rows.append([run])
    return [sorted(row, key=lambda run: run.left) for row in rows]


def _cells(row: list[_Run]) -> list[list[_Run]]:
    """A line's runs split where they are far apart; an item number printed apart from its
    title ("79." then "Declarations of Interests") stays with it."""
    cells: list[list[_Run]] = [[row[0]]]
    for run in row[1:]:
        last = cells[-1][-1]
        far = run.left - last.right > CELL_GAP * (run.size or 10)
        number_alone = len(cells[-1]) == 1 and ITEM_NUMBER_LINE.match(last.text)
        if far and not number_alone:
            cells.append([run])
        else:
            cells[-1].append(run)
    return cells
