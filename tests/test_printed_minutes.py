"""Printed minutes: PDF (importers/pdf.py) and Word (importers/docx.py) documents, written by real
writers (tests/documents.py), read back into the same records as the seed meetings' text."""

import datetime
import io
import re
import zipfile
import zlib
from pathlib import Path

import pypdfium2
import pytest
import reportlab
from docx import Document
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.pdfgen.canvas import Canvas

from importers import pdf
from importers.docx import docx_text, parse_docx
from importers.pdf import parse_pdf, pdf_text
from importers.records import ImportFailed
from importers.text import parse_minutes

from .documents import (
    APOLOGIES,
    EMPLOYEES,
    MEMBERS,
    flowing_minutes_pdf,
    minutes_docx,
    printed_minutes_pdf,
    running_head,
)

SEEDS = ["april_2016", "april_2017"]


def records(meeting):
    """What printed minutes carry of each item: no agenda text, documents, venue or contact."""
    return [
        (item.number, item.minute, item.title, item.minutes_text, item.resolutions, item.actions, item.references)
        for item in meeting.items
    ]


@pytest.fixture(scope="module", params=SEEDS)
def seed(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def seed_pdf(seed):
    return printed_minutes_pdf(seed)


@pytest.fixture(scope="module")
def seed_docx(seed):
    return minutes_docx(seed)


# -- the seeds, printed ----------------------------------------------------------------------


def test_the_printed_pdf_is_what_the_test_says_it_is(seed, seed_pdf):
    """Several pages, each with the running head, "Page n of N" and "Chair's initials", and at least
    one word hyphenated across a page break: the damage the reader must undo is really there."""
    document = pypdfium2.PdfDocument(seed_pdf)
    pages = [document[number].get_textpage().get_text_range() for number in range(len(document))]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert running_head(seed) in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Chair's initials" in text
    assert "Councillor J Birdi" in pages[0]


def test_a_paragraph_across_a_page_break_is_one_paragraph_and_a_broken_word_whole():
    sentence = "The committee discussed the arrangements for consultation with residents and businesses"
    long = " ".join(f"{sentence} number {n}." for n in range(1, 90))
    meeting = parse_minutes(
        f"Agenda and minutes\n\nAudit Panel - Thursday, 14th April, 2016 2.00 pm\n\n"
        f"5.\n\nConsultation\n\nMinutes:\n\n{long}\n\nRESOLVED that the report be noted.\n"
    )
    data = printed_minutes_pdf(meeting)
    document = pypdfium2.PdfDocument(data)
    pages = [document[number].get_textpage().get_text_range() for number in range(len(document))]
    assert len(pages) >= 2 and any(re.search(r"[a-z]-$", page) for page in pages)  # "busin-" ends a page
    (item,) = parse_pdf(data).items
    assert item.minutes_text == f"{long}\n\nRESOLVED that the report be noted."


def test_a_printed_pdf_gives_the_seeds_records(seed, seed_pdf):
    meeting = parse_pdf(seed_pdf, "printed-minutes.pdf")
    assert (meeting.committee, meeting.date, meeting.time) == (seed.committee, seed.date, seed.time)
    assert records(meeting) == records(seed)
    assert meeting.warnings == ()
    assert (meeting.venue, meeting.contact.email) == ("", "")  # printed minutes carry none


def test_a_word_processors_justified_pdf_gives_the_seeds_records(seed):
    meeting = parse_pdf(flowing_minutes_pdf(seed), "minutes.pdf")
    assert (meeting.committee, meeting.date, meeting.time) == (seed.committee.upper(), seed.date, seed.time)
    assert records(meeting) == records(seed)
    assert meeting.warnings == ()


def test_a_word_document_gives_the_seeds_records(seed, seed_docx):
    meeting = parse_docx(seed_docx, "minutes.docx")
    assert (meeting.committee, meeting.date, meeting.time) == (seed.committee, seed.date, seed.time)
    assert records(meeting) == records(seed)
    assert meeting.warnings == ()


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_no_page_furniture_or_attendance_reaches_an_item(seed, seed_pdf, seed_docx, kind):
    meeting = parse_pdf(seed_pdf) if kind == "pdf" else parse_docx(seed_docx)
    printed = "\n".join(f"{item.title}\n{item.agenda_text}\n{item.minutes_text}" for item in meeting.items)
    for furniture in ["Page ", "Chair's initials", running_head(seed), "Present:", "Members:", APOLOGIES]:
        assert furniture not in printed
    for name in [*MEMBERS, *EMPLOYEES]:
        assert name not in printed


def test_the_text_read_from_a_pdf_keeps_the_attendance_columns_apart_and_drops_the_furniture(april_2017):
    text = pdf_text(printed_minutes_pdf(april_2017)).splitlines()
    assert text[:4] == [
        "Education and Children's Services Scrutiny Board (2)",
        "",
        "Minutes of the meeting held at 2.00 pm on Thursday, 27 April 2017",
        "",
    ]
    assert "Councillor R Sandy (Chair)" in text
    assert "Councillor J Birdi" in text  # the second column, a line of its own
    assert not [line for line in text if line.startswith(("Page ", "Chair's initials", running_head(april_2017)))]


def test_word_numbering_is_drawn_as_word_draws_it(april_2016):
    """The item numbers are Word's list numbering, not typed text; a lettered list restarts."""
    text = docx_text(minutes_docx(april_2016)).splitlines()
    assert "69. Declarations of Interests" in text
    assert "76. Any Other Business" in text
    lettered = [line for line in text if line[:3] in ("a. ", "b. ", "e. ")]
    assert [line[:2] for line in lettered] == ["a.", "b.", "e."]
    assert any(line.startswith("2. To ensure the updated supervision policy") for line in text)


def test_a_pdf_without_bold_headings_is_read_from_its_text(april_2017):
    """No structure to go by (every line in one font): the items come from the text's own shape."""
    meeting = parse_pdf(printed_minutes_pdf(april_2017, bold_headings=False))
    assert [(item.number, item.title) for item in meeting.items] == [
        (item.number, item.title) for item in april_2017.items
    ]
    assert [item.resolutions for item in meeting.items] == [item.resolutions for item in april_2017.items]


# -- documents that cannot be read ------------------------------------------------------------------


def failure(parse, data):
    with pytest.raises(ImportFailed) as raised:
        parse(data, "bad-document")
    return str(raised.value)


def test_a_scanned_pdf_with_no_text_fails_clearly():
    image = Image.new("L", (400, 200), color=255)
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(image), 72, 500, width=400, height=200)
    pdf.showPage()
    pdf.save()
    assert failure(parse_pdf, buffer.getvalue()) == (
        "bad-document:0: this PDF has no text: it is a scanned image (it needs OCR, or the council's text version)"
    )


