"""python manage.py track_actions [--committee SLUG ...]

Derives every action's follow-up and status afresh, and every recommendation's answer: imports do
this for their committee (and council) as they go; run it after upgrading, or after changing many
staff decisions outside the site.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from meetings.models import Committee
from meetings.recommendations.loader import update_every_council
from meetings.tracking import update_actions


class Command(BaseCommand):
    help = "Derive every action's follow-up and status again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--committee", action="append", metavar="SLUG", help="only this committee (repeatable)")

    def handle(self, *args, **options) -> None:
        committees = Committee.objects.all()
        if options["committee"]:
            committees = committees.filter(slug__in=options["committee"])
        changed = sum(update_actions(committee) for committee in committees)
        self.stdout.write(f"{changed} action(s) changed in {committees.count()} committee(s)")
        self.stdout.write(f"{update_every_council()} recommendation(s) changed")
