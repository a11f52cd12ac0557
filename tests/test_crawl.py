"""The ModernGov crawler against a real HTTP server on 127.0.0.1: what it imports, how politely,
and what it does when pages fail, repeat, or the crawl is stopped."""

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from django.core.management import CommandError, call_command

from meetings import crawl as crawl_module
from meetings.crawl import Crawl
from meetings.models import Committee, FetchedPage, Item, Meeting, Source, SourceDocument
from meetings.people.models import Person
from meetings.tracking import record_decision

from .conftest import ROOT
from .council_site import MEETING_PAGES, Fault, agenda_only, start_site
from .documents import printed_minutes_pdf
from .factories import reparse_changes_nothing

pytestmark = pytest.mark.django_db
CONTACT = "scrutiny@example.org"


@pytest.fixture
def site():
    council = start_site()
    yield council
    council.server.stop()


def crawl(site, *args, expect_failure=False):
    """Run the command as a person would; return what it printed."""
    arguments = ["crawl_moderngov", site.url, "--delay", "0", "--contact", CONTACT, *args]
    if expect_failure:
        with pytest.raises(CommandError) as failure:
            call_command(*arguments)
        return failure.value
    call_command(*arguments)
    return None


def meetings():
    return sorted(
        (meeting.committee.name, meeting.date.isoformat(), meeting.items.count())
        for meeting in Meeting.objects.select_related("committee")
    )


def test_a_full_crawl_imports_every_meeting_it_can_and_reports_the_page_it_cannot(site, capsys):
    failure = crawl(site, expect_failure=True)
    assert meetings() == [
        ("Cabinet", "2024-03-12", 5),
        ("Education and Children's Services Scrutiny Board (2)", "2016-04-14", 8),
        ("Education and Children's Services Scrutiny Board (2)", "2017-04-27", 9),
        ("Education and Children's Services Scrutiny Board (2)", "2017-06-15", 2),
    ]
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"failed: {site.page_url('/ieListDocuments.aspx?CId=132&MId=900&Ver=4')}: not imported: "
        "no ModernGov items table (table.mgItemTable) and no item page found, and read as text: "
        "no meeting committee or date found in the page header; give them with --committee NAME "
        "--date YYYY-MM-DD [--time HH:MM]"
    ]
    assert out.splitlines()[-1] == (
        "pages: 13 fetched, 0 not modified, 0 failed; meetings: 4 new, 0 replaced, 0 unchanged, 1 failed"
    )
    assert (str(failure), failure.returncode) == ("1 page(s) or meeting(s) failed", 1)
    # A cancelled meeting is never asked for; robots.txt is read once.
    assert site.requested("/ieListDocuments.aspx?CId=130&MId=11299&Ver=4") == []
    assert len(site.requested("/robots.txt")) == 1


def test_committees_are_the_sites_and_meetings_know_where_they_came_from(site):
    crawl(site, expect_failure=True)
    source = Source.objects.get()
    assert (source.url, source.name, source.contact) == (
        site.url,
        "127.0.0.1:" + site.url.split(":")[-1].rstrip("/"),
        CONTACT,
    )
    assert sorted(Committee.objects.values_list("source_committee_id", "name", "slug")) == [
        (
            130,
            "Education and Children's Services Scrutiny Board (2)",
            "education-and-childrens-services-scrutiny-board-2",
        ),
        (131, "Cabinet", "cabinet"),
        (132, "Licensing Committee", "licensing-committee"),
    ]
    april = Meeting.objects.get(date="2016-04-14")
    assert (april.source, april.source_meeting_id) == (
        site.page_url("/ieListDocuments.aspx?CId=130&MId=10873&Ver=4"),
        10873,
    )
    assert sorted(april.source_documents.values_list("role", "name")) == [
        ("item", site.page_url("/mgAi.aspx?ID=34511")),
        ("meeting", site.page_url("/ieListDocuments.aspx?CId=130&MId=10873&Ver=4")),
    ]
    assert source.last_crawl_counts == {
        "pages fetched": 13, "pages not modified": 0, "pages failed": 0,
        "meetings new": 4, "meetings replaced": 0, "meetings unchanged": 0, "meetings failed": 1,
    }  # fmt: skip
    assert source.last_crawl_finished >= source.last_crawl_started
    # Every page fetched keeps its validators and a hash of its content; the meeting page that failed
    # to import is not kept, so that the next crawl tries it again.
    item_page = FetchedPage.objects.get(url=site.page_url("/mgAi.aspx?ID=34511"))
    assert (item_page.etag[:1], len(item_page.content_hash), item_page.body) == ('"', 64, None)
    assert FetchedPage.objects.count() == 12


