"""Build rows the way the site gets them: by importing minutes."""

from pathlib import Path

from django.core.management import call_command

from meetings.importing import import_document, import_file
from meetings.loader import LoadResult
from meetings.models import Item


def import_text(text: str, source: str = "test.txt", **overrides) -> LoadResult:
    return import_document(text, source, **overrides)


def import_path(path: Path, **overrides) -> LoadResult:
    return import_file(path, **overrides)


def reparse_changes_nothing(capsys, meetings: int) -> None:
    """`reparse --all` reads every meeting again from its kept documents and replaces none: the
    same items, rows and all."""
    items = list(Item.objects.order_by("pk").values_list("pk", "minutes_text"))
    capsys.readouterr()
    call_command("reparse", "--all")
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith(f"0 replaced, {meetings} unchanged, 0 without a stored document, 0 failed")
    )
    assert list(Item.objects.order_by("pk").values_list("pk", "minutes_text")) == items
