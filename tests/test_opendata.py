"""Following and reusing the minutes: calendars, the feeds of a search and of a committee's actions,
bulk downloads, the Open data page, and the links to all of them on the pages they concern."""

import csv
import datetime
import io
import json
import zipfile
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import opendata
from meetings.models import Action
from meetings.tracking import record_decision

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PAGE = f"/committees/{COMMITTEE_SLUG}"
COMMITTEE_NAME = "Education and Children's Services Scrutiny Board (2)"
ATOM = "{http://www.w3.org/2005/Atom}"
LONDON = ZoneInfo("Europe/London")


def both_seeds():
    import_path(APRIL_2016)
    import_path(APRIL_2017)


# -- calendars -------------------------------------------------------------------------------


def events(client, url, **headers) -> tuple[bytes, list]:
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return response.content, list(calendar.walk("VEVENT"))


def test_a_committees_calendar_has_each_meeting_exactly(client):
    both_seeds()
    body, found = events(client, f"{PAGE}/meetings.ics")
    assert [
        (str(event["UID"]), str(event["SUMMARY"]), event.decoded("DTSTART"), str(event["LOCATION"]), str(event["URL"]))
        for event in found
    ] == [
        (
            f"{COMMITTEE_SLUG}-2016-04-14-1@127.0.0.1",  # the site's public address (SITE_URL)
            COMMITTEE_NAME,
            datetime.datetime(2016, 4, 14, 14, 0, tzinfo=LONDON),
            "Diamond Rooms 1 and 2 - Council House",
            f"{SITE}{PAGE}/meetings/2016-04-14/",
        ),
        (
            f"{COMMITTEE_SLUG}-2017-04-27-1@127.0.0.1",
            COMMITTEE_NAME,
            datetime.datetime(2017, 4, 27, 14, 0, tzinfo=LONDON),
            "Committee Room 3 - Council House",
            f"{SITE}{PAGE}/meetings/2017-04-27/",
        ),
    ]
    # 14:00 in London in April is 13:00 UTC: the calendar says which zone it means.
    assert found[0].decoded("DTSTART").astimezone(datetime.UTC).hour == 13
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/London" in body
    # RFC 5545 through the library and back, unchanged.
    assert icalendar.Calendar.from_ical(body).to_ical() == body


def test_a_meetings_uid_is_its_own_identity_behind_any_host_name(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "minutes.example"]
    settings.SITE_URL = "https://minutes.example"
    import_path(APRIL_2016)
    _, events_here = events(client, "/meetings.ics")
    _, events_there = events(client, "/meetings.ics", HTTP_HOST="minutes.example")
    uid = f"{COMMITTEE_SLUG}-2016-04-14-1@minutes.example"
    assert [str(event["UID"]) for event in events_here] == [str(event["UID"]) for event in events_there] == [uid]


def test_a_crawled_meeting_is_known_by_its_councils_id_for_it_and_keeps_it_when_it_moves():
    from meetings.importing import parse_document
    from meetings.loader import save_meeting
    from meetings.models import Committee, Source, meeting_uid

    source = Source.objects.create(name="Coventry City Council", url="https://edemocracy.coventry.gov.uk/")
    committee = Committee.objects.create(name="Cabinet", slug="cabinet", source=source)
    assert meeting_uid(committee, datetime.date(2016, 9, 6), 1, 11301) == "moderngov-11301@edemocracy.coventry.gov.uk"
    text = (
        "Agenda and minutes\n\nCabinet - Tuesday, 6th September, 2016 2.00 pm\n\n1.\n\nBudget\n\nMinutes:\n\nNoted.\n"
    )
    first = save_meeting(parse_document(text.encode(), "mgMeeting.htm"), committee=committee, source_meeting_id=11301)
    moved_text = text.replace("6th September", "13th September").encode()
    moved = save_meeting(parse_document(moved_text, "mgMeeting.htm"), committee=committee, source_meeting_id=11301)
    first, moved = first.meeting, moved.meeting
    assert (moved.pk, moved.date, moved.uid) == (first.pk, datetime.date(2016, 9, 13), first.uid)


def test_a_meeting_keeps_its_uid_when_its_minutes_are_imported_again(client):
    import_path(APRIL_2016)
    _, before = events(client, "/meetings.ics")
    text = APRIL_2016.read_text(encoding="utf-8").replace("Diamond Rooms 1 and 2", "Diamond Room 3")
    assert import_text(text, APRIL_2016.name).outcome == "replaced"
    _, after = events(client, "/meetings.ics")
    assert [str(event["UID"]) for event in after] == [str(event["UID"]) for event in before]
    assert str(after[0]["LOCATION"]) == "Diamond Room 3 - Council House"


