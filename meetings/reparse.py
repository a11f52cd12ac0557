"""Read meetings again from the documents kept beside them, with the importer as it is now.

When the importer improves, meetings imported before keep the old reading until they are
read again; `python manage.py reparse` does that without the files or the council's site.
Each meeting is read from its newest meeting document and the item pages kept with it,
with the options a person gave when importing it, and replaced in one transaction only
where the reading changed (staff statuses kept, as on any re-import).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from importers.records import ImportFailed, ParsedMeeting

from .importing import parse_document
from .loader import REPLACED, UNCHANGED, records_hash, save_meeting
from .models import Action, Item, Meeting, Reference, Resolution, SourceDocument

NO_DOCUMENT = "no stored document"
FAILED = "failed"
WOULD_REPLACE = "would replace"
KINDS = ("items", "resolutions", "actions", "references")


@dataclass(slots=True)
class Reparsed:
    outcome: str  # REPLACED, UNCHANGED, WOULD_REPLACE, NO_DOCUMENT or FAILED
    added: Counter = field(default_factory=Counter)  # "resolutions" -> how many the new reading adds
    removed: Counter = field(default_factory=Counter)
    reason: str = ""

    def changes(self) -> str:
        """ "items +0 -0, resolutions +1 -0, actions +2 -1, references +0 -0" """
        return ", ".join(f"{kind} +{self.added[kind]} -{self.removed[kind]}" for kind in KINDS)


def reparse_meeting(meeting: Meeting, *, dry_run: bool = False) -> Reparsed:
    """Read `meeting` again from its stored documents; replace it where the reading changed."""
    page, item_pages, printed = stored_documents(meeting)
    attendance = meeting.source_documents.filter(role=SourceDocument.ATTENDANCE).order_by("-fetched_at", "-id").first()
    if page is None:
        return Reparsed(NO_DOCUMENT, reason="imported before documents were kept: import its file again or crawl")
    overrides = page.overrides
    committee = meeting.committee
    try:
        parsed = parse_document(
            page.content,
            page.name,
            item_pages=item_pages,
            printed=(printed.name, printed.content) if printed is not None else None,
            attendance_page=attendance.content if attendance is not None else None,
            page_url=overrides.get("page_url", ""),
            committee=overrides.get("committee"),
            date=datetime.date.fromisoformat(overrides["date"]) if overrides.get("date") else None,
            time=datetime.time.fromisoformat(overrides["time"]) if overrides.get("time") else None,
            year_start=committee.year_start if committee.source_id else None,
        )
    except ImportFailed as failure:
        return Reparsed(FAILED, reason=f"{failure.line}: {failure.reason}")
    if records_hash(parsed) == meeting.records_hash:
        return Reparsed(UNCHANGED)
    before, after = _records_of(meeting), _records_read(parsed)
    result = Reparsed(WOULD_REPLACE if dry_run else REPLACED)
    for kind in KINDS:
        result.added[kind] = sum((after[kind] - before[kind]).values())
        result.removed[kind] = sum((before[kind] - after[kind]).values())
    if not dry_run:
        save_meeting(
            parsed,
            source_hash=meeting.source_hash,
            committee=committee if committee.source_id else None,
            source_meeting_id=meeting.source_meeting_id,
            replacing=meeting,
            track=False,  # the caller derives each committee's actions once, at the end
        )
    return result


def stored_documents(
    meeting: Meeting,
) -> tuple[SourceDocument | None, dict[str, bytes], SourceDocument | None]:
    """The meeting's newest page (or file), the newest of each item page kept with it, and the
    newest printed minutes its page linked (None where there were none)."""
    newest: dict[tuple[str, str], SourceDocument] = {}
    for document in meeting.source_documents.order_by("fetched_at", "id"):
        newest[(document.role, document.name)] = document

    def latest(role: str) -> SourceDocument | None:
        kept = [doc for (each, _name), doc in newest.items() if each == role]
        return max(kept, key=lambda doc: (doc.fetched_at, doc.pk)) if kept else None

    items = {name: doc.content for (role, name), doc in newest.items() if role == SourceDocument.ITEM}
    page, printed = latest(SourceDocument.MEETING), latest(SourceDocument.PRINTED)
    if printed is not None and (page is None or printed.fetched_at < page.fetched_at):
        printed = None  # fetched with an older version of the page, which the newest no longer needed
    return page, items, printed


def _key(number: str, order: int) -> str:
    return number or f"#{order}"


def _records_of(meeting: Meeting) -> dict[str, Counter]:
    """What the meeting holds now, as comparable tuples."""
    items = Item.objects.filter(meeting=meeting)
    return {
        "items": Counter((_key(n, o), t) for n, o, t in items.values_list("number", "order", "title")),
        "resolutions": Counter(
            (_key(n, o), label, text)
            for n, o, label, text in Resolution.objects.filter(item__meeting=meeting).values_list(
                "item__number", "item__order", "label", "text"
            )
        ),
        "actions": Counter(
            (_key(n, o), kind, text, due)
            for n, o, kind, text, due in Action.objects.filter(item__meeting=meeting).values_list(
                "item__number", "item__order", "kind", "text", "due_month"
            )
        ),
        "references": Counter(
            (_key(n, o), kind, text)
            for n, o, kind, text in Reference.objects.filter(from_item__meeting=meeting).values_list(
                "from_item__number", "from_item__order", "kind", "text"
            )
        ),
    }


def _records_read(parsed: ParsedMeeting) -> dict[str, Counter]:
    """What a new reading would hold, as the same tuples."""
    items = parsed.items
    return {
        "items": Counter((_key(i.number, i.order), i.title) for i in items),
        "resolutions": Counter((_key(i.number, i.order), r.label, r.text) for i in items for r in i.resolutions),
        "actions": Counter((_key(i.number, i.order), a.kind, a.text, a.due) for i in items for a in i.actions),
        "references": Counter((_key(i.number, i.order), r.kind, r.text) for i in items for r in i.references),
    }
