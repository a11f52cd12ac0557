"""python manage.py import_minutes PATH [PATH ...]

One line per file (imported, replaced, unchanged, or failed with PATH:LINE: reason),
then a summary. With --dry-run nothing is written: the parse is reported, as
counts or (--format json) in full.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.records import ImportFailed, ParsedMeeting, meeting_as_dict
from importers.text import read_document
from meetings.importing import parse_document
from meetings.loader import IMPORTED, REPLACED, UNCHANGED, save_meeting, text_hash


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
    """The files named, and every *.txt under the directories named, in a stable order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        found.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return found


class Command(BaseCommand):
    help = "Import council minutes saved as text ('Agenda and minutes' pages)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files, or directories walked for *.txt")
        parser.add_argument("--dry-run", action="store_true", help="parse and report; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="how --dry-run reports")
        parser.add_argument("--committee", help="the committee, when the page does not say or says it wrongly")
        parser.add_argument("--date", type=_date, help="the meeting date, YYYY-MM-DD")
        parser.add_argument("--time", type=_time, help="the meeting's start time, HH:MM")

    def handle(self, *args, **options) -> None:
        overrides = {"committee": options["committee"], "date": options["date"], "time": options["time"]}
        counts = {IMPORTED: 0, REPLACED: 0, UNCHANGED: 0, "failed": 0}
        parsed_all: list[dict] = []
        for path in document_paths(options["paths"]):
            try:
                text = read_document(path)
                parsed = parse_document(text, str(path), **overrides)
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
            result = save_meeting(parsed, source_hash=text_hash(text))
            counts[result.outcome] += 1
            self.stdout.write(f"{path}: {result.outcome} ({_counts(parsed)})")
            for warning in result.meeting.warnings:
                self.stdout.write(f"{path}: warning: {warning}")

        if options["dry_run"] and options["format"] == "json":
            self.stdout.write(json.dumps(parsed_all[0] if len(parsed_all) == 1 else parsed_all, indent=2))
        elif not options["dry_run"]:
            self.stdout.write(
                f"imported {counts[IMPORTED]}, replaced {counts[REPLACED]}, "
                f"unchanged {counts[UNCHANGED]}, failed {counts['failed']}"
            )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed to import", returncode=1)


def _counts(parsed: ParsedMeeting) -> str:
    items = parsed.items
    return (
        f"{len(items)} items, {sum(len(i.resolutions) for i in items)} resolutions, "
        f"{sum(len(i.actions) for i in items)} actions, {sum(len(i.references) for i in items)} references, "
        f"{len(parsed.warnings)} warnings"
    )
