"""The ModernGov HTML parser: the same records as the text parser, read from the page's structure."""

import datetime

import pytest

from importers.html import is_html, item_page_links, page_url, parse_html, parse_item_page, parse_meeting_page
from importers.records import Contact, ImportFailed, ParsedDocument, meeting_as_dict
from importers.text import parse_minutes, read_document

from .conftest import APRIL_2016, APRIL_2017, DATA

HTML = DATA / "moderngov"
D = datetime.date
T = datetime.time
SEED_PAGE = "https://edemocracy.example.gov.uk/ieListDocuments.aspx?CId=130&MId={}&Ver=4"
ITEM_71_PAGE = "https://edemocracy.example.gov.uk/mgAi.aspx?ID=34511"
CABINET_PAGE = "https://democracy.example-borough.gov.uk/ieListDocuments.aspx?CId=5&MId=812&Ver=4"
DECISION_5_PAGE = "https://democracy.example-borough.gov.uk/ieDecisionDetails.aspx?AIId=7002"


def read(name: str) -> bytes:
    return (HTML / name).read_bytes()


def comparable(meeting) -> dict:
    """A meeting's JSON without what only one importer can know: where it was read from, and the
    addresses of documents (a page links them; saved text only names them)."""
    data = meeting_as_dict(meeting)
    data["source"] = None
    for item in data["items"]:
        for document in item["documents"]:
            document["url"] = None
    return data


@pytest.mark.parametrize(
    ("text", "page", "items"), [(APRIL_2017, "2017-04-27.html", 9), (APRIL_2016, "2016-04-14.html", 8)]
)
def test_text_and_html_of_one_meeting_give_the_same_records(text, page, items):
    from_text = parse_minutes(read_document(text), str(text))
    from_html = parse_html(read(page), page)
    assert comparable(from_html) == comparable(from_text)
    assert len(from_html.items) == items


def test_the_header_comes_from_the_subtitle_and_labelled_lines():
    meeting = parse_html(read("2017-04-27.html"), "saved.html")
    assert (meeting.source, meeting.committee, meeting.date, meeting.time, meeting.venue, meeting.contact) == (
        SEED_PAGE.format(11234),
        "Education and Children's Services Scrutiny Board (2)",
        D(2017, 4, 27),
        T(14, 0),
        "Committee Room 3 - Council House",
        Contact("Michelle Rose", "024 7683 3111", "michelle.rose@coventry.gov.uk"),
    )


def test_documents_keep_the_address_the_page_links():
    meeting = parse_html(read("2017-04-27.html"))
    assert meeting.items[1].documents == (
        ParsedDocument("Minutes", "PDF", 70, False, "https://edemocracy.example.gov.uk/documents/s34601/Minutes.pdf"),
    )


def test_a_page_without_canonical_link_uses_its_base_and_reads_windows_1252():
    meeting = parse_html(read("agenda-decisions-and-minutes.html"), "cabinet.html")
    assert meeting.source == CABINET_PAGE
    assert (meeting.committee, meeting.date, meeting.time, meeting.venue, meeting.contact) == (
        "Cabinet",
        D(2024, 3, 12),
        T(10, 0),
        "Council Chamber, Town Hall, High Street",
        Contact("Democratic Services", "(01234) 567890", ""),
    )
    fees = meeting.items[2]
    assert fees.agenda_text == "The Cabinet is asked to approve the fees and charges for 2024/25, raising £1.2m."


def test_decision_and_minutes_are_both_kept_and_each_resolution_counted_once():
    fees = parse_html(read("agenda-decisions-and-minutes.html")).items[2]
    assert [(res.label, res.text) for res in fees.resolutions] == [
        ("1", "the fees and charges for 2024/25 set out in Appendix A be approved."),
        ("2", "the Director of Finance report back on income from parking charges in September 2024."),
    ]
    assert fees.minutes_text.count("RESOLVED:") == 2
    assert [(a.kind, a.due) for a in fees.actions] == [("report", D(2024, 9, 1))]
    assert fees.documents == (
        ParsedDocument(
            "Fees and Charges 2024/25",
            "PDF",
            312,
            False,
            "https://democracy.example-borough.gov.uk/documents/s9001/Fees%20and%20Charges%202024-25.pdf",
        ),
        ParsedDocument(
            "Appendix A - schedule of charges",
            "PDF",
            95,
            True,
            "https://democracy.example-borough.gov.uk/documents/s9002/Appendix%20A%20schedule.pdf",
        ),
    )


def test_sub_item_rows_belong_to_their_item():
    meeting = parse_html(read("agenda-decisions-and-minutes.html"))
    assert [(item.number, item.title) for item in meeting.items] == [
        ("1", "Apologies for Absence"),
        ("3a", "Minutes of the previous meeting"),
        ("4", "Fees and Charges 2024/25"),
        ("5", "Local Plan Review"),
        ("6", "Urgent Business"),
    ]
    assert meeting.items[1].minutes_text.endswith("3b Matters arising\n\nThere were no matters arising.")


