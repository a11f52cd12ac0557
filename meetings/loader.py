"""Save a ParsedMeeting: one meeting, one transaction.

A meeting is known by its committee and date (and start time; and, for a meeting
found on a council's site, the site's meeting id, so a meeting moved to another
day stays one meeting). Importing it again unchanged does nothing; a changed
document, or a better reading of the same one, replaces the meeting's content.
Staff decisions about its actions live apart (ActionReview) and are untouched;
the committee's actions are derived afresh (meetings/tracking.py). The documents
it was read from are kept beside it (see SourceDocument).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from importers.records import PARSER_VERSION, ParsedItem, ParsedMeeting, meeting_as_dict

from .addresses import committee_at, new_slug, slug_named
from .models import Action, Committee, Document, Item, Meeting, Reference, Resolution, SourceDocument, meeting_uid
from .pagecache import pages_changed
from .people.loader import save_people
from .recommendations.loader import save_recommendations
from .recommendations.tracking import update_recommendations
from .revisions.recording import record_revision, snapshot
from .search import index_new_items, optimize_index
from .tracking import action_key, update_actions

IMPORTED = "imported"
REPLACED = "replaced"
UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class LoadResult:
    outcome: str  # IMPORTED, REPLACED or UNCHANGED
    meeting: Meeting


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document a meeting is read from, to keep beside it."""

    name: str  # the URL it was fetched from, or the file's name
    content_type: str  # "text/html; charset=utf-8", "text/plain"
    data: bytes
    role: str = SourceDocument.MEETING
    fetched_at: datetime.datetime | None = None
    overrides: dict = field(default_factory=dict)  # {"committee": ..., "date": "2019-06-05", "time": "10:30"}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def documents_hash(documents: Sequence[StoredDocument]) -> str:
    """One hash for the content of everything a meeting was read from (its page and any item
    pages), whatever the files were called."""
    digest = hashlib.sha256()
    for role, content in sorted((each.role, hashlib.sha256(each.data).digest()) for each in documents):
        digest.update(role.encode() + b"\0" + content)
    return digest.hexdigest()


