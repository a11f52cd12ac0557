"""Resolve stored references to the minutes and meetings imported so far.

References hold keys, not foreign keys, so resolution happens here, at query
time, in a fixed number of queries however many references a page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q

from .models import Item, Meeting, Reference


def reference_targets(references: Iterable[Reference]) -> dict[int, str]:
    """The URL each resolvable reference points at, by reference id (two queries at most)."""
    references = list(references)
    minute_refs = [ref for ref in references if ref.kind == Reference.Kind.MINUTE]
    meeting_refs = [ref for ref in references if ref.kind == Reference.Kind.MEETING]
    targets: dict[int, str] = {}

    if minute_refs:
        keys = {(ref.committee_slug, ref.municipal_year, ref.minute_number) for ref in minute_refs}
        query = reduce(or_, (Q(committee__slug=s, municipal_year=y, minute_number=n) for s, y, n in keys))
        found: dict[tuple, list[Item]] = {}
        for item in Item.objects.filter(query).select_related("committee", "meeting").order_by("meeting__date"):
            found.setdefault((item.committee.slug, item.municipal_year, item.minute_number), []).append(item)
        for ref in minute_refs:
            candidates = found.get((ref.committee_slug, ref.municipal_year, ref.minute_number), [])
            # Where numbering restarts, the reference's own date says which meeting it means.
            dated = [item for item in candidates if ref.meeting_date and item.meeting.date == ref.meeting_date]
            chosen = (dated or candidates)[:1]
            if chosen:
                targets[ref.pk] = chosen[0].get_absolute_url()

    if meeting_refs:
        keys = {(ref.committee_slug, ref.meeting_date) for ref in meeting_refs}
        query = reduce(or_, (Q(committee__slug=s, date=d) for s, d in keys))
        meetings = {
            (meeting.committee.slug, meeting.date): meeting
            for meeting in Meeting.objects.filter(query).select_related("committee")
        }
        for ref in meeting_refs:
            meeting = meetings.get((ref.committee_slug, ref.meeting_date))
            if meeting is not None:
                targets[ref.pk] = meeting.get_absolute_url()
    return targets


# A thread longer than this is a committee's whole history, not an issue followed across years.
THREAD_LIMIT = 100


def minute_thread(item: Item) -> list[Item]:
    """Every imported minute connected to `item` by references, either way, in date order (two queries).

    Minutes are known by their key (committee, year, number); an item whose number the page
    lost is known by itself alone, so that two such items never merge into one.
    """
    slug = item.committee.slug
    edges = Reference.objects.filter(kind=Reference.Kind.MINUTE).filter(
        Q(committee_slug=slug) | Q(from_item__committee__slug=slug)
    )
    neighbours: dict[tuple, set[tuple]] = {}
    for from_id, *row in edges.values_list(
        "from_item_id",
        "from_item__committee__slug",
        "from_item__municipal_year",
        "from_item__minute_number",
        "committee_slug",
        "municipal_year",
        "minute_number",
    ):
        source = tuple(row[:3]) if row[2] is not None else ("item", from_id)
        target = tuple(row[3:])
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)

    start = (slug, item.municipal_year, item.minute_number) if item.minute_number is not None else ("item", item.pk)
    seen, queue = {start}, [start]
    while queue and len(seen) < THREAD_LIMIT:
        for other in neighbours.get(queue.pop(), ()):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    if len(seen) == 1:
        return []
    query = Q(pk__in=[key[1] for key in seen if len(key) == 2])
    for key in seen:
        if len(key) == 3:
            query |= Q(committee__slug=key[0], municipal_year=key[1], minute_number=key[2])
    return list(Item.objects.filter(query).select_related("committee", "meeting").order_by("meeting__date", "order"))
