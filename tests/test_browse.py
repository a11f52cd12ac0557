"""Browsing: committees by municipal year, the filtered meetings list, approval, the thread,
the short minute lookup, feeds, the sitemap and conditional GET."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.http import http_date

from meetings.models import Action, Meeting, PageVersion
from meetings.tracking import record_decision

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db
COMMITTEE = f"/committees/{COMMITTEE_SLUG}/"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def synthetic(committee: str, date: datetime.date, numbers, body: str = "The Board noted the report.") -> str:
    items = "\n\n".join(f"{n}.\n\nItem {n}\n\nMinutes:\n\n{body}" for n in numbers)
    return f"Agenda and minutes\n\n{committee} - {date.day} {date:%B %Y} 2.00 pm\n\n{items}\n"


@pytest.fixture
def seeds():
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    import_path(DATA / "meeting-6-april-2017.txt")


def test_committee_page_shows_the_latest_year_with_counts_and_a_year_switcher(client, seeds):
    html = page(client, COMMITTEE)
    assert "<title>Education and Children&#x27;s Services Scrutiny Board (2), 2016/17 – Minutebook</title>" in html
    assert f'<a href="{COMMITTEE}2016-17/" aria-current="page">2016/17</a>' in html
    assert f'<a href="{COMMITTEE}2015-16/">2015/16</a>' in html
    rows = re.findall(r'<tr>\s*<th scope="row"><a href="([^"]+)">.*?</th>\s*<td class="number" data-label="Items">(\d+)</td>\s*'
                      r'<td class="number" data-label="Resolutions">(\d+)</td>\s*'
                      r'<td class="number" data-label="Outstanding actions">(\d+)</td>', html)  # fmt: skip
    assert rows == [
        (f"{COMMITTEE}meetings/2017-04-27/", "9", "5", "5"),
        (f"{COMMITTEE}meetings/2017-04-06/", "2", "0", "0"),
    ]


def test_the_committees_url_lists_the_committees_on_the_home_page(client):
    response = client.get("/committees/")
    assert (response.status_code, response["Location"]) == (302, "/#committees-heading")


def test_committee_year_page_and_unknown_years(client, seeds):
    html = page(client, f"{COMMITTEE}2015-16/")
    assert f'<a href="{COMMITTEE}meetings/2016-04-14/">' in html
    assert f"{COMMITTEE}meetings/2017-04-27/" not in html
    page(client, f"{COMMITTEE}2014-15/", status=404)
    page(client, f"{COMMITTEE}2015-17/", status=404)


def test_meetings_list_filters_are_in_the_url(client, seeds):
    import_text(synthetic("Audit Panel", datetime.date(2017, 3, 2), [5]))
    everything = page(client, "/meetings/")
    assert '<h2 id="results-heading">4 meetings</h2>' in everything

    def listed(query):
        return re.findall(
            r'<th scope="row"><a href="/committees/([^/]+)/meetings/([\d-]+)/">', page(client, f"/meetings/?{query}")
        )

    assert listed("committee=audit-panel") == [("audit-panel", "2017-03-02")]
    assert listed("year=2015") == [(COMMITTEE_SLUG, "2016-04-14")]
    assert listed("date_from=2017-03-01&date_to=2017-04-10") == [
        (COMMITTEE_SLUG, "2017-04-06"),
        ("audit-panel", "2017-03-02"),
    ]
    assert listed("has_resolutions=on") == [(COMMITTEE_SLUG, "2017-04-27"), (COMMITTEE_SLUG, "2016-04-14")]
    Action.objects.filter(item__meeting__date="2016-04-14").update(status="done")
    assert listed("has_outstanding_actions=on") == [(COMMITTEE_SLUG, "2017-04-27")]
    assert listed("q=home+schooling") == [(COMMITTEE_SLUG, "2017-04-27")]
    assert 'value="home schooling"' in page(client, "/meetings/?q=home+schooling")


def test_meetings_list_is_paginated_keeping_the_filters(client):
    for day in range(1, 26):
        import_text(synthetic("Audit Panel", datetime.date(2017, 3, day), [day]))
    first = page(client, "/meetings/?committee=audit-panel")
    assert first.count('<th scope="row">') == 20
    assert (
        '<a href="?committee=audit-panel&amp;page=2" rel="next">Next<span class="visually-hidden"> page</span></a>'
        in first
    )
    second = page(client, "/meetings/?committee=audit-panel&page=2")
    assert second.count('<th scope="row">') == 5
    assert "Page 2 of 2" in second


def test_a_bad_filter_value_is_a_clear_page_not_an_error(client, seeds):
    html = page(client, "/meetings/?date_from=yesterday&year=abc&committee=nope")
    # Each error is where the invalid field's aria-describedby points.
    assert 'aria-describedby="id_date_from_error"' in html
    assert '<div class="error-message" id="id_date_from_error"><p>Enter a valid date.</p></div>' in html


def test_meeting_page_previous_next_and_approval(client, seeds):
    html = page(client, f"{COMMITTEE}meetings/2017-04-06/")
    assert (
        f'Approved as a correct record at the <a href="{COMMITTEE}meetings/2017-04-27/#minute-80">meeting of '
        '<time datetime="2017-04-27">27 April 2017</time></a>'
    ) in html
    assert f'<a href="{COMMITTEE}meetings/2016-04-14/" rel="prev">Previous meeting' in html
    assert f'<a href="{COMMITTEE}meetings/2017-04-27/" rel="next">Next meeting' in html
    latest = page(client, f"{COMMITTEE}meetings/2017-04-27/")
    assert "Not yet approved as a correct record" in latest
    assert 'rel="next"' not in latest
    assert f'<a href="{COMMITTEE}2016-17/">2016/17</a>' in latest


def test_a_second_meeting_on_the_same_day_has_its_own_page(client):
    day = datetime.date(2023, 3, 9)
    evening = synthetic("Planning Committee", day, [12, 13]).replace("2.00 pm", "6.00 pm")
    morning = synthetic("Planning Committee", day, [10, 11]).replace("2.00 pm", "10.00 am")
    import_text(evening, "evening.txt")  # imported first, held second
    import_text(morning, "morning.txt")

    first, second = Meeting.objects.order_by("start_time")
    assert (first.get_absolute_url(), second.get_absolute_url()) == (
        "/committees/planning-committee/meetings/2023-03-09/",
        "/committees/planning-committee/meetings/2023-03-09/2/",
    )
    morning_html = page(client, first.get_absolute_url())
    evening_html = page(client, second.get_absolute_url())
    assert "Item 10" in morning_html and "Item 12" not in morning_html
    assert "Item 12" in evening_html and "Item 10" not in evening_html
    assert 'href="/committees/planning-committee/meetings/2023-03-09/2/"' in morning_html  # next meeting
    assert 'href="/committees/planning-committee/meetings/2023-03-09/"' in evening_html  # previous meeting
    assert "<title>Planning Committee, 9 March 2023, 10.00 a.m. – Minutebook</title>" in morning_html
    assert "<title>Planning Committee, 9 March 2023, 6.00 p.m. – Minutebook</title>" in evening_html
    page(client, "/committees/planning-committee/meetings/2023-03-09/3/", status=404)


def test_minute_page_backlinks_and_the_whole_thread(client):
    import_path(DATA / "minute-51-of-2015.txt")
    import_path(APRIL_2016)
    follow_up = synthetic(
        "Education and Children's Services Scrutiny Board (2)",
        datetime.date(2016, 9, 8),
        [20],
        "Further to Minute 70/15 the Board received the governor report.",
    )
    import_text(follow_up)
    html = page(client, f"{COMMITTEE}minutes/2015/70/")
    assert (
        f'<li><a href="{COMMITTEE}minutes/2016/20/">Minute 20/16</a>, <time datetime="2016-09-08">8 September 2016</time>: Item 20</li>'
    ) in html
    thread = re.findall(r"<li>(?:<strong[^>]*>|<a [^>]+>)Minute (\d+/\d+)", html.split('id="thread-heading"')[1])
    assert thread == ["51/15", "70/15", "20/16"]
    assert '<strong aria-current="page">Minute 70/15: Minutes</strong>' in html


def test_the_short_lookup_redirects_or_offers_a_choice(client, seeds):
    response = client.get("/minutes/84/16")
    assert (response.status_code, response["Location"]) == (301, "/minutes/84/16/")
    response = client.get("/minutes/84/16/")
    assert (response.status_code, response["Location"]) == (302, f"{COMMITTEE}minutes/2016/84/")
    import_text(synthetic("Audit Panel", datetime.date(2017, 3, 2), [84]))
    html = page(client, "/minutes/84/16/")
    assert "More than one committee has a minute 84/16" in html
    assert '<a href="/committees/audit-panel/minutes/2016/84/">Audit Panel: Item 84</a>' in html
    assert "No minute 99/16 has been published here." in page(client, "/minutes/99/16/", status=404)


def test_home_lists_actions_due_soon(client):
    recent = timezone.localdate() - datetime.timedelta(days=7)
    import_text(synthetic("Audit Panel", recent, [3], "RESOLVED that a further report be considered in 2 months."))
    html = page(client, "/")
    due = (recent.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    # The item's title says what the action is about; the clause itself is on the meeting page.
    assert (
        f'<a href="/committees/audit-panel/meetings/{recent:%Y-%m-%d}/#minute-3-action-1">Item 3</a> – report, due '
        f'<time datetime="{due:%Y-%m}">{due:%B %Y}</time> (Minute 3/'
    ) in html
    assert '<form class="search" action="/search/" method="get" role="search" aria-label="Search the minutes">' in html


def test_committee_feeds_and_the_sitemap(client, seeds):
    rss = page(client, f"{COMMITTEE}feed/")
    assert "<title>Education and Children's Services Scrutiny Board (2), 27 April 2017</title>" in rss
    assert "<description>9 items, 5 resolutions, 5 outstanding actions.</description>" in rss
    atom = page(client, f"{COMMITTEE}feed/atom/")
    assert '<feed xml:lang="en-gb" xmlns="http://www.w3.org/2005/Atom">' in atom
    sitemap = page(client, "/sitemap.xml")
    assert f"<loc>http://testserver{COMMITTEE}minutes/2016/84/</loc>" in sitemap
    assert f"<loc>http://testserver{COMMITTEE}meetings/2017-04-27/</loc>" in sitemap


def test_reading_pages_answer_conditional_gets(client, seeds):
    """Last-Modified is the site's last change (or today's midnight, when actions fall overdue)."""
    url = f"{COMMITTEE}meetings/2017-04-27/"
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    PageVersion.objects.update(changed_at=an_hour_ago)
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    response = client.get(url)
    last_modified = response["Last-Modified"]
    assert last_modified == http_date(max(an_hour_ago, midnight).timestamp())
    for each in (url, f"{COMMITTEE}minutes/2016/84/", "/", COMMITTEE, f"{COMMITTEE}2016-17/", "/sitemap.xml"):
        assert client.get(each, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304, each
    # A staff decision about an action changes the pages, so they are modified again.
    record_decision(Action.objects.first(), status="done")
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/", "/meetings/", COMMITTEE, f"{COMMITTEE}meetings/2017-04-27/", f"{COMMITTEE}minutes/2016/84/"],
)
def test_list_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries, seeds, url):
    with django_assert_max_num_queries(16):
        page(client, url)
    for day in range(1, 20):
        import_text(
            synthetic("Education and Children's Services Scrutiny Board (2)", datetime.date(2016, 6, day), range(1, 30))
        )
    with django_assert_max_num_queries(16):
        page(client, url)
