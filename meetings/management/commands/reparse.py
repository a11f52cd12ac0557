"""python manage.py reparse [--all | --committee SLUG_OR_NAME ... | --parser-older-than N] [--dry-run]

Reads meetings again from the documents kept beside them, with the importer as it is now,
and replaces those whose reading changed (staff statuses kept). One line per meeting that
changed or could not be read (-v 2: every meeting), then a summary. Running it again
changes nothing.
"""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from importers.records import PARSER_VERSION
from meetings.loader import REPLACED, UNCHANGED, refresh_after_bulk_import
from meetings.models import Committee, Meeting
from meetings.recommendations.loader import update_every_council
from meetings.reparse import FAILED, NO_DOCUMENT, WOULD_REPLACE, reparse_meeting
from meetings.tracking import update_actions


class Command(BaseCommand):
    help = "Read imported meetings again from their stored documents with the current importer."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every meeting")
        which.add_argument("--committee", action="append", metavar="SLUG_OR_NAME", help="this committee's meetings")
        which.add_argument(
            "--parser-older-than", type=int, metavar="N", help="meetings last read by an importer older than version N"
        )
        parser.add_argument("--dry-run", action="store_true", help="report what would change; change nothing")

    def handle(self, *args, **options) -> None:
        meetings = Meeting.objects.select_related("committee").order_by("date", "pk")
        if options["committee"]:
            named = Q()
            for name in options["committee"]:
                named |= Q(committee__slug=name) | Q(committee__name__iexact=name)
            meetings = meetings.filter(named)
            if not meetings.exists():
                raise CommandError(f"no meetings of {', '.join(options['committee'])}")
        elif options["parser_older_than"] is not None:
            meetings = meetings.filter(parser_version__lt=options["parser_older_than"])
        counts: Counter = Counter()
        touched: set[int] = set()
        for meeting in meetings.iterator(chunk_size=200):
            committee_id = meeting.committee_id
            result = reparse_meeting(meeting, dry_run=options["dry_run"])
            counts[result.outcome] += 1
            if result.outcome == REPLACED:
                touched |= {committee_id, meeting.committee_id}
            name = f"{meeting.committee.display_name}, {meeting.date.isoformat()}"
            if result.outcome in (REPLACED, WOULD_REPLACE):
                self.stdout.write(f"{name}: {result.outcome} ({result.changes()})")
            elif result.outcome in (FAILED, NO_DOCUMENT):
                self.stderr.write(f"{name}: {result.outcome}: {result.reason}")
            elif options["verbosity"] >= 2:
                self.stdout.write(f"{name}: {result.outcome}")
        for committee in Committee.objects.filter(pk__in=touched):
            update_actions(committee)
        if touched:
            update_every_council()
        refresh_after_bulk_import(counts[REPLACED])
        changed = f"{counts[WOULD_REPLACE]} would be replaced" if options["dry_run"] else f"{counts[REPLACED]} replaced"
        self.stdout.write(
            f"read {sum(counts.values())} meeting(s) with importer version {PARSER_VERSION}: {changed}, "
            f"{counts[UNCHANGED]} unchanged, {counts[NO_DOCUMENT]} without a stored document, {counts[FAILED]} failed"
        )
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} meeting(s) could not be read", returncode=1)
