"""Recording a Revision when the loader replaces a meeting (meetings/loader.py)."""

from __future__ import annotations

from django.utils import timezone

from importers.records import ParsedMeeting
from meetings.models import Action, Item, Meeting, Resolution

from .changes import ItemVersion, compare, summary
from .models import Revision


def snapshot(meeting: Meeting) -> list[ItemVersion]:
    """The meeting's items as they are now, before they are replaced (three queries)."""
    resolutions: dict[int, list[str]] = {}
    for item_id, text in (
        Resolution.objects.filter(item__meeting=meeting).order_by("order").values_list("item_id", "text")
    ):
        resolutions.setdefault(item_id, []).append(text)
    actions: dict[int, list[str]] = {}
    for item_id, text in Action.objects.filter(item__meeting=meeting).order_by("order").values_list("item_id", "text"):
        actions.setdefault(item_id, []).append(text)
    rows = (
        Item.objects.filter(meeting=meeting)
        .order_by("order")
        .values_list("pk", "number", "order", "title", "minutes_text")
    )
    return [
        ItemVersion(number, order, title, text, tuple(resolutions.get(pk, ())), tuple(actions.get(pk, ())))
        for pk, number, order, title, text in rows
    ]


def versions(parsed: ParsedMeeting) -> list[ItemVersion]:
    return [
        ItemVersion(
            item.number,
            item.order,
            item.title,
            item.minutes_text,
            tuple(resolution.text for resolution in item.resolutions),
            tuple(action.text for action in item.actions),
        )
        for item in parsed.items
    ]


def record_revision(
    meeting: Meeting, before: list[ItemVersion], was_draft: bool, from_hash: str, parsed: ParsedMeeting
) -> Revision | None:
    """A Revision of `meeting`, replaced by `parsed`, where its minutes now read differently."""
    changes = compare(before, versions(parsed))
    if not changes and was_draft == parsed.draft:
        return None
    counts = summary(changes)
    return Revision.objects.create(
        meeting=meeting,
        recorded_at=timezone.now(),
        by_council=from_hash != meeting.source_hash,
        from_source_hash=from_hash,
        to_source_hash=meeting.source_hash,
        was_draft=was_draft,
        is_draft=parsed.draft,
        changes=changes,
        items_added=counts["added"],
        items_removed=counts["removed"],
        items_changed=counts["changed"],
    )
