"""python manage.py import_minutes: one line per file, a summary, an exit status."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Item, Meeting

from .conftest import APRIL_2016, APRIL_2017, DATA, ROOT, SAMPLES

pytestmark = pytest.mark.django_db


def run(*args):
    call_command("import_minutes", *map(str, args))


def test_a_directory_is_walked_and_each_file_reported(capsys):
    run(SAMPLES)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{APRIL_2016}: imported (8 items, 3 resolutions, 13 actions, 5 references, 0 warnings)",
        f"{APRIL_2017}: imported (9 items, 5 resolutions, 5 actions, 2 references, 0 warnings)",
        "imported 2, replaced 0, unchanged 0, failed 0",
    ]
    run(SAMPLES)
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0, replaced 0, unchanged 2, failed 0"
    assert Meeting.objects.count() == 2


def test_a_failure_is_reported_with_path_and_line_and_the_others_still_import(capsys):
    with pytest.raises(CommandError) as failure:
        run(DATA / "not-minutes.txt", APRIL_2017, DATA / "empty.txt")
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f'{DATA / "not-minutes.txt"}:1: failed: no agenda items found: is this an "Agenda and minutes" page?',
        f"{DATA / 'empty.txt'}:1: failed: the file is empty",
    ]
    assert captured.out.splitlines()[-1] == "imported 1, replaced 0, unchanged 0, failed 2"
    assert failure.value.returncode == 1
    assert Meeting.objects.count() == 1


def test_a_missing_header_names_the_options(capsys):
    with pytest.raises(CommandError):
        run(DATA / "no-header.txt")
    assert "give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]" in capsys.readouterr().err
    run(DATA / "no-header.txt", "--committee", "Cabinet", "--date", "2019-06-05", "--time", "10:30")
    meeting = Meeting.objects.get()
    assert (meeting.committee.name, str(meeting.date), str(meeting.start_time)) == ("Cabinet", "2019-06-05", "10:30:00")


def test_dry_run_json_has_the_documented_shape_and_writes_nothing(capsys):
    run("--dry-run", "--format", "json", APRIL_2017)
    data = json.loads(capsys.readouterr().out)
    assert Item.objects.count() == 0
    assert list(data) == [
        "source", "committee", "date", "time", "kind", "venue", "contact", "items", "attendance", "draft", "warnings",
    ]  # fmt: skip
    assert (data["date"], data["time"], data["contact"]) == (
        "2017-04-27",
        "14:00",
        {"name": "Michelle Rose", "phone": "024 7683 3111", "email": "michelle.rose@coventry.gov.uk"},
    )
    item_81, item_82, item_84 = data["items"][2], data["items"][3], data["items"][5]
    assert list(item_81) == [
        "number", "minute", "title", "introduction", "documents", "additional_documents", "agenda_text",
        "minutes_text", "truncated", "resolutions", "actions", "recommendations", "references", "declarations", "votes", "movers",
    ]  # fmt: skip
    assert (item_81["number"], item_81["minute"]) == ("81", "81/16")
    assert item_81["documents"] == [
        {
            "title": "One Strategic Plan for School Organisation",
            "format": "PDF",
            "size_kb": 51,
            "additional": False,
            "url": None,
        }
    ]
    assert item_82["actions"][1] == {
        "kind": "report",
        "text": "a further report be considered in October, 2017",
        "due": "2017-10",
    }
    assert item_82["resolutions"][0]["label"] == "1"
    assert item_84["references"] == [{"kind": "minute", "number": 59, "year": 2016, "text": "Minute 59/16"}]
    assert data["items"][0]["introduction"] is None


def test_dry_run_json_for_several_files_is_a_list(capsys, tmp_path):
    shutil.copy(APRIL_2016, tmp_path / "a.txt")
    shutil.copy(APRIL_2017, tmp_path / "b.txt")
    run("--dry-run", "--format", "json", tmp_path)
    data = json.loads(capsys.readouterr().out)
    assert [meeting["date"] for meeting in data] == ["2016-04-14", "2017-04-27"]


def test_dry_run_text_reports_counts_per_file(capsys):
    run("--dry-run", APRIL_2016)
    assert capsys.readouterr().out.splitlines() == [
        f"{APRIL_2016}: 8 items, 3 resolutions, 13 actions, 5 references, 0 warnings"
    ]
    assert Meeting.objects.count() == 0


def test_a_bad_date_option_is_refused():
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        run("--date", "27/04/2017", APRIL_2017)


HTML = DATA / "moderngov"


def test_saved_web_pages_are_imported_by_content_whatever_their_name(capsys, tmp_path):
    shutil.copy(HTML / "2017-04-27.html", tmp_path / "a.html")
    shutil.copy(HTML / "agenda-decisions-and-minutes.html", tmp_path / "ieListDocuments.aspx")
    shutil.copy(HTML / "2016-04-14.html", tmp_path / "saved page")  # named explicitly, no extension
    run(tmp_path, tmp_path / "saved page")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'a.html'}: imported (9 items, 5 resolutions, 5 actions, 2 references, 0 warnings)",
        f"{tmp_path / 'ieListDocuments.aspx'}: imported (5 items, 3 resolutions, 2 actions, 1 references, 1 warnings)",
        # (the page goes from item 1 to item 3)
        f"{tmp_path / 'ieListDocuments.aspx'}: warning: line 20: item 2 missing between 1 and 3: "
        "the page may have been cut, or the importer misread it",
        f"{tmp_path / 'saved page'}: imported (8 items, 3 resolutions, 13 actions, 5 references, 0 warnings)",
        "imported 3, replaced 0, unchanged 0, failed 0",
    ]
    meeting = Meeting.objects.get(date="2017-04-27")
    assert meeting.source == "https://edemocracy.example.gov.uk/ieListDocuments.aspx?CId=130&MId=11234&Ver=4"
    assert meeting.items.get(number="80").documents.get().url == (
        "https://edemocracy.example.gov.uk/documents/s34601/Minutes.pdf"
    )


def test_a_text_page_and_its_web_page_are_one_meeting(capsys):
    run(APRIL_2017)
    run(HTML / "2017-04-27.html")
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0, replaced 1, unchanged 0, failed 0"
    assert Meeting.objects.count() == 1
    assert Item.objects.count() == 9


def test_each_imported_document_is_kept_beside_its_meeting(capsys, tmp_path):
    page = tmp_path / "minutes.txt"
    page.write_bytes(APRIL_2017.read_bytes())
    run(page)
    run(page)  # unchanged: nothing more is kept
    page.write_bytes(APRIL_2017.read_bytes().replace(b"Home schooling", b"Elective home education"))
    run(page)
    meeting = Meeting.objects.get()
    kept = list(meeting.source_documents.order_by("fetched_at", "id"))
    assert [(doc.role, doc.name, doc.content_type, doc.size) for doc in kept] == [
        ("meeting", "minutes.txt", "text/plain; charset=utf-8", len(APRIL_2017.read_bytes())),
        ("meeting", "minutes.txt", "text/plain; charset=utf-8", page.stat().st_size),
    ]
    assert kept[0].content == APRIL_2017.read_bytes()
    assert kept[1].content == page.read_bytes()
    assert len(bytes(kept[1].compressed)) < kept[1].size / 2


def test_the_options_a_person_gave_are_kept_with_the_document():
    run(DATA / "no-header.txt", "--committee", "Cabinet", "--date", "2019-06-05", "--time", "10:30")
    kept = Meeting.objects.get().source_documents.get()
    assert kept.overrides == {"committee": "Cabinet", "date": "2019-06-05", "time": "10:30:00"}


def test_a_dry_run_needs_no_database_and_an_import_says_to_set_one_up(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"}
    command = [sys.executable, "manage.py", "import_minutes"]
    dry = subprocess.run([*command, "--dry-run", str(APRIL_2017)], env=env, cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0
    assert dry.stdout.splitlines() == [f"{APRIL_2017}: 9 items, 5 resolutions, 5 actions, 2 references, 0 warnings"]
    assert dry.stderr.splitlines() == [
        "note: the database is not set up: run `make setup` (or `python manage.py migrate`) first; "
        "municipal years start on the site's default day"
    ]
    real = subprocess.run([*command, str(APRIL_2017)], env=env, cwd=ROOT, capture_output=True, text=True)
    assert real.returncode == 1
    assert real.stderr.strip() == (
        "CommandError: the database is not set up: run `make setup` (or `python manage.py migrate`) first"
    )


def test_the_meeting_page_links_each_document_to_the_councils_file(client):
    run(HTML / "agenda-decisions-and-minutes.html", APRIL_2017)
    fees = client.get("/committees/cabinet/meetings/2024-03-12/").content.decode()
    assert (
        '<li><a href="https://democracy.example-borough.gov.uk/documents/s9002/Appendix%20A%20schedule.pdf">'
        "Appendix A - schedule of charges</a> (PDF, 95 KB)</li>"
    ) in fees
    assert "Additional documents (not imported)" not in fees  # the page listed them
    seed = client.get("/committees/education-and-childrens-services-scrutiny-board-2/meetings/2017-04-27/")
    html = seed.content.decode()
    assert "<li>One Strategic Plan for School Organisation (PDF, 51 KB)</li>" in html  # saved text: no link
    assert html.count("<li>Additional documents (not imported)</li>") == 2  # items 81 and 84 named, not listed
