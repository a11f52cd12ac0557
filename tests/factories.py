"""Build rows the way the site gets them: by importing minutes."""

from pathlib import Path

from meetings.importing import import_document, import_file
from meetings.loader import LoadResult


def import_text(text: str, source: str = "test.txt", **overrides) -> LoadResult:
    return import_document(text, source, **overrides)


def import_path(path: Path, **overrides) -> LoadResult:
    return import_file(path, **overrides)