def test_a_truncated_item_is_completed_from_its_item_page_and_a_decision_from_its_page(site):
    crawl(site, expect_failure=True)
    child_e = Item.objects.get(meeting__date="2016-04-14", number="71")
    assert child_e.truncated is False
    assert child_e.minutes_text.endswith("2) a progress report on the action plan be considered in October, 2016")
    plan = Item.objects.get(meeting__date="2024-03-12", number="5")
    assert list(plan.resolutions.values_list("text", flat=True)) == [
        "the Local Development Scheme timetable be approved and a further report on the draft plan be "
        "considered in January 2025."
    ]


def test_a_second_crawl_is_answered_with_304s_and_changes_no_row(site, capsys):
    crawl(site, expect_failure=True)
    before = list(Meeting.objects.order_by("pk").values_list("pk", "imported_at", "source_hash"))
    rows = {model: model.objects.count() for model in (Item, SourceDocument, FetchedPage)}
    site.log.clear()
    capsys.readouterr()

    crawl(site, expect_failure=True)

    assert list(Meeting.objects.order_by("pk").values_list("pk", "imported_at", "source_hash")) == before
    assert {model: model.objects.count() for model in rows} == rows
    assert capsys.readouterr().out.splitlines()[-1] == (
        "pages: 1 fetched, 10 not modified, 0 failed; meetings: 0 new, 0 replaced, 4 unchanged, 1 failed"
    )
    imported = [page for page in MEETING_PAGES if "MId=900" not in page]
    for page in imported:
        (request,) = site.requested(page)
        assert (request.status, request.headers["If-None-Match"].startswith('"')) == (304, True)
    assert site.requested("/mgAi.aspx?ID=34511") == []  # an unchanged meeting needs no item pages


def test_the_crawler_names_itself_and_its_contact(site):
    crawl(site, "--committee", "131")
    agents = {request.headers["User-Agent"] for request in site.log}
    assert agents == {"Minutebook/1.0 (council minutes reader; +mailto:scrutiny@example.org)"}


def test_only_the_committees_named_are_followed_and_saved_for_next_time(site):
    crawl(site, "--committee", "Cabinet", "--committee", "130")
    assert [name for name, _date, _items in meetings()] == [
        "Cabinet",
        *["Education and Children's Services Scrutiny Board (2)"] * 3,
    ]
    assert Source.objects.get().followed == ["Cabinet", "130"]
    assert site.requested("/ieListMeetings.aspx?CId=132&Year=0") == []


def test_a_committee_named_but_not_on_the_site_is_reported(site, capsys):
    crawl(site, "--committee", "Planning Committee", expect_failure=True)
    assert capsys.readouterr().err.splitlines() == [
        f"failed: {site.url}: no committee 'Planning Committee' on the site's committee list"
    ]


def test_since_skips_older_years_and_meetings(site):
    crawl(site, "--committee", "130", "--since", "2017-01-01")
    assert [date for _name, date, _items in meetings()] == ["2017-04-27", "2017-06-15"]
    assert site.requested("/ieListMeetings.aspx?CId=130&Year=2015") == []


def test_a_500_then_success_is_tried_again_and_imported(site):
    page = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    site.faults[page] = Fault(times=1, status=500)
    run_crawl(site, ["130"])
    assert [request.status for request in site.requested(page)] == [500, 200]
    assert Meeting.objects.filter(date="2017-04-27").exists()


