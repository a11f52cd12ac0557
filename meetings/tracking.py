"""Following each action from the minute that asked for it to the minute that answered it.

An action is *followed up* when a later minute of the same committee refers to its minute
("Further to Minute 82/16"), when a later item's title takes up a work-programme item
("Home Schooling" asked for in April, an item "Home Schooling Update" in October), or when
staff link a later minute by hand. Staff decide *done* or *dropped* (or insist it is still
*outstanding*); their decision always stands. Everything else is *outstanding*, and
*overdue* once its due month has passed.

`update_actions(committee)` derives every action of a committee afresh in a few queries; the
loader runs it in the same transaction as each import, so importing a later meeting updates
the earlier meetings' actions without importing them again.
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import Action, ActionReview, Committee, Item, Reference
from .pagecache import pages_changed, site_changed

# Words a later item's title may add to a work-programme item's: "Home Schooling Update".
TITLE_NOISE = re.compile(r"[^\w\s]|\b(?:the|an?)\b", re.IGNORECASE)


def action_key(item_number: str, item_order: int, kind: str, text: str, due: datetime.date | None) -> str:
    """The action as a person would recognise it again within its meeting."""
    identity = "\0".join([item_number or f"#{item_order}", kind, text, due.isoformat() if due else ""])
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def item_reference(item: Item) -> str:
    """How a hand link names an item within its meeting: its number, or "#3" by its place."""
    return item.number or f"#{item.order}"


def linked_item(review: ActionReview) -> Item | None:
    """The item staff linked by hand to `review`'s action, if it is still there."""
    if not review.follow_up_meeting_id:
        return None
    linked = linked_items([review]).get((review.follow_up_meeting_id, review.follow_up_item))
    return Item.objects.filter(pk=linked).first() if linked else None


def is_overdue(status: str, due_month: datetime.date | None, day: datetime.date) -> bool:
    """Outstanding on `day`, and due in an earlier month."""
    return status == Action.Status.OUTSTANDING and due_month is not None and due_month < day.replace(day=1)


def status_label(action: Action, status: str, day: datetime.date) -> str:
    """What a reader is shown: "Overdue" for an outstanding action past its due month on `day`, else the status."""
    return "Overdue" if is_overdue(status, action.due_month, day) else Action.Status(status).label


def derived_status(decision: str, follow_up_id: int | None) -> str:
    if decision:
        return decision
    return Action.Status.FOLLOWED_UP if follow_up_id else Action.Status.OUTSTANDING


@transaction.atomic
def record_decision(
    action: Action,
    *,
    user=None,
    status: str | None = None,
    note: str | None = None,
    follow_up: Item | bool | None = False,
) -> ActionReview:
    """Record what staff decided about `action` (what is not given stays as it was; `follow_up=None`
    unlinks a hand-linked item), keep the change in its history, and derive the committee's actions."""
    review = save_review(ActionReview, action, user=user, status=status, note=note, linked=follow_up, link="follow_up")
    update_actions(action.item.committee)
    site_changed()  # a note or a decision that leaves the status alone still shows on the pages
    return review


def save_review(model, record, *, user, status: str | None, note: str | None, linked, link: str):
    """Save staff's decision about `record` (an action or a recommendation) in its review `model`,
    kept by the record's meeting and key: what is not given stays as it was; `linked` is the later
    item staff linked by hand, kept in the review's `<link>_meeting` and `<link>_item` (None
    unlinks it, False leaves it). Every change is kept with who made it."""
    meeting_id = record.item.meeting_id
    review = model.objects.filter(meeting_id=meeting_id, key=record.key).first() or model(
        meeting_id=meeting_id, key=record.key
    )
    if status is not None:
        review.status = status
    if note is not None:
        review.note = note
    if linked is not False:
        setattr(review, f"{link}_meeting", linked.meeting if linked else None)
        setattr(review, f"{link}_item", item_reference(linked) if linked else "")
    review.updated_by = user
    review._history_user = user  # django-simple-history: who made this change
    review.save()
    return review


def update_actions(committee: Committee) -> int:
    """Derive the follow-up and status of every action of `committee`; returns how many changed."""
    actions = list(
        Action.objects.filter(item__committee=committee).values_list(
            "pk",
            "item_id",
            "key",
            "kind",
            "text",
            "status",
            "follow_up_id",
            "item__meeting_id",
            "item__date",
            "item__municipal_year",
            "item__minute_number",
        )
    )
    if not actions:
        return 0
    reviews = {
        (review.meeting_id, review.key): review for review in ActionReview.objects.filter(meeting__committee=committee)
    }
    linked = linked_items(reviews.values())
    citations = _citations(committee)
    work_programme = any(kind == Action.Kind.WORK_PROGRAMME for _pk, _item, _key, kind, *_ in actions)
    titles = _TitleIndex(committee) if work_programme else None
    now = timezone.now()
    changed, following = [], set()
    outstanding, touched = set(), set()  # items: with an outstanding action; with an action changed
    for pk, item_id, key, kind, text, status, follow_up_id, meeting_id, date, year, number in actions:
        review = reviews.get((meeting_id, key))
        follow_up = linked.get((review.follow_up_meeting_id, review.follow_up_item)) if review else None
        if follow_up is None and number is not None:
            follow_up = _first_after(citations.get((year, number), ()), date)
        if follow_up is None and titles is not None and kind == Action.Kind.WORK_PROGRAMME:
            follow_up = titles.first_taking_up(text, date)
        new_status = derived_status(review.status if review else "", follow_up)
        if new_status == Action.Status.OUTSTANDING:
            outstanding.add(item_id)
        if (new_status, follow_up) != (status, follow_up_id):
            changed.append(Action(pk=pk, status=new_status, follow_up_id=follow_up, updated_at=now))
            following |= {follow_up, follow_up_id}
            touched.add(item_id)
    Action.objects.bulk_update(changed, ["status", "follow_up", "updated_at"], batch_size=500)
    _mark_outstanding(touched & outstanding, touched - outstanding)
    if changed:  # the committee's pages, and those of the minutes that followed them up, before and now
        following = set(Item.objects.filter(pk__in=following - {None}).values_list("committee__slug", flat=True))
        pages_changed({committee.slug} | following)
    return len(changed)


