"""Documents that hold no meeting fail with PATH:LINE: reason; odd encodings still read."""

import datetime

import pytest

from importers.records import ImportFailed
from importers.text import decode_document, parse_minutes, read_document

from .conftest import DATA, parse_path


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("empty.txt", 1, "the file is empty"),
        ("not-minutes.txt", 1, 'no agenda items found: is this an "Agenda and minutes" page?'),
        ("undecodable-bytes.txt", 7, "undecodable byte 0x81: not UTF-8 or Windows-1252"),
        (
            "no-header.txt",
            1,
            "no meeting committee or date found in the page header; "
            "give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]",
        ),
    ],
)
def test_a_document_without_a_meeting_fails_naming_file_line_and_reason(name, line, reason):
    path = DATA / name
    with pytest.raises(ImportFailed) as failure:
        parse_path(path)
    assert (failure.value.line, failure.value.reason) == (line, reason)
    assert str(failure.value) == f"{path}:{line}: {reason}"


def test_a_missing_file_fails_with_the_system_reason():
    with pytest.raises(ImportFailed, match=r"nowhere\.txt:0: No such file or directory"):
        read_document(DATA / "nowhere.txt")


def test_binary_data_is_not_a_minutes_document():
    with pytest.raises(ImportFailed, match=r"^x\.pdf:2: this is a binary file"):
        decode_document(b"%PDF-1.4\n\x00\x01\x02", "x.pdf")


def test_a_page_without_a_header_imports_with_committee_and_date_given():
    meeting = parse_path(
        DATA / "no-header.txt", committee="Cabinet", date=datetime.date(2019, 6, 5), time=datetime.time(10, 30)
    )
    assert (meeting.committee, meeting.date, meeting.time) == (
        "Cabinet",
        datetime.date(2019, 6, 5),
        datetime.time(10, 30),
    )
    assert [(i.number, i.title, i.minute) for i in meeting.items] == [
        ("12", "Apologies for Absence", "12/19"),
        ("13", "Budget Monitoring", "13/19"),
    ]


def test_given_values_override_a_header_read_wrongly():
    meeting = parse_path(DATA / "utf8-bom.txt", committee="Planning Committee (East)")
    assert meeting.committee == "Planning Committee (East)"
    assert meeting.date == datetime.date(2017, 7, 3)


def test_windows_1252_with_crlf_line_endings():
    meeting = parse_path(DATA / "windows-1252-crlf.txt")
    assert meeting.items[0].title == "Café licence – fees"
    assert meeting.items[0].minutes_text == "The Committee noted the “new” fees of £120."
    assert meeting.time == datetime.time(18, 0)


def test_utf8_with_a_byte_order_mark():
    meeting = parse_path(DATA / "utf8-bom.txt")
    assert meeting.committee == "Planning Committee"
    assert meeting.items[0].minutes_text == "None."


def test_a_bare_carriage_return_file_reads_as_lines():
    text = "Agenda and minutes\rCabinet - 5 June 2019 10.00 am\r1.\rApologies\rMinutes:\rNone received.\r"
    meeting = parse_minutes(text, "cr.txt")
    assert (meeting.committee, meeting.items[0].minutes_text) == ("Cabinet", "None received.")
