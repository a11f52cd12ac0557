"""ModernGov's web service (importers/webservice.py): its answers read into the same records as
the pages, and the crawler using it where a site answers it (a local site on 127.0.0.1)."""

import datetime

import pytest
from django.core.management import call_command

from importers import webservice
from importers.html import parse_html
from importers.records import ImportFailed
from meetings.models import FetchedPage, Item, Meeting, SourceDocument

from .conftest import DATA
from .council_site import service_committees, service_meeting, service_meetings, start_site
from .factories import reparse_changes_nothing

PAGE_2017 = DATA / "moderngov" / "2017-04-27.html"
PAGE_2016 = DATA / "moderngov" / "2016-04-14.html"
SITE = "https://edemocracy.example.gov.uk/"
COMMITTEE = "Education and Children's Services Scrutiny Board (2)"
VENUE = "Committee Room 3 - Council House"


def records(meeting):
    """Everything a reader sees of each item; a document by its title and address (the service
    gives no sizes)."""
    return [
        (
            item.number,
            item.minute,
            item.title,
            item.introduction,
            item.agenda_text,
            item.minutes_text,
            item.resolutions,
            item.actions,
            item.references,
            [(document.title, document.url) for document in item.documents],
        )
        for item in meeting.items
    ]


@pytest.mark.parametrize(
    ("page", "date", "venue"),
    [(PAGE_2017, "27/04/2017", VENUE), (PAGE_2016, "14/04/2016", "Diamond Rooms 1 and 2 - Council House")],
)
def test_a_meeting_from_the_service_gives_the_records_its_page_gives(page, date, venue):
    data = page.read_bytes()
    from_page = parse_html(data, SITE + "ieListDocuments.aspx?CId=130&MId=11234&Ver=4")
    answer = service_meeting(data, 11234, date, "2.00 pm", venue, SITE)
    page_url = webservice.meeting_page_url(SITE, 130, 11234)
    from_service = webservice.parse_meeting(answer, "GetMeeting", committee=COMMITTEE, page_url=page_url)
    assert records(from_service) == records(from_page)
    assert (from_service.committee, from_service.date, from_service.time, from_service.venue) == (
        from_page.committee,
        from_page.date,
        from_page.time,
        from_page.venue,
    )
    assert from_service.source == "https://edemocracy.example.gov.uk/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    assert len(from_service.items) in (8, 9)


def test_committees_and_meetings_as_the_pages_give_them():
    committees = service_committees({130: COMMITTEE, 131: "Cabinet"})
    assert webservice.read_committees(committees) == [
        webservice.CommitteeLink(130, COMMITTEE),
        webservice.CommitteeLink(131, "Cabinet"),
    ]
    meetings = service_meetings(
        130, COMMITTEE, [(11299, "18/05/2017", "2.00 pm", "Cancelled"), (11234, "27/04/2017", "2.00 pm", "Confirmed")]
    )
    assert webservice.read_meetings(meetings, SITE) == [
        webservice.MeetingLink(130, 11299, SITE + "mgWebService.asmx/GetMeeting?lMeetingId=11299",
                               datetime.date(2017, 5, 18), datetime.time(14, 0), called_off=True),
        webservice.MeetingLink(130, 11234, SITE + "mgWebService.asmx/GetMeeting?lMeetingId=11234",
                               datetime.date(2017, 4, 27), datetime.time(14, 0)),
    ]  # fmt: skip


def test_an_answer_that_names_no_committee_or_is_not_xml_fails_clearly():
    answer = service_meeting(PAGE_2017.read_bytes(), 11234, "27/04/2017", "2.00 pm", VENUE, SITE)
    with pytest.raises(ImportFailed) as failure:
        webservice.parse_meeting(answer, "GetMeeting")
    assert failure.value.reason == "no meeting committee: the service's answer names none"
    with pytest.raises(ImportFailed) as failure:
        webservice.parse_meeting(b"<meeting><agendaitems>", "GetMeeting", committee="Cabinet")
    assert failure.value.reason.startswith("the web service's answer is not well-formed XML")


def test_entities_in_an_answer_are_never_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE meeting [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b"<meeting><meetingdate>27/04/2017</meetingdate><agendaitems><agendaitem>"
        b"<agendaitemtitle>Budget</agendaitemtitle><agendatext>To agree &b; the budget.</agendatext>"
        b"</agendaitem></agendaitems></meeting>"
    )
    (item,) = webservice.parse_meeting(bomb, "GetMeeting", committee="Cabinet").items
    assert item.title == "Budget"
    assert "aaaaaaaaaa" not in item.agenda_text


# -- the crawler ---------------------------------------------------------------------------------


