"""What changed in a meeting's minutes after they were first imported.

A Revision is recorded whenever an import replaces a meeting whose minutes read differently:
items added or removed, titles, minutes text (a word-level diff), resolutions and actions, and
the move from draft to approved minutes. `by_council` says whether the council's document
changed (shown to readers) or only the importer's reading of the same document (`reparse` with
a newer importer: kept for staff, never shown as the council's change).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from meetings.models import Meeting


class RevisionQuerySet(models.QuerySet):
    def by_council(self) -> RevisionQuerySet:
        return self.filter(by_council=True)


class Revision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="revisions")
    recorded_at = models.DateTimeField(db_index=True)
    by_council = models.BooleanField(help_text="The council's document changed; else only the importer's reading.")
    from_source_hash = models.CharField(max_length=64, help_text="The documents' hash before (Meeting.source_hash).")
    to_source_hash = models.CharField(max_length=64)
    was_draft = models.BooleanField(default=False)
    is_draft = models.BooleanField(default=False)
    # [{"item": "82", "number", "title", "kind": "added" | "removed" | "changed", "title_before"?,
    #   "text"?: [[operation, words], ...], "resolutions"?: {...}, "actions"?: {...}}] (changes.compare)
    changes = models.JSONField(default=list)
    items_added = models.PositiveIntegerField(default=0)
    items_removed = models.PositiveIntegerField(default=0)
    items_changed = models.PositiveIntegerField(default=0)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.recorded_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return f"{revisions_url(self.meeting)}#revision-{self.pk}"

    @property
    def approved(self) -> bool:
        """The draft minutes became the minutes."""
        return self.was_draft and not self.is_draft

    @property
    def change_count(self) -> int:
        return self.items_added + self.items_removed + self.items_changed + int(self.was_draft != self.is_draft)


def revisions_url(meeting: Meeting) -> str:
    slug, date = meeting.committee.slug, meeting.date.isoformat()
    if meeting.day_number > 1:
        return reverse("meeting_revisions_of_day", args=[slug, date, meeting.day_number])
    return reverse("meeting_revisions", args=[slug, date])


def amendments(meeting: Meeting) -> tuple[list[Revision], dict[str, object]]:
    """The council's revisions of `meeting` (one query), and when each item was last amended, by
    its number or place ("82", "#3")."""
    revisions = list(meeting.revisions.by_council())
    amended: dict[str, object] = {}
    for revision in reversed(revisions):  # oldest first: the latest date stands
        for change in revision.changes:
            if change["kind"] != "removed":
                amended[change["item"]] = revision.recorded_at
    return revisions, amended