def _mark_outstanding(outstanding: set[int], settled: set[int]) -> None:
    """Keep `Item.has_outstanding_actions` true to the items' actions, where their statuses changed
    (the loader sets it on new items, whose actions all start outstanding)."""
    for flag, ids in ((True, sorted(outstanding)), (False, sorted(settled))):
        for start in range(0, len(ids), 500):  # as bulk_update: SQLite takes a bounded number of parameters
            batch = Item.objects.filter(pk__in=ids[start : start + 500]).exclude(has_outstanding_actions=flag)
            batch.update(has_outstanding_actions=flag)


def _citations(committee: Committee) -> dict[tuple[int, int], list[tuple[datetime.date, int]]]:
    """For each minute of the committee, the later minutes of the committee citing it: (date, item), oldest first."""
    cited: dict[tuple[int, int], list[tuple[datetime.date, int]]] = defaultdict(list)
    rows = Reference.objects.filter(
        kind=Reference.Kind.MINUTE, committee_slug=committee.slug, from_item__committee=committee, same_meeting=False
    ).values_list("municipal_year", "minute_number", "from_item__date", "from_item_id")
    for year, number, date, item_id in rows:
        cited[(year, number)].append((date, item_id))
    for each in cited.values():
        each.sort()
    return cited


def _first_after(citing: Iterable[tuple[datetime.date, int]], date: datetime.date) -> int | None:
    """The first item from a meeting after `date` (a minute citing its own meeting's minutes follows nothing up)."""
    return next((item_id for cited_on, item_id in citing if cited_on > date), None)


def linked_items(
    reviews: Iterable, meeting: str = "follow_up_meeting_id", item: str = "follow_up_item"
) -> dict[tuple[int, str], int]:
    """The items staff linked by hand in `reviews` (their fields `meeting` and `item`), by
    (meeting, number or "#place")."""
    meetings = {getattr(review, meeting) for review in reviews if getattr(review, meeting)}
    found = {}
    for pk, meeting_id, number, order in Item.objects.filter(meeting_id__in=meetings).values_list(
        "pk", "meeting_id", "number", "order"
    ):
        found[(meeting_id, f"#{order}")] = pk
        if number:
            found[(meeting_id, number)] = pk
    return found


class _TitleIndex:
    """A committee's item titles, to find the first later item that takes up a work-programme item."""

    def __init__(self, committee: Committee):
        rows = Item.objects.filter(committee=committee).values_list("title", "date", "pk")
        self.titles = sorted((normalised(title), date, pk) for title, date, pk in rows)
        self.keys = [title for title, _date, _pk in self.titles]

    def first_taking_up(self, subject: str, date: datetime.date) -> int | None:
        """The earliest item after `date` titled with the subject, alone or followed by more words."""
        subject = normalised(subject)
        if len(subject) < 6:  # "CAMHS" or "Parks": too short to tell a match from chance
            return None
        found = []
        for position in range(bisect.bisect_left(self.keys, subject), len(self.keys)):
            title, on, pk = self.titles[position]
            if title != subject and not title.startswith(subject + " "):
                break
            if on > date:
                found.append((on, pk))
        return min(found)[1] if found else None


def normalised(title: str) -> str:
    return " ".join(TITLE_NOISE.sub(" ", title.lower()).split())


def statuses_on(actions: list[Action], day: datetime.date) -> dict[int, str]:
    """Each action's status as it stood at the end of `day`: staff decisions as they were then
    (their history), follow-ups only from meetings up to then. Actions from later meetings are left out."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    meetings = {action.item.meeting_id for action in actions}
    decided = {
        (review.meeting_id, review.key): review.status
        for review in ActionReview.history.as_of(moment).filter(meeting_id__in=meetings)
    }
    statuses = {}
    for action in actions:
        if action.item.date > day:
            continue
        follow_up_day = action.follow_up.date if action.follow_up_id else None
        followed = follow_up_day is not None and follow_up_day <= day
        statuses[action.pk] = derived_status(
            decided.get((action.item.meeting_id, action.key), ""), action.follow_up_id if followed else None
        )
    return statuses
