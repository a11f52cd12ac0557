"""The recommendations pages, a minute's recommendations and answers, the CSV, the API, the
downloads and the co-ordinator's decision page."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.recommendations.models import Recommendation
from tests.conftest import DATA
from tests.factories import import_path, import_text
from tests.test_api import get_json
from tests.test_opendata import download, tables

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
BOARD = "/committees/education-scrutiny-board"


def all_three():
    for name in ("scrutiny", "cabinet", "cabinet_member"):
        import_path(DATA / "recommendations" / f"{name}.txt")


def test_a_minute_shows_its_recommendations_and_their_answers_both_ways(client):
    all_three()
    page = client.get(f"{BOARD}/minutes/2016/12/").content.decode()
    assert '<li id="minute-12-recommendation-1">' in page
    assert 'To <strong><a href="/committees/cabinet/">Cabinet</a></strong>: the home to school transport policy' in page
    assert (
        '<strong class="status status-accepted">Accepted</strong>: <a href="/committees/cabinet/minutes/2016/30/">Cabinet, Minute 30/16</a>'
        in page
    )
    assert '<strong class="status status-rejected">Rejected</strong>' in page
    answer = client.get("/committees/cabinet/minutes/2016/30/").content.decode()
    assert "Responds to recommendations" in answer
    assert (
        f'<a href="{BOARD}/minutes/2016/12/#minute-12-recommendation-1">Education Scrutiny Board, Minute 12/16, recommendation 1</a>'
        in answer
    )
    council = client.get(f"{BOARD}/minutes/2016/13/").content.decode()
    assert "To <strong>the Council</strong>: retain the current council tax support scheme for 2017/18" in council
    assert (
        '<strong class="status status-response-overdue">Response overdue</strong>: a response was due by <time datetime="2016-09-14">14 Sep 2016</time>'
        in council
    )


def test_the_recommendations_list_filters_and_its_csv(client):
    all_three()
    listing = client.get("/recommendations/").content.decode()
    assert "6 recommendations" in listing
    assert "1 recommendation<" in client.get("/recommendations/?status=overdue").content.decode()
    assert "4 recommendations" in client.get("/recommendations/?to=cabinet").content.decode()
    assert (
        "1 recommendation<" in client.get("/recommendations/?addressed=cabinet-member-for-communities").content.decode()
    )
    assert "6 recommendations" in client.get(f"{BOARD}/recommendations/").content.decode()
    assert "0 recommendations" in client.get("/committees/cabinet/recommendations/").content.decode()
    response = client.get("/recommendations.csv?status=rejected")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [
        {
            "committee": "Education Scrutiny Board", "meeting date": "2016-07-14", "minute": "12/16",
            "item": "School Transport Review", "label": "2", "addressed to": "Cabinet", "addressee kind": "Cabinet",
            "recommendation": "a travel training scheme be introduced for pupils with special educational needs.",
            "status": "Rejected", "response due": "2016-09-14", "answered by": "30/16",
            "answer's committee": "Cabinet", "answer date": "2016-09-06", "outcome": "Rejected",
            "url": f"{SITE}{BOARD}/minutes/2016/12/#minute-12-recommendation-2",
        }
    ]  # fmt: skip


def test_the_list_costs_the_same_queries_however_many_recommendations(client):
    import_path(DATA / "recommendations" / "scrutiny.txt")
    few = _queries(client, "/recommendations/")
    import_text(
        (DATA / "recommendations" / "scrutiny.txt").read_text().replace("14th July", "15th September"), "september.txt"
    )
    assert Recommendation.objects.count() == 12
    assert _queries(client, "/recommendations/") == few


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_recommendations_in_the_api_and_the_downloads(client):
    all_three()
    answer = get_json(client, "/api/recommendations?status=partly_accepted")
    (found,) = answer["results"]
    assert found | {"minute": None} == {
        "label": "",
        "text": "the Cabinet Member for Communities reconsiders the proposed reduction in library opening hours.",
        "addressee": "the Cabinet Member for Communities",
        "addressee_kind": "cabinet_member",
        "addressed_to": "cabinet-member-for-communities",
        "status": "partly_accepted",
        "overdue": False,
        "response_due": "2016-09-14",
        "answered_by": {
            "label": "Minute 5/16", "minute": "5/16", "title": "Library Opening Hours", "meeting_date": "2016-09-20",
            "committee": "cabinet-member-for-communities",
            "url": f"{SITE}/committees/cabinet-member-for-communities/minutes/2016/5/",
            "api_url": f"{SITE}/api/committees/cabinet-member-for-communities/minutes/2016/5",
        },
        "outcome": "partly_accepted",
        "url": f"{SITE}{BOARD}/minutes/2016/14/#minute-14-recommendation-1",
        "minute": None,
    }  # fmt: skip
    assert found["minute"]["minute"] == "14/16"
    assert get_json(client, "/api/recommendations?to=council&status=overdue")["count"] == 1
    assert get_json(client, "/api/recommendations?status=maybe", status=400)["errors"][0]["parameter"] == "status"
    minute = get_json(client, "/api/committees/cabinet/minutes/2016/31")
    assert [
        (each["minute"]["minute"], each["label"], each["status"]) for each in minute["items"][0]["responds_to"]
    ] == [
        ("15/16", "a", "responded"),
        ("15/16", "b", "responded"),
    ]
    _disposition, data = download(client, "/data/committees/education-scrutiny-board.csv.zip")
    rows = tables(data)["recommendations.csv"]
    assert [(row["minute"], row["label"], row["status"], row["answer_minute"], row["outcome"]) for row in rows] == [
        ("12/16", "1", "accepted", "30/16", "accepted"),
        ("12/16", "2", "rejected", "30/16", "rejected"),
        ("13/16", "", "awaiting", "", ""),
        ("14/16", "", "partly_accepted", "5/16", "partly_accepted"),
        ("15/16", "a", "responded", "31/16", "noted"),
        ("15/16", "b", "responded", "31/16", "noted"),
    ]
    assert rows[2]["overdue"] == "True"


def test_the_coordinators_decision_page(client):
    all_three()
    council = Recommendation.objects.get(addressee_kind="council")
    url = f"/staff/recommendations/{council.pk}/"
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    user = User.objects.create_user("co-ordinator", password="a long passphrase")
    client.force_login(user)
    assert client.get(url).status_code == 403
    user.groups.add(Group.objects.get(name="Scrutiny co-ordinators"))
    page = client.get(url).content.decode()
    assert "Decision on a recommendation" in page and "retain the current council tax support scheme" in page
    response = client.post(url, {"status": "withdrawn", "note": "Withdrawn by the Board.", "response": ""})
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=council.pk).status == "withdrawn"
    history = client.get(url).content.decode().split('id="history-heading"')[1]
    assert "<td>co-ordinator</td><td>Withdrawn</td><td>Withdrawn by the Board.</td>" in history
    minute = client.get(f"{BOARD}/minutes/2016/13/").content.decode()
    assert '<strong class="status status-withdrawn">Withdrawn</strong>' in minute
    assert f'<a href="{url}">Decision<span class="visually-hidden"> on this recommendation</span></a>' in minute


def test_the_outstanding_issues_briefing_lists_recommendations_awaiting_an_answer_on_its_day(client):
    all_three()
    briefing = f"{BOARD}/actions/?status=outstanding&as_of="
    before = client.get(briefing + "2016-09-01").content.decode().split('id="awaiting-heading"')[1]
    # On 1 September nothing had been answered, and nothing was yet overdue.
    assert before.count("<tr>") == 1 + 6 and "Overdue" not in before
    after = client.get(briefing + "2016-10-01").content.decode().split('id="awaiting-heading"')[1]
    # By 1 October Cabinet and the Cabinet Member had answered all but the one to Council, now overdue.
    assert after.count("<tr>") == 1 + 1
    assert "retain the current council tax support scheme" in after
    assert (
        '<strong class="status status-response-overdue">Overdue</strong>: due by <time datetime="2016-09-14">' in after
    )


def test_an_unknown_committee_in_the_api_is_not_found(client):
    all_three()
    for parameter in ("committee", "addressed"):
        answer = get_json(client, f"/api/recommendations?{parameter}=no-such-committee", status=404)
        assert answer["detail"] == "No committee 'no-such-committee' is published here."
