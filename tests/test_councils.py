"""Councils as part of the site: their list and pages, the council filter on meetings, search and
actions, and breadcrumbs through a council. A site that follows one council shows none of it."""

import pytest
from django.core.cache import cache

from meetings import filters, views
from meetings.addresses import new_slug, settle_addresses
from meetings.crawl import label_councils
from meetings.importing import parse_document
from meetings.loader import save_meeting
from meetings.models import Committee, Council, FormerSlug, Reference, Source
from meetings.pagecache import site_changed

from .factories import import_text

pytestmark = pytest.mark.django_db


def minutes(committee: str, day: int, title: str, resolution: str) -> str:
    return (
        f"Agenda and minutes\n\n{committee} - Thursday, {day}th June, 2016 2.00 pm\n\n1.\n\n{title}\n\n"
        f"Minutes:\n\nThe Board considered {title.lower()}.\n\nRESOLVED that {resolution}\n"
    )


def follow(committee: str, council: str) -> Council:
    """A committee of a council's site, as a crawl leaves it."""
    source = Source.objects.get_or_create(name=council, url=f"https://{council.split()[0].lower()}.example/")[0]
    Committee.objects.filter(name=committee).update(source=source, council=source.council)
    label_councils()
    settle_addresses()
    site_changed()
    return source.council


@pytest.fixture
def two_councils():
    import_text(minutes("Housing Board", 2, "Damp in homes", "officers report back on damp in October."), "a.txt")
    import_text(minutes("Audit Panel", 9, "Risk register", "the register be noted."), "b.txt")
    return follow("Housing Board", "Ashford Borough Council"), follow("Audit Panel", "Bexley Council")


def test_one_council_looks_as_it_always_has(client):
    import_text(minutes("Housing Board", 2, "Damp in homes", "officers report back on damp in October."), "a.txt")
    follow("Housing Board", "Ashford Borough Council")
    for url in ("/meetings/", "/search/?q=damp", "/actions/"):
        assert 'name="council"' not in client.get(url).content.decode(), url
    assert "Ashford" not in client.get("/committees/housing-board/").content.decode()
    assert "Ashford" not in client.get("/").content.decode()


def test_a_councils_page_shows_its_committees_meetings_and_outstanding_actions(client, two_councils):
    assert '<a href="/councils/bexley-council/">Bexley Council</a>' in client.get("/").content.decode()
    councils = client.get("/councils/").content.decode()
    assert '<a href="/councils/ashford-borough-council/">Ashford Borough Council</a>' in councils
    assert '<a href="/councils/bexley-council/">Bexley Council</a>' in councils
    page = client.get("/councils/ashford-borough-council/").content.decode()
    assert '<a href="/committees/ashford-borough-council-housing-board/">Housing Board</a>' in page
    assert "Audit Panel" not in page
    assert "1 outstanding, 1 of them overdue." in page  # due October 2016
    assert 'href="/actions/?council=ashford-borough-council&amp;status=outstanding"' in page
    assert client.get("/councils/nowhere/").status_code == 404


def test_the_council_filter_narrows_meetings_search_and_actions(client, two_councils):
    meetings = client.get("/meetings/?council=bexley-council").content.decode()
    assert "/committees/bexley-council-audit-panel/meetings/2016-06-09/" in meetings
    assert "/committees/ashford-borough-council-housing-board/meetings/2016-06-02/" not in meetings
    assert '<option value="bexley-council" selected>Bexley Council</option>' in meetings
    for url in ("/meetings/", "/search/?q=damp", "/actions/"):
        assert '<label for="id_council">Council</label>' in client.get(url).content.decode(), url
    assert (
        "Risk register"
        not in client.get("/search/?q=register+OR+damp&council=ashford-borough-council").content.decode()
    )
    assert "Damp in homes" in client.get("/search/?q=register+OR+damp&council=ashford-borough-council").content.decode()
    assert "damp" in client.get("/actions/?council=ashford-borough-council").content.decode()
    assert "officers report back" not in client.get("/actions/?council=bexley-council").content.decode()


