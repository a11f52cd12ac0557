"""Resolve stored references to the minutes and meetings imported so far.

References hold keys, not foreign keys, so resolution happens here, at query
time, in a fixed number of queries however many references a page (or a batch
of a download) shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, Subquery

from .models import Committee, Item, Meeting, Reference


def reference_targets(references: Iterable[Reference]) -> dict[int, str]:
    """The URL each resolvable reference points at, by reference id (two queries at most)."""
    references = list(references)
    minute_refs = [ref for ref in references if ref.kind == Reference.Kind.MINUTE]
    meeting_refs = [ref for ref in references if ref.kind == Reference.Kind.MEETING]
    targets: dict[int, str] = {}

    if minute_refs:
        numbers: dict[tuple[str, int], set[int]] = defaultdict(set)
        for ref in minute_refs:
            numbers[ref.committee_slug, ref.municipal_year].add(ref.minute_number)
        query = reduce(
            or_,
            (
                Q(committee=_committee_id(slug), municipal_year=year, minute_number__in=sorted(wanted))
                for (slug, year), wanted in numbers.items()
            ),
        )
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
        dates: dict[str, set] = defaultdict(set)
        for ref in meeting_refs:
            dates[ref.committee_slug].add(ref.meeting_date)
        query = reduce(or_, (Q(committee=_committee_id(slug), date__in=sorted(days)) for slug, days in dates.items()))
        meetings = {
            (meeting.committee.slug, meeting.date): meeting
            for meeting in Meeting.objects.filter(query).select_related("committee")
        }
        for ref in meeting_refs:
            meeting = meetings.get((ref.committee_slug, ref.meeting_date))
            if meeting is not None:
                targets[ref.pk] = meeting.get_absolute_url()
    return targets


def _committee_id(slug: str) -> Subquery:
    """The committee's id, looked up inside the query: each condition is then one probe of an index
    on (committee, ...), however many references a query resolves at once."""
    return Subquery(Committee.objects.filter(slug=slug).order_by().values("id")[:1])


# A thread longer than this is a committee's whole history, not an issue followed across years.
THREAD_LIMIT = 100

# A minute is known by its key (committee slug, municipal year, number); an item whose number the
# page lost is known by itself alone, ("item", id), so that two such items never merge into one.
Node = tuple


def minute_thread(item: Item, loaded: Iterable[Item] = ()) -> list[Item]:
    """Every imported minute connected to `item` by references, either way, in date order.

    Walked out from the minute a step at a time, two indexed queries a step (the references
    touching the minutes reached, and the minutes they lead to), so the cost follows the thread's
    length, never the size of the committee's history. `loaded` are the items of `item`'s minute
    the caller has already (with their committee and meeting), spared a query.
    """
    start = _node(item.pk, item.committee.slug, item.municipal_year, item.minute_number)
    seen, frontier = {start}, {start}
    found: dict[int, Item] = {each.pk: each for each in loaded} or {each.pk: each for each in _items_of(frontier)}
    while len(seen) < THREAD_LIMIT:
        frontier = _neighbours(frontier, found.values()) - seen
        if not frontier:
            break
        seen |= frontier
        found.update((each.pk, each) for each in _items_of(frontier))
    if len(seen) == 1:
        return []
    return sorted(found.values(), key=lambda each: (each.meeting.date, each.order))


def _node(item_id: int, slug: str, year: int, number: int | None) -> Node:
    return (slug, year, number) if number is not None else ("item", item_id)


def _items_of(nodes: set[Node]) -> list[Item]:
    """The imported items standing for `nodes` (a minute's key may be shared by several items)."""
    query = Q(pk__in=[node[1] for node in nodes if len(node) == 2])
    for node in nodes:
        if len(node) == 3:
            query |= Q(committee__slug=node[0], municipal_year=node[1], minute_number=node[2])
    return list(Item.objects.filter(query).select_related("committee", "meeting"))


def _neighbours(nodes: set[Node], items: Iterable[Item]) -> set[Node]:
    """The nodes one reference away from `nodes`: those their items cite, and those citing them."""
    citing = [
        each.pk
        for each in items
        if _node(each.pk, each.committee.slug, each.municipal_year, each.minute_number) in nodes
    ]
    touching = Q(from_item_id__in=citing)
    for node in nodes:
        if len(node) == 3:
            touching |= Q(committee_slug=node[0], municipal_year=node[1], minute_number=node[2])
    edges = (
        Reference.objects.filter(touching, kind=Reference.Kind.MINUTE)
        .order_by()
        .values_list(
            "from_item_id",
            "from_item__committee__slug",
            "from_item__municipal_year",
            "from_item__minute_number",
            "committee_slug",
            "municipal_year",
            "minute_number",
        )
    )
    neighbours = set()
    for from_id, from_slug, from_year, from_number, *target in edges:
        source, target = _node(from_id, from_slug, from_year, from_number), tuple(target)
        if source in nodes:
            neighbours.add(target)
        if target in nodes:
            neighbours.add(source)
    return neighbours
