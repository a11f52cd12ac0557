"""The page header: committee, date, time, venue and contact.

Councils print these in many shapes: one line ("Finance Scrutiny Board (1) -
Wednesday, 3rd March, 2021 10.00 am"), committee and date on separate lines,
labelled lines ("Date:", "Time:", "Place:"), a CMIS "5 Dec 2017 - 14:00 to
00:00", or an issue page's "Meeting: 05/10/2011 - Cabinet (Item 54)".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .blocks import BULLET_LINE
from .dates import TIME_12H, TIME_24H, find_time, iter_dates
from .lines import BLANK, NOISE, SCHEDULED_TIME, SECTION, Line
from .records import Contact

# The page title above the header: "Agenda and minutes", "Agenda, decisions and minutes", "Agenda"
PAGE_TITLE = re.compile(
    r"^(?P<title>agenda(?:[, ]+(?:and\s+)?(?:draft\s+)?(?:decisions|minutes))*|agenda\s+item|decision\s+details"
    r"|issue\s*-\s*meetings|minutes)$",
    re.IGNORECASE,
)
# "Agenda and draft minutes" (ModernGov's page title), "DRAFT", "(Draft)", "Draft minutes of the meeting ..."
DRAFT = re.compile(
    r"^(?:agenda(?:,?\s+\w+)*?\s+and\s+)?draft\s+(?:minutes|decisions)\b|^\(?draft\)?[.:]?$", re.IGNORECASE
)


def says_draft(lines: list[str]) -> bool:
    """Whether the lines above a meeting's first item call its minutes a draft."""
    return any(DRAFT.match(line.strip()) for line in lines)


