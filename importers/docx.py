"""Minutes written as a Word document (.docx) -> a ParsedMeeting.

python-docx opens the document; its body is read in order -- paragraphs, tables (a row's
cells one after another, as an attendance list in columns is meant), content controls --
into PrintedLines: a paragraph's text (inserted text of tracked changes kept, deleted
text left out), whether it is in a heading style or all in bold, and the number Word's
list numbering draws before it ("79.", "a)"), worked out from the numbering definitions
as Word counts them. The item headings are then found from that structure and the rest
read by the text parser's rules (`printed.py`). Page headers and footers are not part of
the body, so they never reach an item.

Pure: bytes in, dataclasses out. A Word file is a zip archive: its entries are checked
before it is opened, so that a small file that unpacks to gigabytes (a zip bomb) is refused.
Nothing in it is run (macros are never read; a macro-enabled .docm is refused).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from . import printed
from .records import ImportFailed, ParsedMeeting

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # all entries together, unpacked
MAX_ENTRIES = 5_000
MAX_RATIO = 200  # an entry may unpack to at most 200 times its packed size (text packs 5-20 times)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, and encrypted Office files
ZIP_MAGIC = b"PK\x03\x04"
MACRO_TYPE = "macroEnabled"

# What Word draws for a list level's number, by its format.
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl")]
ROMAN += [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
HEADING_STYLES = ("heading", "title")


def is_docx(data: bytes) -> bool:
    """Whether a document is a Word document (.docx), by its content."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def is_old_office_file(data: bytes) -> bool:
    """A Word 97-2003 .doc, or a password-protected Office file (both are OLE compound files)."""
    return data.startswith(OLE_MAGIC)


