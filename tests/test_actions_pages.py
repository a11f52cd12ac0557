"""The actions pages: the list and its filters, the printable briefing, the CSV, the work programme."""

import csv
import io
import re

import pytest

from meetings.models import Item
from meetings.tracking import record_decision

from .conftest import APRIL_2017
from .factories import import_path, import_text
from .test_tracking import DECEMBER, FEBRUARY, OCTOBER, action, import_meetings

pytestmark = pytest.mark.django_db
BOARD = "/committees/communities-scrutiny-board/"


@pytest.fixture
def three_meetings():
    import_meetings(OCTOBER, DECEMBER, FEBRUARY)


def rows(client, url) -> list[tuple[str, str, str]]:
    """(action, minute, status) of each row of the actions table."""
    html = client.get(url).content.decode()
    found = re.findall(
        r'<tr>\s*<td data-label="Action">([^<]+)(?:<a [^>]*>.*?</a>)?</td>\s*<td data-label="Minute"><a [^>]*>([^<]+)</a>.*?'
        r'<strong class="status[^"]*">([^<]+)</strong>',
        html,
        re.S,
    )
    return [(text.strip(), minute, status) for text, minute, status in found]


def test_every_action_with_its_minute_and_status_due_soonest_first(client, three_meetings):
    assert rows(client, "/actions/") == [
        ("a further report be considered in January, 2017", "Minute 20/16", "Followed up"),
        ("officers provide further information on the numbers using youth centres", "Minute 20/16", "Followed up"),
        ("Home Schooling", "Minute 21/16", "Followed up"),
        ("Library Closures", "Minute 21/16", "Outstanding"),
        ("officers provide further information on adoption timeliness.", "Minute 30/16", "Outstanding"),
    ]
    html = client.get("/actions/").content.decode()
    assert (
        '<strong class="status status-followed-up">Followed up</strong>: '
        f'<a href="{BOARD}minutes/2016/41/">Minute 41/16</a>'
    ) in html


def test_filters_narrow_the_list_and_stay_in_the_url(client, three_meetings):
    assert [text for text, _m, _s in rows(client, "/actions/?status=outstanding")] == [
        "Library Closures",
        "officers provide further information on adoption timeliness.",
    ]
    assert [text for text, _m, _s in rows(client, "/actions/?kind=work_programme&status=followed_up")] == [
        "Home Schooling"
    ]
    assert [text for text, _m, _s in rows(client, "/actions/?due_from=2017-01&due_to=2017-01")] == [
        "a further report be considered in January, 2017"
    ]
    assert [minute for _t, minute, _s in rows(client, "/actions/?sort=meeting")] == [
        "Minute 30/16", "Minute 20/16", "Minute 20/16", "Minute 21/16", "Minute 21/16",
    ]  # fmt: skip
    assert rows(client, "/actions/?committee=communities-scrutiny-board&kind=report&status=done") == []
    assert len(rows(client, "/actions/?committee=communities-scrutiny-board&year=2016")) == 5
    html = client.get("/actions/?status=outstanding&kind=information").content.decode()
    assert "/actions.csv?status=outstanding&amp;kind=information" in html


def test_overdue_is_outstanding_past_its_due_month_on_the_day_asked_about(client):
    import_meetings(OCTOBER, DECEMBER)
    assert rows(client, f"{BOARD}actions/?status=overdue&as_of=2017-01-31") == []
    assert rows(client, f"{BOARD}actions/?status=overdue&as_of=2017-02-01") == [
        ("a further report be considered in January, 2017", "Minute 20/16", "Overdue")
    ]
    # Today, long after January 2017, it is overdue too.
    assert [status for _t, _m, status in rows(client, "/actions/?status=overdue")] == ["Overdue"]


def test_the_printable_briefing_lists_what_was_outstanding_on_the_day(client, three_meetings):
    record_decision(action("officers provide further information on adoption"), status="done")  # today
    html = client.get(f"{BOARD}actions/?status=outstanding&as_of=2017-02-15").content.decode()
    assert (
        '<h1>Outstanding issues <span class="subtitle">Communities Scrutiny Board, as they stood on '
        '<time datetime="2017-02-15">15 February 2017</time></span></h1>'
    ) in html
    assert "<caption>Outstanding issues</caption>" in html
    assert rows(client, f"{BOARD}actions/?status=outstanding&as_of=2017-02-15") == [
        ("Library Closures", "Minute 21/16", "Outstanding"),
        ("officers provide further information on adoption timeliness.", "Minute 30/16", "Outstanding"),
    ]
    assert rows(client, f"{BOARD}actions/?status=outstanding&as_of=2016-12-31") == [
        ("a further report be considered in January, 2017", "Minute 20/16", "Outstanding"),
        ("officers provide further information on the numbers using youth centres", "Minute 20/16", "Outstanding"),
        ("Home Schooling", "Minute 21/16", "Outstanding"),
        ("Library Closures", "Minute 21/16", "Outstanding"),
        ("officers provide further information on adoption timeliness.", "Minute 30/16", "Outstanding"),
    ]
    # The filters, links and pagination are not printed.
    assert '<details class="filters no-print">' in html
    assert '<p class="no-print"><a href="/committees/communities-scrutiny-board/actions.csv?' in html