def test_lists_scripts_and_markup_in_minutes_are_read_as_text():
    urgent = parse_html(read("agenda-decisions-and-minutes.html")).items[4]
    assert urgent.agenda_text == "Any other items the Chair considers urgent."
    assert urgent.minutes_text == (
        'Councillor Reid asked about <script> tags & the "new" website; the Leader said a written response '
        "would be provided.\n\n· Tree planting in the Arboretum\n· Opening hours at Café Niño\n\n"
        "The meeting ended at 11.40 am."
    )
    assert [(a.kind, a.text) for a in urgent.actions] == [("information", urgent.minutes_text.split("\n")[0])]


def test_a_truncated_item_stays_marked_and_names_the_page_that_completes_it():
    meeting = parse_html(read("2016-04-14.html"))
    child_e = meeting.items[2]
    assert (child_e.number, child_e.truncated) == ("71", True)
    assert child_e.minutes_text.endswith("might have indicated any")
    assert item_page_links(read("2016-04-14.html")) == [ITEM_71_PAGE]


def test_a_truncated_item_is_completed_from_its_item_page():
    meeting = parse_meeting_page(read("2016-04-14.html"), item_pages={ITEM_71_PAGE: read("item-71-full-minutes.html")})
    child_e = meeting.items[2]
    assert child_e.truncated is False
    assert child_e.minutes_text.endswith("2) a progress report on the action plan be considered in October, 2016")
    assert [(res.label, res.text) for res in child_e.resolutions] == [
        ("1", "the findings of the Serious Case Review be noted"),
        ("2", "a progress report on the action plan be considered in October, 2016"),
    ]
    assert [(a.kind, a.due) for a in child_e.actions] == [("report", D(2016, 10, 1)), ("information", None)]
    assert [doc.title for doc in child_e.documents] == [
        "Serious Case Review - Child E",
        "Appendix - Child E overview report",
    ]
    assert [item.number for item in meeting.items] == ["69", "70", "71", "72", "73", "74", "75", "76"]


def test_an_item_that_only_links_its_decision_gains_it_from_the_decision_page():
    page = read("agenda-decisions-and-minutes.html")
    assert item_page_links(page) == [DECISION_5_PAGE]
    alone = parse_meeting_page(page).items[3]
    assert (alone.title, alone.minutes_text, alone.resolutions) == ("Local Plan Review", "", ())
    plan = parse_meeting_page(page, item_pages={DECISION_5_PAGE: read("decision-item-5.html")}).items[3]
    assert [res.text for res in plan.resolutions] == [
        "the Local Development Scheme timetable be approved and a further report on the draft plan be "
        "considered in January 2025."
    ]
    assert [(a.kind, a.due) for a in plan.actions] == [("report", D(2025, 1, 1))]


def test_an_item_page_read_alone_is_a_meeting_of_one_item():
    meeting = parse_html(read("item-71-full-minutes.html"), "item.html")
    assert (meeting.source, meeting.committee, meeting.date) == (
        ITEM_71_PAGE,
        "Education and Children's Services Scrutiny Board (2)",
        D(2016, 4, 14),
    )
    (item,) = meeting.items
    assert (item.number, item.minute, item.title, item.introduction) == (
        "71",
        "71/15",
        "Serious Case Review - Child E",
        "Report of the Local Safeguarding Children’s Board",
    )
    assert len(item.resolutions) == 2


def test_an_issue_page_gives_one_item_per_meeting_and_imports_the_first():
    pages = parse_item_page(read("issue-history-two-meetings.html"))
    assert [(page.committee, page.date, page.number) for page in pages] == [
        ("Cabinet", D(2011, 10, 5), "54"),
        ("Communities Scrutiny Board", D(2011, 9, 14), "31"),
    ]
    meeting = parse_html(read("issue-history-two-meetings.html"))
    assert [(item.number, item.title, [r.text for r in item.resolutions]) for item in meeting.items] == [
        ("54", "Libraries Strategy", ["the libraries strategy be approved."])
    ]
    assert (meeting.items[0].agenda_text, meeting.items[0].minutes_text) == (
        "",
        "RESOLVED that the libraries strategy be approved.",
    )
    assert [warning.message for warning in meeting.warnings] == [
        "this page lists further meetings; only the first was imported"
    ]


def test_only_web_addresses_are_kept_as_document_links():
    row = (
        '<tr><td><p class="mgAiTitleTxt">1.</p></td><td><p class="mgAiTitleTxt">'
        '<a class="mgAiTitleLnk" href="{}">Report PDF 10 KB</a></p></td></tr>'
    )
    page = (
        "<html><body><h2 class='mgSubTitleTxt'>Cabinet - 3 March 2020</h2><table class='mgItemTable'>"
        + row.format("javascript:alert(1)")
        + row.format("documents/s1/Report.pdf").replace("1.", "2.")
        + "</table></body></html>"
    )
    assert [item.documents[0].url for item in parse_html(page).items] == ["", ""]
    with_base = page.replace("<body>", '<head><base href="https://democracy.example.gov.uk/x.aspx"></head><body>')
    assert [item.documents[0].url for item in parse_html(with_base).items] == [
        "",
        "https://democracy.example.gov.uk/documents/s1/Report.pdf",
    ]


