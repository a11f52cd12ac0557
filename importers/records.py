"""The parsed records: the contract between the parsers and the loader.

Plain, frozen dataclasses with no Django in sight. A parser returns one
ParsedMeeting per document; `meetings.loader` saves it.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from .people import ParsedAttendee, ParsedDeclaration, ParsedMover, ParsedVote
from .recommendations import ParsedRecommendation

# Bump when the parser reads documents differently: re-importing then replaces
# meetings whose source has not changed.
# 2: where each resolution is printed in the minutes; 3: printed minutes (PDF, Word); 4: attendance, declarations,
# votes; 5: recommendations, the committee named after a minute with a year ("Minute 73/15 of the Cabinet"),
# and whether the page calls its minutes a draft
PARSER_VERSION = 5

# Action kinds, as stored on meetings.Action.kind.
INFORMATION = "information"
REPORT = "report"
WORK_PROGRAMME = "work_programme"
OTHER = "other"
ACTION_KINDS = (INFORMATION, REPORT, WORK_PROGRAMME, OTHER)

# Reference kinds, as stored on meetings.Reference.kind.
MINUTE = "minute"
MEETING = "meeting"


class ImportFailed(Exception):
    """A document that holds no meeting. Printed as `PATH:LINE: reason`."""

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason

    def __reduce__(self):
        # (raised in the PDF reader's process, it is pickled back whole)
        return ImportFailed, (self.path, self.line, self.reason)


@dataclass(frozen=True, slots=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document listed against an item ("pdf icon PDF 70 KB")."""

    title: str
    format: str  # "PDF", "DOC", ...
    size_kb: int | None
    additional: bool = False
    url: str = ""  # where the council publishes it, when the page linked it (HTML pages)


@dataclass(frozen=True, slots=True)
class ParsedResolution:
    label: str  # "1", "a", or "" for a single resolution
    text: str
    # Where the minutes print it: the first and last line of the item's stored minutes text
    # (0-based, blank lines not counted), its "RESOLVED that" opener included; None if not found.
    # Not part of a resolution's identity: two parses that agree on the words agree on it.
    lines: tuple[int, int] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ParsedAction:
    kind: str  # one of ACTION_KINDS
    text: str
    due: datetime.date | None = None  # the first day of the month it is due
    resolution: int | None = None  # index into the item's resolutions


@dataclass(frozen=True, slots=True)
class ParsedReference:
    """A pointer to another minute ("Minute 59/16") or meeting ("held on 6th April, 2017")."""

    kind: str  # MINUTE or MEETING
    text: str  # exactly as printed in the minutes text
    number: int | None = None  # minute references
    year: int | None = None  # municipal year the minute belongs to, e.g. 2016
    date: datetime.date | None = None  # meeting references, or the meeting a minute belongs to
    committee: str = ""  # another committee, when named; "" means this one
    same_meeting: bool = False
    inferred: bool = False  # the year was not printed and was taken from the context


@dataclass(frozen=True, slots=True)
class ParsedItem:
    number: str  # as printed: "79", "3a", "77/21"; "" where the page lost it
    minute_number: int | None  # the number references use: 79; None where the page lost it
    municipal_year: int  # 2016 for the year May 2016 - April 2017
    order: int
    title: str
    introduction: str = ""  # "Report of the Director of ..."
    documents: tuple[ParsedDocument, ...] = ()
    additional_documents: bool = False
    agenda_text: str = ""
    minutes_text: str = ""
    truncated: bool = False
    resolutions: tuple[ParsedResolution, ...] = ()
    actions: tuple[ParsedAction, ...] = ()
    recommendations: tuple[ParsedRecommendation, ...] = ()
    references: tuple[ParsedReference, ...] = ()
    line: int = 0  # where the item starts in the source
    declarations: tuple[ParsedDeclaration, ...] = ()  # made on this item, wherever the minutes print them
    votes: tuple[ParsedVote, ...] = ()
    movers: tuple[ParsedMover, ...] = ()

    @property
    def minute(self) -> str:
        """The minute key as councils write it: "79/16"; "" for an item whose number was lost."""
        if self.minute_number is None:
            return ""
        return f"{self.minute_number}/{self.municipal_year % 100:02d}"


