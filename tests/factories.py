"""Build rows the way the site gets them: by importing minutes."""

from pathlib import Path

from importers.text import parse_minutes, read_document
from meetings.loader import LoadResult, save_meeting, text_hash


def import_text(text: str, source: str = "test.txt", **options) -> LoadResult:
    return save_meeting(parse_minutes(text, source, **options), source_hash=text_hash(text))


def import_path(path: Path, **options) -> LoadResult:
    return import_text(read_document(path), str(path), **options)
