"""Names matched to people within a council, saved in the meeting's transaction, and shown."""

import csv
import io

import pytest

from importers import people as parsed
from meetings.importing import import_bytes
from meetings.people.matching import Matcher
from meetings.people.models import Attendance, Declaration, Person, PersonName, Vote
from meetings.people.staffing import merge_people, move_name
from tests.conftest import DATA
from tests.documents import printed_minutes_pdf
from tests.factories import import_path, import_text

pytestmark = pytest.mark.django_db

PRINTED = DATA / "people" / "printed_attendance.txt"


def minutes(committee: str, date: str, present: str, body: str = "", apologies: str = "") -> str:
    """Printed minutes saved as text: the attendance, then two items."""
    return (
        f"{committee}\n\nMinutes of the meeting held at 10.00 am on {date}\n\nPresent: {present}\n\n"
        + (f"Apologies: {apologies}\n\n" if apologies else "")
        + f"1. Declarations of Interest\n\n{body or 'There were no declarations of interest.'}\n\n"
        "2. Budget Monitoring\n\nRESOLVED that the report be noted.\n"
    )


def test_the_printed_minutes_import_attendance_declarations_votes_and_movers_in_one_go():
    result = import_path(PRINTED)
    meeting = result.meeting
    rows = list(Attendance.objects.filter(meeting=meeting).order_by("order"))
    assert len(rows) == 13
    assert [row.person.slug for row in rows if row.person and row.status == parsed.APOLOGIES] == ["k-sandhu", "l-green"]
    assert sum(1 for row in rows if row.group == parsed.OFFICER and row.person is None) == 3
    seaman = next(row for row in rows if row.name == "Councillor P Seaman")
    assert (seaman.substitute_for.slug, seaman.substitute_for_name) == ("k-sandhu", "Councillor K Sandhu")
    declaration = Declaration.objects.get(person__slug="a-jones")
    assert (declaration.item.number, declaration.kind) == ("24", parsed.DISCLOSABLE_PECUNIARY)
    vote = Vote.objects.get(item__number="24")
    assert (vote.yes, vote.no, vote.abstain, vote.resolution.order) == (3, 1, 1, 1)
    assert [(cast.person.slug, cast.option) for cast in vote.casts.order_by("order")] == [
        ("r-smith", "yes"), ("t-khan", "yes"), ("p-seaman", "yes"), ("b-brown", "no"), ("j-barclay", "abstain"),
    ]  # fmt: skip
    assert Person.objects.get(slug="j-barclay").kind == Person.CO_OPTED
    assert import_path(PRINTED).outcome == "unchanged"
    assert Attendance.objects.count() == 13 and Person.objects.count() == 10


def test_the_same_councillor_on_two_committees_is_one_person():
    import_text(minutes("Cabinet", "3 May 2017", "Councillor A Stewart (Chair), Councillor B Brown"), "cabinet.txt")
    import_text(minutes("Audit Panel", "4 May 2017", "Councillor Alison Stewart, Councillor C Cole"), "audit.txt")
    stewart = Person.objects.get(surname_key="stewart")
    assert sorted(stewart.attendance.values_list("meeting__committee__name", flat=True)) == ["Audit Panel", "Cabinet"]
    assert sorted(PersonName.objects.filter(person=stewart).values_list("key", flat=True)) == [
        "a stewart",
        "alison stewart",
    ]


def test_a_surname_shared_by_two_councillors_is_never_guessed():
    import_text(
        minutes("Cabinet", "3 May 2017", "Councillor J Smith, Councillor P Smith, Councillor A Jones"), "one.txt"
    )
    result = import_text(
        minutes("Cabinet", "10 May 2017", "Councillor J Smith, Councillor P Smith",
                body="Councillor Smith declared a personal interest in minute 2 as a school governor."),
        "two.txt",
    )  # fmt: skip
    declaration = Declaration.objects.get()
    assert (declaration.person, declaration.name) == (None, "Councillor Smith")
    assert any('"Councillor Smith" could be J Smith, P Smith' in warning for warning in result.meeting.warnings)
    assert Person.objects.filter(surname_key="smith").count() == 2


