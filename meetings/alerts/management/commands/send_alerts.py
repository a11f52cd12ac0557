"""python manage.py send_alerts [--frequency immediate|daily|weekly]

After each crawl or import (the "as it happens" alerts), and daily and weekly for the digests
(README: the cron lines). Forgets addresses never confirmed, queues a mail for each due alert
with new minutes (each queued with its mark, in one transaction), then sends the queue, paced;
a mail the server refuses stays queued for the next run.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from meetings.alerts.models import Alert
from meetings.alerts.sending import forget_unconfirmed, queue_due, send_queued


class Command(BaseCommand):
    help = "Send the email alerts that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", choices=[value for value, _label in Alert.FREQUENCIES])

    def handle(self, *args, **options) -> None:
        forgotten = forget_unconfirmed()
        queued = queue_due(options["frequency"])
        sent, failed = send_queued()
        self.stdout.write(f"{queued} queued, {sent} sent, {failed} to try again; {forgotten} unconfirmed forgotten")
