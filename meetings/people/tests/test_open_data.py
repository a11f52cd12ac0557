"""People in the open data: the API's councillors, attendance reports and meetings' attendance,
declarations, votes and movers, and the same records in the CSV and JSON downloads."""

import json

import pytest

from tests.conftest import DATA
from tests.factories import import_path
from tests.test_api import get_json
from tests.test_opendata import download, tables

pytestmark = pytest.mark.django_db

PRINTED = DATA / "people" / "printed_attendance.txt"
SITE = "http://testserver"
BOARD = "housing-scrutiny-board"
MEETING = f"/api/committees/{BOARD}/meetings/2016-10-12"


def ref(slug: str, name: str) -> dict:
    return {
        "slug": slug,
        "name": name,
        "url": f"{SITE}/councillors/{slug}/",
        "api_url": f"{SITE}/api/councillors/{slug}",
    }


def test_a_meetings_attendance_declarations_votes_and_movers_in_the_api(client):
    import_path(PRINTED)
    answer = get_json(client, MEETING)
    attendance = answer["attendance"]
    assert attendance[0] == {
        "name": "Councillor R Smith",
        "person": ref("r-smith", "Councillor R Smith"),
        "status": "present",
        "group": "member",
        "chair": "chair",
        "substitute_for": None,
        "substitute_for_person": None,
        "remote": False,
        "role": "",
        "source": "minutes",
    }
    seaman = next(row for row in attendance if row["name"] == "Councillor P Seaman")
    assert (seaman["substitute_for"], seaman["substitute_for_person"]) == (
        "Councillor K Sandhu",
        ref("k-sandhu", "Councillor K Sandhu"),
    )
    assert [row["name"] for row in attendance if row["status"] == "apologies"] == [
        "Councillor K Sandhu",
        "Councillor L Green",
    ]
    officers = [(row["person"], row["role"]) for row in attendance if row["group"] == "officer"]
    assert (None, "Clerk & Chief Executive") in officers

    item_24 = next(item for item in answer["items"] if item["number"] == "24")
    assert [(each["person"]["slug"], each["kind"]) for each in item_24["declarations"]] == [
        ("a-jones", "disclosable_pecuniary")
    ]
    (vote,) = item_24["votes"]
    assert vote["resolution"] == 1
    assert vote["counts"] == {"yes": 3, "no": 1, "abstain": 1, "not_voting": None}
    assert [(cast["name"], cast["option"]) for cast in vote["votes"]] == [
        ("Councillor R Smith", "yes"),
        ("Councillor T Khan", "yes"),
        ("Councillor P Seaman", "yes"),
        ("Councillor B Brown", "no"),
        ("Mrs J Barclay", "abstain"),
    ]
    assert [(mover["person"]["slug"], mover["role"], mover["resolution"]) for mover in item_24["movers"]] == [
        ("r-smith", "moved", 1),
        ("t-khan", "seconded", 1),
    ]
    item_25 = next(item for item in answer["items"] if item["number"] == "25")
    (counted,) = item_25["votes"]
    assert (counted["counts"], counted["votes"]) == ({"yes": 4, "no": 1, "abstain": 1, "not_voting": None}, [])


def test_councillors_and_one_councillors_record_in_the_api(client):
    import_path(PRINTED)
    listed = get_json(client, "/api/councillors?q=seaman")
    assert (listed["count"], [person["slug"] for person in listed["results"]]) == (1, ["p-seaman"])
    everyone = get_json(client, "/api/councillors?page_size=3")
    assert (everyone["count"], everyone["next"]) == (10, f"{SITE}/api/councillors?page_size=3&page=2")
    assert get_json(client, "/api/councillors?year=2015")["count"] == 0

    jones = get_json(client, "/api/councillors/a-jones")
    assert jones["attendance_rates"] == [
        {
            "committee": BOARD,
            "committee_name": "Housing Scrutiny Board",
            "municipal_year": 2016,
            "expected": 1,
            "attended": 1,
            "rate": 100,
            "report_url": f"{SITE}/committees/{BOARD}/2016-17/attendance/",
        }
    ]
    assert [(row["meeting"]["date"], row["status"]) for row in jones["meetings"]] == [("2016-10-12", "present")]
    (declared,) = jones["declarations"]
    assert (declared["minute"]["minute"], declared["kind"]) == ("24/16", "disclosable_pecuniary")
    assert declared["text"].startswith("Councillor A Jones declared a disclosable pecuniary interest in item 24")
    assert (jones["names"], jones["municipal_years"]) == (["Councillor A Jones"], [2016])
    assert get_json(client, "/api/councillors/a-jones?year=2015")["meetings"] == []
    smith = get_json(client, "/api/councillors/r-smith")
    assert [(vote["minute"]["minute"], vote["option"]) for vote in smith["votes"]] == [("24/16", "yes")]
    assert [(moved["minute"]["minute"], moved["role"]) for moved in smith["moved"]] == [("24/16", "moved")]
    assert get_json(client, "/api/councillors/no-one", status=404)["detail"]


