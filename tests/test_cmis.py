"""CMIS sites: their pages read (importers/cmis.py), and `crawl_cmis` against a CMIS site on
127.0.0.1 importing each meeting from the minutes document its page lists."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from importers import cmis
from importers.moderngov import CommitteeLink, MeetingLink
from meetings.crawl import CMIS_AHEAD
from meetings.models import Item, Meeting, Source

from .cmis_site import SCRUTINY, calendar_path, meeting_path, start_cmis_site
from .documents import minutes_docx, printed_minutes_pdf
from .factories import reparse_changes_nothing

BASE = "https://cmis.example.gov.uk"
D = datetime.date


def test_the_month_calendar_is_found_from_any_link_of_the_meetings_module():
    page = '<a href="/council/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/1/Committee/4/Default.aspx">x</a>'
    assert cmis.calendar_template(page, BASE + "/council/Meetings.aspx") == (
        BASE + "/council/Meetings/tabid/70/ctl/MeetingCalendarPublicNoJava/mid/397/Date/{date}/Default.aspx"
    )
    assert cmis.calendar_template("<p>No meetings module here</p>", BASE) == ""


def test_a_month_calendar_and_a_list_view_give_meetings_with_their_committees():
    month = (
        '<table><tr><td class="SimpleCalendarDate">Tuesday, 25 April</td><td>'
        f'<p><a href="{meeting_path(510, 9)}">18:00 Planning Panel</a></p>'
        f'<p><a href="{meeting_path(504, 4)}">14:00 Licensing Committee</a> CANCELLED</p></td></tr></table>'
    )
    assert cmis.calendar_meetings(month, BASE, D(2017, 4, 1)) == [
        (
            CommitteeLink(9, "Planning Panel"),
            MeetingLink(9, 510, BASE + meeting_path(510, 9), D(2017, 4, 25), datetime.time(18, 0)),
        ),
        (
            CommitteeLink(4, "Licensing Committee"),
            MeetingLink(4, 504, BASE + meeting_path(504, 4), D(2017, 4, 25), datetime.time(14, 0), called_off=True),
        ),
    ]
    listing = (
        f'<table><tr><td><a href="{meeting_path(42, 4)}">9 Jul 2026 11:00 - Planning Committee</a></td></tr></table>'
    )
    assert cmis.calendar_meetings(listing, BASE, D(2026, 12, 1)) == [
        (
            CommitteeLink(4, "Planning Committee"),
            MeetingLink(4, 42, BASE + meeting_path(42, 4), D(2026, 7, 9), datetime.time(11, 0)),
        )
    ]


def test_the_minutes_document_is_the_final_minutes_never_the_agenda_pack():
    page = (
        '<ol><li><a href="Document.ashx?id=1">Agenda Reports Pack</a></li>'
        '<li><a href="Document.ashx?id=2">Draft Minutes 16042026</a></li>'
        '<li><a href="Document.ashx?id=3">Final Planning Minutes 16042026</a></li>'
        '<li><a href="Document.ashx?id=4">Minutes appendix</a></li></ol>'
    )
    assert cmis.minutes_document(page, BASE + "/council/x") == (
        "Final Planning Minutes 16042026",
        BASE + "/council/Document.ashx?id=3",
    )
    assert cmis.minutes_document('<a href="Document.ashx?id=1">Agenda</a>', BASE) is None


def test_months_runs_from_the_first_month_to_the_last():
    assert cmis.months(D(2016, 11, 20), D(2017, 2, 3)) == [D(2016, 11, 1), D(2016, 12, 1), D(2017, 1, 1), D(2017, 2, 1)]


# -- the crawler ---------------------------------------------------------------------------------


@pytest.fixture
def cmis_site(april_2016, april_2017):
    site = start_cmis_site(printed_minutes_pdf(april_2017), minutes_docx(april_2016))
    yield site
    site.server.stop()


def crawl_cmis(site, *arguments):
    call_command("crawl_cmis", site.calendar_url, "--since", "2016-04-01", "--delay", "0", "--contact",
                 "x@example.org", *arguments)  # fmt: skip


@pytest.mark.django_db
def test_a_cmis_site_is_crawled_from_its_calendar_and_each_meetings_minutes_document(
    cmis_site, april_2016, april_2017, capsys, client
):
    crawl_cmis(cmis_site, "--committee", "4")
    assert capsys.readouterr().out.splitlines()[-1].endswith("meetings: 3 new, 0 replaced, 0 unchanged, 0 failed")
    source = Source.objects.get()
    assert (source.system, source.url) == ("cmis", cmis_site.calendar_url)
    imported = {meeting.date: meeting for meeting in Meeting.objects.select_related("committee")}
    assert sorted(imported) == [D(2016, 4, 14), D(2016, 6, 9), D(2017, 4, 27)]
    inline = imported[D(2016, 6, 9)]  # the page printed its minutes: no document
    assert [(item.number, item.title) for item in inline.items.order_by("order")] == [
        ("1", "Apologies"),
        ("2", "School Places"),
    ]
    assert [res.text for res in inline.items.get(number="2").resolutions.all()] == [
        "a further report be considered in October 2016."
    ]
    for seed in (april_2016, april_2017):
        meeting = imported[seed.date]
        assert meeting.committee.name == SCRUTINY
        assert meeting.start_time == datetime.time(14, 0)
        items = list(meeting.items.order_by("order"))
        assert [(item.number, item.title, item.minutes_text) for item in items] == [
            (item.number, item.title, item.minutes_text) for item in seed.items
        ]
    meeting = imported[D(2017, 4, 27)]
    assert meeting.source == cmis_site.url(meeting_path(501, 4))
    assert meeting.source_meeting_id == 501
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Imported from the printed minutes (a PDF document) on " in html
    # The agenda with no minutes yet, the cancelled meeting, the agenda pack and the other
    # committee's meeting are never imported; the last three never even asked for.
    assert cmis_site.requested(meeting_path(503, 4)) == 1
    assert cmis_site.requested(meeting_path(504, 4)) == 0
    assert cmis_site.requested("/council/Document.ashx?id=agenda501") == 0
    assert cmis_site.requested(meeting_path(510, 9)) == 0
    assert cmis_site.requested(calendar_path("2016-04-01")) == 1


@pytest.mark.django_db
def test_a_second_cmis_crawl_changes_nothing_and_reparse_reads_the_documents_again(cmis_site, capsys):
    crawl_cmis(cmis_site, "--committee", SCRUTINY)
    items = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    capsys.readouterr()
    crawl_cmis(cmis_site)  # the committees followed are the source's, as saved
    # The calendar page, each month's calendar since --since, the four meetings' pages: all 304.
    months = len(cmis.months(D(2016, 4, 1), timezone.localdate() + CMIS_AHEAD))
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"pages: 0 fetched, {1 + months + 4} not modified, 0 failed; meetings: 0 new, 0 replaced, 4 unchanged, 0 failed"
    )
    assert cmis_site.requested("/council/Document.ashx?id=minutes501") == 1
    reparse_changes_nothing(capsys, 3)
    assert list(Item.objects.order_by("pk").values_list("pk", flat=True)) == items
