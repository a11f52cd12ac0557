"""Whole-page caching of the reading pages, on both cache backends: local memory and Redis."""

import os
import time

import pytest
import redis
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from meetings import ratelimit
from meetings.models import Action, PageVersion
from meetings.pagecache import site_state
from minutes_site.environment import cache_from_url, caches_from_url

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
COMMITTEE = f"/committees/{COMMITTEE_SLUG}/"
MEETING_2016 = f"{COMMITTEE}meetings/2016-04-14/"
MEETING_2017 = f"{COMMITTEE}meetings/2017-04-27/"
READING_PAGES = [
    "/",
    COMMITTEE,
    f"{COMMITTEE}2016-17/",
    MEETING_2017,
    f"{COMMITTEE}minutes/2016/84/",
    f"{COMMITTEE}feed/",
    f"{COMMITTEE}feed/atom/",
    "/sitemap.xml",
    "/api/meetings?page_size=5",
    "/api/committees",
]


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem://", REDIS_URL], ids=["locmem", "redis"])
def page_cache(request, settings):
    if request.param.startswith("redis") and not redis_answers():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs Redis, and none answered at {REDIS_URL}")
        pytest.skip(f"no Redis answered at {REDIS_URL}")
    settings.CACHES = caches_from_url(request.param)
    cache.clear()
    yield request.param
    cache.clear()


def queries(client: Client, url: str) -> int:
    """How many queries showing `url` took."""
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


@pytest.fixture
def coordinator_client():
    user = User.objects.create_user("coordinator", password="correct horse battery staple")
    user.groups.add(Group.objects.get(name="Scrutiny co-ordinators"))
    staff = Client()
    staff.force_login(user)
    return staff


@pytest.mark.parametrize("url", READING_PAGES)
def test_a_page_seen_before_is_served_from_the_cache_with_one_query_at_most(
    client, page_cache, django_assert_num_queries, settings, url
):
    """The one query reads the site's version: every worker must learn of a change committed
    elsewhere. Within PAGE_VERSIONS_FRESH_FOR of reading it, not even that."""
    settings.PAGE_VERSIONS_FRESH_FOR = 60
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    settings.PAGE_VERSIONS_FRESH_FOR = 0
    with django_assert_num_queries(1):
        third = client.get(url)
    for again in (second, third):
        assert again.status_code == 200
        assert again.content == first.content
        assert again["Last-Modified"] == first["Last-Modified"]


def test_a_change_committed_by_another_process_is_seen_once_the_versions_read_are_a_second_old(
    client, page_cache, settings
):
    settings.PAGE_VERSIONS_FRESH_FOR = 1
    import_path(APRIL_2017)
    first = client.get(MEETING_2017)
    # Another process (a crawl, a staff decision on another server) commits a change to the meeting's committee.
    PageVersion.objects.filter(scope=PageVersion.of_committee(COMMITTEE_SLUG)).update(version=F("version") + 1)
    assert client.get(MEETING_2017)["ETag"] == first["ETag"]  # the versions read just now are trusted
    time.sleep(1.05)
    assert client.get(MEETING_2017)["ETag"] != first["ETag"]  # read again: the page is made again


