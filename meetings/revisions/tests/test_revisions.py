"""What changed in a meeting's minutes: a draft replaced by its approved version, recorded and
shown; a new reading of the same document kept for staff only."""

import dataclasses
import datetime

import pytest

from meetings.loader import save_meeting
from meetings.models import Meeting
from meetings.revisions.changes import ItemVersion, compare, word_diff
from meetings.revisions.models import Revision
from tests.conftest import DATA, parse_path
from tests.factories import import_path

pytestmark = pytest.mark.django_db

DRAFT = DATA / "revisions" / "draft.txt"
APPROVED = DATA / "revisions" / "approved.txt"
PAGE = "/committees/audit-panel/meetings/2016-06-16/"


def test_a_word_diff_marks_words_removed_and_added():
    assert word_diff("Members asked about the recomendations still outstanding.", "Members asked about the recommendations still outstanding.") == [
        ["equal", "Members asked about the"], ["delete", "recomendations"], ["insert", "recommendations"],
        ["equal", "still outstanding."],
    ]  # fmt: skip
    long = " ".join(f"w{n}" for n in range(100))
    runs = word_diff(long + " end", long + " finish")
    assert runs[0] == ["equal", "… " + " ".join(f"w{n}" for n in range(88, 100))]


def test_items_are_matched_by_number_and_their_changes_named():
    before = [
        ItemVersion("1", 1, "Apologies", "None."),
        ItemVersion("2", 2, "Budget", "Noted.", ("the budget be noted",)),
    ]
    after = [
        ItemVersion("1", 1, "Apologies", "None."),
        ItemVersion("2", 2, "Budget Monitoring", "Noted.", ("the budget be noted and approved",)),
        ItemVersion("3", 3, "Fraud", "Noted."),
    ]
    assert compare(before, after) == [
        {
            "item": "2", "number": "2", "title": "Budget Monitoring", "kind": "changed", "title_before": "Budget",
            "resolutions": {"added": [], "removed": [], "reworded": [
                ["the budget be noted", "the budget be noted and approved",
                 [["equal", "the budget be noted"], ["insert", "and approved"]]],
            ]},
        },
        {"item": "3", "number": "3", "title": "Fraud", "kind": "added"},
    ]  # fmt: skip
    assert compare(after, after) == []


def test_the_approved_version_of_draft_minutes_is_a_revision():
    import_path(DRAFT)
    meeting = Meeting.objects.get()
    assert meeting.draft
    assert import_path(APPROVED).outcome == "replaced"
    (revision,) = Revision.objects.all()
    assert (revision.by_council, revision.was_draft, revision.is_draft, revision.approved) == (True, True, False, True)
    assert (revision.items_added, revision.items_removed, revision.items_changed, revision.change_count) == (1, 0, 1, 3)
    changed, added = revision.changes
    assert added == {"item": "4", "number": "4", "title": "Counter Fraud Update", "kind": "added"}
    assert (
        changed["item"] == "2"
        and ["delete", "recomendations"] in changed["text"]
        and ["insert", "recommendations"] in changed["text"]
    )
    (reworded,) = changed["resolutions"]["reworded"]
    assert reworded[0] == "the annual report be noted."
    assert reworded[2] == [
        ["equal", "the annual report be"],
        ["delete", "noted."],
        [
            "insert",
            "noted and that the Chief Internal Auditor report progress on outstanding recommendations in September.",
        ],
    ]
    assert Meeting.objects.get().draft is False
    # The same approved minutes imported again: no change, no revision.
    assert import_path(APPROVED).outcome == "unchanged"
    assert Revision.objects.count() == 1


def test_the_meeting_page_and_the_revisions_page_show_what_changed(client):
    import_path(DRAFT)
    page = client.get(PAGE).content.decode()
    assert "Draft minutes: the council has not yet approved them" in page and "changed after" not in page
    import_path(APPROVED)
    page = client.get(PAGE).content.decode()
    today = datetime.date.today()
    assert (
        f'These minutes changed after they were first published (3 changes): <a href="{PAGE}revisions/">see what changed</a>.'
        in page
    )
    assert f'<p class="amended">Amended on <time datetime="{today:%Y-%m-%d}">' in page
    assert f'(<a href="{PAGE}revisions/#change-minute-2">what changed</a>)' in page
    assert page.count('class="amended"') == 2  # items 2 and 4; 1 and 3 are as they were
    revisions = client.get(f"{PAGE}revisions/").content.decode()
    assert "<p>The draft minutes became the minutes.</p>" in revisions
    assert (
        '<del><span class="visually-hidden">removed: </span>recomendations</del> <ins><span class="visually-hidden">added: </span>recommendations</ins>'
        in revisions
    )
    assert (
        'id="change-minute-4"' in revisions and 'Counter Fraud Update <span class="subtitle">added</span>' in revisions
    )
    feed = client.get("/committees/audit-panel/revisions/feed/").content.decode()
    assert "<title>Minutes of 16 June 2016 amended (3 changes)</title>" in feed
    assert client.get("/committees/audit-panel/meetings/2016-06-17/revisions/").status_code == 404


def test_a_new_reading_of_the_same_document_is_no_change_by_the_council(client):
    import_path(DRAFT)
    meeting = Meeting.objects.get()
    parsed = parse_path(DRAFT)
    reread = dataclasses.replace(
        parsed, items=(dataclasses.replace(parsed.items[0], title="Apologies for Absence"), *parsed.items[1:])
    )
    assert save_meeting(reread, source_hash=meeting.source_hash, replacing=meeting).outcome == "replaced"
    (revision,) = Revision.objects.all()
    assert revision.by_council is False and revision.changes[0]["title_before"] == "Apologies"
    assert "changed after they were first published" not in client.get(PAGE).content.decode()
    assert "have not changed since Minutebook first published them" in client.get(f"{PAGE}revisions/").content.decode()


def test_a_committees_revisions_in_the_api(client):
    import_path(DRAFT)
    import_path(APPROVED)
    answer = client.get("/api/committees/audit-panel/revisions")
    assert answer.status_code == 200
    (revision,) = answer.json()["results"]
    assert (revision["approved"], revision["is_draft"], revision["meeting"]["date"]) == (True, False, "2016-06-16")
    changed, added = revision["changes"]
    assert {"operation": "delete", "words": "recomendations"} in changed["text"]
    assert changed["resolutions"]["reworded"][0]["before"] == "the annual report be noted."
    assert (changed["title_before"], changed["actions"], added["kind"], added["text"]) == (None, None, "added", None)
    assert revision["url"] == f"http://testserver{PAGE}revisions/#revision-{Revision.objects.get().pk}"
    assert client.get("/api/committees/no-such/revisions").status_code == 404
