"""The admin: staff may mark actions done, but what an import decides changes only by importing again."""

import pytest

from meetings.models import Item, Meeting

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