def test_a_timeout_is_tried_again(site):
    page = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    site.faults[page] = Fault(times=1, delay=1.0)
    summary = run_crawl(site, ["130"], timeout=0.3)
    assert len(site.requested(page)) == 2
    assert summary.failures == []
    assert Meeting.objects.filter(date="2017-04-27").exists()


def test_a_page_that_keeps_failing_is_given_up_after_three_tries_and_the_rest_imported(site):
    page = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    site.faults[page] = Fault(times=5, status=503)
    summary = run_crawl(site, ["130"])
    assert summary.failures == [f"{site.page_url(page)}: HTTP 503; gave up after 3 tries"]
    assert len(site.requested(page)) == 3
    assert [date for _name, date, _items in meetings()] == ["2016-04-14", "2017-06-15"]


def test_a_403_is_reported_and_not_tried_again(site):
    page = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    site.faults[page] = Fault(times=5, status=403)
    summary = run_crawl(site, ["130"])
    assert summary.failures == [f"{site.page_url(page)}: the site refused Minutebook (HTTP 403): not tried again"]
    assert len(site.requested(page)) == 1


def test_robots_txt_is_obeyed(site):
    site.robots = "User-agent: *\nDisallow: /ieListDocuments.aspx?CId=130&MId=10873\n"
    summary = run_crawl(site, ["130"])
    page = "/ieListDocuments.aspx?CId=130&MId=10873&Ver=4"
    assert summary.failures == [f"{site.page_url(page)}: robots.txt does not allow Minutebook to fetch it"]
    assert site.requested(page) == []
    assert [date for _name, date, _items in meetings()] == ["2017-04-27", "2017-06-15"]


def test_a_site_whose_robots_txt_forbids_everything_is_not_crawled(site):
    site.robots = "User-agent: Minutebook\nDisallow: /\n"
    summary = run_crawl(site, [])
    assert summary.failures == [f"{site.url}mgListCommittees.aspx: robots.txt does not allow Minutebook to fetch it"]
    assert [request.page for request in site.log] == ["/robots.txt"]


def test_pages_of_another_type_or_over_the_size_limit_are_refused(site):
    pdf_page = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    site.faults[pdf_page] = Fault(times=1, content_type="application/pdf")
    summary = run_crawl(site, ["130"], max_bytes=35_000)
    assert summary.failures == [
        f"{site.page_url('/ieListDocuments.aspx?CId=130&MId=10873&Ver=4')}: 41,475 bytes is over the "
        "35,000-byte limit: refused",
        f"{site.page_url(pdf_page)}: not a web page (Content-Type application/pdf): refused",
    ]
    assert [date for _name, date, _items in meetings()] == ["2017-06-15"]


def test_a_future_agenda_gains_its_minutes_later_and_staff_statuses_survive(site):
    page = "/ieListDocuments.aspx?CId=130&MId=11350&Ver=4"
    crawl(site, "--committee", "130")
    june = Meeting.objects.get(date="2017-06-15")
    assert list(june.items.values_list("minutes_text", flat=True)) == ["", ""]

    site.serve(page, "site/minutes-2017-06-15.html")
    crawl(site, "--committee", "130")
    june.refresh_from_db()
    (action,) = june.items.get(number="2").actions.all()
    assert (action.text, action.status) == (
        "the work programme be agreed and a further report on school places be considered in October, 2017.",
        "outstanding",
    )
    record_decision(action, status="done")

    corrected = site.bodies[page].replace(b"There were no declarations", b"No member declared any")
    site.serve(page, corrected)
    crawl(site, "--committee", "130")
    assert Meeting.objects.filter(date="2017-06-15").count() == 1
    assert Item.objects.get(meeting__date="2017-06-15", number="2").actions.get().status == "done"


def test_a_renamed_committee_stays_one_committee(site):
    crawl(site, "--committee", "131")
    site.serve("/mgListCommittees.aspx", site.bodies["/mgListCommittees.aspx"].replace(b">Cabinet<", b">Executive<"))
    crawl(site, "--committee", "131")
    committee = Committee.objects.get(source_committee_id=131)
    assert (committee.name, committee.slug, committee.former_names) == ("Executive", "cabinet", ["Cabinet"])
    assert Committee.objects.count() == 1