def test_a_meeting_with_no_time_is_a_days_event(client):
    import_text(
        "Agenda and minutes\n\nCabinet - Tuesday, 6th June, 2017\n\n1.\n\nApologies\n\nMinutes:\n\nThere were none.\n",
        "cabinet.txt",
    )
    _, (event,) = events(client, "/meetings.ics")
    assert event.decoded("DTSTART") == datetime.date(2017, 6, 6)
    assert "LOCATION" not in event


# -- feeds -----------------------------------------------------------------------------------


def entries(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_a_search_feed_lists_matching_minutes_newest_first(client):
    both_seeds()
    found = entries(client, '/search/feed/?q="social workers"')
    assert [entry["title"] for entry in found] == [
        f"{COMMITTEE_NAME}, Minute 82/16: Improving Quality and Performance of Social Workers",
        f"{COMMITTEE_NAME}, Minute 73/15: Recommendations from the Scrutiny Task and Finish Group on Supervision"
        " of Social Work Staff",
        f"{COMMITTEE_NAME}, Minute 74/15: Improvement Board Progress Report from 30 March, 2016",
    ]
    assert found[0]["link"] == f"{SITE}{PAGE}/minutes/2016/82/"
    assert "social workers" in found[0]["summary"].lower() and "\ue000" not in found[0]["summary"]
    # The search page's filters narrow it, as on the page.
    assert [entry["link"] for entry in entries(client, '/search/feed/?q="social workers"&year=2016')] == [
        f"{SITE}{PAGE}/minutes/2016/82/"
    ]


@pytest.mark.parametrize("query", ["", "?q=", "?q=the", "?q=school&committee=no-such-committee"])
def test_a_search_feed_with_nothing_to_search_for_is_a_404(client, query):
    both_seeds()
    assert client.get(f"/search/feed/{query}").status_code == 404


def test_the_search_page_links_to_its_feed(client):
    both_seeds()
    html = client.get("/search/?q=school&year=2016").content.decode()
    feed = "/search/feed/?q=school&amp;year=2016"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="New minutes matching “school” (Atom)" href="{feed}">'
        in html
    )
    assert f'<a href="{feed}">Follow this search</a>' in html


def test_a_committees_actions_feed_says_each_status_and_a_change_is_a_new_entry(client):
    import_path(APRIL_2017)
    found = entries(client, f"{PAGE}/actions/feed/")
    assert len(found) == Action.objects.count()
    report = next(entry for entry in found if entry["link"].endswith("#minute-82-action-2"))
    assert (
        report["title"] == "Overdue: Improving Quality and Performance of Social Workers (Minute 82/16, 27 April 2017)"
    )
    assert report["summary"] == "Report: a further report be considered in October, 2017. Due October 2017."
    assert report["id"].endswith(":overdue")
    action = Action.objects.get(item__minute_number=82, order=2)
    record_decision(action, status=Action.Status.DONE)
    after = next(entry for entry in entries(client, f"{PAGE}/actions/feed/") if entry["link"] == report["link"])
    assert after["title"].startswith("Done: ")
    assert after["id"] == report["id"].removesuffix(":overdue") + ":done"


# -- downloads -------------------------------------------------------------------------------


def download(client, url) -> tuple[str, bytes]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    return response["Content-Disposition"], b"".join(response.streaming_content)


