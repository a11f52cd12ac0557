"""The read-only JSON API (/api/): exact answers for the seed meetings, errors, paging, caching,
CORS and the rate limit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Action
from meetings.tracking import record_decision

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
COMMITTEE_NAME = "Education and Children's Services Scrutiny Board (2)"
PAGE = f"{SITE}/committees/{COMMITTEE_SLUG}"
API = f"{SITE}/api/committees/{COMMITTEE_SLUG}"
COMMITTEE_REF = {"slug": COMMITTEE_SLUG, "name": COMMITTEE_NAME, "url": f"{PAGE}/", "api_url": API}
MEETING_2017_REF = {
    "committee": COMMITTEE_REF,
    "date": "2017-04-27",
    "day_number": 1,
    "url": f"{PAGE}/meetings/2017-04-27/",
    "api_url": f"{API}/meetings/2017-04-27",
}


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def minute_84(reference: dict) -> dict:
    """Minute 84/16 as the API gives it, with its one reference (to Minute 59/16) as given; all
    but its minutes text and its thread, which the test looks at apart."""
    return {
        "committee": COMMITTEE_REF,
        "label": "Minute 84/16",
        "minute": "84/16",
        "municipal_year": 2016,
        "number": 84,
        "url": f"{PAGE}/minutes/2016/84/",
        "api_url": f"{API}/minutes/2016/84",
        "items": [
            {
                "label": "Minute 84/16",
                "minute": "84/16",
                "number": "84",
                "order": 6,
                "title": "Improvement Board",
                "meeting_date": "2017-04-27",
                "committee": COMMITTEE_SLUG,
                "introduction": "Briefing Note of the Scrutiny Co-ordinator",
                "truncated": False,
                "url": f"{PAGE}/minutes/2016/84/",
                "api_url": f"{API}/minutes/2016/84",
                "meeting": MEETING_2017_REF,
                "documents": [
                    {"title": "Improvement Board", "format": "PDF", "size_kb": 47, "additional": False, "url": None}
                ],
                "resolutions": [{"label": "", "text": RESOLVED_84}],
                "actions": [
                    {
                        "kind": "report",
                        "text": RESOLVED_84,
                        "due_month": None,
                        "status": "outstanding",
                        "overdue": False,
                        "status_label": "Outstanding",
                        "follow_up": None,
                        "url": f"{PAGE}/meetings/2017-04-27/#minute-84-action-1",
                    }
                ],
                "references": [reference],
                "declarations": [],
                "votes": [],
                "movers": [],
                "recommendations": [],
                "responds_to": [],
            }
        ],
        "referred_by": [],
    }


RESOLVED_84 = (
    "the Scrutiny Board noted the progress and requested the Ofsted Action Plan be considered at a future meeting"
)


def test_minute_84_exactly_and_its_reference_once_minute_59_is_imported(client):
    import_path(APRIL_2017)
    unpublished = {
        "text": "Minute 59/16",
        "kind": "minute",
        "committee": COMMITTEE_SLUG,
        "minute": "59/16",
        "meeting_date": None,
        "published": False,
        "note": "not published here",
        "url": None,
        "api_url": None,
    }
    answer = get_json(client, f"/api/committees/{COMMITTEE_SLUG}/minutes/2016/84")
    text = answer["items"][0].pop("minutes_text")
    assert text.startswith("Further to Minute 59/16 the Scrutiny Board noted a joint briefing note")
    assert text.endswith("RESOLVED that " + RESOLVED_84)
    thread = answer.pop("thread")
    assert answer == minute_84(unpublished)
    assert [minute["minute"] for minute in thread] == ["84/16"]

    import_path(DATA / "minute-59-of-2016.txt")
    answer = get_json(client, f"/api/committees/{COMMITTEE_SLUG}/minutes/2016/84")
    assert answer["items"][0]["references"] == [
        unpublished
        | {"published": True, "note": "", "url": f"{PAGE}/minutes/2016/59/", "api_url": f"{API}/minutes/2016/59"}
    ]
    assert [minute["minute"] for minute in answer["thread"]] == ["59/16", "84/16"]
    # And back again: minute 59 is referred to by 84.
    minute_59 = get_json(client, answer["items"][0]["references"][0]["api_url"].removeprefix(SITE))
    assert minute_59["referred_by"] == [
        {
            "label": "Minute 84/16",
            "minute": "84/16",
            "title": "Improvement Board",
            "meeting_date": "2017-04-27",
            "committee": COMMITTEE_SLUG,
            "url": f"{PAGE}/minutes/2016/84/",
            "api_url": f"{API}/minutes/2016/84",
        }
    ]


def test_a_meeting_with_its_items(client):
    import_path(APRIL_2017)
    answer = get_json(client, f"/api/committees/{COMMITTEE_SLUG}/meetings/2017-04-27")
    items = answer.pop("items")
    assert answer == MEETING_2017_REF | {
        "start_time": "14:00",
        "kind": "",
        "venue": "Committee Room 3 - Council House",
        "municipal_year": 2016,
        "item_count": 9,
        "resolution_count": 5,
        "outstanding_action_count": 5,
        "source_url": None,
        "contact": {"name": "Michelle Rose", "phone": "024 7683 3111", "email": "michelle.rose@coventry.gov.uk"},
        "attendance": [],
    }
    assert [item["minute"] for item in items] == [f"{number}/16" for number in range(79, 88)]
    minute_82 = items[3]
    assert minute_82["title"] == "Improving Quality and Performance of Social Workers"
    assert [(action["kind"], action["due_month"], action["status"]) for action in minute_82["actions"]] == [
        ("information", None, "outstanding"),
        ("report", "2017-10", "outstanding"),
    ]
    assert minute_82["actions"][1]["text"] == "a further report be considered in October, 2017"
    assert minute_82["actions"][1]["url"] == f"{PAGE}/meetings/2017-04-27/#minute-82-action-2"


def test_the_apis_root_says_where_everything_is(client):
    assert get_json(client, "/api/") == {
        "documentation": f"{SITE}/api/docs",
        "openapi": f"{SITE}/api/openapi.json",
        "committees": f"{SITE}/api/committees",
        "meetings": f"{SITE}/api/meetings",
        "search": f"{SITE}/api/search?q=",
        "actions": f"{SITE}/api/actions",
        "councillors": f"{SITE}/api/councillors",
        "recommendations": f"{SITE}/api/recommendations",
        "downloads": f"{SITE}/data/",
        "licence": "Open Government Licence v3.0",
        "licence_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    }


def test_committees_and_a_committee_with_its_years(client):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    committees = get_json(client, "/api/committees")
    assert (committees["count"], committees["next"], committees["previous"]) == (1, None, None)
    assert committees["results"][0]["feeds"] == {
        "meetings_rss": f"{PAGE}/feed/",
        "meetings_atom": f"{PAGE}/feed/atom/",
        "meetings_calendar": f"{PAGE}/meetings.ics",
        "actions_atom": f"{PAGE}/actions/feed/",
        "actions_page": f"{PAGE}/actions/",
        "download_csv": f"{SITE}/data/committees/{COMMITTEE_SLUG}.csv.zip",
        "download_json": f"{SITE}/data/committees/{COMMITTEE_SLUG}.json",
    }
    committee = get_json(client, f"/api/committees/{COMMITTEE_SLUG}")
    assert committee["municipal_years"] == [
        {
            "year": year,
            "label": label,
            "meeting_count": 1,
            "url": f"{PAGE}/{slug}/",
            "meetings_api_url": f"{SITE}/api/meetings?committee={COMMITTEE_SLUG}&year={year}",
        }
        for year, label, slug in [(2016, "2016/17", "2016-17"), (2015, "2015/16", "2015-16")]
    ]


def test_meetings_take_the_meetings_lists_filters(client):
    import_path(APRIL_2016)
    import_path(APRIL_2017)

    def dates(query):
        return [meeting["date"] for meeting in get_json(client, f"/api/meetings?{query}")["results"]]

    assert dates("") == ["2017-04-27", "2016-04-14"]
    assert dates("year=2015") == ["2016-04-14"]
    assert dates("date_from=2017-01-01") == ["2017-04-27"]
    assert dates("q=grammar") == ["2017-04-27"]
    assert dates(f"committee={COMMITTEE_SLUG}&date_to=2016-12-31") == ["2016-04-14"]


def test_minute_lookup_by_number(client):
    import_path(APRIL_2017)
    assert [minute["api_url"] for minute in get_json(client, "/api/minutes/82/16")] == [f"{API}/minutes/2016/82"]
    assert get_json(client, "/api/minutes/59/16", status=404) == {
        "detail": "No minute 59/16 is published here.",
        "errors": [],
    }


def test_search_with_the_sites_syntax_filters_and_snippets(client):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    answer = get_json(client, "/api/search?q=grammar")
    assert (answer["count"], answer["next"]) == (1, None)
    (result,) = answer["results"]
    assert result["minute"]["label"] == "Minute 81/16"
    assert result["committee"] == COMMITTEE_REF
    assert "<mark>Grammar</mark>" in result["snippet_html"] or "<mark>grammar</mark>" in result["snippet_html"]
    assert "<mark>" not in result["snippet"] and "rammar" in result["snippet"]
    assert result["resolution_snippet"] is None
    phrase = get_json(client, '/api/search?q="social workers"')
    assert sorted(result["minute"]["label"] for result in phrase["results"]) == [
        "Minute 73/15",
        "Minute 74/15",
        "Minute 82/16",
    ]
    resolutions = {result["minute"]["label"]: result["resolution_snippet"] for result in phrase["results"]}
    assert "Social Workers had been retained" in resolutions["Minute 82/16"]
    assert resolutions["Minute 73/15"] is None
    newest = get_json(client, "/api/search?q=school&order=newest")["results"]
    assert [result["minute"]["meeting_date"] for result in newest] == sorted(
        (result["minute"]["meeting_date"] for result in newest), reverse=True
    )
    assert (
        get_json(client, "/api/search?q=school&year=2015")["count"] < get_json(client, "/api/search?q=school")["count"]
    )


def test_search_only_minutes_with_outstanding_actions_follows_staff_decisions(client):
    import_path(APRIL_2016)

    def labels(url: str) -> list[str]:
        return sorted(result["minute"]["label"] for result in get_json(client, url)["results"])

    assert labels('/api/search?q="social workers"') == ["Minute 73/15", "Minute 74/15"]
    assert labels('/api/search?q="social workers"&has_outstanding_actions=true') == ["Minute 73/15"]
    for action in Action.objects.filter(item__minute_number=73):
        record_decision(action, status="done")
    assert labels('/api/search?q="social workers"&has_outstanding_actions=true') == []


def test_actions_with_the_actions_pages_filters(client):
    import_path(APRIL_2017)
    overdue = get_json(client, "/api/actions?status=overdue")
    assert [(action["minute"]["minute"], action["due_month"]) for action in overdue["results"]] == [
        (row.item.minute, row.due_month.strftime("%Y-%m"))
        for row in Action.objects.overdue(timezone.localdate()).order_by("due_month", "item__order", "order")
    ]
    assert overdue["count"] >= 1 and all(action["overdue"] for action in overdue["results"])
    kinds = {action["kind"] for action in get_json(client, "/api/actions?kind=work_programme&page_size=100")["results"]}
    assert kinds == {"work_programme"}
    as_of = get_json(client, "/api/actions?as_of=2017-04-26")
    assert as_of["count"] == 0  # nothing had been asked for before the meeting of 27 April 2017


def test_pages_are_stable_and_complete(client):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    url, seen = "/api/actions?page_size=4", []
    first = get_json(client, url)
    while url:
        answer = get_json(client, url.removeprefix(SITE))
        seen += [action["url"] for action in answer["results"]]
        url = answer["next"]
    assert len(seen) == len(set(seen)) == first["count"] == Action.objects.count()
    assert get_json(client, "/api/actions?page_size=4&page=2")["previous"] == f"{SITE}/api/actions?page_size=4&page=1"


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/meetings?year=last", "year"),
        ("/api/meetings?date_from=yesterday", "date_from"),
        ("/api/meetings?page_size=1000", "page_size"),
        ("/api/meetings?page=0", "page"),
        ("/api/actions?status=lost", "status"),
        ("/api/actions?due_from=October", "due_from"),
        ("/api/actions?due_to=2016-13", "due_to"),
        ("/api/search", "q"),
        (f"/api/committees/{COMMITTEE_SLUG}/meetings/2017-02-30", "date"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, url, parameter):
    import_path(APRIL_2017)
    answer = get_json(client, url, status=400)
    assert answer["detail"] == f"Bad parameter: {parameter}"
    assert [error["parameter"] for error in answer["errors"]] == [parameter]
    assert answer["errors"][0]["message"]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/committees/no-such-committee", "No committee 'no-such-committee' is published here."),
        (f"/api/committees/{COMMITTEE_SLUG}/meetings/2017-04-28", "No meeting of that committee on that date."),
        (f"/api/committees/{COMMITTEE_SLUG}/minutes/2016/59", "That minute has not been published here."),
        (f"/api/committees/{COMMITTEE_SLUG}/meetings/2017-04-27/items/99", "That meeting has no such item."),
        ("/api/no/such/thing", "No such address in the API: see http://testserver/api/docs."),
        ("/api/meetings?committee=no-such-committee", "No committee 'no-such-committee' is published here."),
        ("/api/actions?committee=no-such-committee", "No committee 'no-such-committee' is published here."),
    ],
)
def test_an_unknown_object_is_a_json_404(client, url, detail):
    import_path(APRIL_2017)
    assert get_json(client, url, status=404) == {"detail": detail, "errors": []}


@pytest.mark.parametrize(
    "url",
    [
        "/api/meetings?year=1999",
        "/api/actions?year=1999",
        "/api/search?q=board&year=1999",
        "/api/search?q=the",
        "/api/search?q=-board",
    ],
)
def test_a_year_with_no_meetings_or_a_search_for_nothing_is_an_empty_list(client, url):
    import_path(APRIL_2017)
    assert get_json(client, url) == {"count": 0, "next": None, "previous": None, "results": []}


def test_etag_and_a_304_until_the_site_changes(client):
    import_path(APRIL_2016)
    url = "/api/meetings"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    import_path(APRIL_2017)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert changed.json()["count"] == 2


def test_cors_is_open_for_get_only(client):
    import_path(APRIL_2017)
    response = client.get("/api/meetings", HTTP_ORIGIN="https://news.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/meetings", HTTP_ORIGIN="https://news.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    # The reading pages and staff pages are not opened to other sites.
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://news.example")
    refused = client.post("/api/meetings")
    assert (refused.status_code, refused["Allow"], refused.json()) == (
        405,
        "GET",
        {"detail": "Method Not Allowed.", "errors": []},
    )


def test_rate_limit_per_address_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = "3/min"
    for _ in range(3):
        assert client.get("/api/committees", REMOTE_ADDR="192.0.2.1").status_code == 200
    refused = client.get("/api/committees", REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Too many requests from this address: try again later.", "errors": []}
    assert client.get("/api/committees", REMOTE_ADDR="192.0.2.2").status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_page_size(client):
    import_path(APRIL_2016)
    import_path(APRIL_2017)
    import_path(DATA / "minute-59-of-2016.txt")
    for url in ["/api/actions", "/api/meetings", "/api/search?q=board", "/api/committees"]:
        assert _queries(client, f"{url}{'&' if '?' in url else '?'}page_size=1") == _queries(
            client, f"{url}{'&' if '?' in url else '?'}page_size=100"
        ), url


def test_a_meeting_costs_the_same_queries_however_many_items(client):
    import_path(APRIL_2017)
    import_text(
        "Agenda and minutes\n\nEducation and Children's Services Scrutiny Board (2) - Thursday, 1st June, 2017 "
        "2.00 pm\n\n1.\n\nApologies\n\nMinutes:\n\nThere were none.\n",
        "one-item.txt",
    )
    nine = _queries(client, f"/api/committees/{COMMITTEE_SLUG}/meetings/2017-04-27")
    one = _queries(client, f"/api/committees/{COMMITTEE_SLUG}/meetings/2017-06-01")
    # Each meeting: the site's version, the meeting with its counts, its attendance, its items (with
    # whether they have declarations, votes or movers: these have none, so none is asked for) and
    # their four kinds of record; and for the references on the page, one query for the minutes they
    # name and one for the meetings (none where there are none).
    assert (nine, one) == (10, 8)


def test_an_answer_is_kept_until_the_site_changes(client, django_assert_num_queries):
    import_path(APRIL_2016)
    url = f"/api/committees/{COMMITTEE_SLUG}/meetings/2016-04-14"
    first = client.get(url)
    with django_assert_num_queries(1):  # the site's version, and nothing else
        again = client.get(url)
    assert again.content == first.content
    import_path(APRIL_2017)
    assert get_json(client, "/api/meetings")["count"] == 2


def test_an_item_whose_number_was_lost_is_known_by_its_place(client):
    for date in ("2025-06-05", "2025-07-10", "2025-09-11"):
        import_path(DATA / "lost-numbers" / f"{date}.txt")
    committee = "/api/committees/audit-and-standards-committee"
    answer = get_json(client, f"{committee}/meetings/2025-07-10/items/3")
    assert (answer["label"], answer["minute"], answer["number"]) == ("Item 3", None, None)
    assert answer["items"][0]["title"] == "Counter Fraud Update"
    assert answer["url"] == f"{SITE}/committees/audit-and-standards-committee/meetings/2025-07-10/items/3/"
    assert answer["api_url"] == f"{SITE}{committee}/meetings/2025-07-10/items/3"
    assert answer["referred_by"] == []
    # Minute 3/25 is June's, never the July item in third place.
    assert get_json(client, f"{committee}/minutes/2025/3")["items"][0]["meeting"]["date"] == "2025-06-05"


def test_a_null_character_in_the_words_is_a_bad_parameter_as_the_description_says(client):
    for url in ("/api/meetings?q=%00", "/api/search?q=school%00"):
        answer = get_json(client, url, status=400)
        assert [error["parameter"] for error in answer["errors"]] == ["q"]