def test_the_csv_holds_exactly_what_the_filters_show(client, three_meetings):
    response = client.get(f"{BOARD}actions.csv?status=outstanding&as_of=2017-02-15")
    assert response["Content-Disposition"] == 'attachment; filename="actions-communities-scrutiny-board-2017-02-15.csv"'
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["committee", "meeting date", "minute", "item", "kind", "action", "due month", "status", "followed up by", "url"],
        [
            "Communities Scrutiny Board", "2016-10-06", "21/16", "Work Programme", "Work programme",
            "Library Closures", "", "Outstanding", "",
            f"http://testserver{BOARD}meetings/2016-10-06/#minute-21-action-2",
        ],
        [
            "Communities Scrutiny Board", "2016-12-01", "30/16", "Adoption Performance", "Information",
            "officers provide further information on adoption timeliness.", "", "Outstanding", "",
            f"http://testserver{BOARD}meetings/2016-12-01/#minute-30-action-1",
        ],
    ]  # fmt: skip
    everything = client.get("/actions.csv").content.decode().splitlines()
    assert everything[1].split(",")[:9] == [
        "Communities Scrutiny Board", "2016-10-06", "20/16", "Youth Services", "Report",
        "\"a further report be considered in January", " 2017\"", "2017-01", "Followed up",
    ]  # fmt: skip


def test_the_work_programme_shows_each_item_asked_for_and_what_took_it_up(client, three_meetings):
    html = client.get(f"{BOARD}2016-17/work-programme/").content.decode()
    table = html.split("<tbody>")[1]
    cells = r'<tr>\s*<td data-label="Item">([^<]+)</td>\s*<td data-label="Asked for">.*?</td>\s*<td data-label="Taken up">(.*?)</td>\s*</tr>'
    assert re.findall(cells, table, re.S) == [
        (
            "Home Schooling",
            f'<a href="{BOARD}minutes/2016/42/">Minute 42/16: Home Schooling</a>, '
            '<time datetime="2017-02-02">2 February 2017</time>',
        ),
        ("Library Closures", '<strong class="status status-outstanding">Outstanding</strong>'),
    ]
    record_decision(action("Library Closures"), follow_up=Item.objects.get(number="43"))
    html = client.get(f"{BOARD}2016-17/work-programme/").content.decode()
    assert f'<a href="{BOARD}minutes/2016/43/">Minute 43/16: Libraries Review</a>' in html
    assert client.get(f"{BOARD}2015-16/work-programme/").status_code == 404
    assert client.get(f"{BOARD}2016-18/work-programme/").status_code == 404


def test_pages_link_to_the_actions(client, three_meetings):
    assert '<a href="/actions/?status=outstanding">All outstanding actions</a>' in client.get("/").content.decode()
    committee = client.get(BOARD).content.decode()
    assert f'<a href="{BOARD}actions/?status=outstanding">This committee\'s outstanding actions</a>' in committee
    assert f'<a href="{BOARD}2016-17/work-programme/">Work programme items asked for in 2016/17</a>' in committee


def many_actions(count: int) -> str:
    items = "\n\n".join(
        f"{50 + n}.\n\nTopic {n}\n\nMinutes:\n\nRESOLVED that officers provide further information on topic {n}."
        for n in range(count)
    )
    return f"Agenda and minutes\n\nCommunities Scrutiny Board - Thursday, 2nd March, 2017 2.00 pm\n\n{items}\n"


# A list's page: its count, its actions' ids in order, those actions with their minutes, and the
# filters' councils (whether there are several), committees and years.
@pytest.mark.parametrize(
    ("url", "queries"), [("/actions/", 6), (f"{BOARD}actions/", 6), (f"{BOARD}2016-17/work-programme/", 3)]
)
def test_query_counts_do_not_grow_with_the_actions_shown(
    client, three_meetings, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    import_text(many_actions(30), "march.txt")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_a_filter_chosen_by_a_link_is_named_above_the_results_with_the_form_folded(client):
    import_path(APRIL_2017)
    html = client.get("/actions/?status=outstanding&kind=report").content.decode()
    assert '<details class="filters no-print">' in html  # folded: on a phone the actions come first
    assert "<summary>Showing: Report · Outstanding (overdue too) · change filters</summary>" in html
    assert "<summary>Filter results</summary>" in client.get("/actions/").content.decode()