def tables(data: bytes) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.rsplit("/", 1)[-1]: list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def test_a_committees_csv_zip_holds_every_record_exactly(client):
    both_seeds()
    disposition, data = download(client, f"/data/committees/{COMMITTEE_SLUG}.csv.zip")
    assert disposition == f'attachment; filename="minutebook-{COMMITTEE_SLUG}.csv.zip"'
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["README.txt"] + [
            f"minutebook-{COMMITTEE_SLUG}/{name}.csv"
            for name in (
                *("meetings", "items", "documents", "resolutions", "actions", "references"),
                *("people", "attendance", "declarations", "votes", "vote_casts", "movers", "recommendations"),
            )
        ]
        assert "Licence: Open Government Licence v3.0" in archive.read("README.txt").decode()
    found = tables(data)
    meetings = {row["date"]: row for row in found["meetings.csv"]}
    april_2017 = meetings["2017-04-27"]
    assert {key: value for key, value in april_2017.items() if key != "meeting_id"} == {
        "committee": COMMITTEE_SLUG,
        "committee_name": COMMITTEE_NAME,
        "date": "2017-04-27",
        "start_time": "14:00",
        "day_number": "1",
        "kind": "",
        "municipal_year": "2016",
        "venue": "Committee Room 3 - Council House",
        "contact_name": "Michelle Rose",
        "contact_phone": "024 7683 3111",
        "contact_email": "michelle.rose@coventry.gov.uk",
        "url": f"{SITE}{PAGE}/meetings/2017-04-27/",
        "source_url": "",
    }
    items = [row for row in found["items.csv"] if row["meeting_id"] == april_2017["meeting_id"]]
    assert [row["minute"] for row in items] == [f"{number}/16" for number in range(79, 88)]
    assert len(found["items.csv"]) == 9 + len([row for row in found["items.csv"] if row["date"] == "2016-04-14"])
    minute_82 = next(row["item_id"] for row in items if row["minute"] == "82/16")
    assert [
        (row["order"], row["label"], row["text"]) for row in found["resolutions.csv"] if row["item_id"] == minute_82
    ] == [
        ("1", "1", "the Scrutiny Board noted progress and request further information about whether the 61 "
         "recently appointed Social Workers had been retained and how many had met their accreditation"),
        ("2", "2", "a further report be considered in October, 2017"),
    ]  # fmt: skip
    report = next(row for row in found["actions.csv"] if row["item_id"] == minute_82 and row["order"] == "2")
    assert {key: report[key] for key in ["minute", "kind", "due_month", "status", "overdue", "follow_up"]} == {
        "minute": "82/16",
        "kind": "report",
        "due_month": "2017-10",
        "status": "outstanding",
        "overdue": "True",
        "follow_up": "",
    }
    (reference,) = [row for row in found["references.csv"] if row["text"] == "Minute 59/16"]
    assert (reference["minute"], reference["target_minute"], reference["published"], reference["target_url"]) == (
        "84/16",
        "59/16",
        "False",
        "",
    )


def test_the_reference_resolves_in_downloads_once_its_minute_is_imported(client):
    import_path(APRIL_2017)
    import_path(DATA / "minute-59-of-2016.txt")
    _, data = download(client, "/data/all.csv.zip")
    (reference,) = [row for row in tables(data)["references.csv"] if row["text"] == "Minute 59/16"]
    assert (reference["published"], reference["target_url"]) == ("True", f"{SITE}{PAGE}/minutes/2016/59/")


def test_the_json_download_holds_each_meeting_as_the_api_gives_it(client):
    both_seeds()
    disposition, data = download(client, f"/data/committees/{COMMITTEE_SLUG}/2016-17.json")
    assert disposition == f'attachment; filename="minutebook-{COMMITTEE_SLUG}-2016-17.json"'
    document = json.loads(data)
    assert (document["title"], document["licence"]) == (f"{COMMITTEE_NAME}, 2016/17", "Open Government Licence v3.0")
    (meeting,) = document["meetings"]
    assert meeting == client.get(f"/api{PAGE}/meetings/2017-04-27").json()


@pytest.mark.parametrize(
    ("url", "filename"),
    [
        ("/data/all.json", "minutebook-all.json"),
        ("/data/years/2015-16.csv.zip", "minutebook-2015-16.csv.zip"),
        ("/data/years/2016-17.json", "minutebook-2016-17.json"),
    ],
)
def test_downloads_say_what_they_hold(client, url, filename):
    both_seeds()
    disposition, data = download(client, url)
    assert disposition == f'attachment; filename="{filename}"'
    if url.endswith(".json"):
        dates = [meeting["date"] for meeting in json.loads(data)["meetings"]]
    else:
        dates = [row["date"] for row in tables(data)["meetings.csv"]]
    assert (
        dates
        == {"all": ["2016-04-14", "2017-04-27"], "2015": ["2016-04-14"], "2016": ["2017-04-27"]}[
            "all" if "all" in url else url.split("/")[-1][:4]
        ]
    )


@pytest.mark.parametrize(
    "url", ["/data/all.xml", "/data/years/2016-18.json", "/data/years/1999-00.json", "/data/committees/nobody.json"]
)
def test_a_download_of_nothing_is_a_404(client, url):
    both_seeds()
    assert client.get(url).status_code == 404