def test_meetings_imported_from_text_first_are_matched_not_duplicated(site):
    from .conftest import APRIL_2016, APRIL_2017
    from .factories import import_path

    import_path(APRIL_2016)
    import_path(APRIL_2017)
    crawl(site, "--committee", "130")
    committee = Committee.objects.get()
    assert (committee.source_committee_id, committee.slug) == (130, "education-and-childrens-services-scrutiny-board-2")
    assert [date for _name, date, _items in meetings()] == ["2016-04-14", "2017-04-27", "2017-06-15"]
    assert Item.objects.count() == 8 + 9 + 2


def test_a_dry_run_fetches_and_parses_but_saves_nothing(site, capsys):
    crawl(site, "--committee", "130", "--dry-run")
    assert (
        Source.objects.count(),
        Committee.objects.count(),
        Meeting.objects.count(),
        FetchedPage.objects.count(),
    ) == (
        0,
        0,
        0,
        0,
    )
    assert capsys.readouterr().out.splitlines()[-1] == (
        "pages: 8 fetched, 0 not modified, 0 failed; meetings: 3 would be imported (dry run: nothing was saved)"
    )


def test_an_interrupted_crawl_leaves_each_meeting_whole_or_untouched_and_resumes(site, monkeypatch):
    real_save = crawl_module.save_meeting

    def save_then_stop(parsed, **options):
        result = real_save(parsed, **options)
        if parsed.date.isoformat() == "2017-04-27":
            raise KeyboardInterrupt  # Ctrl-C after the items are written, before the commit
        return result

    monkeypatch.setattr(crawl_module, "save_meeting", save_then_stop)
    stopped = crawl(site, "--committee", "130", expect_failure=True)
    assert stopped.returncode == 130
    assert meetings() == [("Education and Children's Services Scrutiny Board (2)", "2016-04-14", 8)]
    assert not FetchedPage.objects.filter(url__contains="MId=11234").exists()
    first = Meeting.objects.get().imported_at

    monkeypatch.setattr(crawl_module, "save_meeting", real_save)
    crawl(site, "--committee", "130")
    assert [date for _name, date, _items in meetings()] == ["2016-04-14", "2017-04-27", "2017-06-15"]
    assert Meeting.objects.get(date="2016-04-14").imported_at == first  # answered 304, not imported again


def run_crawl(site, committees, **options):
    """A crawl with retries that back off in tenths of a second, not seconds."""
    source, _created = Source.objects.get_or_create(url=site.url, defaults={"name": "Example City Council"})
    crawl = Crawl(contact=CONTACT, report=lambda *_: None, delay=0, backoff=0.05, **options)
    return crawl.run([(source, committees)])


@pytest.fixture
def second_site():
    council = start_site()
    yield council
    council.server.stop()


def test_two_councils_cabinets_never_merge_and_each_has_its_councils_name_in_its_address(site, second_site, client):
    call_command("crawl_moderngov", site.url, "--name", "Northtown Council", "--committee", "131", "--delay", "0",
                 "--contact", CONTACT)  # fmt: skip
    call_command("crawl_moderngov", second_site.url, "--name", "Southville Council", "--committee", "131",
                 "--delay", "0", "--contact", CONTACT)  # fmt: skip
    cabinets = Committee.objects.order_by("pk")
    assert [(c.name, c.slug, c.council_label, c.source.name, c.council.slug) for c in cabinets] == [
        ("Cabinet", "northtown-council-cabinet", "Northtown Council", "Northtown Council", "northtown-council"),
        ("Cabinet", "southville-council-cabinet", "Southville Council", "Southville Council", "southville-council"),
    ]
    assert Meeting.objects.count() == 2
    html = client.get("/committees/southville-council-cabinet/meetings/2024-03-12/").content.decode()
    assert "<h1>Cabinet (Southville Council) <span" in html
    # Northtown's Cabinet was /committees/cabinet/ until Southville was crawled: that address still leads there.
    moved = client.get("/committees/cabinet/meetings/2024-03-12/")
    assert (moved.status_code, moved["Location"]) == (301, "/committees/northtown-council-cabinet/meetings/2024-03-12/")