# "Venue: Committee Room 3 - Council House. View directions", "Date: Monday 24 January 2011"
LABELLED = re.compile(
    r"^(?P<label>venue|place|location|contact|contacts|contact\s+officer|date|time|committee)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# "Meeting: 05/10/2011 - Cabinet (Item 54)" on issue and decision pages
ISSUE_MEETING = re.compile(
    r"^meeting\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{2,4})\s*-\s*(?P<committee>.+?)(?:\s*\(item\s+(?P<item>[\w/]+)\))?$",
    re.IGNORECASE,
)
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
VIEW_DIRECTIONS = re.compile(r"[\s.]*view\s+directions\.?\s*$", re.IGNORECASE)
# "Moved from 9th May 2019, Planning Committee - ..." (the meeting is the later date)
MOVED_FROM = re.compile(r"^(?:moved|rescheduled|postponed|changed)\s+from\b.*?\d{4},?\s*", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"\b(?:tel(?:ephone)?|phone)\b\.?\s*(?:no\.?)?\s*[:.]?\s*(?P<phone>\+?[\d(][\d ()+/-]{5,}\d)",
    re.IGNORECASE,
)
CONTACT_NAME_END = re.compile(r"\s*[-,]?\s*\b(?:tel(?:ephone)?|phone|e-?mail)\b", re.IGNORECASE)
# "Tom Reilly, Principal Democratic Services Officer": a job title after the name
JOB_TITLE = re.compile(
    r",\s*(?:[\w&'-]+\s+){0,5}?(?:officer|manager|clerk|adviser|advisor|assistant|co-?ordinator|secretary|lead"
    r"|director|head|team|support|specialist|analyst|solicitor|lawyer)\b.*$",
    re.IGNORECASE,
)
# "Extraordinary, Strategy and Resources Policy Committee", "Extraordinary Meeting of the Cabinet",
# "Special meeting of Council": the kind of meeting, printed before the committee's name. "Special"
# and "Annual" also begin committees' names, so they count only with a comma or "meeting of".
MEETING_KIND = re.compile(
    r"^(?P<kind>extraordinary|reconvened|adjourned|emergency|special|annual|budget)"
    r"(?:\s*,\s*|\s+meeting\s+of\s+(?:the\s+)?|(?<=extraordinary)\s+|(?<=reconvened)\s+|(?<=adjourned)\s+)"
    r"(?P<committee>\S.*)$",
    re.IGNORECASE,
)
# "Agenda for Licensing Sub-Committee on", "Minutes of the Cabinet held on": a page title around the name
TITLED_COMMITTEE = re.compile(
    r"^(?:agenda|minutes|decisions)(?:\s+(?:and|,)\s+\w+)*\s+(?:for|of)\s+(?:the\s+)?(?P<committee>.+?)"
    r"(?:\s+(?:meeting\s+)?(?:held\s+)?on)?$",
    re.IGNORECASE,
)
# A printed minutes' sentence around the name (its times and weekday already taken out):
# "Minutes of the meeting of the Cabinet held at the Council House on", "Minutes of the meeting held
# at on" (no name: it is printed on the line above), "MINUTE of SPECIAL MEETING of the LICENSING
# COMMITTEE held in the Burgh Hall, Kilbrannock on"
MINUTES_SENTENCE = re.compile(
    r"^(?:minutes?|record|notes?)\s+of\s+(?:the\s+|an?\s+)?(?:(?P<kind>extraordinary|special|annual|reconvened"
    r"|adjourned|emergency|budget)\s+)?meeting(?:\s+of\s+(?:the\s+)?(?P<committee>.+?))?"
    r"(?:\s+held(?:\s+(?:in|at)(?:\s+(?P<venue>.*?))??)?)?(?:\s+on)?$",
    re.IGNORECASE,
)
# Words that make no committee's name on their own: "meeting held at", "Minutes of the"
NOT_A_NAME = re.compile(r"^(?:(?:minutes?|agenda|meeting|held|at|on|of|the|in|a|an|and|for)\b\W*)*$", re.IGNORECASE)
# "Brackenford Council Agenda", "Strathmorven Council Minutes": a page title after the name
PAGE_TITLE_AFTER = re.compile(r"(?<=\S)\s+(?:agenda|minutes|decisions)(?:\s+(?:and|&)\s+(?:minutes|decisions))?$", re.I)
# Site furniture around a header that reads like text: app adverts, link labels.
HEADER_FURNITURE = re.compile(
    r"^(?:skip\s+navigation|attendance\s+details|(?:get|download)\s+the\s+modern\.?gov\s+app\b.*"
    r"|(?:agenda\s+frontsheet|printed\s+(?:minutes|decisions)|(?:agenda|public)\s+reports?\s+pack"
    r"|supplementary\s+(?:agenda|pack)).*|meeting\s+documents|home)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Header:
    committee: str = ""
    date: datetime.date | None = None
    time: datetime.time | None = None
    kind: str = ""  # "Extraordinary"
    venue: str = ""
    contact: Contact = field(default_factory=Contact)
    date_line: int = 0
    page_title: str = ""  # "agenda and minutes", "agenda", ... lower case; "" when missing
    item_number: str = ""  # from an issue page's "(Item 54)"


def first_meeting_only(lines: list[Line]) -> tuple[list[Line], int | None]:
    """An issue page may list several meetings ("Meeting: ... (Item 54)"): keep the first.

    Returns the lines of the first meeting and the line number where a second one began.
    """
    seen = False
    for index, line in enumerate(lines):
        if ISSUE_MEETING.match(line.text):
            if seen:
                return lines[:index], line.number
            seen = True
    return lines, None


def page_title(lines: list[Line]) -> str:
    for line in lines:
        match = PAGE_TITLE.match(line.text)
        if match:
            return " ".join(match["title"].lower().replace(",", " ").split())
    return ""


def parse_header(lines: list[Line]) -> Header:
    header = Header(page_title=page_title(lines))
    candidates: list[str] = []
    for line in lines:
        if line.kind in (BLANK, SECTION) or PAGE_TITLE.match(line.text):
            continue
        if line.kind == NOISE or HEADER_FURNITURE.match(line.text) or BULLET_LINE.match(line.text):
            if SCHEDULED_TIME.match(line.text) and header.time is None:
                header.time = find_time(line.text)
            continue
        issue = ISSUE_MEETING.match(line.text) if header.date is None else None
        if issue:
            _issue_meeting(header, issue, line.number)
            continue
        labelled = LABELLED.match(line.text)
        if labelled:
            _labelled_field(header, labelled["label"].lower(), labelled["value"].strip(), line.number)
            continue
        dates = list(iter_dates(line.text, numeric=True))
        if dates and header.date is None:
            match, header.date = dates[-1]
            header.date_line = line.number
            before = MOVED_FROM.sub("", line.text[: match.start()])
            committee, kind = committee_and_kind(_without_day_and_time(before), header)
            header.committee = header.committee or committee or (candidates[-1] if candidates else "")
            header.kind = header.kind or kind
            header.time = header.time or find_time(line.text[match.end() :]) or find_time(before)
        elif header.date is None:
            candidates.append(line.text)
    if not header.committee and header.date and candidates:
        # "Licensing Committee", then "Date: Tuesday, 2 Mar 2021": the line above the labelled date
        header.committee = candidates[-1]
    header.committee, kind = committee_and_kind(header.committee, header)
    header.kind = header.kind or kind
    return header


def committee_and_kind(name: str, header: Header | None = None) -> tuple[str, str]:
    """The committee's name without a page title or the meeting's kind around it, and that kind:
    "Extraordinary, Strategy and Resources Policy Committee" -> ("Strategy and Resources Policy
    Committee", "Extraordinary"); "Agenda for Licensing Sub-Committee on" -> ("Licensing Sub-Committee", "").
    Words that name no committee ("Minutes of the meeting held at") give "": a committee is never
    named from them. A venue in a minutes sentence ("held in the Burgh Hall") goes to `header`."""
    sentence = MINUTES_SENTENCE.match(name)
    if sentence:
        if header is not None and sentence["venue"] and not header.venue:
            header.venue = sentence["venue"].strip(" ,")
        name = sentence["committee"] or ""
        if sentence["kind"]:
            return _named(name), sentence["kind"].capitalize()
    titled = TITLED_COMMITTEE.match(name)
    if titled:
        name = titled["committee"].strip()
    kind = MEETING_KIND.match(name)
    if kind:
        return _named(kind["committee"].strip(" ,-–")), kind["kind"].capitalize()
    return _named(name), ""


def _named(name: str) -> str:
    """The name, without a page title printed after it ("Brackenford Council Agenda"), or "" where
    its words name nothing ("meeting held at")."""
    name = PAGE_TITLE_AFTER.sub("", name).strip()
    return "" if NOT_A_NAME.match(name) else name


def _without_day_and_time(text: str) -> str:
    """What is left of the text before a date once a weekday and a time are taken out: the
    committee in "Cabinet - Tuesday, 3 March 2020", nothing in "4.00pm1 July 2021"."""
    for pattern in (TIME_12H, TIME_24H, WEEKDAY):
        text = pattern.sub(" ", text)
    return " ".join(text.split()).strip(" -–—,:|")


def _issue_meeting(header: Header, match: re.Match[str], line: int) -> None:
    found = next(iter_dates(match["date"], numeric=True), None)
    if found:
        header.date, header.date_line = found[1], line
    header.committee = header.committee or match["committee"].strip()
    header.item_number = match["item"] or ""


def _labelled_field(header: Header, label: str, value: str, line: int) -> None:
    if label in ("venue", "place", "location"):
        header.venue = VIEW_DIRECTIONS.sub("", value).strip().rstrip(".").strip()
    elif label.startswith("contact"):
        header.contact = parse_contact(value)
    elif label == "date":
        found = next(iter_dates(value, numeric=True), None)
        if found:
            header.date, header.date_line = found[1], line
            header.time = header.time or find_time(value[found[0].end() :])
    elif label == "time":
        header.time = find_time(value) or header.time
    elif label == "committee":
        header.committee = value


def parse_contact(value: str) -> Contact:
    """ "Michelle Rose  Tel: 024 7683 3111 Email:  michelle.rose@coventry.gov.uk" """
    email = EMAIL.search(value)
    phone = PHONE.search(value)
    name_end = CONTACT_NAME_END.search(value)
    name = value[: name_end.start()] if name_end else value
    if email and email.start() < len(name):
        name = name[: email.start()]
    name = JOB_TITLE.sub("", name.strip(" -,:;"))
    return Contact(
        name=name.strip(" -,:;"),
        phone=phone["phone"].strip() if phone else "",
        email=email.group(0) if email else "",
    )