def test_a_download_costs_the_same_queries_however_many_meetings_in_a_batch(client, monkeypatch):
    """Queries come per batch of rows or meetings, never per record."""
    monkeypatch.setattr(opendata, "BATCH", 1000)
    monkeypatch.setattr(opendata, "MEETING_BATCH", 10)
    import_path(APRIL_2016)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            download(client, url)
        return len(captured)

    one = queries("/data/all.csv.zip"), queries("/data/all.json")
    import_path(APRIL_2017)
    import_path(DATA / "minute-59-of-2016.txt")
    assert (queries("/data/all.csv.zip"), queries("/data/all.json")) == one


# -- the Open data page and the links to it all ----------------------------------------------


def test_the_open_data_page_lists_every_download_and_the_licence(client, settings):
    settings.OPEN_DATA_LICENCE = "Open Government Licence v3.0 (Coventry City Council)"
    both_seeds()
    html = client.get("/data/").content.decode()
    assert "<title>Open data – Minutebook</title>" in html
    assert 'under the <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">' in html
    assert "Open Government Licence v3.0 (Coventry City Council)" in html
    for url in [
        "/data/all.csv.zip",
        "/data/all.json",
        "/data/years/2016-17.csv.zip",
        "/data/years/2015-16.json",
        f"/data/committees/{COMMITTEE_SLUG}.csv.zip",
        f"/data/committees/{COMMITTEE_SLUG}/2015-16.json",
        f"{PAGE}/meetings.ics",
        f"{PAGE}/actions/feed/",
        "/api/docs",
        "/api/openapi.json",
    ]:
        assert f'href="{url}"' in html, url
        assert client.get(url).status_code == 200, url
    assert "<dt><code>due_month</code></dt>" in html


@pytest.mark.parametrize(
    ("url", "links"),
    [
        ("/", ["text/calendar", "/meetings.ics", "application/json", "/api/committees"]),
        (f"{PAGE}/", [f"{PAGE}/meetings.ics", f"{PAGE}/actions/feed/", f"/api{PAGE}"]),
        (f"{PAGE}/meetings/2017-04-27/", [f"/api{PAGE}/meetings/2017-04-27", f"{PAGE}/meetings.ics"]),
        (f"{PAGE}/minutes/2016/82/", [f"/api{PAGE}/minutes/2016/82"]),
        (f"{PAGE}/actions/", [f"{PAGE}/actions/feed/", f"/api/actions?committee={COMMITTEE_SLUG}"]),
    ],
)
def test_pages_name_their_feeds_calendars_and_data(client, url, links):
    both_seeds()
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    for link in links:
        assert link in head, link
    assert '<a href="/data/">Open data and API</a>' in html


def ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def test_an_action_that_fell_overdue_lately_is_news_from_the_day_it_did(client):
    today = timezone.localdate()
    due = (today.replace(day=1) - datetime.timedelta(days=20)).replace(day=1)  # last month
    held = due - datetime.timedelta(days=120)
    import_text(
        f"Agenda and minutes\n\nCabinet - {held:%A}, {ordinal(held.day)} {held:%B}, {held.year} 2.00 pm\n\n"
        f"1.\n\nHousing Repairs\n\nMinutes:\n\nRESOLVED that a further report be considered in {due:%B}, {due.year}.\n",
        "cabinet.txt",
    )
    Action.objects.update(updated_at=timezone.now() - datetime.timedelta(days=365))  # imported long ago
    response = client.get("/committees/cabinet/actions/feed/")
    entry = ElementTree.fromstring(response.content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title").startswith("Overdue: Housing Repairs (Minute 1/")
    assert entry.findtext(f"{ATOM}id").endswith(":overdue")
    fell_overdue = datetime.datetime.combine(today.replace(day=1), datetime.time.min, tzinfo=LONDON)
    assert datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == fell_overdue


def test_a_search_with_no_matches_yet_can_be_followed_until_one_comes(client):
    import_path(APRIL_2016)
    html = client.get("/search/?q=grammar").content.decode()
    assert "No minute matches." in html
    assert '<a href="/search/feed/?q=grammar">Follow this search</a>' in html
    assert entries(client, "/search/feed/?q=grammar") == []
    import_path(APRIL_2017)
    assert [entry["link"] for entry in entries(client, "/search/feed/?q=grammar")] == [f"{SITE}{PAGE}/minutes/2016/81/"]