def test_an_encrypted_pdf_fails_clearly(april_2017):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt="secret")
    pdf.drawString(72, 700, "Cabinet - Tuesday, 3rd March, 2020 10.00 am")
    pdf.showPage()
    pdf.save()
    assert failure(parse_pdf, buffer.getvalue()) == (
        "bad-document:0: the PDF is encrypted with a password: it cannot be read"
    )


def test_a_damaged_pdf_fails_clearly(april_2017):
    data = printed_minutes_pdf(april_2017)
    assert failure(parse_pdf, data[: len(data) // 3]).startswith(
        "bad-document:0: the PDF is damaged and cannot be read"
    )


def test_a_zip_bomb_named_docx_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (40 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100_000
    assert failure(parse_docx, data) == (
        "bad-document:0: the Word document unpacks to 41,943,048 bytes in 2 parts: "
        "it is refused as a zip bomb (or far larger than any minutes)"
    )


def test_an_old_word_document_or_a_protected_one_fails_clearly():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert failure(parse_docx, ole) == (
        "bad-document:0: this is a Word 97-2003 document (.doc) or a password-protected Office file: "
        "save it as a .docx (without a password) or a PDF"
    )


def test_a_macro_enabled_word_document_is_refused(april_2017):
    source = zipfile.ZipFile(io.BytesIO(minutes_docx(april_2017)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            archive.writestr(entry, data)
    assert failure(parse_docx, buffer.getvalue()) == (
        "bad-document:0: a macro-enabled Word document (.docm) is not read: save it as a .docx"
    )


def test_a_word_document_with_no_items_fails_as_a_text_page_does():
    document = Document()
    document.add_paragraph("Notes from the away day")
    document.add_paragraph("We talked about many things.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert failure(parse_docx, buffer.getvalue()) == (
        'bad-document:1: no agenda items found: is this an "Agenda and minutes" page?'
    )


# -- what else a council's PDF may hold ------------------------------------------------------------

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # reportlab's own font, with ligatures


def small_pdf(*, encrypt=None, watermark: str = "", scanned_page: bool = False) -> bytes:
    """A one-item printed minutes PDF: its body set in a font with ligatures ("ﬁ", "ﬂ")."""
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(VERA)))
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, encrypt=encrypt)
    for y, text, font in [
        (780, "Licensing Committee", "Helvetica-Bold"),
        (760, "Minutes of the meeting held on Tuesday, 7 March 2023", "Helvetica"),
        (720, "1. Flood Plan", "Helvetica-Bold"),
        (700, "The Committee ﬁnalised the ﬂood plan.", "Vera"),
    ]:
        pdf.setFont(font, 11)
        pdf.drawString(72, y, text)
    if watermark:
        pdf.saveState()
        pdf.translate(200, 300)
        pdf.rotate(45)
        pdf.setFont("Helvetica-Bold", 60)
        pdf.drawString(0, 0, watermark)
        pdf.restoreState()
    pdf.showPage()
    if scanned_page:
        pdf.drawImage(ImageReader(Image.new("L", (300, 400), color=200)), 72, 300, width=300, height=400)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_ligatures_are_letters_and_a_watermark_across_the_page_is_no_text():
    meeting = parse_pdf(small_pdf(watermark="DRAFT"))
    assert [(item.number, item.title, item.minutes_text) for item in meeting.items] == [
        ("1", "Flood Plan", "The Committee finalised the flood plan.")
    ]
    assert "DRAFT" not in pdf_text(small_pdf(watermark="DRAFT"))


def test_a_pdf_only_restricted_against_copying_opens_without_a_password():
    restricted = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0, canModify=0)
    data = small_pdf(encrypt=restricted)
    assert b"/Encrypt" in data
    assert [item.title for item in parse_pdf(data).items] == ["Flood Plan"]


