"""Printed minutes through the whole import: the command, the staff upload, the meeting's page,
the original offered for download, a failure that saves nothing, and `reparse`."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from meetings.models import Item, Meeting, Resolution, SourceDocument

from .conftest import APRIL_2016, APRIL_2017, COMMITTEE_SLUG, parse_path
from .documents import minutes_docx, printed_minutes_pdf
from .factories import reparse_changes_nothing

pytestmark = pytest.mark.django_db

MEETING_2017 = f"/committees/{COMMITTEE_SLUG}/meetings/2017-04-27/"


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The 2017 seed as printed minutes (PDF) and the 2016 seed as a Word document, under names
    that say nothing of what they are."""
    folder = tmp_path_factory.mktemp("printed")
    (folder / "2017.pdf").write_bytes(printed_minutes_pdf(parse_path(APRIL_2017)))
    (folder / "2016.docx").write_bytes(minutes_docx(parse_path(APRIL_2016)))
    return folder


def counts():
    return (Meeting.objects.count(), Item.objects.count(), Resolution.objects.count(), SourceDocument.objects.count())


def test_the_command_imports_pdf_and_word_minutes_from_a_folder(capsys, documents):
    call_command("import_minutes", str(documents))
    assert capsys.readouterr().out.splitlines() == [
        f"{documents / '2016.docx'}: imported (8 items, 3 resolutions, 13 actions, 5 references, 0 warnings)",
        f"{documents / '2017.pdf'}: imported (9 items, 5 resolutions, 5 actions, 2 references, 0 warnings)",
        "imported 2, replaced 0, unchanged 0, failed 0",
    ]
    call_command("import_minutes", str(documents))
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0, replaced 0, unchanged 2, failed 0"
    kept = SourceDocument.objects.order_by("name").values_list("name", "content_type")
    assert list(kept) == [
        ("2016.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("2017.pdf", "application/pdf"),
    ]


def test_a_dry_run_of_a_pdf_gives_the_full_parse_as_json(capsys, documents):
    call_command("import_minutes", "--dry-run", "--format", "json", str(documents / "2017.pdf"))
    parsed = json.loads(capsys.readouterr().out)
    assert (parsed["committee"], parsed["date"], parsed["time"]) == (
        "Education and Children's Services Scrutiny Board (2)",
        "2017-04-27",
        "14:00",
    )
    assert [item["minute"] for item in parsed["items"]] == [f"{n}/16" for n in range(79, 88)]
    assert Meeting.objects.count() == 0


def test_the_text_and_the_printed_minutes_of_a_meeting_are_one_meeting(capsys, documents):
    call_command("import_minutes", str(APRIL_2017))
    call_command("import_minutes", str(documents / "2017.pdf"))
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0, replaced 1, unchanged 0, failed 0"
    assert Meeting.objects.count() == 1
    assert Item.objects.count() == 9


def test_the_meeting_page_says_it_came_from_a_pdf_and_offers_the_original(client, documents):
    call_command("import_minutes", str(documents / "2017.pdf"))
    html = client.get(MEETING_2017).content.decode()
    size = (documents / "2017.pdf").stat().st_size
    imported = timezone.localtime(Meeting.objects.get().imported_at)  # as the page shows it: London time
    assert (
        "<div><dt>Source</dt><dd>Imported from the printed minutes (a PDF document) on "
        f'<time datetime="{imported:%Y-%m-%dT%H:%M:%S%z}">{imported.day} {imported:%B %Y}</time>: '
        f'<a href="{MEETING_2017}original/">download the original (2017.pdf, {size / 1024:.1f}\xa0KB)</a></dd></div>'
    ) in html
    original = client.get(f"{MEETING_2017}original/")
    assert original.status_code == 200
    assert original["Content-Type"] == "application/pdf"
    assert original["Content-Disposition"] == 'attachment; filename="2017.pdf"'
    assert b"".join(original) == (documents / "2017.pdf").read_bytes()


def test_a_meeting_from_text_offers_no_original(client):
    call_command("import_minutes", str(APRIL_2017))
    html = client.get(MEETING_2017).content.decode()
    assert "<dd>Imported from 2017-04-27-education-scrutiny-board-2.txt on" in html
    assert "original" not in html
    assert client.get(f"{MEETING_2017}original/").status_code == 404


def test_a_pdf_that_cannot_be_read_fails_with_its_name_and_saves_nothing(capsys, tmp_path):
    call_command("import_minutes", str(APRIL_2016))
    before = counts()
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(printed_minutes_pdf(parse_path(APRIL_2017))[:2000])
    with pytest.raises(CommandError):
        call_command("import_minutes", str(scanned))
    assert capsys.readouterr().err.startswith(f"{scanned}:0: failed: the PDF is damaged and cannot be read")
    assert counts() == before


def test_staff_upload_pdf_and_word_minutes(client, documents, django_user_model):
    from django.contrib.auth.models import Group

    coordinator = django_user_model.objects.create_user("jo", password="x")
    coordinator.groups.add(Group.objects.get(name="Scrutiny co-ordinators"))
    client.force_login(coordinator)
    form = client.get("/staff/import/").content.decode()
    assert 'accept=".txt,.html,.htm,.aspx,.pdf,.docx,' in form
    files = [
        SimpleUploadedFile("printed minutes.pdf", (documents / "2017.pdf").read_bytes()),
        SimpleUploadedFile("minutes.docx", (documents / "2016.docx").read_bytes()),
    ]
    html = client.post("/staff/import/", {"files": files}).content.decode()
    assert (
        '<tr><td>printed minutes.pdf</td><td><strong class="status status-imported">Imported</strong></td>'
        "<td>Education and Children&#x27;s Services Scrutiny Board (2), 27 April 2017</td></tr>"
    ) in html
    assert '<tr><td>minutes.docx</td><td><strong class="status status-imported">Imported</strong></td>' in html


def test_reparse_reads_printed_minutes_again_and_changes_nothing(capsys, documents):
    call_command("import_minutes", str(documents))
    reparse_changes_nothing(capsys, 2)