@pytest.mark.django_db(transaction=True)
def test_several_sites_are_crawled_at_once_but_never_two_requests_at_a_time_to_one_host(site, second_site, capsys):
    for number, council in enumerate((site, second_site), start=1):
        Source.objects.create(url=council.url, name=f"Council {number}", committees="131", contact=CONTACT)
    call_command("crawl_moderngov", "--all", "--delay", "0.2")
    assert capsys.readouterr().out.splitlines()[-1] == (
        "pages: 8 fetched, 0 not modified, 0 failed; meetings: 2 new, 0 replaced, 0 unchanged, 0 failed"
    )
    for council in (site, second_site):
        requests = sorted(council.log, key=lambda entry: entry.started)
        # robots.txt, the web service (which these sites do not answer), committees, meetings, the
        # meeting, its decision page, its attendance page (which these sites do not have)
        assert len(requests) == 7
        for earlier, later in itertools.pairwise(requests):
            assert later.started >= earlier.ended + 0.19, (earlier.page, later.page)


@pytest.mark.django_db(transaction=True)
def test_sites_at_once_1_crawls_one_site_after_the_other(site, second_site, capsys):
    for number, council in enumerate((site, second_site), start=1):
        Source.objects.create(url=council.url, name=f"Council {number}", committees="131", contact=CONTACT)
    call_command("crawl_moderngov", "--all", "--delay", "0", "--sites-at-once", "1")
    assert capsys.readouterr().out.splitlines()[-1].endswith("meetings: 2 new, 0 replaced, 0 unchanged, 0 failed")
    first, second = sorted((site.log, second_site.log), key=lambda log: min(entry.started for entry in log))
    assert max(entry.ended for entry in first) <= min(entry.started for entry in second)


@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="SQLite allows one writer, so there the sites' imports take turns (PostgreSQL pass)",
)
@pytest.mark.django_db(transaction=True)
def test_two_councils_meetings_are_imported_at_the_same_time_neither_waiting_for_the_other(
    site, second_site, monkeypatch
):
    """Each import, its rows written and its transaction still open, waits for the other council's
    to be as far: were a lock, or a row that every import updates, to make them take turns, the
    first would wait in vain while the second waited for it."""
    real_save = crawl_module.save_meeting
    written = {"Council 1": threading.Event(), "Council 2": threading.Event()}
    saw_the_other = []

    def save_and_wait_for_the_other(parsed, **options):
        result = real_save(parsed, **options)
        mine = options["committee"].source.name
        written[mine].set()
        other = next(event for name, event in written.items() if name != mine)
        saw_the_other.append(other.wait(timeout=10))
        return result

    monkeypatch.setattr(crawl_module, "save_meeting", save_and_wait_for_the_other)
    for number, council in enumerate((site, second_site), start=1):
        Source.objects.create(url=council.url, name=f"Council {number}", committees="131", contact=CONTACT)
    call_command("crawl_moderngov", "--all", "--delay", "0")
    assert saw_the_other == [True, True]
    assert sorted(Meeting.objects.values_list("committee__council__name", flat=True)) == ["Council 1", "Council 2"]
    # Each council's councillors have its name in their addresses: no two imports want one slug.
    assert sorted(Person.objects.values_list("slug", flat=True)) == ["council-1-okafor", "council-2-okafor"]


@pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""), reason="runs the crawler on its own SQLite file (SQLite pass)"
)
def test_a_killed_crawl_leaves_whole_meetings_and_the_next_one_carries_on(site, tmp_path):
    """A real process stopped with SIGTERM part-way through a meeting page."""
    database = tmp_path / "crawl.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "CRAWLER_CONTACT": CONTACT}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    slow = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    site.faults[slow] = Fault(times=1, delay=3.0)
    command = [sys.executable, "manage.py", "crawl_moderngov", site.url, "--committee", "130", "--delay", "0"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not site.requested(slow) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    out, _err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert out.splitlines()[-1].startswith("interrupted; pages:")

    def imported() -> list[tuple[str, int]]:
        with sqlite3.connect(database) as db:
            return db.execute(
                "SELECT m.date, count(i.id) FROM meetings_meeting m LEFT JOIN meetings_item i ON i.meeting_id = m.id "
                "GROUP BY m.id ORDER BY m.date"
            ).fetchall()

    assert imported() == [("2016-04-14", 8)]
    again = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert imported() == [("2016-04-14", 8), ("2017-04-27", 9), ("2017-06-15", 2)]
    assert "unchanged: not modified since the last crawl (2016-04-14)" in again.stdout


# -- printed minutes ---------------------------------------------------------------------

MEETING_2017 = "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
PRINTED_2017 = "/documents/g11234/Printed minutes.pdf"


@pytest.fixture
def agenda_with_printed_minutes(site, april_2017):
    """The 27 April 2017 meeting's page with its agenda only, and its minutes as a printed PDF."""
    site.serve(MEETING_2017, agenda_only(site.bodies[MEETING_2017]))
    site.serve_document(PRINTED_2017, printed_minutes_pdf(april_2017), "application/pdf")
    return site


def test_a_meeting_page_with_only_its_agenda_gains_its_minutes_from_the_printed_minutes(
    agenda_with_printed_minutes, april_2017, client
):
    site = agenda_with_printed_minutes
    crawl(site, "--committee", "130")
    meeting = Meeting.objects.get(date="2017-04-27")
    items = list(meeting.items.order_by("order"))
    assert [(item.number, item.title) for item in items] == [(item.number, item.title) for item in april_2017.items]
    assert [item.minutes_text for item in items] == [item.minutes_text for item in april_2017.items]
    assert [[res.text for res in item.resolutions.all()] for item in items] == [
        [res.text for res in item.resolutions] for item in april_2017.items
    ]
    # The page's own parts are kept: the agenda text, and each document linked to the council's file.
    assert items[2].introduction == "Report of the Director of Education, Libraries and Adult Learning"
    assert items[1].documents.get().url == site.page_url("/documents/s34601/Minutes.pdf")
    assert meeting.source_meeting_id == 11234
    kept = sorted(meeting.source_documents.values_list("role", "content_type", "name"))
    assert kept == [
        ("meeting", "text/html", site.page_url(MEETING_2017)),
        ("printed", "application/pdf", site.page_url("/documents/g11234/Printed%20minutes.pdf")),
    ]
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Imported from the printed minutes (a PDF document) on " in html
    assert f'the meeting is also on <a href="{site.page_url(MEETING_2017).replace("&", "&amp;")}">the council' in html
    assert len(site.requested(PRINTED_2017)) == 1
    assert site.requested(PRINTED_2017)[0].headers["Accept"].startswith("application/pdf")


def test_printed_minutes_are_read_again_by_reparse_and_not_fetched_again_for_an_unchanged_page(
    agenda_with_printed_minutes, capsys
):
    site = agenda_with_printed_minutes
    crawl(site, "--committee", "130")
    crawl(site, "--committee", "130")
    assert len(site.requested(PRINTED_2017)) == 1  # the page answered 304: nothing more was asked
    reparse_changes_nothing(capsys, 3)


def test_printed_minutes_that_cannot_be_had_leave_the_agenda_imported_and_are_reported(
    agenda_with_printed_minutes, capsys
):
    site = agenda_with_printed_minutes
    site.serve_document(PRINTED_2017, b"<html>Please sign in</html>", "text/html")
    failure = crawl(site, "--committee", "130", expect_failure=True)
    assert failure.returncode == 1
    assert (
        f"failed: {site.page_url('/documents/g11234/Printed%20minutes.pdf')}: not a PDF or Word document "
        "(Content-Type text/html): refused"
    ) in capsys.readouterr().err.splitlines()
    meeting = Meeting.objects.get(date="2017-04-27")
    assert meeting.items.count() == 9
    assert not any(meeting.items.values_list("minutes_text", flat=True))