def test_a_scanned_page_among_pages_of_text_is_a_warning():
    meeting = parse_pdf(small_pdf(scanned_page=True), "minutes.pdf")
    assert [str(warning) for warning in meeting.warnings] == [
        "line 0: page 2 has no text (scanned images?): whatever minutes they hold are not imported"
    ]


def test_a_running_head_that_repeats_the_title_leaves_the_title_and_a_dated_line_is_no_page_number():
    """Every page's head is the committee's name, as the first page's bold title is; the date
    line stands in the top margin of the first page."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4)
    for page in range(1, 4):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 810, "Cabinet")
        pdf.drawCentredString(297, 30, str(page))
        lines = (
            [(770, "Cabinet", "Helvetica-Bold", 14), (752, "Monday 2 April 2012", "Helvetica", 11)] if page == 1 else []
        )
        lines += [
            (700, f"{page}. Item {page}", "Helvetica-Bold", 11),
            (680, f"The Cabinet noted report {page}.", "Helvetica", 11),
        ]
        for y, text, font, size in lines:
            pdf.setFont(font, size)
            pdf.drawString(72, y, text)
        pdf.showPage()
    pdf.save()
    meeting = parse_pdf(buffer.getvalue())
    assert (meeting.committee, meeting.date) == ("Cabinet", datetime.date(2012, 4, 2))
    assert [(item.number, item.title, item.minutes_text) for item in meeting.items] == [
        (str(n), f"Item {n}", f"The Cabinet noted report {n}.") for n in (1, 2, 3)
    ]


def test_word_minutes_laid_out_in_a_table_of_numbers_and_items():
    """A common Word layout: a two-column table, the minute number in the first cell, the bold
    title and the minutes in the second."""
    document = Document()
    document.add_paragraph("Planning Committee", style="Title")
    document.add_paragraph("Minutes of the meeting held on Wednesday 8 March 2023 at 6.30 pm")
    table = document.add_table(rows=0, cols=2)
    for number, title, body in [
        ("12.", "Apologies", ["Apologies were received from Councillor Hart."]),
        (
            "13.",
            "23/0123/FUL Land at Mill Lane",
            ["The Committee considered the application.", "RESOLVED that permission be granted."],
        ),
    ]:
        cells = table.add_row().cells
        cells[0].text = number
        cells[1].paragraphs[0].add_run(title).bold = True
        for paragraph in body:
            cells[1].add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    meeting = parse_docx(buffer.getvalue())
    assert (meeting.committee, meeting.date, meeting.time) == (
        "Planning Committee",
        datetime.date(2023, 3, 8),
        datetime.time(18, 30),
    )
    assert [(item.number, item.title, item.minutes_text) for item in meeting.items] == [
        ("12", "Apologies", "Apologies were received from Councillor Hart."),
        (
            "13",
            "23/0123/FUL Land at Mill Lane",
            "The Committee considered the application.\n\nRESOLVED that permission be granted.",
        ),
    ]


def stream_bomb(megabytes: int) -> bytes:
    """A one-page PDF whose content stream is under half a megabyte packed and `megabytes` unpacked."""
    packer = zlib.compressobj(9)
    chunk = b"0 0 m " * (1024 * 1024 // 6)
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(data)
    data += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return data + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % table


def test_a_pdf_that_unpacks_past_the_readers_memory_is_refused_and_the_next_one_read(monkeypatch, april_2017):
    monkeypatch.setattr(pdf, "MAX_MEMORY", 64 * 1024 * 1024)
    bomb = stream_bomb(300)
    assert len(bomb) < 1024 * 1024
    assert failure(parse_pdf, bomb) == (
        "bad-document:0: reading the PDF took more than 64 MB of memory or 60 s: it is refused "
        "(damaged, or made to exhaust a reader)"
    )
    assert len(parse_pdf(printed_minutes_pdf(april_2017)).items) == 9  # a new reader reads the next


def test_a_heading_whose_number_is_not_bold_is_still_a_heading():
    """Item 4's heading is bold throughout, item 5's number is in the body's weight: both are items."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 780, "Licensing Committee")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 760, "Minutes of the meeting held on Tuesday, 7 March 2023")
    y = 720
    for number, title, text, number_font in [
        (4, "Apologies", "None were received.", "Helvetica-Bold"),
        (5, "Street Trading", "The Committee noted the report.", "Helvetica"),
    ]:
        pdf.setFont(number_font, 11)
        pdf.drawString(72, y, f"{number}.")
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(90, y, title)
        pdf.setFont("Helvetica", 11)
        pdf.drawString(90, y - 16, text)
        y -= 50
    pdf.showPage()
    pdf.save()
    meeting = parse_pdf(buffer.getvalue())
    assert [(item.number, item.title, item.minutes_text) for item in meeting.items] == [
        ("4", "Apologies", "None were received."),
        ("5", "Street Trading", "The Committee noted the report."),
    ]