def test_a_surname_alone_is_the_one_councillor_of_that_name_at_the_meeting():
    import_text(
        minutes("Cabinet", "3 May 2017", "Councillor J Smith, Councillor A Jones",
                body="Councillor Smith declared a personal interest in minute 2 as a school governor."),
    )  # fmt: skip
    declaration = Declaration.objects.get()
    assert declaration.person.slug == "j-smith" and declaration.item.number == "2"


def test_a_renamed_councillor_is_one_person_where_the_site_says_so():
    meeting = import_text(minutes("Cabinet", "3 May 2017", "Councillor J Barclay")).meeting
    before = Person.objects.get(slug="j-barclay")
    before.site_id = 77
    before.save()
    matcher = Matcher(meeting.committee, None)
    after = matcher.person("Councillor Jane Morgan", site_id=77)
    assert after.pk == before.pk and after.name == "Jane Morgan"
    assert sorted(after.names.values_list("key", flat=True)) == ["j barclay", "jane morgan"]
    # The names the minutes wrote before the marriage still lead to them.
    assert matcher.person("Councillor J Barclay").pk == before.pk


def test_staff_merge_and_split_people_and_the_next_import_follows():
    import_text(minutes("Cabinet", "3 May 2017", "Councillor A Stewart"), "one.txt")
    import_text(minutes("Cabinet", "10 May 2017", "Councillor Sandra Stewart-Hill"), "two.txt")
    first, second = Person.objects.get(slug="a-stewart"), Person.objects.get(slug="sandra-stewart-hill")
    merge_people(first, [second])
    assert Attendance.objects.filter(person=first).count() == 2
    assert not Person.objects.filter(slug="sandra-stewart-hill").exists()
    name = PersonName.objects.get(key="sandra stewart-hill")
    other = Person.objects.create(name="Sandra Stewart-Hill", slug="sandra-stewart-hill", surname_key="stewart-hill")
    assert move_name(name, other) == 1
    import_text(minutes("Cabinet", "17 May 2017", "Councillor Sandra Stewart-Hill"), "three.txt")
    assert other.attendance.count() == 2 and first.attendance.count() == 1
    assert name.history.count() >= 2  # kept with its history


def test_attendance_report_and_csv_count_substitutes_as_their_own(client):
    import_path(PRINTED)
    response = client.get("/committees/housing-scrutiny-board/2016-17/attendance/")
    assert response.status_code == 200
    assert (
        b"Counted over the 1 meeting whose minutes record attendance, of the 1 meeting held in 2016/17"
        in response.content
    )
    rows = list(
        csv.reader(
            io.StringIO(client.get("/committees/housing-scrutiny-board/2016-17/attendance.csv").content.decode())
        )
    )
    assert rows[0] == [
        "Member",
        "Expected",
        "Attended",
        "Apologies",
        "Absent",
        "As substitute",
        "Rate (%)",
        "2016-10-12",
    ]
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["Councillor P Seaman"] == ["1", "1", "0", "0", "1", "100", "Substitute"]
    assert by_name["Councillor K Sandhu"] == ["1", "0", "1", "0", "0", "0", "Apologies"]
    assert "M Rose" not in by_name  # officers are no members
    assert client.get("/committees/housing-scrutiny-board/2015-16/attendance/").status_code == 404


def test_the_councillor_pages_and_the_meeting_page_show_what_the_minutes_record(client):
    import_path(PRINTED)
    listing = client.get("/councillors/").content.decode()
    assert '<a href="/councillors/a-jones/">Councillor A Jones</a>' in listing
    assert "M Rose" not in listing
    assert "Councillor A Jones" not in client.get("/councillors/?q=seaman").content.decode()
    assert "Councillor P Seaman" in client.get("/councillors/?q=seaman").content.decode()
    page = client.get("/councillors/a-jones/").content.decode()
    assert "1 of the 1 meeting whose minutes list A Jones" in page
    assert "disclosable pecuniary interest" in page and "/committees/housing-scrutiny-board/minutes/2016/24/" in page
    meeting = client.get("/committees/housing-scrutiny-board/meetings/2016-10-12/").content.decode()
    assert "<dt>Apologies</dt>" in meeting and "for Councillor K Sandhu" in meeting
    assert "Recorded vote on the resolution: For 3, Against 1, Abstained 1" in meeting
    assert "Mr T Harland (Clerk &amp; Chief Executive)" in meeting
    assert client.get("/councillors/no-one/").status_code == 404