def test_search_counts_matches_by_council_and_within_one_council_by_committee(client, two_councils):
    page = client.get("/search/?q=register+OR+damp").content.decode()
    assert "<h2>By council</h2>" in page and "<h2>By committee</h2>" not in page
    assert (
        '<li><a href="?q=register+OR+damp&amp;council=ashford-borough-council">Ashford Borough Council</a> (1)' in page
    )
    assert '<li><a href="?q=register+OR+damp&amp;council=bexley-council">Bexley Council</a> (1)</li>' in page
    within = client.get("/search/?q=register+OR+damp&council=bexley-council").content.decode()
    assert "<h2>By council</h2>" not in within
    facet = '<a href="?q=register+OR+damp&amp;council=bexley-council&amp;committee=bexley-council-audit-panel">'
    assert f"<li>{facet}Audit Panel (Bexley Council)</a> (1)</li>" in within


def test_the_committee_list_holds_the_chosen_councils_committees(client, two_councils, monkeypatch):
    ashford = '<option value="ashford-borough-council-housing-board">Housing Board (Ashford Borough Council)</option>'
    bexley = '<option value="bexley-council-audit-panel">Audit Panel (Bexley Council)</option>'
    for url in ("/meetings/", "/search/?q=damp", "/actions/"):
        every = client.get(url).content.decode()
        assert ashford in every and bexley in every, url
        one = client.get(f"{url}{'&' if '?' in url else '?'}council=bexley-council").content.decode()
        assert bexley in one and ashford not in one, url
    # A facet's link names a committee of another council than the one chosen: it stays shown as chosen.
    chosen = client.get("/meetings/?council=bexley-council&committee=ashford-borough-council-housing-board")
    assert ashford.replace('">', '" selected>') in chosen.content.decode()
    # A national site's thousands of committees are listed once a council is chosen, not on every page.
    monkeypatch.setattr(filters, "LISTED_COMMITTEES", 1)
    page = client.get("/search/?q=damp").content.decode()
    assert ashford not in page and bexley not in page
    assert (
        '<select name="committee" aria-describedby="id_committee_helptext" form="search-form" id="id_committee">'
        '<option value="" selected>All committees</option></select>'
    ) in page
    assert '<p class="hint" id="id_committee_helptext">Choose a council to list its committees.</p>' in page
    assert ashford in client.get("/search/?q=damp&council=ashford-borough-council").content.decode()


def test_a_national_sites_home_page_lists_councils_and_leaves_their_committees_to_their_pages(
    client, two_councils, monkeypatch
):
    home = client.get("/").content.decode()
    assert '<a href="/committees/bexley-council-audit-panel/">Audit Panel (Bexley Council)</a>' in home
    monkeypatch.setattr(views, "LISTED_COMMITTEES", 1)
    cache.clear()  # the page as it would be made with more committees than that
    home = client.get("/").content.decode()
    assert (
        "/committees/bexley-council-audit-panel/" not in home.split('id="committees-heading"')[1].split("</section>")[0]
    )
    assert "<p>Each council's committees are listed on its page: choose a council above.</p>" in home
    assert '<a href="/councils/bexley-council/">Bexley Council</a>' in home
    council = client.get("/councils/bexley-council/").content.decode()
    assert '<a href="/committees/bexley-council-audit-panel/">Audit Panel</a>' in council


def test_a_committees_pages_lead_back_through_its_council(client, two_councils):
    crumb = '<li><a href="/councils/ashford-borough-council/">Ashford Borough Council</a></li>'
    assert crumb in client.get("/committees/ashford-borough-council-housing-board/").content.decode()
    assert (
        crumb in client.get("/committees/ashford-borough-council-housing-board/meetings/2016-06-02/").content.decode()
    )


def test_the_api_lists_councils_and_filters_by_one(client, two_councils):
    listed = client.get("/api/councils").json()
    assert [(c["slug"], c["name"]) for c in listed["results"]] == [
        ("ashford-borough-council", "Ashford Borough Council"),
        ("bexley-council", "Bexley Council"),
    ]
    assert listed["results"][0]["meetings_api_url"].endswith("/api/meetings?council=ashford-borough-council")
    meetings = client.get("/api/meetings?council=bexley-council").json()["results"]
    assert [m["committee"]["slug"] for m in meetings] == ["bexley-council-audit-panel"]
    assert client.get("/api/actions?council=bexley-council").json()["count"] == 0
    assert client.get("/api/actions?council=ashford-borough-council").json()["count"] == 1
    assert client.get("/api/meetings?council=nowhere").status_code == 404


