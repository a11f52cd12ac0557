"""CMIS (Civica's committee system) site pages -> links and ids, as `moderngov.py` does for ModernGov.

A CMIS site is a DotNetNuke module: its meetings calendar, a page per meeting
(`.../tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/15028/Committee/6/...`) and documents
served by `Document.ashx?id=...`. What the crawler needs of it:

- the month calendar without script, reached in DNN's path form from any link of the module:
  `.../tabid/70/ctl/MeetingCalendarPublicNoJava/mid/397/Date/2017-04-01/Default.aspx`, whose day
  headings ("Thursday, 27 April") each head a cell of meeting links ("14:00 Planning Committee");
  the list view's rows ("27 Apr 2017 14:00 - Planning Committee") are read alike;
- on a meeting's page, its documents ("Printed Minutes 27042017 (156Kb)", "Agenda Reports Pack"),
  of which the minutes document is the meeting's minutes of record.

CMIS pages rarely carry the minutes themselves: a meeting is imported from its minutes document
(PDF or Word), with the committee, date and time the calendar gives. Pure: HTML in, dataclasses
out; nothing is fetched.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote, urljoin

from .dates import MONTHS, find_time
from .html import URL_SAFE
from .markup import ancestor, parse_page, text_of
from .moderngov import CALLED_OFF, CommitteeLink, MeetingLink

# ".../Meeting/15028/Committee/6/..." in a meeting's address
MEETING_ADDRESS = re.compile(r"/Meeting/(?P<meeting>\d+)/Committee/(?P<committee>\d+)(?:/|$)", re.IGNORECASE)
# A link of the meetings module in DNN's path form: everything up to the module id is reusable.
MODULE_ADDRESS = re.compile(r"^(?P<prefix>.*?/tabid/\d+)/ctl/\w+/mid/(?P<mid>\d+)/", re.IGNORECASE)
CALENDAR = "{prefix}/ctl/MeetingCalendarPublicNoJava/mid/{mid}/Date/{{date}}/Default.aspx"
# A day heading of the month calendar: "Monday, 8 June", "Thursday 27 April 2017"
DAY = re.compile(r"^\w+day,?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)(?:,?\s+(?P<year>\d{4}))?$")
# A meeting in a day's cell: "14:00 Planning Committee", "Planning Committee"
ENTRY = re.compile(r"^(?:(?P<time>\d{1,2}[:.]\d{2})\s+)?(?P<committee>\S.*)$")
# A row of the list view: "27 Apr 2017 14:00 - Planning Committee"
LIST_ENTRY = re.compile(r"^(?P<date>\d{1,2}\s+[A-Za-z]+\s+\d{4})\s+(?P<time>\d{1,2}:\d{2})\s+-\s+(?P<committee>.+)$")
# A document that is the meeting's minutes, and one that is not (its agenda, a report pack).
MINUTES_TITLE = re.compile(r"\bminutes?\b", re.IGNORECASE)
NOT_MINUTES_TITLE = re.compile(r"\b(?:agenda|reports?\s+pack|supplementary|appendix)\b", re.IGNORECASE)
DRAFT_TITLE = re.compile(r"\bdraft\b", re.IGNORECASE)


def calendar_template(page: str | bytes, url: str) -> str:
    """The month calendar's address, with `{date}` for the month's first day ("2017-04-01"), from
    any link of the meetings module on `page` (fetched from `url`); "" where there is none."""
    root = parse_page(page)
    for anchor in root.iterdescendants("a"):
        match = MODULE_ADDRESS.match(urljoin(url, (anchor.get("href") or "").strip()))
        if match:
            return CALENDAR.format(prefix=match["prefix"], mid=match["mid"])
    return ""


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of each month from `start`'s to `end`'s."""
    found, month = [], start.replace(day=1)
    while month <= end:
        found.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return found


def calendar_meetings(page: str | bytes, url: str, month: datetime.date) -> list[tuple[CommitteeLink, MeetingLink]]:
    """The meetings on a month calendar page (or a list view), each with its committee.

    A day heading carries no year: it is the month's that was asked for."""
    root = parse_page(page)
    found: dict[int, tuple[CommitteeLink, MeetingLink]] = {}
    for anchor in root.iterdescendants("a"):
        address = urljoin(url, (anchor.get("href") or "").strip())
        ids = MEETING_ADDRESS.search(address)
        if ids is None:
            continue
        text = " ".join(text_of(anchor).split())
        listed = LIST_ENTRY.match(text)
        if listed:
            date, time, committee = _date(listed["date"]), find_time(listed["time"]), listed["committee"]
        else:
            entry = ENTRY.match(text)
            date = _day_of(anchor, month)
            if entry is None or date is None:
                continue
            time, committee = (find_time(entry["time"]) if entry["time"] else None), entry["committee"]
        row = ancestor(anchor, "tr", "li", "p")
        called_off = bool(CALLED_OFF.search(text_of(row) if row is not None else text))
        committee_link = CommitteeLink(int(ids["committee"]), committee.strip(" -"))
        meeting = MeetingLink(int(ids["committee"]), int(ids["meeting"]), quote(address, safe=URL_SAFE), date, time,
                              called_off)  # fmt: skip
        found.setdefault(meeting.meeting_id, (committee_link, meeting))
    return list(found.values())


def _day_of(anchor, month: datetime.date) -> datetime.date | None:
    """The date of the day heading in the calendar row (or the cell before) that holds `anchor`."""
    cell = ancestor(anchor, "td")
    while cell is not None:
        for candidate in (cell, *cell.itersiblings(preceding=True)):
            heading = DAY.match(" ".join(text_of(candidate).split()))
            if heading:
                return _made(heading["year"] or month.year, heading["month"], heading["day"])
        cell = ancestor(cell, "td")
    return None


def _date(text: str) -> datetime.date | None:
    """ "27 Apr 2017" """
    day, month, year = text.split()
    return _made(year, month, day)


def _made(year: str | int, month: str, day: str) -> datetime.date | None:
    number = MONTHS.get(month.lower())
    try:
        return datetime.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def minutes_document(page: str | bytes, url: str) -> tuple[str, str] | None:
    """The meeting's minutes document on its page, as (title, address): a document titled as
    minutes and not as an agenda or reports pack, the final one before a draft; None where the
    page lists none (the minutes are not published yet)."""
    root = parse_page(page)
    candidates = []
    for anchor in root.iterdescendants("a"):
        href = (anchor.get("href") or "").strip()
        title = " ".join(text_of(anchor).split()) or (anchor.get("title") or "")
        if not href or ("document.ashx" not in href.lower() and not href.lower().endswith((".pdf", ".docx"))):
            continue
        if MINUTES_TITLE.search(title) and not NOT_MINUTES_TITLE.search(title):
            candidates.append((bool(DRAFT_TITLE.search(title)), title, quote(urljoin(url, href), safe=URL_SAFE)))
    if not candidates:
        return None
    _draft, title, address = min(candidates, key=lambda candidate: candidate[0])  # (stable: first of its kind)
    return title, address
