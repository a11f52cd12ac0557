"""An item whose number the page lost is known by its place in its meeting, never by an invented
minute number: it takes no minute key, no lookup finds it, and no reference resolves to it."""

import pytest

from meetings.models import Item

from .conftest import DATA
from .factories import import_path

pytestmark = pytest.mark.django_db
LOST = DATA / "lost-numbers"
COMMITTEE = "/committees/audit-and-standards-committee/"


@pytest.fixture
def three_meetings():
    """June 2025 with minutes 1-5, a July page that lost its numbers, September citing Minute 3/25."""
    return [import_path(LOST / f"{date}.txt").meeting for date in ("2025-06-05", "2025-07-10", "2025-09-11")]


def test_items_whose_numbers_were_lost_have_no_minute_number(three_meetings):
    july = three_meetings[1]
    assert list(july.items.values_list("order", "number", "minute_number", "title")) == [
        (1, "", None, "Apologies"),
        (2, "", None, "Treasury Management Outturn"),
        (3, "", None, "Counter Fraud Update"),
    ]
    # No clash with the real minutes 1-3 of June: nothing was numbered.
    assert not any("is also minute" in warning for warning in july.warnings)


def test_a_reference_resolves_to_the_printed_minute_never_to_an_unnumbered_item(client, three_meetings):
    html = client.get(f"{COMMITTEE}meetings/2025-09-11/").content.decode()
    assert f'Further to <a href="{COMMITTEE}minutes/2025/3/">Minute 3/25</a> the Committee' in html
    response = client.get("/minutes/3/25/")
    assert (response.status_code, response["Location"]) == (302, f"{COMMITTEE}minutes/2025/3/")
    minute = client.get(f"{COMMITTEE}minutes/2025/3/").content.decode()
    assert "Internal Audit Plan 2025/26" in minute and "Treasury Management" not in minute


def test_the_meeting_page_links_each_unnumbered_item_by_its_place(client, three_meetings):
    html = client.get(f"{COMMITTEE}meetings/2025-07-10/").content.decode()
    assert '<li><a href="#item-2">Treasury Management Outturn</a></li>' in html
    assert '<article class="item" id="item-2" aria-labelledby="item-2-title">' in html
    assert (
        f'<p class="permalink"><a href="{COMMITTEE}meetings/2025-07-10/items/2/">Item 2</a> '
        '<span class="hint">(the published page lost this item\'s number)</span></p>'
    ) in html


def test_an_unnumbered_item_has_its_own_page(client, three_meetings):
    response = client.get(f"{COMMITTEE}meetings/2025-07-10/items/3/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Item 3: Counter Fraud Update</h1>" in html
    assert "The published page lost this item's number, so references in other minutes cannot be matched" in html
    assert client.get(f"{COMMITTEE}meetings/2025-07-10/items/4/").status_code == 404


def test_a_numbered_item_by_its_place_redirects_to_its_minute(client, three_meetings):
    response = client.get(f"{COMMITTEE}meetings/2025-06-05/items/3/")
    assert (response.status_code, response["Location"]) == (301, f"{COMMITTEE}minutes/2025/3/")


def test_search_links_an_unnumbered_item_by_its_place(client, three_meetings):
    html = client.get("/search/", {"q": "counter fraud"}).content.decode()
    assert f'<a href="{COMMITTEE}meetings/2025-07-10/items/3/">Item 3: Counter Fraud Update</a>' in html


def test_unnumbered_items_are_in_the_sitemap_by_their_place(client, three_meetings):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{COMMITTEE}meetings/2025-07-10/items/1/</loc>" in xml
    assert Item.objects.filter(minute_number__isnull=True).count() == 3
