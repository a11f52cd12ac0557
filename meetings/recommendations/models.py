"""Recommendations a committee makes to the bodies that decide, and the answers to them.

A Recommendation is read from the minutes (importers/recommendations.py) and saved with its
item; where it is addressed, who answered it and what they said is derived again at every
import (meetings/recommendations/tracking.py). What a co-ordinator decides is kept apart, in
RecommendationReview (by the recommending meeting and the recommendation's key), so importing
either meeting again never changes it, and every change is kept with who made it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from importers import recommendations as parsed
from meetings.models import Committee, Item, Meeting, Resolution


class Status(models.TextChoices):
    AWAITING = "awaiting", "Awaiting response"
    RESPONDED = "responded", "Responded"
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RecommendationQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date) -> RecommendationQuerySet:
        """Awaiting a response past the time allowed (RECOMMENDATION_RESPONSE_MONTHS) on `today`."""
        return self.filter(status=Status.AWAITING, date__lt=response_cutoff(today))

    def for_listing(self) -> RecommendationQuerySet:
        """With what a list shows: the minute, its meeting and committee, the body addressed and the
        answer; not the minutes' long text, which a list never shows."""
        from meetings.models import item_long_text

        return self.select_related(
            "item__meeting", "item__committee", "addressed_to", "response__meeting", "response__committee"
        ).defer(*item_long_text("item__"), *item_long_text("response__"))


# The lists' order, newest meeting first and a meeting's in the minutes' order: one index.
NEWEST_FIRST = ["-date", "item", "order"]


class Recommendation(models.Model):
    Status = Status
    KINDS = [
        (parsed.CABINET, "Cabinet"),
        (parsed.COUNCIL, "Council"),
        (parsed.CABINET_MEMBER, "A Cabinet Member"),
        (parsed.COMMITTEE, "Another committee"),
        (parsed.OFFICER, "An officer"),
        (parsed.OUTSIDE_BODY, "An outside body"),
    ]
    OUTCOMES = [
        (parsed.ACCEPTED, "Accepted"),
        (parsed.PARTLY_ACCEPTED, "Accepted in part"),
        (parsed.REJECTED, "Rejected"),
        (parsed.NOTED, "Noted"),
    ]

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="recommendations")
    # The recommending item's committee and date, kept here (as Item keeps its meeting's) so the
    # list filters and sorts by them in one index.
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="recommendations_made")
    date = models.DateField()
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    order = models.PositiveIntegerField()
    label = models.CharField(max_length=20, blank=True, help_text='Its number in the list: "3".')
    text = models.TextField()
    addressee = models.CharField(max_length=255, blank=True, help_text="As printed; blank where none is named.")
    addressee_kind = models.CharField(max_length=20, choices=KINDS, blank=True)
    # The committee the addressee names, where the council publishes one of that name here.
    addressed_to = models.ForeignKey(
        Committee, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations_received"
    )
    key = models.CharField(max_length=32, help_text="The recommendation as a person would recognise it again.")
    # Derived at every import (tracking.update_recommendations), a co-ordinator's decision first.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING, db_index=True)
    response = models.ForeignKey(Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses")
    outcome = models.CharField(max_length=20, choices=OUTCOMES, blank=True, help_text="What the answer's words say.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["item", "order"]
        indexes = [models.Index(fields=["-date", "item", "order"], name="recommendations_newest_first")]

    def __str__(self) -> str:
        return f"{self.item.minute or self.item.label}: {self.text[:60]}"

    @property
    def anchor(self) -> str:
        """Its place on the meeting page: "minute-73-recommendation-2"."""
        return f"{self.item.anchor}-recommendation-{self.order}"

    @property
    def addressed(self) -> str:
        """Who it is addressed to, as a reader is told: "Cabinet", or "(not named)"."""
        return self.addressee or "(not named)"

    def response_due(self) -> datetime.date:
        return add_months(self.date, settings.RECOMMENDATION_RESPONSE_MONTHS)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == Status.AWAITING and self.date < response_cutoff(today)

    def shown_status(self, today: datetime.date) -> str:
        """ "Response overdue" for one awaiting a response past its time, else its status."""
        return "Response overdue" if self.is_overdue(today) else self.get_status_display()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def response_cutoff(today: datetime.date) -> datetime.date:
    """Recommendations made before this day are overdue on `today` if still unanswered."""
    return add_months(today, -settings.RECOMMENDATION_RESPONSE_MONTHS)


class RecommendationReview(models.Model):
    """What a co-ordinator decided about a recommendation: its status, a note, and the later minute
    that answered it where no reference or title says so."""

    class Decision(models.TextChoices):
        AWAITING = Status.AWAITING.value, "Awaiting response"
        RESPONDED = Status.RESPONDED.value, "Responded"
        ACCEPTED = Status.ACCEPTED.value, "Accepted"
        PARTLY_ACCEPTED = Status.PARTLY_ACCEPTED.value, "Partly accepted"
        REJECTED = Status.REJECTED.value, "Rejected"
        WITHDRAWN = Status.WITHDRAWN.value, "Withdrawn"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recommendation_reviews")
    key = models.CharField(max_length=32)
    status = models.CharField(
        max_length=20, choices=Decision.choices, blank=True, help_text="Blank: no decision, the derived status stands."
    )
    note = models.TextField(blank=True)
    # The answer, linked by hand: its meeting, and its number ("82") or place ("#3") there.
    response_meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    response_item = models.CharField(max_length=24, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "key"], name="one_review_per_recommendation")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_status_display() or 'no decision'}"