def records_hash(parsed: ParsedMeeting) -> str:
    """A hash of what was read, wherever it was read from."""
    data = meeting_as_dict(parsed)
    data.pop("source")
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def save_meeting(
    parsed: ParsedMeeting,
    *,
    documents: Sequence[StoredDocument] = (),
    source_hash: str = "",
    committee: Committee | None = None,
    source_meeting_id: int | None = None,
    replacing: Meeting | None = None,
    track: bool = True,
) -> LoadResult:
    """Insert, replace or leave alone the meeting `parsed` describes.

    `committee` is the committee when the caller knows it better than the page's heading
    (the crawler, by the site's committee id); `replacing` is the meeting these documents
    were imported as before (`reparse`), which they replace whatever they now say. With
    `track` off, the caller derives the committee's actions and the council's recommendations
    itself afterwards (once, after importing many meetings).
    """
    source_hash = source_hash or documents_hash(documents)
    read = records_hash(parsed)
    committee = committee or _committee(parsed.committee)
    meeting = replacing or _existing_meeting(committee, parsed, source_meeting_id)
    if meeting is not None and meeting.source_hash == source_hash and meeting.records_hash == read:
        if meeting.parser_version != PARSER_VERSION:
            Meeting.objects.filter(pk=meeting.pk).update(parser_version=PARSER_VERSION)
        return LoadResult(UNCHANGED, meeting)

    outcome = IMPORTED
    earlier_day = None
    before = None
    if meeting is None:
        meeting = Meeting(committee=committee, date=parsed.date, start_time=parsed.time)
    else:
        outcome = REPLACED
        before = (snapshot(meeting), meeting.draft, meeting.source_hash)
        meeting.items.all().delete()
        if (meeting.committee_id, meeting.date) != (committee.pk, parsed.date):
            earlier_day = (meeting.committee, meeting.date)
        meeting.committee, meeting.date, meeting.start_time = committee, parsed.date, parsed.time

    meeting.kind = parsed.kind
    meeting.draft = parsed.draft
    meeting.venue = parsed.venue
    meeting.contact_name = parsed.contact.name
    meeting.contact_phone = parsed.contact.phone
    meeting.contact_email = parsed.contact.email
    meeting.source = parsed.source
    meeting.source_hash = source_hash
    meeting.records_hash = read
    meeting.source_meeting_id = source_meeting_id if source_meeting_id is not None else meeting.source_meeting_id
    meeting.parser_version = PARSER_VERSION
    meeting.imported_at = timezone.now()
    parsed, year_warnings = _follow_the_numbering(committee, parsed)
    meeting.municipal_year = parsed.items[0].municipal_year
    meeting.warnings = [str(warning) for warning in parsed.warnings] + year_warnings + _clash_warnings(meeting, parsed)
    meeting.save()
    _number_the_day(committee, parsed.date)
    if earlier_day is not None:
        _number_the_day(*earlier_day)
    meeting.refresh_from_db(fields=["day_number"])
    if not meeting.uid:  # first imported: its calendar UID, kept for good
        meeting.uid = meeting_uid(committee, meeting.date, meeting.day_number, meeting.source_meeting_id)
        Meeting.objects.filter(pk=meeting.pk).update(uid=meeting.uid)
    items, resolutions = _save_items(meeting, parsed.items)
    unmatched = save_people(meeting, parsed, items, resolutions)
    save_recommendations(items, parsed.items, resolutions)
    if before is not None:
        record_revision(meeting, *before, parsed)
    if unmatched:
        meeting.warnings += unmatched
        Meeting.objects.filter(pk=meeting.pk).update(warnings=meeting.warnings)
    _store_documents(meeting, documents)
    if track:
        update_actions(committee)
        if earlier_day is not None and earlier_day[0] != committee:
            update_actions(earlier_day[0])
        update_recommendations(committee.source)  # its own, and those its minutes answer
    pages_changed(_pages_showing(meeting, earlier_day))
    return LoadResult(outcome, meeting)


def _pages_showing(meeting: Meeting, earlier_day: tuple | None) -> set[str]:
    """The committees whose pages show this meeting's minutes: its own (and the one it was filed
    under before), those its minutes cite (their backlinks), and those whose minutes cite its
    committee's (their links to it). Two queries."""
    slugs = {meeting.committee.slug} | ({earlier_day[0].slug} if earlier_day else set())
    slugs |= set(Reference.objects.filter(from_item__meeting=meeting).values_list("committee_slug", flat=True))
    citing = Reference.objects.filter(committee_slug=meeting.committee.slug)
    citing = citing.exclude(from_item__committee=meeting.committee)
    return slugs | set(citing.values_list("from_item__committee__slug", flat=True).distinct())


# After this many meetings imported or replaced in one run, the planner's statistics are refreshed.
BULK = 20


def refresh_after_bulk_import(meetings_written: int) -> None:
    """After a bulk import, bring PostgreSQL's planner statistics up to date: fresh tables have
    none, and the planner then scans whole tables (a meeting page took 200 ms instead of 40).
    On SQLite, merge the full-text index (`optimize_index`)."""
    if meetings_written < BULK:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        optimize_index()


def _existing_meeting(committee: Committee, parsed: ParsedMeeting, source_meeting_id: int | None) -> Meeting | None:
    """The meeting already imported that `parsed` describes, if any (locked for the transaction)."""
    meetings = Meeting.objects.select_for_update().filter(committee=committee)
    if source_meeting_id is not None:
        by_id = meetings.filter(source_meeting_id=source_meeting_id).first()
        if by_id is not None:
            return by_id
    exact = meetings.filter(date=parsed.date, start_time=parsed.time).first()
    if exact is not None:
        return exact
    # The same meeting with and without its time: imported from a text page, then found on the site.
    same_day = list(meetings.filter(date=parsed.date)[:2])
    if len(same_day) == 1 and None in (same_day[0].start_time, parsed.time):
        other_id = same_day[0].source_meeting_id
        if source_meeting_id is None or other_id in (None, source_meeting_id):
            return same_day[0]
    return None


