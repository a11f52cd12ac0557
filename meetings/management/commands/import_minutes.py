"""python manage.py import_minutes PATH [PATH ...]

Each PATH is a saved "Agenda and minutes" page -- as text, or as the web page itself --
or minutes printed as a PDF or Word document (told apart by content, not by name), or a
directory walked for them. One line per
file (imported, replaced, unchanged, or failed with PATH:LINE: reason), then a
summary. With --dry-run nothing is written: the parse is reported, as counts or
(--format json) in full; it works before the database is set up.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, InterfaceError, OperationalError, connection

from importers.records import ImportFailed, ParsedMeeting, meeting_as_dict
from meetings.importing import content_type, overrides_of, parse_document
from meetings.loader import IMPORTED, REPLACED, UNCHANGED, StoredDocument, refresh_after_bulk_import, save_meeting
from meetings.models import Committee, default_year_start

# What a directory is walked for: saved text, and saved pages under the names browsers and
# downloaders give them.
DOCUMENT_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".aspx", ".pdf", ".docx"}
NOT_SET_UP = "the database is not set up: run `make setup` (or `python manage.py migrate`) first"


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}") from None


def _time(value: str) -> datetime.time:
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--time must be HH:MM, not {value!r}") from None


def document_paths(paths: list[str]) -> list[Path]:
    """The files named, and every saved page under the directories named, in a stable order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(each for each in path.rglob("*") if each.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            found.append(path)
    return found


def database_is_set_up() -> bool:
    try:
        return Committee._meta.db_table in connection.introspection.table_names()
    except DatabaseError:
        return False


class Command(BaseCommand):
    help = "Import council minutes: 'Agenda and minutes' pages saved as text or web pages, PDF and Word minutes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories walked for saved pages")
        parser.add_argument("--dry-run", action="store_true", help="parse and report; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="how --dry-run reports")
        parser.add_argument("--committee", help="the committee, when the page does not say or says it wrongly")
        parser.add_argument("--date", type=_date, help="the meeting date, YYYY-MM-DD")
        parser.add_argument("--time", type=_time, help="the meeting's start time, HH:MM")

    def handle(self, *args, **options) -> None:
        overrides = {"committee": options["committee"], "date": options["date"], "time": options["time"]}
        set_up = database_is_set_up()
        if not set_up and not options["dry_run"]:
            raise CommandError(NOT_SET_UP)
        if not set_up:
            self.stderr.write(f"note: {NOT_SET_UP}; municipal years start on the site's default day")
        # Without a database the committee's own year start cannot be looked up.
        year_start = None if set_up else default_year_start()
        counts = {IMPORTED: 0, REPLACED: 0, UNCHANGED: 0, "failed": 0}
        parsed_all: list[dict] = []
        for path in document_paths(options["paths"]):
            try:
                data = _read(path)
                parsed = parse_document(data, str(path), year_start=year_start, **overrides)
            except ImportFailed as error:
                counts["failed"] += 1
                self.stderr.write(f"{error.path}:{error.line}: failed: {error.reason}")
                continue
            if options["dry_run"]:
                parsed_all.append(meeting_as_dict(parsed))
                if options["format"] == "text":
                    self.stdout.write(f"{path}: {_counts(parsed)}")
                    for warning in parsed.warnings:
                        self.stdout.write(f"{path}:{warning.line}: warning: {warning.message}")
                continue
            stored = StoredDocument(path.name, content_type(data), data, overrides=overrides_of(**overrides))
            try:
                result = save_meeting(parsed, documents=[stored])
            except (OperationalError, InterfaceError) as error:  # the database went away (a restart, say)
                reason = str(error).strip().splitlines()[0]
                raise CommandError(
                    f"{path}: not imported, and nothing of it saved: the database stopped answering ({reason}). "
                    f"{counts[IMPORTED]} imported and {counts[REPLACED]} replaced before it are saved; "
                    "run the same command again to import the rest (what is already imported is left alone)."
                ) from None
            counts[result.outcome] += 1
            self.stdout.write(f"{path}: {result.outcome} ({_counts(parsed)})")
            for warning in result.meeting.warnings:
                self.stdout.write(f"{path}: warning: {warning}")

        if options["dry_run"] and options["format"] == "json":
            self.stdout.write(json.dumps(parsed_all[0] if len(parsed_all) == 1 else parsed_all, indent=2))
        elif not options["dry_run"]:
            refresh_after_bulk_import(counts[IMPORTED] + counts[REPLACED])
            self.stdout.write(
                f"imported {counts[IMPORTED]}, replaced {counts[REPLACED]}, "
                f"unchanged {counts[UNCHANGED]}, failed {counts['failed']}"
            )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed to import", returncode=1)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailed(str(path), 0, error.strerror or str(error)) from None


def _counts(parsed: ParsedMeeting) -> str:
    items = parsed.items
    return (
        f"{len(items)} items, {sum(len(i.resolutions) for i in items)} resolutions, "
        f"{sum(len(i.actions) for i in items)} actions, {sum(len(i.references) for i in items)} references, "
        f"{len(parsed.warnings)} warnings"
    )
