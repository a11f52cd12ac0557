"""The reading pages: what a visitor sees and follows."""

import pytest
from django.urls import reverse

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db

MEETING_2016 = f"/committees/{COMMITTEE_SLUG}/meetings/2016-04-14/"
MEETING_2017 = f"/committees/{COMMITTEE_SLUG}/meetings/2017-04-27/"
MINUTE_51 = f"/committees/{COMMITTEE_SLUG}/minutes/2015/51/"
COMMITTEE_HTML = "Education and Children&#x27;s Services Scrutiny Board (2)"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_lists_committees_and_latest_meetings(client):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    html = page(client, "/")
    assert f'<a href="/committees/{COMMITTEE_SLUG}/">{COMMITTEE_HTML}</a>' in html
    assert html.index(MEETING_2017) < html.index(MEETING_2016)
    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html


def test_meeting_page_shows_every_item_with_its_minutes(client):
    import_path(APRIL_2017)
    html = page(client, MEETING_2017)
    assert f"<title>{COMMITTEE_HTML}, 27 April 2017 – Minutebook</title>" in html
    for number in range(79, 88):
        assert f'<article class="item" id="minute-{number}"' in html
        assert f'<a href="/committees/{COMMITTEE_SLUG}/minutes/2016/{number}/">Minute {number}/16</a>' in html
    assert '<li id="minute-82-resolution-2"><span class="marker">2)</span> a further report be considered' in html
    assert '<tr id="minute-82-action-2">' in html
    assert '<a href="mailto:michelle.rose@coventry.gov.uk">michelle.rose@coventry.gov.uk</a>' in html
    assert '<a href="tel:02476833111">024 7683 3111</a>' in html
    assert "<li>Grammar schools</li>" in html


def test_a_resolution_is_shown_once_where_the_minutes_print_it(client):
    import_path(APRIL_2017)
    html = page(client, MEETING_2017)
    minute_82 = html[html.index('id="minute-82"') : html.index('id="minute-83"')]
    assert minute_82.count("a further report be considered in October, 2017</li>") == 1
    assert (
        '<div class="resolved">\n<h4 class="section-label">Resolution</h4>\n'
        '<p id="minute-82-resolution-1">RESOLVED that</p>\n<ol class="minutes-list">\n'
        '<li><span class="marker">1)</span> the Scrutiny Board noted progress'
    ) in minute_82
    # A resolution with the list under it: the list is part of it, inside the same box.
    minute_81 = html[html.index('id="minute-81"') : html.index('id="minute-82"')]
    resolved = minute_81[minute_81.index('<div class="resolved">') :]
    assert (
        resolved.index('id="minute-81-resolution-1">RESOLVED that the Scrutiny Board noted the update')
        < (resolved.index("<li>Local authority support following Ofsted action plan/progress report</li>"))
        < resolved.index("</div>")
    )
    assert minute_81.count("Local authority support following Ofsted action plan/progress report</li>") == 1


def test_resolutions_imported_without_their_place_are_listed_apart(client):
    from meetings.models import Resolution

    import_path(APRIL_2017)
    Resolution.objects.update(first_line=None, last_line=None)  # as imported before the importer noted it
    html = page(client, MEETING_2017)
    minute_82 = html[html.index('id="minute-82"') : html.index('id="minute-83"')]
    assert '<h4 class="section-label">Resolution</h4>' not in minute_82
    assert '<h3 class="section-label">Resolved</h3>' in minute_82
    assert '<li id="minute-82-resolution-2"><span class="marker">2)</span> a further report be considered' in minute_82


def test_resolutions_printed_on_one_line_each_keep_an_anchor(client):
    import_text(
        "Cabinet - Tuesday, 3rd October, 2023 4.00 pm\n\nMinutes:\n\n3.\tBudget\n\nMinutes:\n\n"
        "The Cabinet considered the report.\n\n"
        "RESOLVED: That (1) the strategy be approved; and (2) a report be brought back in March.\n"
    )
    html = page(client, "/committees/cabinet/meetings/2023-10-03/")
    assert (
        '<p id="minute-3-resolution-1"><span id="minute-3-resolution-2"></span>RESOLVED: That (1) the strategy'
    ) in html


def test_further_to_minute_51_15_is_a_link_only_once_that_minute_is_imported(client):
    import_path(APRIL_2016)
    html = page(client, MEETING_2016)
    assert '<p>Further to Minute 51/15 <span class="unpublished">(not published here)</span> ‘Selection' in html
    assert f'href="{MINUTE_51}"' not in html

    import_path(DATA / "minute-51-of-2015.txt")
    html = page(client, MEETING_2016)
    assert f'<p>Further to <a href="{MINUTE_51}">Minute 51/15</a> ‘Selection' in html
    assert '<p>Further to Minute 63/15 <span class="unpublished">(not published here)</span> ‘Serious' in html


def test_a_meeting_reference_links_to_that_meeting_when_imported(client):
    import_path(APRIL_2017)
    assert "held on 6th April, 2017</li>" in page(client, MEETING_2017)
    import_path(DATA / "meeting-6-april-2017.txt")
    link = f'<a href="/committees/{COMMITTEE_SLUG}/meetings/2017-04-06/">6th April, 2017</a>'
    assert f"the meeting held on {link}</li>" in page(client, MEETING_2017)


