"""Save a ParsedMeeting: one document, one transaction.

A meeting is known by its committee, date and start time. Importing it again
unchanged does nothing; a changed document replaces the meeting's content,
keeping the status staff gave to any action whose text is unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from importers.records import PARSER_VERSION, ParsedItem, ParsedMeeting

from .models import Action, Committee, Document, Item, Meeting, Reference, Resolution
from .search import index_new_items

IMPORTED = "imported"
REPLACED = "replaced"
UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class LoadResult:
    outcome: str  # IMPORTED, REPLACED or UNCHANGED
    meeting: Meeting


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def save_meeting(parsed: ParsedMeeting, *, source_hash: str) -> LoadResult:
    """Insert, replace or leave alone the meeting `parsed` describes."""
    committee = _committee(parsed.committee)
    meeting = (
        Meeting.objects.select_for_update()
        .filter(committee=committee, date=parsed.date, start_time=parsed.time)
        .first()
    )
    if meeting is not None and meeting.source_hash == source_hash and meeting.parser_version == PARSER_VERSION:
        return LoadResult(UNCHANGED, meeting)

    kept_statuses: dict[tuple, str] = {}
    outcome = IMPORTED
    if meeting is None:
        meeting = Meeting(committee=committee, date=parsed.date, start_time=parsed.time)
    else:
        outcome = REPLACED
        kept_statuses = _staff_statuses(meeting)
        meeting.items.all().delete()

    meeting.venue = parsed.venue
    meeting.contact_name = parsed.contact.name
    meeting.contact_phone = parsed.contact.phone
    meeting.contact_email = parsed.contact.email
    meeting.source = parsed.source
    meeting.source_hash = source_hash
    meeting.parser_version = PARSER_VERSION
    meeting.imported_at = timezone.now()
    parsed, year_warnings = _follow_the_numbering(committee, parsed)
    meeting.municipal_year = parsed.items[0].municipal_year
    meeting.warnings = [str(warning) for warning in parsed.warnings] + year_warnings + _clash_warnings(meeting, parsed)
    meeting.save()
    _number_the_day(committee, parsed.date)
    meeting.refresh_from_db(fields=["day_number"])
    _save_items(meeting, parsed.items, kept_statuses)
    return LoadResult(outcome, meeting)


def _number_the_day(committee: Committee, date: datetime.date) -> None:
    """Number a committee's meetings on one day by start time (1, 2, ...): their URLs."""
    meetings = Meeting.objects.filter(committee=committee, date=date).order_by(
        F("start_time").asc(nulls_first=True), "id"
    )
    for number, meeting in enumerate(meetings, start=1):
        if meeting.day_number != number:
            Meeting.objects.filter(pk=meeting.pk).update(day_number=number)


def _committee(name: str) -> Committee:
    slug = Committee.slug_for(name)
    committee, _created = Committee.objects.get_or_create(slug=slug, defaults={"name": name})
    return committee


def _action_key(number: str, order: int, kind: str, text: str, due_month) -> tuple:
    """An action as a person would recognise it again: its item (by number, or by place where the
    number was lost), what it asks and when."""
    return (number or f"#{order}", kind, text, due_month)


def _staff_statuses(meeting: Meeting) -> dict[tuple, str]:
    """Statuses a person set on this meeting's actions, by what the action says."""
    actions = Action.objects.filter(item__meeting=meeting).exclude(status=Action.Status.OUTSTANDING)
    return {
        _action_key(number, order, kind, text, due): status
        for number, order, kind, text, due, status in actions.values_list(
            "item__number", "item__order", "kind", "text", "due_month", "status"
        )
    }


# Only a meeting this close before another says anything about where a municipal year turns.
ADJACENT_MEETINGS = datetime.timedelta(days=120)


def _follow_the_numbering(committee: Committee, parsed: ParsedMeeting) -> tuple[ParsedMeeting, list[str]]:
    """Where minute numbering restarts, a new municipal year has begun, whatever the date rule says.

    Compared with the committee's previous meeting: numbers that restart within what
    the date rule calls one year start a new year; numbers that carry on across the
    date rule's boundary stay in the old one. Either way the importer warns.
    """
    if not parsed.items:
        return parsed, []
    previous = (
        Meeting.objects.filter(committee=committee, date__lt=parsed.date, date__gte=parsed.date - ADJACENT_MEETINGS)
        .order_by("-date")
        .first()
    )
    earlier = (
        list(previous.items.filter(minute_number__isnull=False).values_list("municipal_year", "minute_number"))
        if previous
        else []
    )
    numbers = [item.minute_number for item in parsed.items if item.minute_number is not None]
    if not earlier or not numbers:
        return parsed, []
    previous_year = earlier[0][0]
    previous_numbers = [number for _year, number in earlier]
    this_year = parsed.items[0].municipal_year
    first = min(numbers)
    if min(previous_numbers) <= 1 and first <= 1:
        return parsed, []  # numbered from 1 at every meeting: the numbers say nothing of the year
    if first <= max(previous_numbers) and this_year == previous_year:
        year, how = previous_year + 1, "restart"
    elif first > max(previous_numbers) and this_year == previous_year + 1:
        year, how = previous_year, "carry on"
    else:
        return parsed, []
    warning = (
        f"minute numbers {how} at {first} after minute {max(previous_numbers)} of the meeting of "
        f"{previous.date.isoformat()}, but the date puts this meeting in {_year_name(this_year)}; "
        f"following the numbering, its minutes are filed under {_year_name(year)}"
    )
    return _with_year(parsed, this_year, year), [warning]