@dataclass(frozen=True, slots=True)
class ParsedWarning:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedMeeting:
    source: str
    committee: str
    date: datetime.date
    time: datetime.time | None
    venue: str = ""
    contact: Contact = field(default_factory=Contact)
    kind: str = ""  # "Extraordinary", "Special": printed before the committee's name
    items: tuple[ParsedItem, ...] = ()
    warnings: tuple[ParsedWarning, ...] = ()
    attendance: tuple[ParsedAttendee, ...] = ()
    draft: bool = False  # the page calls its minutes a draft ("Agenda and draft minutes")

    @property
    def has_minutes(self) -> bool:
        """Whether any item carries minutes or a resolution (else it is an agenda)."""
        return any(item.minutes_text or item.resolutions for item in self.items)


def meeting_as_dict(meeting: ParsedMeeting) -> dict:
    """The meeting in the JSON shape of `import_minutes --dry-run --format json`."""
    return {
        "source": meeting.source,
        "committee": meeting.committee,
        "date": meeting.date.isoformat(),
        "time": meeting.time.strftime("%H:%M") if meeting.time else None,
        "kind": meeting.kind or None,
        "venue": meeting.venue,
        "contact": {"name": meeting.contact.name, "phone": meeting.contact.phone, "email": meeting.contact.email},
        "items": [_item_as_dict(item) for item in meeting.items],
        "attendance": [_without_line(asdict(each)) for each in meeting.attendance],
        "draft": meeting.draft,
        "warnings": [str(warning) for warning in meeting.warnings],
    }


def _without_line(record: dict) -> dict:
    """A record as JSON shows it: where it was printed is not part of what was read."""
    record.pop("line", None)
    return record


def _item_as_dict(item: ParsedItem) -> dict:
    return {
        "number": item.number or None,
        "minute": item.minute or None,
        "title": item.title,
        "introduction": item.introduction or None,
        "documents": [
            {
                "title": doc.title,
                "format": doc.format,
                "size_kb": doc.size_kb,
                "additional": doc.additional,
                "url": doc.url or None,
            }
            for doc in item.documents
        ],
        "additional_documents": item.additional_documents,
        "agenda_text": item.agenda_text,
        "minutes_text": item.minutes_text,
        "truncated": item.truncated,
        "resolutions": [
            {"label": res.label, "text": res.text, "lines": list(res.lines) if res.lines else None}
            for res in item.resolutions
        ],
        "actions": [
            {"kind": action.kind, "text": action.text, "due": action.due.strftime("%Y-%m") if action.due else None}
            for action in item.actions
        ],
        "recommendations": [asdict(each) for each in item.recommendations],
        "references": [_reference_as_dict(ref) for ref in item.references],
        "declarations": [_without_line(asdict(each)) for each in item.declarations],
        "votes": [asdict(each) for each in item.votes],
        "movers": [asdict(each) for each in item.movers],
    }


def _reference_as_dict(ref: ParsedReference) -> dict:
    if ref.kind == MEETING:
        result = {"kind": MEETING, "date": ref.date.isoformat() if ref.date else None, "text": ref.text}
        if ref.committee:
            result["committee"] = ref.committee
        return result
    result: dict = {"kind": MINUTE, "number": ref.number, "year": ref.year, "text": ref.text}
    if ref.committee:
        result["committee"] = ref.committee
    if ref.date and not ref.same_meeting:
        result["date"] = ref.date.isoformat()
    if ref.same_meeting:
        result["same_meeting"] = True
    if ref.inferred:
        result["inferred"] = True
    return result