def test_a_second_council_puts_every_councils_name_in_its_committees_addresses(client):
    import_text(minutes("Housing Board", 2, "Damp in homes", "officers report back on damp in October."), "a.txt")
    follow("Housing Board", "Ashford Borough Council")
    assert Committee.objects.get().slug == "housing-board"  # one council: addresses as they always were
    assert client.get("/committees/housing-board/").status_code == 200

    import_text(minutes("Audit Panel", 9, "Risk register", "the register be noted."), "b.txt")
    follow("Audit Panel", "Bexley Council")
    assert sorted(Committee.objects.values_list("slug", flat=True)) == [
        "ashford-borough-council-housing-board",
        "bexley-council-audit-panel",
    ]
    assert sorted(FormerSlug.objects.values_list("slug", flat=True)) == ["audit-panel", "housing-board"]
    assert settle_addresses() == []  # moved once, never again
    # A new committee of either council is named with its council from the start.
    ashford = Council.objects.get(slug="ashford-borough-council")
    assert new_slug("Cabinet", ashford) == "ashford-borough-council-cabinet"


def test_every_address_published_before_the_move_redirects_permanently(client, two_councils):
    new = "/committees/ashford-borough-council-housing-board/"
    for old, moved in [
        ("/committees/housing-board/", new),
        ("/committees/housing-board/meetings/2016-06-02/", f"{new}meetings/2016-06-02/"),
        ("/committees/housing-board/meetings/2016-06-02/items/1/", f"{new}meetings/2016-06-02/items/1/"),
        ("/committees/housing-board/minutes/2016/1/", f"{new}minutes/2016/1/"),
        ("/committees/housing-board/actions/?status=outstanding", f"{new}actions/?status=outstanding"),
        ("/committees/housing-board/feed/", f"{new}feed/"),
        ("/committees/housing-board/meetings.ics", f"{new}meetings.ics"),
        ("/data/committees/housing-board.json", "/data/committees/ashford-borough-council-housing-board.json"),
        ("/api/committees/housing-board", "/api/committees/ashford-borough-council-housing-board"),
    ]:
        response = client.get(old)
        assert (response.status_code, response.headers.get("Location")) == (301, moved), old
        assert client.get(moved, follow=True).status_code == 200, moved
    assert client.get("/committees/never-was/").status_code == 404


def test_a_filter_saved_with_a_committees_old_address_still_chooses_it(client, two_councils):
    meetings = client.get("/meetings/?committee=housing-board").content.decode()
    assert "/committees/ashford-borough-council-housing-board/meetings/2016-06-02/" in meetings
    assert "/meetings/2016-06-09/" not in meetings
    assert client.get("/actions/?committee=housing-board").content.decode().count("officers report back") == 1
    api = client.get("/api/meetings?committee=housing-board").json()["results"]
    assert [m["committee"]["slug"] for m in api] == ["ashford-borough-council-housing-board"]
    assert client.get("/api/meetings?committee=never-was").status_code == 404


def test_a_minute_naming_another_committee_links_to_its_own_councils(client, two_councils):
    ashford, bexley = two_councils
    cabinets = {
        council: Committee.objects.create(name="Cabinet", slug=new_slug("Cabinet", council), council=council)
        for council in (ashford, bexley)
    }
    for council, day in ((bexley, 1), (ashford, 3)):
        text = minutes("Cabinet", day, "Budget", "the budget be agreed.").encode()
        save_meeting(parse_document(text, f"cabinet-{council.slug}.txt"), committee=cabinets[council])
    text = minutes("Housing Board", 16, "Budget follow-up", "the report be noted.").replace(
        "The Board considered",
        "Further to Minute No. 1 of the Cabinet meeting held on 3 June 2016, the Board considered",
    )
    save_meeting(parse_document(text.encode(), "c.txt"), committee=Committee.objects.get(name="Housing Board"))
    (reference,) = Reference.objects.filter(from_item__meeting__date="2016-06-16")
    assert reference.committee_slug == "ashford-borough-council-cabinet"
    page = client.get("/committees/ashford-borough-council-housing-board/meetings/2016-06-16/").content.decode()
    assert 'href="/committees/ashford-borough-council-cabinet/minutes/2016/1/"' in page
