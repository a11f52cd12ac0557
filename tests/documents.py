"""Real PDF and Word minutes, written by real writers (reportlab, python-docx) for the tests.

`printed_minutes_pdf` lays a meeting out as a council's "Printed minutes" PDF: a title
block, a two-column attendance list, bold numbered item headings, paragraphs wrapped
to the page, bullets and numbered clauses, a running head and a "Page n of N" footer
on every page, "Chair's initials" at each foot, and words hyphenated across page
breaks. `flowing_minutes_pdf` sets it as a word processor would: reportlab's own page
layout (platypus), justified text in Times, a centred title in capitals that wraps, list
bullets drawn apart from their text, headings kept with what follows. `minutes_docx` writes the same meeting as a Word document with real headings,
Word's own list numbering (the item numbers are not in the text), bullet lists and an
attendance table. Both start from a ParsedMeeting, so a test can compare what the
importer reads back with the meeting it was written from.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from importers.blocks import NUMBERED_LINE
from importers.records import ParsedMeeting

MEMBERS = [
    "Councillor R Sandy (Chair)",
    "Councillor J Birdi",
    "Councillor K Caan",
    "Councillor M Lapsa",
    "Councillor T Sawdon",
    "Councillor D Welsh",
]
EMPLOYEES = ["People Directorate: J Gregg, N Hubbard, A Olanipekun", "Place Directorate: S Taylor"]
APOLOGIES = "Councillor S Bains"

WIDTH, HEIGHT = A4
LEFT, TEXT_LEFT, RIGHT = 72, 108, WIDTH - 72
TOP, BOTTOM = HEIGHT - 90, 100
BODY, LEADING, PARAGRAPH_SPACE = 11, 14, 8
BODY_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"


def title_lines(meeting: ParsedMeeting) -> tuple[str, str]:
    """ "Education and Children's Services Scrutiny Board (2)", "Minutes of the meeting held at 2.00 pm on ..." """
    when = f"{meeting.time:%-I.%M %p}".lower() if meeting.time else ""
    held = f" at {when}" if when else ""
    return meeting.committee, f"Minutes of the meeting held{held} on {meeting.date:%A, %-d %B %Y}"


def running_head(meeting: ParsedMeeting) -> str:
    return f"{meeting.committee} - {meeting.date:%-d %B %Y}"


def minutes_blocks(text: str) -> list[tuple[str, str, str]]:
    """An item's stored minutes text as (kind, label, text): paragraphs, bullets, numbered entries."""
    blocks = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("· "):
            blocks.append(("bullet", "•", line[2:]))
        elif numbered := NUMBERED_LINE.match(line):
            blocks.append(("numbered", numbered["marker"], numbered["text"]))
        else:
            blocks.append(("paragraph", "", line))
    return blocks


# -- PDF ------------------------------------------------------------------------------