def test_a_page_of_another_structure_fails_with_a_clear_reason():
    with pytest.raises(ImportFailed) as failure:
        parse_html(read("not-moderngov.html"), "meetings.html")
    assert str(failure.value) == (
        "meetings.html:4: no ModernGov items table (table.mgItemTable) and no item page found, and read as "
        "text: no meeting committee or date found in the page header; give them with --committee NAME "
        "--date YYYY-MM-DD [--time HH:MM]"
    )


def test_a_councils_own_page_is_read_as_its_text():
    """Not ModernGov's: a council's own web page of minutes is read from the text a browser shows
    of its content (its <main>), by the text parser's rules."""
    meeting = parse_html((DATA / "own-pages" / "licensing-committee-2021-03-02.html").read_bytes(), "own.html")
    assert (meeting.committee, meeting.date, meeting.time, meeting.venue) == (
        "Licensing Committee",
        datetime.date(2021, 3, 2),
        datetime.time(19, 0),
        "Council Chamber, Ashcombe House",
    )
    assert [(item.number, item.title) for item in meeting.items] == [
        ("1", "Apologies for absence"),
        ("2", "Minutes of the meeting held on 2 February 2021"),
        ("3", "Taxi licensing policy"),
    ]
    assert [res.text for res in meeting.items[2].resolutions] == ["the revised policy be adopted from 1 April 2021."]
    assert meeting.items[2].minutes_text == (
        "The Committee considered the revised policy following consultation with the trade.\n\n"
        "AGREED that the revised policy be adopted from 1 April 2021.\n\nRelated files\n\n"
        "· Taxi licensing policy (PDF, 210 KB)"
    )
    assert meeting.warnings == ()


def test_a_page_without_a_date_names_the_options():
    page = read("2017-04-27.html").replace(b"Thursday, 27th April, 2017 2.00 pm", b"").replace(b"<title>", b"<x>")
    with pytest.raises(ImportFailed) as failure:
        parse_html(page, "saved.html")
    assert str(failure.value) == (
        "saved.html:33: no meeting committee or date found on the page; "
        "give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]"
    )
    meeting = parse_html(page, "saved.html", committee="Education Scrutiny Board", date=D(2017, 4, 27))
    assert (meeting.committee, meeting.date, len(meeting.items)) == ("Education Scrutiny Board", D(2017, 4, 27), 9)


def test_html_is_told_from_text_by_content():
    assert is_html(read("2017-04-27.html"))
    assert is_html(b"\xef\xbb\xbf\n  <html><body></body></html>")
    assert is_html(b'<table class="mgItemTable"><tr></tr></table>')
    assert not is_html(APRIL_2017.read_bytes())
    assert not is_html(b"Agenda and minutes\n<b>bold</b>")


def test_page_url_prefers_the_canonical_link():
    assert page_url(read("2017-04-27.html")) == SEED_PAGE.format(11234)
    assert page_url(b"<html><head><base href='/relative/'></head></html>") == ""


RESOLVED_MID_SENTENCE = """<html><body>
<h2 class="mgSubTitleTxt">Licensing Committee - Tuesday, 3rd March, 2020 10.00 am</h2>
<table class="mgItemTable">
<tr><td><p>4.</p></td><td><p class="mgAiTitleTxt">Street Trading Policy</p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<p class="MsoNormal">Members noted that the Council <b>Resolved</b> in 2019 to review the policy.</p>
<p class="MsoNormal">It was agreed that the revised policy be approved.</p>
</td></tr></table></body></html>"""

RESOLVED_MID_SENTENCE_AS_TEXT = """Licensing Committee - Tuesday, 3rd March, 2020 10.00 am

4.
Street Trading Policy
Minutes:
Members noted that the Council Resolved in 2019 to review the policy.

It was agreed that the revised policy be approved.
"""


def test_a_page_says_resolved_only_where_a_reader_sees_the_word_start_a_line_or_in_capitals():
    # "Resolved" in bold inside a sentence is not a page that writes its decisions "Resolved ...":
    # as in saved text, the outcome sentence stands in for the resolution.
    from_html = parse_html(RESOLVED_MID_SENTENCE, "page.html")
    from_text = parse_minutes(RESOLVED_MID_SENTENCE_AS_TEXT, "page.txt")
    assert comparable(from_html) == comparable(from_text)
    assert [resolution.text for resolution in from_html.items[0].resolutions] == [
        "It was agreed that the revised policy be approved."
    ]


def test_an_items_table_the_site_left_unnamed_is_found_by_its_number_cells():
    page = (
        read("2017-04-27.html")
        .replace(b'class="mgItemTable" id="mgItemTable"', b'class="items"')
        .replace(b'<table class="mgItemTable"', b'<table class="items"')
    )
    assert b"mgItemTable" not in page
    assert comparable(parse_html(page, "saved.html")) == comparable(parse_html(read("2017-04-27.html")))