def test_a_minute_page_lists_the_minutes_that_refer_to_it(client):
    import_path(DATA / "minute-51-of-2015.txt")
    import_path(APRIL_2016)
    html = page(client, MINUTE_51)
    assert "<h1>Minute 51/15: Selection, Nomination and Removal of Local Authority Governors</h1>" in html
    assert (
        f'<li><a href="/committees/{COMMITTEE_SLUG}/minutes/2015/70/">Minute 70/15</a>, '
        '<time datetime="2016-04-14">14 April 2016</time>: Minutes</li>'
    ) in html


def test_text_from_minutes_is_escaped(client):
    import_path(DATA / "meeting-6-april-2017.txt")
    html = page(client, f"/committees/{COMMITTEE_SLUG}/meetings/2017-04-06/")
    assert "<script>" not in html and "<b>nothing</b>" not in html
    assert "Improvement Board &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Progress" in html
    assert "The Board noted progress &amp; asked for &lt;b&gt;nothing&lt;/b&gt; more." in html


@pytest.mark.parametrize(
    "url",
    [
        "/committees/no-such-committee/",
        f"/committees/{COMMITTEE_SLUG}/meetings/2017-04-28/",
        f"/committees/{COMMITTEE_SLUG}/meetings/not-a-date/",
        f"/committees/{COMMITTEE_SLUG}/minutes/2016/999/",
    ],
)
def test_unknown_pages_are_404(client, url):
    import_path(APRIL_2017)
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def synthetic_meeting(items: int) -> str:
    body = "\n\n".join(
        f"{n}.\n\nItem {n} PDF 10 KB\n\nReport of the Director\n\nMinutes:\n\n"
        f"Further to Minute {n}/15 and the meeting held on 3rd March, 2016 the Board noted the report.\n\n"
        f"RESOLVED that\n\n1) the report be noted\n\n2) a further report be considered in October, 2016"
        for n in range(1, items + 1)
    )
    return f"Agenda and minutes\n\nAudit Panel - Thursday, 14th April, 2016 2.00 pm\n\n{body}\n"


@pytest.mark.parametrize("items", [1, 60])
def test_meeting_and_minute_pages_take_a_fixed_number_of_queries(client, django_assert_num_queries, items):
    import_text(synthetic_meeting(items))
    # (the people app's: the meeting's attendance; its items' declarations, votes and movers are
    # asked for only where there are some: meetings/people/tests/test_records.py)
    with django_assert_num_queries(13):
        page(client, "/committees/audit-panel/meetings/2016-04-14/")
    # The site's version; the minute and its four kinds of records; where its two references lead
    # (a minute, a meeting); what refers to it; its thread, one step (it cites only itself).
    with django_assert_num_queries(10):
        page(client, "/committees/audit-panel/minutes/2015/1/")


def test_the_reverse_urls_are_the_documented_ones():
    assert reverse("minute", args=["audit-panel", 2016, 59]) == "/committees/audit-panel/minutes/2016/59/"
    assert reverse("meeting", args=["audit-panel", "2016-04-14"]) == "/committees/audit-panel/meetings/2016-04-14/"


def test_references_resolve_against_the_named_committee_and_the_same_meeting(client):
    council = (
        "Agenda and minutes\n\nCouncil - Thursday, 3rd March, 2011 6.00 pm\n\n236.\n\nLibraries\n\nMinutes:\n\nNoted.\n"
    )
    import_text(council)
    import_path(DATA / "formats" / "references-forms.txt")
    html = page(client, "/committees/cabinet/meetings/2024-04-16/")
    assert (
        '<a href="/committees/council/minutes/2010/236/">Minute No. 236 of the Council meeting held on 3 March 2011</a>'
        in html
    )
    assert '(See <a href="/committees/cabinet/minutes/2023/105/">Minute 105</a> below)' in html
    assert 'Min 167 <span class="unpublished">(not published here)</span> refers' in html


def test_further_to_minute_59_16_on_the_27_april_2017_page(client):
    import_path(APRIL_2017)
    html = page(client, MEETING_2017)
    assert '<p>Further to Minute 59/16 <span class="unpublished">(not published here)</span> the Scrutiny Board' in html
    import_path(DATA / "minute-59-of-2016.txt")
    html = page(client, MEETING_2017)
    assert (
        f'<p>Further to <a href="/committees/{COMMITTEE_SLUG}/minutes/2016/59/">Minute 59/16</a> the Scrutiny Board'
        in html
    )
    minute_59 = page(client, f"/committees/{COMMITTEE_SLUG}/minutes/2016/59/")
    assert (
        f'<li><a href="/committees/{COMMITTEE_SLUG}/minutes/2016/84/">Minute 84/16</a>, '
        '<time datetime="2017-04-27">27 April 2017</time>: Improvement Board</li>'
    ) in minute_59


def test_the_14_april_2016_page_links_the_17_march_2016_meeting_when_imported(client):
    import_path(APRIL_2016)
    assert "</span> To agree the minutes of the meeting held on 17th March, 2016</li>" in page(client, MEETING_2016)
    import_path(DATA / "meeting-17-march-2016.txt")
    html = page(client, MEETING_2016)
    link = f'<a href="/committees/{COMMITTEE_SLUG}/meetings/2016-03-17/">17th March, 2016</a>'
    assert f"</span> To agree the minutes of the meeting held on {link}</li>" in html
    assert f"<p>The minutes of the meeting held on {link} were approved.</p>" in html
    march = page(client, f"/committees/{COMMITTEE_SLUG}/meetings/2016-03-17/")
    assert f'Approved as a correct record at the <a href="{MEETING_2016}#minute-70">meeting of' in march
