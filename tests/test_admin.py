"""The admin: staff may mark actions done, but what an import decides changes only by importing again."""

import pytest

from meetings.models import Committee, Item, Meeting, Source

from .factories import import_text

pytestmark = pytest.mark.django_db

MINUTES = "Agenda and minutes\n\nCabinet - Tuesday, 6th June, 2023 2.00 pm\n\n1.\n\nBudget\n\nMinutes:\n\nNoted.\n"


def test_a_meetings_date_and_committee_are_not_editable(admin_client):
    import_text(MINUTES)
    meeting = Meeting.objects.get()
    html = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert 'name="date"' not in html
    assert 'name="committee"' not in html
    assert 'name="venue"' in html


def test_items_are_read_only(admin_client):
    import_text(MINUTES)
    item = Item.objects.get()
    response = admin_client.post(f"/admin/meetings/item/{item.pk}/change/", {"title": "Edited"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Budget"


def test_a_site_to_crawl_is_added_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/meetings/source/add/",
        {
            "name": "Example City Council",
            "url": "https://democracy.example.gov.uk/",
            "committees": "130\nCabinet",
            "contact": "scrutiny@example.org",
            "system": "cmis",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.name, source.followed, source.contact, source.system) == (
        "Example City Council",
        ["130", "Cabinet"],
        "scrutiny@example.org",
        Source.CMIS,
    )


def test_a_meetings_kept_documents_are_listed_read_only(admin_client):
    import_text(MINUTES, "cabinet-2023-06-06.txt")
    meeting = Meeting.objects.get()
    html = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert "cabinet-2023-06-06.txt" in html
    assert 'name="source_documents-0-name"' not in html


def _committee_form(slug: str, former: int) -> dict:
    return {
        "name": "Cabinet", "slug": slug, "council": "",
        "former_slugs-TOTAL_FORMS": str(former), "former_slugs-INITIAL_FORMS": str(former),
        "former_slugs-MIN_NUM_FORMS": "0", "former_slugs-MAX_NUM_FORMS": "1000",
    }  # fmt: skip


def test_a_committee_given_a_new_slug_in_the_admin_keeps_its_old_address(admin_client, client):
    import_text(MINUTES)
    committee = Committee.objects.get()
    change = f"/admin/meetings/committee/{committee.pk}/change/"
    assert admin_client.post(change, _committee_form("the-cabinet", 0)).status_code == 302
    moved = client.get("/committees/cabinet/meetings/2023-06-06/")
    assert (moved.status_code, moved["Location"]) == (301, "/committees/the-cabinet/meetings/2023-06-06/")
    assert client.get("/committees/the-cabinet/meetings/2023-06-06/").status_code == 200
    # Another committee may not take an address that still leads to this one.
    import_text(MINUTES.replace("Cabinet", "Council"), "council.txt")
    other = Committee.objects.get(name="Council")
    form = {**_committee_form("cabinet", 0), "name": "Council"}
    page = admin_client.post(f"/admin/meetings/committee/{other.pk}/change/", form).content.decode()
    assert "Another committee was published at this address" in page
    assert Committee.objects.get(pk=other.pk).slug == "council"