def test_the_councillor_page_costs_the_same_queries_however_many_meetings(client, django_assert_num_queries):
    import_path(PRINTED)
    for day in range(1, 8):
        import_text(minutes("Housing Scrutiny Board", f"{day} November 2016", "Councillor A Jones (Chair), Councillor B Brown",
                            body="Councillor A Jones declared a personal interest in minute 2 as a tenant."), f"{day}.txt")  # fmt: skip
    # The site's version; the person; the years and what each records of them; their rates; and in
    # the latest year, their meetings and declarations (no votes or motions to ask for).
    with django_assert_num_queries(6):
        assert client.get("/councillors/a-jones/").status_code == 200


def test_printed_minutes_as_a_pdf_give_their_attendance_columns(april_2017):
    result = import_bytes(printed_minutes_pdf(april_2017), "minutes.pdf")
    present = list(
        result.meeting.attendance.filter(status=parsed.PRESENT, group=parsed.MEMBER).values_list("name", flat=True)
    )
    assert present == [
        "Councillor R Sandy", "Councillor J Birdi", "Councillor K Caan", "Councillor M Lapsa", "Councillor T Sawdon",
        "Councillor D Welsh",
    ]  # fmt: skip
    assert result.meeting.attendance.get(name="Councillor R Sandy").chair == parsed.CHAIR
    assert list(result.meeting.attendance.filter(status=parsed.APOLOGIES).values_list("name", flat=True)) == [
        "Councillor S Bains"
    ]


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_meeting_pages_cost_the_same_queries_however_many_attend(client):
    few = "Councillor A Jones (Chair), Councillor B Brown"
    many = ", ".join(
        f"Councillor {initial} {surname}" for initial in "ABCDE" for surname in ("Ames", "Brook", "Cole", "Dean")
    )
    declared = "Councillor A Jones declared a personal interest in minute 2 as a tenant."
    import_text(
        minutes("Housing Scrutiny Board", "1 November 2016", few, body=declared, apologies="Councillor C Cole"),
        "few.txt",
    )
    import_text(minutes("Housing Scrutiny Board", "2 November 2016", many, body=declared, apologies="Councillor F Fox, Councillor G Gale"), "many.txt")  # fmt: skip
    assert Attendance.objects.filter(meeting__date="2016-11-02").count() == 22
    for url in (
        "/committees/housing-scrutiny-board/meetings/{}/",
        "/api/committees/housing-scrutiny-board/meetings/{}",
    ):
        assert _queries(client, url.format("2016-11-01")) == _queries(client, url.format("2016-11-02"))


def test_a_councillors_page_shows_one_municipal_year_at_a_time(client):
    import_path(PRINTED)  # October 2016: 2016/17, where A Jones declared an interest
    import_text(minutes("Housing Scrutiny Board", "7 June 2017", "Councillor A Jones (Chair), Councillor B Brown"), "june.txt")  # fmt: skip
    latest = client.get("/councillors/a-jones/").content.decode()
    assert '<h2 id="meetings-heading">Meetings in 2017/18</h2>' in latest
    assert 'datetime="2017-06-07"' in latest and 'datetime="2016-10-12"' not in latest
    assert "The minutes record no declaration of interest by A Jones in 2017/18." in latest
    assert (
        '<a href="?year=2016">2016/17</a>' in latest
        and '<a href="?year=2017" aria-current="page">2017/18</a>' in latest
    )
    # Attendance is counted over every year on every year's page.
    assert "1 of the 1 meeting whose minutes list A Jones" in latest and ">2016/17</a></td>" in latest
    earlier = client.get("/councillors/a-jones/?year=2016").content.decode()
    assert 'datetime="2016-10-12"' in earlier and 'datetime="2017-06-07"' not in earlier.split("meetings-heading")[1]
    assert "disclosable pecuniary interest" in earlier
    assert client.get("/councillors/a-jones/?year=2015").status_code == 404
    assert client.get("/councillors/a-jones/?year=x").status_code == 404
