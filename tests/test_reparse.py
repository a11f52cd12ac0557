"""python manage.py reparse: meetings read again from their stored documents with the current importer."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command

from importers import actions as action_rules
from meetings.models import Action, Item, Meeting, SourceDocument
from meetings.tracking import record_decision

from .conftest import APRIL_2016, APRIL_2017, DATA
from .council_site import start_site
from .factories import import_path

pytestmark = pytest.mark.django_db
NEVER = re.compile(r"(?!)")


def reparse(capsys, *args):
    call_command("reparse", *args)
    return capsys.readouterr().out.splitlines()


@pytest.fixture
def read_by_an_older_importer(monkeypatch):
    """The seeds as an importer that did not know report-backs read them."""
    with monkeypatch.context() as older:
        older.setattr(action_rules, "REPORT_BACK", NEVER)
        import_path(APRIL_2016)
        import_path(APRIL_2017)


def test_a_better_importer_is_applied_to_meetings_already_imported(capsys, read_by_an_older_importer):
    assert Action.objects.filter(kind="report").count() == 0
    record_decision(Action.objects.get(text="Home schooling"), status="done")

    lines = reparse(capsys, "--all")

    assert lines == [
        "Education and Children's Services Scrutiny Board (2), 2016-04-14: replaced "
        "(items +0 -0, resolutions +0 -0, actions +2 -0, references +0 -0)",
        "Education and Children's Services Scrutiny Board (2), 2017-04-27: replaced "
        "(items +0 -0, resolutions +0 -0, actions +2 -0, references +0 -0)",
        "read 2 meeting(s) with importer version 5: 2 replaced, 0 unchanged, 0 without a stored document, 0 failed",
    ]
    reports = Action.objects.filter(kind="report").order_by("item__meeting__date", "item__order", "order")
    assert [(number, due and due.isoformat()) for number, due in reports.values_list("item__number", "due_month")] == [
        ("73", "2016-10-01"),
        ("73", "2017-04-01"),
        ("82", "2017-10-01"),
        ("84", None),
    ]
    assert Action.objects.get(text="Home schooling").status == "done"


def test_reparse_is_idempotent(capsys, read_by_an_older_importer):
    reparse(capsys, "--all")
    items = list(Item.objects.order_by("pk").values_list("pk", flat=True))
    assert reparse(capsys, "--all") == [
        "read 2 meeting(s) with importer version 5: 0 replaced, 2 unchanged, 0 without a stored document, 0 failed"
    ]
    assert list(Item.objects.order_by("pk").values_list("pk", flat=True)) == items


def test_a_dry_run_says_what_would_change_and_changes_nothing(capsys, read_by_an_older_importer):
    lines = reparse(capsys, "--all", "--dry-run")
    assert lines[-1] == (
        "read 2 meeting(s) with importer version 5: 2 would be replaced, 0 unchanged, "
        "0 without a stored document, 0 failed"
    )
    assert lines[0].endswith("would replace (items +0 -0, resolutions +0 -0, actions +2 -0, references +0 -0)")
    assert Action.objects.filter(kind="report").count() == 0


def test_the_options_given_at_import_are_used_again(capsys):
    import_path(DATA / "no-header.txt", committee="Cabinet", date=datetime.date(2019, 6, 5))
    Meeting.objects.update(records_hash="")
    assert reparse(capsys, "--committee", "cabinet")[-1] == (
        "read 1 meeting(s) with importer version 5: 1 replaced, 0 unchanged, 0 without a stored document, 0 failed"
    )
    meeting = Meeting.objects.get()
    assert (meeting.committee.name, meeting.date.isoformat()) == ("Cabinet", "2019-06-05")


def test_crawled_meetings_are_read_again_with_their_item_pages_and_without_the_site(capsys, settings):
    site = start_site()
    call_command("crawl_moderngov", site.url, "--committee", "130", "--delay", "0", "--contact", "a@example.org")
    site.server.stop()  # reparse reads only what was kept
    capsys.readouterr()
    Meeting.objects.update(records_hash="")
    assert reparse(capsys, "--all")[-1] == (
        "read 3 meeting(s) with importer version 5: 3 replaced, 0 unchanged, 0 without a stored document, 0 failed"
    )
    child_e = Item.objects.get(meeting__date="2016-04-14", number="71")
    assert (child_e.truncated, child_e.resolutions.count()) == (False, 2)
    assert SourceDocument.objects.count() == 4  # nothing stored twice


def test_meetings_without_a_stored_document_are_reported(capsys):
    import_path(APRIL_2017)
    SourceDocument.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("reparse", "--committee", "No Such Committee")
    call_command("reparse", "--parser-older-than", "99")
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "Education and Children's Services Scrutiny Board (2), 2017-04-27: no stored document: imported before "
        "documents were kept: import its file again or crawl"
    ]
    assert out.splitlines()[-1].endswith("0 replaced, 0 unchanged, 1 without a stored document, 0 failed")
