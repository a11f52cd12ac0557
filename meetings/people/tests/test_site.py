"""The council site's own records of people, from a local ModernGov site: the attendance page,
the councillors' pages and the web service's attendees."""

import pytest
from django.core.management import call_command
from lxml import etree
from lxml.builder import E

from importers import people as parsed
from importers.attendance import read_attendance_page, read_councillor_page
from importers.webservice import parse_meeting
from meetings.models import Meeting, SourceDocument
from meetings.people.models import Attendance, Person
from tests.conftest import DATA
from tests.council_site import service_meeting, start_site

SITE = DATA / "moderngov" / "site"
ATTENDANCE = "/mgMeetingAttendance.aspx?ID=11234"


def test_the_attendance_page_read_to_exact_values():
    found = read_attendance_page((SITE / "attendance-11234.html").read_bytes())
    assert [
        (each.name, each.status, each.group, each.chair, each.role, each.remote, each.site_id) for each in found
    ] == [
        ("Councillor Rachel Sandy", "present", "member", "chair", "Chair", False, 501),
        ("Councillor Jaswant Birdi", "present", "member", "", "", False, 502),
        ("Councillor Kamran Caan", "apologies", "member", "", "", False, 503),
        ("Councillor Tim Sawdon", "present", "member", "", "Substitute", False, 504),
        ("Councillor Sue Bains", "expected", "member", "", "", False, 505),
        ("Councillor David Welsh", "present", "member", "", "", True, 506),
        ("Gillian Gregg", "in_attendance", "officer", "", "", False, None),
    ]
    assert found[3].substitute_for == "Councillor K Caan"


def test_a_councillors_page_gives_party_ward_and_photo_but_never_a_home_address():
    page = read_councillor_page(
        (SITE / "councillor-501.html").read_bytes(), "https://example.gov.uk/mgUserInfo.aspx?UID=501"
    )
    assert page.name == "Councillor Rachel Sandy" and (page.party, page.ward) == ("Labour", "Wyken")
    assert page.photo_url == "https://example.gov.uk/UserData/1/0/5/Info00000501/smallpic.jpg"
    assert "Example Street" not in repr(page) and "7600" not in repr(page)


def test_the_web_services_expected_is_a_membership_and_present_is_a_presence():
    page = (DATA / "moderngov" / "2017-04-27.html").read_bytes()
    answer = etree.fromstring(
        service_meeting(page, 11234, "27/04/2017", "2.00 pm", "Room 1", "https://example.gov.uk/")
    )
    answer.append(
        E.attendees(
            E.attendee(E.memberid("501"), E.name("Councillor Rachel Sandy"), E.roledescription("Chair"), E.attendance("Present")),
            E.attendee(E.memberid("505"), E.name("Councillor Sue Bains"), E.roledescription("Committee Member"), E.attendance("Expected")),
        )
    )  # fmt: skip
    meeting = parse_meeting(etree.tostring(answer), committee="Education Board")
    assert [(each.name, each.status, each.chair, each.site_id, each.source) for each in meeting.attendance] == [
        ("Councillor Rachel Sandy", "present", "chair", 501, "web service"),
        ("Councillor Sue Bains", "expected", "", 505, "web service"),
    ]


@pytest.fixture
def site():
    council = start_site()
    council.serve(ATTENDANCE, "site/attendance-11234.html")
    council.serve("/mgUserInfo.aspx?UID=501", "site/councillor-501.html")
    for number, name in [
        (502, "Jaswant Birdi"),
        (503, "Kamran Caan"),
        (504, "Tim Sawdon"),
        (505, "Sue Bains"),
        (506, "David Welsh"),
    ]:
        page = f'<html><body><h1 class="mgMainTitleTxt">Councillor {name}</h1><p>Party: Labour</p></body></html>'
        council.serve(f"/mgUserInfo.aspx?UID={number}", page.encode())
    yield council
    council.server.stop()


@pytest.mark.django_db
def test_the_crawler_keeps_the_attendance_page_and_reads_councillors_pages(site, capsys):
    call_command("crawl_moderngov", site.url, "--committee", "130", "--delay", "0", "--contact", "x@example.org")
    meeting = Meeting.objects.get(source_meeting_id=11234)
    rows = {row.name: row for row in Attendance.objects.filter(meeting=meeting)}
    assert rows["Councillor Kamran Caan"].status == parsed.APOLOGIES
    assert rows["Councillor Tim Sawdon"].substitute_for.name == "Kamran Caan"
    assert rows["Councillor Sue Bains"].status == parsed.EXPECTED  # never counted as present
    assert {row.source for row in rows.values()} == {"attendance page"}
    assert meeting.source_documents.filter(role=SourceDocument.ATTENDANCE).count() == 1
    sandy = Person.objects.get(site_id=501)
    assert (sandy.name, sandy.party, sandy.ward) == ("Rachel Sandy", "Labour", "Wyken")
    assert sandy.profile_url == site.page_url("/mgUserInfo.aspx?UID=501")
    assert len(site.requested(ATTENDANCE)) == 1
    # reparse reads the kept attendance page again, without asking the site
    asked = len(site.log)
    Attendance.objects.filter(meeting=meeting).delete()
    Meeting.objects.filter(pk=meeting.pk).update(records_hash="")
    call_command("reparse", "--all")
    assert Attendance.objects.filter(meeting=meeting).count() == 7 and len(site.log) == asked
