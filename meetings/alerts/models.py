"""Email alerts: an address, what it follows, and what was sent to it.

Only what alerts need is stored: the address, each alert (a search, a committee, a councillor,
an action or a recommendation) with its frequency, and which minutes each alert has sent (so
that none is sent twice, even when its meeting is imported again). A mail is queued (Outbox) in
the same transaction as the alert's mark, and sent after: a run stopped between the two sends it
on the next run, and never marks what it did not queue.
"""

from __future__ import annotations

import hashlib
import json

from django.db import models

from meetings.models import Committee
from meetings.people.models import Person


class Subscriber(models.Model):
    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # A hard bounce or a complaint, where the mail backend reports them: nothing more is sent.
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"subscriber {self.pk}"


class Alert(models.Model):
    SEARCH = "search"
    COMMITTEE = "committee"
    ACTION = "action"
    RECOMMENDATION = "recommendation"
    COUNCILLOR = "councillor"
    KINDS = [
        (SEARCH, "A search"),
        (COMMITTEE, "A committee's new minutes"),
        (ACTION, "An action"),
        (RECOMMENDATION, "A recommendation"),
        (COUNCILLOR, "A councillor's declarations, votes and motions"),
    ]
    # Kinds that follow one record's status rather than new minutes.
    FOLLOWING_A_STATUS = (ACTION, RECOMMENDATION)
    IMMEDIATE, DAILY, WEEKLY = "immediate", "daily", "weekly"
    FREQUENCIES = [(IMMEDIATE, "As it happens"), (DAILY, "A daily digest"), (WEEKLY, "A weekly digest")]

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=KINDS)
    # A search: its words and the search page's filters (committee, year, ...), as its query string has them.
    # An action or a recommendation: {"meeting": its meeting's id, "key": its key, "status": the status last told}.
    query = models.CharField(max_length=300, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    frequency = models.CharField(max_length=10, choices=FREQUENCIES, default=IMMEDIATE)
    key = models.CharField(max_length=64, help_text="What it follows, whatever the frequency.")
    # Items with a larger id than this are new to it (item ids only grow: an import adds new rows).
    mark = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "key"], name="one_alert_per_thing_followed")]

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """What it follows, as an email names it."""
        if self.kind == self.COMMITTEE:
            return f"new minutes of the {self.committee.display_name}"
        if self.kind == self.COUNCILLOR:
            return f"declarations of interest, votes and motions of {self.person.display_name}"
        if self.kind == self.ACTION:
            return f"news of the action “{self.query}”"
        if self.kind == self.RECOMMENDATION:
            return f"the answer to the recommendation “{self.query}”"
        chosen = ", ".join(f"{name} {value}" for name, value in sorted(self.filters.items()))
        return f"minutes matching “{self.query}”" + (f" (with filters: {chosen})" if chosen else "")

    @staticmethod
    def key_for(kind: str, query: str = "", filters: dict | None = None, committee_id=None, person_id=None) -> str:
        """What an alert follows, whatever its frequency (a person only where it follows one, so
        that the keys of the other kinds stay as they were)."""
        identity = [kind, query.strip().lower(), filters or {}, committee_id] + ([person_id] if person_id else [])
        identity = json.dumps(identity, sort_keys=True)
        return hashlib.sha256(identity.encode()).hexdigest()


class Sent(models.Model):
    """A minute an alert has sent, by what stays the same when its meeting is imported again."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="sent")
    minute = models.CharField(max_length=300, help_text='"cabinet/2016/59", or "cabinet/2016-04-14/#3".')
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "minute"], name="each_minute_sent_once")]

    def __str__(self) -> str:
        return self.minute


class Outbox(models.Model):
    """A mail queued with the mark that made it; deleted once the mail server has taken it."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="outbox")
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    unsubscribe_url = models.URLField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "outbox"

    def __str__(self) -> str:
        return self.subject