@pytest.mark.parametrize("url", READING_PAGES)
def test_a_page_from_the_cache_skips_the_middleware_behind_it_and_keeps_its_headers(client, page_cache, url):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    first = client.get(url)
    second = client.get(url)
    # Made, the page went through the session middleware; from the cache, it did not need to.
    assert (hasattr(first.wsgi_request, "session"), hasattr(second.wsgi_request, "session")) == (True, False)
    assert dict(second.headers) == dict(first.headers)
    assert {"X-Frame-Options", "Content-Security-Policy", "ETag", "Last-Modified"} <= set(second.headers)
    assert "Cookie" in second["Vary"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("page_cache", [REDIS_URL], ids=["redis"], indirect=True)
def test_with_redis_a_worker_keeps_its_own_copy_and_never_a_stale_one(client, page_cache, django_assert_num_queries):
    import_path(APRIL_2016)
    first = client.get(MEETING_2016)
    cache.clear()  # Redis loses it (restarted, say): the worker still has the page
    with django_assert_num_queries(1):
        assert client.get(MEETING_2016).content == first.content
    import_path(APRIL_2017)  # the site changes: the worker's copy is of an older version
    assert f'<a href="{MEETING_2017}" rel="next">' in client.get(MEETING_2016).content.decode()


def test_an_import_shows_at_once(client, page_cache, settings):
    settings.PAGE_VERSIONS_FRESH_FOR = 60  # the versions read are trusted, but not after a change made here
    import_path(APRIL_2016)
    before = client.get(MEETING_2016).content.decode()
    assert f'href="{MEETING_2017}"' not in before
    assert MEETING_2017 not in client.get("/").content.decode()
    import_path(APRIL_2017)
    after = client.get(MEETING_2016).content.decode()
    assert f'<a href="{MEETING_2017}" rel="next">' in after
    assert MEETING_2017 in client.get("/").content.decode()


def test_a_staff_decision_shows_at_once(client, page_cache, coordinator_client):
    import_path(APRIL_2017)
    action = Action.objects.order_by("item__order", "order").first()
    assert "status-done" not in client.get(MEETING_2017).content.decode()
    response = coordinator_client.post(f"/staff/actions/{action.pk}/", {"status": "done", "note": "Report received."})
    assert response.status_code == 302
    assert '<strong class="status status-done">Done</strong>' in client.get(MEETING_2017).content.decode()


def test_signed_in_staff_always_see_fresh_pages(client, page_cache, coordinator_client):
    import_path(APRIL_2017)
    client.get(MEETING_2017)  # a visitor's view is cached
    made = queries(coordinator_client, MEETING_2017)
    assert made > 1
    assert queries(coordinator_client, MEETING_2017) == made  # made again, not served from the cache
    assert "Signed in as coordinator." in coordinator_client.get(MEETING_2017).content.decode()
    assert "Signed in as" not in client.get(MEETING_2017).content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_page_of_their_own(client, page_cache):
    import_path(APRIL_2017)
    made = queries(client, MEETING_2017)
    client.cookies["messages"] = "a message for this visitor"
    assert queries(client, MEETING_2017) == made


def test_a_missing_page_is_not_cached(client, page_cache):
    import_path(APRIL_2017)
    url = f"{COMMITTEE}minutes/2016/999/"
    made = queries(client, url)
    assert made > 1  # the site's version, then looking for the minute
    assert queries(client, url) == made
    assert client.get(url).status_code == 404


def test_pages_say_they_vary_by_cookie_whether_cached_or_not(client, page_cache):
    import_path(APRIL_2017)
    assert client.get(MEETING_2017)["Vary"] == "Cookie"
    assert client.get(MEETING_2017)["Vary"] == "Cookie"  # from the cache


def test_pages_are_served_while_the_cache_is_down(client, settings):
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0")}  # nothing listens on port 1
    import_path(APRIL_2017)
    response = client.get(MEETING_2017)
    assert response.status_code == 200
    assert "Minutes" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_version_read_replaces_a_dead_connection_as_the_health_check_would(client):
    """The read is the request's health check: a kept connection the database dropped is replaced."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's connection is a file: there is no server to lose it")
    import_path(APRIL_2017)
    connection.ensure_connection()
    connection.connection.close()  # the server went away between two requests
    connection.health_check_done = False  # as at the start of the next request
    latest = max(PageVersion.objects.values_list("changed_at", flat=True))
    assert site_state(RequestFactory().get("/")).changed_at == latest
    assert client.get(MEETING_2017).status_code == 200


def audit_meeting(day: int, words: str) -> str:
    return (
        f"Agenda and minutes\n\nAudit Panel - Thursday, {day}th June, 2016 2.00 pm\n\n1.\n\nInternal Audit\n\n"
        f"Minutes:\n\n{words}\n\nRESOLVED that the report be noted.\n"
    )


def test_an_import_renews_its_committees_pages_and_the_lists_and_no_other_committees(
    client, page_cache, django_assert_num_queries
):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    import_text(audit_meeting(2, "The Panel noted the plan."), "june-2.txt")
    seen = {url: client.get(url).content for url in (MEETING_2017, COMMITTEE, "/", "/committees/audit-panel/")}
    import_text(audit_meeting(9, "The Panel noted the counter fraud work."), "june-9.txt")
    for url in (MEETING_2017, COMMITTEE):  # another committee's pages: still the cached copy
        with django_assert_num_queries(1):
            assert client.get(url).content == seen[url]
    assert "9 June 2016" in client.get("/committees/audit-panel/").content.decode()
    assert "/committees/audit-panel/meetings/2016-06-09/" in client.get("/").content.decode()


def test_an_import_citing_another_committees_minute_renews_that_minute_page(client, page_cache):
    import_path(APRIL_2016)
    minute = f"{COMMITTEE}minutes/2015/70/"
    assert "Audit Panel" not in client.get(minute).content.decode()
    import_text(
        audit_meeting(
            2,
            "Further to Minute 70/15 of the Education and Children's Services Scrutiny Board (2), the Panel noted the plan.",
        ),
        "june-2.txt",
    )
    assert "/committees/audit-panel/minutes/2016/1/" in client.get(minute).content.decode()


def test_an_api_answer_from_the_cache_is_counted_against_the_rate_limit(client, page_cache, settings):
    import_path(APRIL_2017)
    settings.API_RATE_LIMIT = "3/min"
    answers = [client.get("/api/meetings", REMOTE_ADDR="192.0.2.7") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert not hasattr(answers[1].wsgi_request, "session")  # the second came from the cache


@pytest.mark.parametrize("page_cache", [REDIS_URL], ids=["redis"], indirect=True)
def test_a_rate_counter_in_redis_expires_with_its_window(page_cache):
    assert [ratelimit.count("api:192.0.2.8", 60)[0] for _ in range(3)] == [1, 2, 3]
    [key] = list(redis.Redis.from_url(REDIS_URL).scan_iter("*rate:*"))
    assert 0 < redis.Redis.from_url(REDIS_URL).ttl(key) <= 61


@pytest.mark.parametrize("page_cache", [REDIS_URL], ids=["redis"], indirect=True)
def test_a_worker_counting_between_round_trips_learns_the_other_workers_counts_when_it_settles(page_cache):
    counted = [ratelimit.count("api:192.0.2.9", 3600, settle_every=1)[0]]  # sent to Redis: 1
    [key] = list(redis.Redis.from_url(REDIS_URL).scan_iter("*rate:*"))
    redis.Redis.from_url(REDIS_URL).incrby(key, 5)  # another worker's five requests
    counted.append(ratelimit.count("api:192.0.2.9", 3600, settle_every=1)[0])  # counted here: 2
    time.sleep(1.05)
    counted.append(ratelimit.count("api:192.0.2.9", 3600, settle_every=1)[0])  # both sent: 1 + 5 + 2
    assert counted == [1, 2, 8]