def test_a_committees_attendance_for_a_year_in_the_api(client):
    import_path(PRINTED)
    report = get_json(client, f"/api/committees/{BOARD}/2016-17/attendance")
    assert (report["municipal_year"], report["recorded"]) == (2016, ["2016-10-12"])
    assert report["csv_url"] == f"{SITE}/committees/{BOARD}/2016-17/attendance.csv"
    by_slug = {row["person"]["slug"]: row for row in report["members"]}
    assert by_slug["p-seaman"] | {"person": None} == {
        "person": None,
        "expected": 1,
        "attended": 1,
        "apologies": 0,
        "absent": 0,
        "as_substitute": 1,
        "rate": 100,
        "meetings": [{"meeting": "2016-10-12", "recorded_as": "Substitute"}],
    }
    assert by_slug["k-sandhu"]["meetings"] == [{"meeting": "2016-10-12", "recorded_as": "Apologies"}]
    assert get_json(client, f"/api/committees/{BOARD}/2016-18/attendance", status=404)
    assert get_json(client, f"/api/committees/{BOARD}/2015-16/attendance", status=404)


def test_a_councillors_answer_is_cached_with_an_etag(client):
    import_path(PRINTED)
    first = client.get("/api/councillors/a-jones")
    assert first.status_code == 200 and first["ETag"]
    assert client.get("/api/councillors/a-jones", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_downloads_hold_people_attendance_declarations_and_votes(client):
    import_path(PRINTED)
    _disposition, data = download(client, f"/data/committees/{BOARD}.csv.zip")
    found = tables(data)
    people = {row["person"]: row for row in found["people.csv"]}
    assert len(people) == 10 and "M Rose" not in {row["name"] for row in found["people.csv"]}
    assert people["j-barclay"] == {
        "person": "j-barclay", "name": "J Barclay", "title": "Mrs", "kind": "co_opted", "party": "", "ward": "",
        "url": f"{SITE}/councillors/j-barclay/", "profile_url": "", "photo_url": "",
    }  # fmt: skip
    seaman = next(row for row in found["attendance.csv"] if row["name"] == "Councillor P Seaman")
    assert {key: seaman[key] for key in ["committee", "date", "person", "status", "substitute_for_person"]} == {
        "committee": BOARD,
        "date": "2016-10-12",
        "person": "p-seaman",
        "status": "present",
        "substitute_for_person": "k-sandhu",
    }
    assert [(row["minute"], row["person"], row["kind"]) for row in found["declarations.csv"]] == [
        ("22/16", "b-brown", "other_registrable"),
        ("24/16", "a-jones", "disclosable_pecuniary"),
    ]
    assert [
        (row["minute"], row["resolution"], row["yes"], row["no"], row["abstain"]) for row in found["votes.csv"]
    ] == [
        ("24/16", "1", "3", "1", "1"),
        ("25/16", "1", "4", "1", "1"),
    ]
    assert [(row["person"], row["option"]) for row in found["vote_casts.csv"]][-1] == ("j-barclay", "abstain")
    assert [(row["person"], row["role"]) for row in found["movers.csv"]] == [
        ("r-smith", "moved"),
        ("t-khan", "seconded"),
    ]

    _disposition, data = download(client, f"/data/committees/{BOARD}.json")
    document = json.loads(data)
    assert len(document["meetings"][0]["attendance"]) == 13
    assert sorted(person["slug"] for person in document["people"])[:2] == ["a-jones", "b-brown"]
    assert len(document["people"]) == 10