def parse_docx(
    data: bytes,
    source: str = "<docx>",
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """A meeting from minutes written in Word. Raises ImportFailed for a file that cannot be
    read (damaged, too large, a zip bomb, macro-enabled) or that holds no meeting."""
    options = {"committee": committee, "date": date, "time": time, "year_start": year_start}
    return printed.parse_printed(read_docx(data, source), source, **options)


def docx_text(data: bytes, source: str = "<docx>") -> str:
    """The text a Word document is read as, one line each: what line numbers in warnings count."""
    return printed.document_text(read_docx(data, source))


def read_docx(data: bytes, source: str = "<docx>") -> list[printed.PrintedLine]:
    """The document's paragraphs in order, as PrintedLines."""
    _check_archive(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ImportFailed(source, 0, f"the Word document is damaged and cannot be read ({error})") from None
    except ValueError as error:  # python-docx: "file ... is not a Word file, content type is ..."
        if MACRO_TYPE in str(error):
            reason = "a macro-enabled Word document (.docm) is not read: save it as a .docx"
        else:
            reason = f"this is not a Word document ({error})"
        raise ImportFailed(source, 0, reason) from None
    reader = _Reader(document)
    reader.read(document.element.body)
    if not any(line.text for line in reader.lines):
        raise ImportFailed(source, 0, "the Word document has no text")
    return reader.lines


def _check_archive(data: bytes, source: str) -> None:
    if len(data) > MAX_BYTES:
        raise ImportFailed(source, 0, f"the file is over {MAX_BYTES // (1024 * 1024)} MB: a larger file is not read")
    if is_old_office_file(data):
        raise ImportFailed(
            source,
            0,
            "this is a Word 97-2003 document (.doc) or a password-protected Office file: "
            "save it as a .docx (without a password) or a PDF",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportFailed(source, 0, "the Word document is damaged: it is not a readable zip archive") from None
    unpacked = sum(entry.file_size for entry in entries)
    swollen = [entry for entry in entries if entry.file_size > MAX_RATIO * max(entry.compress_size, 1024)]
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED or swollen:
        raise ImportFailed(
            source,
            0,
            f"the Word document unpacks to {unpacked:,} bytes in {len(entries):,} parts: "
            "it is refused as a zip bomb (or far larger than any minutes)",
        )


@dataclass(frozen=True, slots=True)
class _StyleFacts:
    """What a paragraph style says of its paragraphs, through the styles it is based on."""

    bold: bool = False
    heading: bool = False
    numbering: tuple[str | None, int] | None = None  # (list id, level) where the style numbers them


@dataclass(slots=True)
class _Reader:
    """Reads a document's body into PrintedLines, numbering lists as Word does."""

    document: docx.document.Document
    lines: list[printed.PrintedLine] = field(default_factory=list)
    numbering: _Numbering | None = None
    styles: dict[str | None, _StyleFacts] = field(default_factory=dict)  # by style id, as first looked up

    def __post_init__(self) -> None:
        try:
            part = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            part = None
        self.numbering = _Numbering(part)

    def read(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.table(child)
            elif child.tag == qn("w:sdt"):  # a content control: its content is part of the text
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read(content)

    def table(self, table: etree._Element) -> None:
        for row in table.iterchildren(qn("w:tr")):
            for cell in row.iterchildren(qn("w:tc")):
                self.read(cell)  # (each of its paragraphs is one apart)

    def paragraph(self, paragraph: etree._Element) -> None:
        properties = paragraph.find(qn("w:pPr"))
        style = self._style(properties)
        own = _numbering(properties)
        number = self.numbering.label(*(own or style.numbering or (None, 0)))
        texts, bold = _text_and_weight(paragraph, style.bold)
        first = True
        for text in texts.split("\n"):
            text = " ".join(text.split())
            if not text and not (first and number):
                continue
            label = number if first else ""
            line = printed.PrintedLine(text, bold=bold, heading=style.heading, number=label, break_before=first)
            self.lines.append(line)
            first = False

    def _style(self, properties: etree._Element | None) -> _StyleFacts:
        reference = properties.find(qn("w:pStyle")) if properties is not None else None
        style_id = reference.get(qn("w:val")) if reference is not None else None
        if style_id not in self.styles:
            self.styles[style_id] = self._style_facts(style_id)
        return self.styles[style_id]

    def _style_facts(self, style_id: str | None) -> _StyleFacts:
        styles = self.document.styles
        try:
            style = styles.get_by_id(style_id, 1) if style_id else styles.default(1)
        except (KeyError, ValueError):
            return _StyleFacts()
        bold, heading, numbering = None, False, None
        while style is not None:
            if bold is None and style.font.bold is not None:
                bold = style.font.bold
            heading = heading or (style.name or "").lower().startswith(HEADING_STYLES)
            numbering = numbering or _numbering(style.element.find(qn("w:pPr")))
            style = style.base_style
        return _StyleFacts(bool(bold), heading, numbering)


def _numbering(properties: etree._Element | None) -> tuple[str | None, int] | None:
    """The list a paragraph (or style) is numbered in, and its level; None where it says nothing."""
    numbered = properties.find(qn("w:numPr")) if properties is not None else None
    if numbered is None:
        return None
    num_id = numbered.find(qn("w:numId"))
    level = numbered.find(qn("w:ilvl"))
    return (
        num_id.get(qn("w:val")) if num_id is not None else None,
        int(level.get(qn("w:val"))) if level is not None else 0,
    )


def _text_and_weight(paragraph: etree._Element, style_bold: bool) -> tuple[str, bool]:
    """A paragraph's text as printed (tabs as spaces, line breaks kept) and whether all of it is bold.

    Text deleted by a tracked change, fields' codes and the text of text boxes are left out."""
    parts: list[str] = []
    all_bold = True
    for element in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")):
        run = _run_of(element, paragraph)
        if run is None:
            continue
        tag = element.tag
        if tag == qn("w:t"):
            text = element.text or ""
            if text.strip() and not _run_bold(run, style_bold):
                all_bold = False
            parts.append(text)
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    text = "".join(parts)
    return text, all_bold and bool(text.strip())


def _run_of(element: etree._Element, paragraph: etree._Element) -> etree._Element | None:
    """The run an element is printed in, or None where it is not printed as this paragraph's text
    (deleted text, a text box's own paragraph)."""
    run = None
    node = element.getparent()
    while node is not None and node is not paragraph:
        tag = node.tag
        if tag in (qn("w:del"), qn("w:txbxContent"), qn("w:p")):
            return None
        if tag == qn("w:r") and run is None:
            run = node
        node = node.getparent()
    return run


def _run_bold(run: etree._Element, style_bold: bool) -> bool:
    properties = run.find(qn("w:rPr"))
    bold = properties.find(qn("w:b")) if properties is not None else None
    if bold is None:
        return style_bold
    return bold.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


class _Numbering:
    """The numbers Word draws before list paragraphs, counted as Word counts them: each list
    definition (abstractNum) keeps its own counters, a list (num) may restart a level."""

    def __init__(self, part: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstract id -> level -> (start, fmt, text)
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # num id -> (abstract id, level -> start)
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()
        if part is None:
            return
        for abstract in part.iterchildren(qn("w:abstractNum")):
            levels = {}
            for level in abstract.iterchildren(qn("w:lvl")):
                levels[int(level.get(qn("w:ilvl"), "0"))] = (
                    int(_value(level, "w:start") or 1),
                    _value(level, "w:numFmt") or "decimal",
                    _value(level, "w:lvlText") or "",
                )
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in part.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = _value(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.lists[num.get(qn("w:numId"))] = (_value(num, "w:abstractNumId"), overrides)

    def label(self, num_id: str | None, level: int) -> str:
        """The label drawn before the next paragraph of list `num_id` at `level`: "79.", "(a)", "·"."""
        if num_id is None or num_id == "0" or num_id not in self.lists:
            return ""
        abstract, overrides = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if level in overrides and (num_id, level) not in self.restarted:
            self.restarted.add((num_id, level))
            counters[level] = overrides[level] - 1
        start = levels[level][0]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [each for each in counters if each > level]:
            del counters[deeper]  # a level restarts under each new entry of the level above
        fmt, text = levels[level][1], levels[level][2]
        if fmt == "bullet":
            return "·"
        if fmt == "none":
            return ""
        for shown in range(level + 1):
            count = counters.get(shown, levels.get(shown, (1, "", ""))[0])
            shown_fmt = levels.get(shown, (1, "decimal", ""))[1]
            text = text.replace(f"%{shown + 1}", _formatted(count, shown_fmt))
        return text.strip()


def _value(element: etree._Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _formatted(count: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        numeral = ""
        for value, letters in ROMAN:
            while count >= value:
                numeral += letters
                count -= value
        return numeral.upper() if fmt == "upperRoman" else numeral
    if fmt == "decimalZero":
        return f"{count:02d}"
    return str(count)