@pytest.fixture
def service_site():
    """The local site, answering the web service for committee 130: two meetings with minutes,
    one agenda (whose minutes the service does not carry yet) and one cancelled meeting."""
    site = start_site()
    base = site.url
    site.service["GetCommittees"] = service_committees({130: COMMITTEE, 131: "Cabinet", 132: "Licensing Committee"})
    site.service["GetMeetings 130"] = service_meetings(
        130,
        COMMITTEE,
        [
            (10873, "14/04/2016", "2.00 pm", "Confirmed"),
            (11234, "27/04/2017", "2.00 pm", "Confirmed"),
            (11299, "18/05/2017", "2.00 pm", "Cancelled"),
            (11350, "15/06/2017", "2.00 pm", "Confirmed"),
        ],
    )
    whole = {"71.": (DATA / "moderngov" / "item-71-full-minutes.html").read_bytes()}  # cut short on its page
    for number, page, date in [(10873, PAGE_2016, "14/04/2016"), (11234, PAGE_2017, "27/04/2017")]:
        answer = service_meeting(page.read_bytes(), number, date, "2.00 pm", VENUE, base, full_minutes=whole)
        site.service[f"GetMeeting {number}"] = answer
    agenda = DATA / "moderngov" / "site" / "agenda-2017-06-15.html"
    site.service["GetMeeting 11350"] = service_meeting(agenda.read_bytes(), 11350, "15/06/2017", "2.00 pm", VENUE, base)
    yield site
    site.server.stop()


def crawl(site, *arguments):
    call_command("crawl_moderngov", site.url, "--committee", "130", "--delay", "0", "--contact", "x@example.org",
                 *arguments)  # fmt: skip


@pytest.mark.django_db
def test_the_crawler_uses_the_service_where_the_site_answers_it(service_site, capsys):
    site = service_site
    crawl(site)
    out = capsys.readouterr().out.splitlines()
    # GetCommittees, GetMeetings, three GetMeeting answers, and the agenda's page
    assert out[-1] == "pages: 6 fetched, 0 not modified, 0 failed; meetings: 3 new, 0 replaced, 0 unchanged, 0 failed"
    assert sorted((m.date.isoformat(), m.items.count(), m.source_meeting_id) for m in Meeting.objects.all()) == [
        ("2016-04-14", 8, 10873),
        ("2017-04-27", 9, 11234),
        ("2017-06-15", 2, 11350),
    ]
    # The meetings with minutes came from the service alone; the agenda from its page.
    assert site.requested("/ieListDocuments.aspx?CId=130&MId=11234&Ver=4") == []
    assert site.requested("/mgListCommittees.aspx") == []
    assert len(site.requested("/ieListDocuments.aspx?CId=130&MId=11350&Ver=4")) == 1
    assert not [entry for entry in site.log if "11299" in entry.page]  # cancelled: never asked for
    meeting = Meeting.objects.get(source_meeting_id=11234)
    assert meeting.source == site.page_url("/ieListDocuments.aspx?CId=130&MId=11234&Ver=4")
    assert meeting.venue == VENUE
    kept = meeting.source_documents.get()
    assert (kept.name, kept.content_type, kept.overrides["committee"]) == (
        site.page_url("/mgWebService.asmx/GetMeeting?lMeetingId=11234"),
        "application/xml",
        COMMITTEE,
    )


@pytest.mark.django_db
def test_the_service_and_the_pages_import_the_same_meeting_alike(service_site):
    site = service_site
    crawl(site)
    from_service = _meeting_records()
    Meeting.objects.all().delete()
    FetchedPage.objects.all().delete()  # as if the site had never been crawled
    site.service.clear()  # the site stops answering the service: the pages are read
    crawl(site)
    assert site.requested("/ieListDocuments.aspx?CId=130&MId=11234&Ver=4") != []
    assert _meeting_records() == from_service


def _meeting_records():
    return [
        (item.meeting.date, item.number, item.title, item.agenda_text, item.minutes_text,
         [res.text for res in item.resolutions.all()], [action.text for action in item.actions.all()],
         [ref.text for ref in item.references.all()])
        for item in Item.objects.select_related("meeting").order_by("meeting__date", "order")
    ]  # fmt: skip


@pytest.mark.django_db
def test_an_unchanged_answer_changes_nothing_and_reparse_reads_the_answer_again(service_site, capsys):
    site = service_site
    crawl(site)
    items = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    crawl(site)
    # The agenda's answer is asked for again in full (its page may have gained printed minutes the
    # service does not carry), its page conditionally.
    assert capsys.readouterr().out.splitlines()[-1] == (
        "pages: 1 fetched, 5 not modified, 0 failed; meetings: 0 new, 0 replaced, 3 unchanged, 0 failed"
    )
    reparse_changes_nothing(capsys, 3)
    assert list(Item.objects.order_by("pk").values_list("pk", flat=True)) == items
    assert SourceDocument.objects.filter(content_type="application/xml").count() == 2