class _PdfWriter:
    """Lays lines out down the pages; `save` then adds every page's head and foot."""

    def __init__(self, head: str, hyphenate: bool) -> None:
        self.pages: list[list[tuple[float, float, str, str, float]]] = [[]]  # (x, y, text, font, size)
        self.y = TOP
        self.head = head
        self.hyphenate = hyphenate

    def text(self, x: float, text: str, font: str = BODY_FONT, size: float = BODY) -> None:
        self.pages[-1].append((x, self.y, text, font, size))

    def new_line(self, space: float = LEADING) -> None:
        self.y -= space
        if self.y < BOTTOM:
            self.pages.append([])
            self.y = TOP

    def paragraph(self, x: float, text: str, font: str = BODY_FONT, first_x: float | None = None) -> None:
        """Words wrapped to the width from `x`; where a page ends, a long last word is hyphenated."""
        words = text.split()
        line: list[str] = []
        start = first_x if first_x is not None else x
        while words:
            word = words[0]
            trial = " ".join([*line, word])
            if stringWidth(trial, font, BODY) <= RIGHT - start or not line:
                line.append(words.pop(0))
                continue
            last_on_page = self.y - LEADING < BOTTOM
            if self.hyphenate and last_on_page and re.fullmatch(r"[a-z]{4,}[,.;]?", word):
                head = word[: len(word) // 2]
                if stringWidth(" ".join([*line, head + "-"]), font, BODY) <= RIGHT - start:
                    line.append(head + "-")
                    words[0] = word[len(word) // 2 :]
            self.text(start, " ".join(line), font)
            self.new_line()
            line, start = [], x
        if line:
            self.text(start, " ".join(line), font)
            self.new_line()

    def save(self) -> bytes:
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
        pdf.setTitle(self.head)
        total = len(self.pages)
        for number, page in enumerate(self.pages, start=1):
            pdf.setFont(BODY_FONT, 9)
            pdf.drawString(LEFT, HEIGHT - 50, self.head)
            pdf.drawCentredString(WIDTH / 2, 40, f"Page {number} of {total}")
            pdf.drawRightString(RIGHT, 60, "Chair's initials ..........")
            for x, y, text, font, size in page:
                pdf.setFont(font, size)
                pdf.drawString(x, y, text)
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()


def printed_minutes_pdf(meeting: ParsedMeeting, *, hyphenate: bool = True, bold_headings: bool = True) -> bytes:
    """The meeting as a council's "Printed minutes" PDF (see the module's docstring); without
    `bold_headings`, every line in the body font, as some councils print them."""
    writer = _PdfWriter(running_head(meeting), hyphenate)
    heading_font = BOLD_FONT if bold_headings else BODY_FONT
    committee, held = title_lines(meeting)
    writer.text(LEFT, committee, BOLD_FONT, 14)
    writer.new_line(20)
    writer.text(LEFT, held)
    writer.new_line(28)
    writer.text(LEFT, "Present:", BOLD_FONT)
    writer.new_line()
    writer.text(LEFT, "Members:")
    for left, right in zip(MEMBERS[::2], MEMBERS[1::2], strict=True):
        writer.text(200, left)
        writer.text(380, right)
        writer.new_line()
    writer.new_line(6)
    writer.text(LEFT, "Employees (by Directorate):")
    writer.new_line()
    for employee in EMPLOYEES:
        writer.text(200, employee)
        writer.new_line()
    writer.new_line(6)
    writer.text(LEFT, f"Apologies: {APOLOGIES}")
    writer.new_line(28)
    writer.text(LEFT, "Public Business", BOLD_FONT)
    writer.new_line(24)
    for item in meeting.items:
        if writer.y - 3 * LEADING < BOTTOM:  # a heading is never left alone at the foot of a page
            writer.new_line(writer.y)
        writer.text(LEFT, f"{item.number}.", heading_font)
        writer.text(TEXT_LEFT, item.title, heading_font)
        writer.new_line(LEADING + PARAGRAPH_SPACE)
        for kind, label, text in minutes_blocks(item.minutes_text):
            if kind == "paragraph":
                writer.paragraph(TEXT_LEFT, text)
                writer.new_line(PARAGRAPH_SPACE)
            else:
                writer.text(TEXT_LEFT, label)
                writer.paragraph(TEXT_LEFT + 22, text)
        writer.new_line(PARAGRAPH_SPACE)
    return writer.save()


def flowing_minutes_pdf(meeting: ParsedMeeting) -> bytes:
    """The meeting as a word processor's PDF (see the module's docstring)."""
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontName="Times-Roman", fontSize=11, leading=14,
                          alignment=TA_JUSTIFY, spaceAfter=6)  # fmt: skip
    heading = ParagraphStyle("heading", parent=styles["Heading3"], fontName="Times-Bold", fontSize=12,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1)  # fmt: skip
    committee, held = title_lines(meeting)
    story = [
        Paragraph(escape(committee.upper()), styles["Title"]),
        Paragraph(escape(held), body),
        Paragraph("<b>Present:</b> " + escape(", ".join(MEMBERS)), body),
        Spacer(1, 12),
    ]
    for item in meeting.items:
        story.append(Paragraph(escape(f"{item.number}. {item.title}"), heading))
        bullets: list = []
        for kind, label, text in [*minutes_blocks(item.minutes_text), ("end", "", "")]:
            if kind != "bullet" and bullets:
                story.append(ListFlowable(bullets, bulletType="bullet", leftIndent=18))
                bullets = []
            if kind == "bullet":
                bullets.append(ListItem(Paragraph(escape(text), body)))
            elif kind != "end":
                story.append(Paragraph(escape(f"{label} {text}".strip()), body))

    def furniture(pdf, document) -> None:
        pdf.setFont("Times-Roman", 9)
        pdf.drawString(LEFT, HEIGHT - 27, running_head(meeting))
        pdf.drawCentredString(WIDTH / 2, 30, f"Page {document.page}")

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


# -- Word -----------------------------------------------------------------------------


def minutes_docx(meeting: ParsedMeeting) -> bytes:
    """The meeting as a Word document: a "Title", item headings in "Heading 2" numbered by
    Word (the numbers are not in the text), bullets and numbered clauses as Word lists, the
    attendance as a table, the running head in the page header."""
    document = Document()
    numbering = _Numbering(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = running_head(meeting)
    section.footer.paragraphs[0].text = "Chair's initials .........."
    committee, held = title_lines(meeting)
    document.add_paragraph(committee, style="Title")
    document.add_paragraph(held)
    document.add_paragraph().add_run("Present:").bold = True
    table = document.add_table(rows=0, cols=2)
    for left, right in zip(MEMBERS[::2], MEMBERS[1::2], strict=True):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right
    document.add_paragraph("Employees (by Directorate):")
    for employee in EMPLOYEES:
        document.add_paragraph(employee)
    document.add_paragraph(f"Apologies: {APOLOGIES}")
    document.add_paragraph().add_run("Public Business").bold = True
    first = int(meeting.items[0].number) if meeting.items and meeting.items[0].number.isdigit() else 1
    headings = numbering.new_list("%1.", start=first)
    for item in meeting.items:
        heading = document.add_paragraph(item.title, style="Heading 2")
        numbering.number(heading, headings)
        clauses, clause_format = None, ""
        for kind, label, text in minutes_blocks(item.minutes_text):
            if kind == "paragraph":
                document.add_paragraph(text)
                clauses = None
            elif kind == "bullet":
                document.add_paragraph(text, style="List Bullet")
            else:
                value = re.search(r"[0-9]+|[a-zA-Z]", label)[0]
                fmt = "decimal" if value.isdigit() else "lowerLetter" if value.islower() else "upperLetter"
                if clauses is None or fmt != clause_format:  # a list of another kind: Word restarts
                    start = int(value) if value.isdigit() else ord(value.lower()) - ord("a") + 1
                    clauses = numbering.new_list(label.replace(value, "%1", 1), start=start, fmt=fmt)
                    clause_format = fmt
                numbering.number(document.add_paragraph(text), clauses)
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.space_after = Pt(6)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Numbering:
    """New numbered lists in a document's numbering part, each with its own format and start."""

    def __init__(self, document) -> None:
        self.part = document.part.numbering_part.element
        self.next_id = 100

    def new_list(self, text: str, start: int, fmt: str = "decimal") -> int:
        self.next_id += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(self.next_id))
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, value in (("w:start", str(start)), ("w:numFmt", fmt), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            level.append(child)
        abstract.append(level)
        first_num = self.part.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.part.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        reference = OxmlElement("w:abstractNumId")
        reference.set(qn("w:val"), str(self.next_id))
        num.append(reference)
        self.part.append(num)
        return self.next_id

    @staticmethod
    def number(paragraph, list_id: int) -> None:
        properties = paragraph._p.get_or_add_pPr()
        numbering = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", "0"), ("w:numId", str(list_id))):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            numbering.append(child)
        properties.append(numbering)
