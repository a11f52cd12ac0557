"""Reading pages and search read from a replica where there is one; everything else uses the primary."""

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG
from .factories import import_path

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica1"])

COMMITTEE = f"/committees/{COMMITTEE_SLUG}/"
READING = [
    ("/", "Latest meetings"),
    (COMMITTEE, "27 April 2017"),
    (f"{COMMITTEE}meetings/2017-04-27/", "Further to Minute 59/16"),
    (f"{COMMITTEE}minutes/2016/84/", "Referred to by"),
    ("/search/?q=school+places", "School Organisation"),
    ("/actions/", "Outstanding"),
]


def queries_on_each(client: Client, url: str, **extra) -> tuple[int, int, str]:
    """(queries on the primary, queries on the replica, the page)."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return len(primary), len(replica), response.content.decode()


@pytest.fixture
def imported():
    import_path(APRIL_2016)
    import_path(APRIL_2017)


@pytest.mark.parametrize(("url", "shown"), READING)
def test_a_visitors_pages_are_read_from_the_replica(client, settings, imported, url, shown):
    settings.REPLICA_DATABASES = ["replica1"]
    on_primary, on_replica, html = queries_on_each(client, url)
    assert (on_primary, on_replica > 0) == (0, True)
    assert shown in html


@pytest.mark.parametrize(("url", "shown"), READING[:3])
def test_with_no_replica_everything_reads_the_primary(client, settings, imported, url, shown):
    settings.REPLICA_DATABASES = []
    on_primary, on_replica, html = queries_on_each(client, url)
    assert (on_primary > 0, on_replica) == (True, 0)
    assert shown in html


def test_signed_in_staff_and_imports_use_the_primary(settings, imported):
    """What was just written is what is read back: staff carry a session, imports never read a replica."""
    settings.REPLICA_DATABASES = ["replica1"]
    staff = Client()
    staff.force_login(User.objects.create_user("coordinator", password="correct horse battery staple"))
    on_primary, on_replica, html = queries_on_each(staff, f"{COMMITTEE}meetings/2017-04-27/")
    assert (on_primary > 0, on_replica) == (True, 0)
    assert "Signed in as coordinator." in html
    with CaptureQueriesContext(connections["replica1"]) as replica:
        import_path(APRIL_2017.parent / "2016-04-14-education-scrutiny-board-2.txt")
    assert len(replica) == 0