def _year_name(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _with_year(parsed: ParsedMeeting, old: int, new: int) -> ParsedMeeting:
    """The meeting with its minutes (and the references that assumed its year) moved from `old` to `new`."""

    def moved(ref):
        if (ref.same_meeting or ref.inferred) and ref.year == old:
            return dataclasses.replace(ref, year=new)
        return ref

    items = tuple(
        dataclasses.replace(
            item,
            municipal_year=new if item.municipal_year == old else item.municipal_year,
            references=tuple(moved(ref) for ref in item.references),
        )
        for item in parsed.items
    )
    return dataclasses.replace(parsed, items=items)


def _clash_warnings(meeting: Meeting, parsed: ParsedMeeting) -> list[str]:
    """Warn where this meeting's minute numbers are already another meeting's.

    That happens when numbering restarts within a municipal year, or when the
    committee's municipal year does not begin on the configured day.
    """
    keys = {(item.municipal_year, item.minute_number) for item in parsed.items if item.minute_number is not None}
    if not keys:
        return []
    years = {year for year, _ in keys}
    clashes = (
        Item.objects.filter(committee=meeting.committee, municipal_year__in=years)
        .exclude(meeting_id=meeting.pk)
        .filter(minute_number__in={number for _, number in keys})
        .select_related("meeting")
        .order_by("meeting__date", "order")
    )
    warnings = []
    for other in clashes:
        if (other.municipal_year, other.minute_number) in keys:
            warnings.append(
                f"minute {other.minute} is also minute {other.number} of the meeting of "
                f"{other.meeting.date.isoformat()}: numbering restarted, or the municipal year starts on another day"
            )
    return warnings


def _save_items(meeting: Meeting, parsed_items: tuple[ParsedItem, ...], kept_statuses: dict[tuple, str]) -> None:
    items = [
        Item(
            meeting=meeting,
            committee=meeting.committee,
            number=parsed.number,
            minute_number=parsed.minute_number,
            municipal_year=parsed.municipal_year,
            date=meeting.date,
            order=parsed.order,
            title=parsed.title,
            introduction=parsed.introduction,
            agenda_text=parsed.agenda_text,
            minutes_text=parsed.minutes_text,
            truncated=parsed.truncated,
            additional_documents=parsed.additional_documents,
            resolutions_text="\n".join(resolution.text for resolution in parsed.resolutions),
        )
        for parsed in parsed_items
    ]
    index_new_items(items)
    items = Item.objects.bulk_create(items)
    documents, resolutions, references = [], [], []
    for item, parsed in zip(items, parsed_items, strict=True):
        documents += [
            Document(item=item, title=doc.title, format=doc.format, size_kb=doc.size_kb, additional=doc.additional)
            for doc in parsed.documents
        ]
        resolutions += [
            Resolution(item=item, label=res.label, text=res.text, order=order)
            for order, res in enumerate(parsed.resolutions, start=1)
        ]
        references += [
            Reference(
                from_item=item,
                kind=ref.kind,
                text=ref.text,
                committee_slug=Committee.slug_for(ref.committee) if ref.committee else meeting.committee.slug,
                committee_name=ref.committee,
                minute_number=ref.number,
                municipal_year=ref.year,
                meeting_date=ref.date,
                same_meeting=ref.same_meeting,
                inferred=ref.inferred,
                order=order,
            )
            for order, ref in enumerate(parsed.references, start=1)
        ]
    Document.objects.bulk_create(documents)
    Reference.objects.bulk_create(references)
    saved_resolutions = Resolution.objects.bulk_create(resolutions)

    by_item: dict[int, list[Resolution]] = {}
    for resolution in saved_resolutions:
        by_item.setdefault(resolution.item_id, []).append(resolution)
    actions = []
    for item, parsed in zip(items, parsed_items, strict=True):
        for order, action in enumerate(parsed.actions, start=1):
            key = _action_key(item.number, item.order, action.kind, action.text, action.due)
            actions.append(
                Action(
                    item=item,
                    resolution=by_item[item.pk][action.resolution] if action.resolution is not None else None,
                    kind=action.kind,
                    text=action.text,
                    due_month=action.due,
                    status=kept_statuses.get(key, Action.Status.OUTSTANDING),
                    order=order,
                )
            )
    Action.objects.bulk_create(actions)
