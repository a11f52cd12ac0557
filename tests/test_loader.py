"""Saving parsed minutes: one transaction per document, idempotent, replaceable."""

import dataclasses

import pytest
from django.db import IntegrityError

from importers.records import ParsedAction
from importers.text import parse_minutes, read_document
from meetings import loader
from meetings.models import Action, Committee, Document, Item, Meeting, Reference, Resolution
from meetings.tracking import record_decision

from .conftest import APRIL_2016, APRIL_2017, DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db
MODELS = [Committee, Meeting, Item, Document, Resolution, Action, Reference]


def table_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_importing_the_seeds_creates_every_record():
    assert import_path(APRIL_2017).outcome == "imported"
    assert import_path(APRIL_2016).outcome == "imported"
    assert table_counts() == {
        "Committee": 1,
        "Meeting": 2,
        "Item": 17,
        "Document": 13,
        "Resolution": 8,
        "Action": 18,
        "Reference": 7,
    }
    meeting = Meeting.objects.get(date="2017-04-27")
    assert (meeting.venue, meeting.contact_email, meeting.warnings) == (
        "Committee Room 3 - Council House",
        "michelle.rose@coventry.gov.uk",
        [],
    )
    assert meeting.committee.slug == "education-and-childrens-services-scrutiny-board-2"
    item_82 = Item.objects.get(meeting=meeting, number="82")
    assert [(a.kind, a.due_month and a.due_month.isoformat(), a.resolution.label) for a in item_82.actions.all()] == [
        ("information", None, "1"),
        ("report", "2017-10-01", "2"),
    ]
    ref = Reference.objects.get(from_item__number="84")
    assert (ref.kind, ref.committee_slug, ref.municipal_year, ref.minute_number) == (
        "minute",
        "education-and-childrens-services-scrutiny-board-2",
        2016,
        59,
    )


def test_reimporting_an_unchanged_document_changes_nothing():
    first = import_path(APRIL_2017)
    before = (table_counts(), list(Item.objects.values_list("pk", flat=True)), first.meeting.imported_at)
    again = import_path(APRIL_2017)
    assert again.outcome == "unchanged"
    after = (table_counts(), list(Item.objects.values_list("pk", flat=True)), Meeting.objects.get().imported_at)
    assert after == before


def test_a_new_parser_version_that_reads_the_document_alike_changes_nothing_but_the_version(monkeypatch):
    first = import_path(APRIL_2017).meeting
    monkeypatch.setattr(loader, "PARSER_VERSION", loader.PARSER_VERSION + 1)
    assert import_path(APRIL_2017).outcome == "unchanged"
    meeting = Meeting.objects.get()
    assert (meeting.parser_version, meeting.imported_at) == (loader.PARSER_VERSION, first.imported_at)


def test_a_better_reading_of_an_unchanged_document_replaces_the_meeting():
    text = read_document(APRIL_2017)
    import_text(text, "april.txt")
    parsed = parse_minutes(text, "april.txt")
    better = dataclasses.replace(
        parsed, items=(dataclasses.replace(parsed.items[0], title="Declarations of Interest"),)
    )
    result = loader.save_meeting(better, source_hash=loader.text_hash(text))
    assert result.outcome == "replaced"
    assert list(result.meeting.items.values_list("title", flat=True)) == ["Declarations of Interest"]
    assert loader.save_meeting(better, source_hash=loader.text_hash(text)).outcome == "unchanged"


def test_a_changed_document_replaces_the_meeting_and_keeps_staff_statuses():
    import_path(APRIL_2017)
    record_decision(Action.objects.get(text="a further report be considered in October, 2017"), status="done")
    record_decision(Action.objects.get(text="Home schooling"), status="dropped")
    text = read_document(APRIL_2017).replace("Home schooling\n", "Elective home education\n")
    text = text.replace("The Board noted the work programme.", "The Board noted and agreed the work programme.")

    assert import_text(text, "changed.txt").outcome == "replaced"

    assert Meeting.objects.count() == 1
    assert Meeting.objects.get().source == "changed.txt"
    assert Item.objects.get(number="86").minutes_text == "The Board noted and agreed the work programme."
    statuses = dict(Action.objects.values_list("text", "status"))
    assert statuses["a further report be considered in October, 2017"] == "done"
    assert statuses["Elective home education"] == "outstanding"
    assert "Home schooling" not in statuses
    assert table_counts()["Item"] == 9


def test_a_document_failing_part_way_leaves_every_table_unchanged():
    import_path(APRIL_2016)
    before = table_counts()
    parsed = parse_minutes(read_document(APRIL_2017), "bad.txt")
    # The last item carries an action the database refuses, after everything else was written.
    last = parsed.items[-1]
    bad_last = dataclasses.replace(last, actions=(ParsedAction("not-a-kind", "x"),))
    bad = dataclasses.replace(parsed, items=(*parsed.items[:-1], bad_last))

    with pytest.raises(IntegrityError):
        loader.save_meeting(bad, source_hash="x")
    assert table_counts() == before
    assert not Meeting.objects.filter(date="2017-04-27").exists()


def test_a_failed_replacement_keeps_the_old_content():
    import_path(APRIL_2017)
    before = (table_counts(), list(Item.objects.values_list("pk", "minutes_text")))
    parsed = parse_minutes(read_document(APRIL_2017).replace("Home schooling", "Home education"), "bad.txt")
    bad_last = dataclasses.replace(parsed.items[-1], actions=(ParsedAction("not-a-kind", "x"),))
    with pytest.raises(IntegrityError):
        loader.save_meeting(dataclasses.replace(parsed, items=(*parsed.items[:-1], bad_last)), source_hash="y")
    assert (table_counts(), list(Item.objects.values_list("pk", "minutes_text"))) == before
    assert Meeting.objects.get().source == str(APRIL_2017)


def test_a_clash_of_minute_numbers_in_one_municipal_year_is_a_warning():
    import_path(APRIL_2017)
    clash = import_path(DATA / "meeting-6-april-2017.txt")  # numbers 76-77 in 2016/17: no clash
    assert clash.meeting.warnings == []
    restarted = read_document(DATA / "meeting-6-april-2017.txt").replace("76.", "80.").replace("77.", "81.")
    result = import_text(restarted.replace("6th April", "13th April"), "restart.txt")
    assert result.meeting.warnings == [
        "minute 80/16 is also minute 80 of the meeting of 2017-04-27: numbering restarted, "
        "or the municipal year starts on another day",
        "minute 81/16 is also minute 81 of the meeting of 2017-04-27: numbering restarted, "
        "or the municipal year starts on another day",
    ]