def _store_documents(meeting: Meeting, documents: Sequence[StoredDocument]) -> None:
    """Keep each document beside the meeting, unless its newest kept version is the same."""
    now = timezone.now()
    for document in documents:
        digest = hashlib.sha256(document.data).hexdigest()
        newest = (
            meeting.source_documents.filter(role=document.role, name=document.name)
            .order_by("-fetched_at", "-id")
            .values_list("sha256", flat=True)
            .first()
        )
        if newest == digest:
            continue
        SourceDocument.objects.create(
            meeting=meeting,
            role=document.role,
            name=document.name,
            content_type=document.content_type,
            compressed=SourceDocument.compress(document.data),
            size=len(document.data),
            sha256=digest,
            fetched_at=document.fetched_at or now,
            overrides=document.overrides,
        )


def _number_the_day(committee: Committee, date: datetime.date) -> None:
    """Number a committee's meetings on one day by start time (1, 2, ...): their URLs."""
    meetings = Meeting.objects.filter(committee=committee, date=date).order_by(
        F("start_time").asc(nulls_first=True), "id"
    )
    for number, meeting in enumerate(meetings, start=1):
        if meeting.day_number != number:
            Meeting.objects.filter(pk=meeting.pk).update(day_number=number)


def _committee(name: str) -> Committee:
    """The committee a document names: the one at its name's address (now or before), else the
    only committee of that name (one council's, where the site follows several), else a new one."""
    found = committee_at(Committee.slug_for(name))
    if found is None:
        named = list(Committee.objects.filter(name__iexact=name)[:2])
        found = named[0] if len(named) == 1 else None
    return found or Committee.objects.create(name=name, slug=new_slug(name, None))


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


def _save_items(
    meeting: Meeting, parsed_items: tuple[ParsedItem, ...]
) -> tuple[list[Item], dict[int, list[Resolution]]]:
    """Save the items and their records; the items, and each item's resolutions by item id."""
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
            # Every new action is outstanding until tracking derives it (`update_actions`).
            has_outstanding_actions=bool(parsed.actions),
        )
        for parsed in parsed_items
    ]
    index_new_items(items)
    items = Item.objects.bulk_create(items)
    documents, resolutions, references = [], [], []
    other_committees = {ref.committee for each in parsed_items for ref in each.references if ref.committee}
    named = {name: slug_named(name, meeting.committee.council) for name in other_committees}
    for item, parsed in zip(items, parsed_items, strict=True):
        documents += [
            Document(
                item=item,
                title=doc.title,
                format=doc.format,
                size_kb=doc.size_kb,
                additional=doc.additional,
                url=doc.url,
            )
            for doc in parsed.documents
        ]
        resolutions += [
            Resolution(
                item=item,
                label=res.label,
                text=res.text,
                order=order,
                first_line=res.lines[0] if res.lines else None,
                last_line=res.lines[1] if res.lines else None,
            )
            for order, res in enumerate(parsed.resolutions, start=1)
        ]
        references += [
            Reference(
                from_item=item,
                kind=ref.kind,
                text=ref.text,
                committee_slug=named[ref.committee] if ref.committee else meeting.committee.slug,
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
            actions.append(
                Action(
                    item=item,
                    resolution=by_item[item.pk][action.resolution] if action.resolution is not None else None,
                    kind=action.kind,
                    text=action.text,
                    due_month=action.due,
                    key=action_key(item.number, item.order, action.kind, action.text, action.due),
                    order=order,
                )
            )
    Action.objects.bulk_create(actions)
    return items, by_item
