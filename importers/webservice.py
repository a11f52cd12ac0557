"""ModernGov's web service (`mgWebService.asmx`) -> the same links and dataclasses as its pages.

Most ModernGov sites answer three plain GET calls with XML, steadier than the pages' layout:

- `GetCommittees?lDays=0`: `<committees><committee><committeeid>130</committeeid>
  <committeetitle>...</committeetitle><committeedeleted>False</committeedeleted>...`
- `GetMeetings?lCommitteeId=130&sFromDate=01/05/2016&sToDate=30/04/2017`: `<getmeetings><committee>
  <committeemeetings><meeting><meetingid>11234</meetingid><meetingdate>27/04/2017</meetingdate>
  <meetingstatus>Confirmed</meetingstatus><meetingtime>2.00 pm</meetingtime>...`
- `GetMeeting?lMeetingId=11234`: `<meeting>` with its date, time and location, and each
  `<agendaitem>`: its title, `fulldisplaynumberformat` ("79."), `minutesitemnumber`, the agenda
  text and the minutes as escaped HTML (`agendatext`, `minutesnonemptyhtmlbody`), and its
  `linkeddocuments` (title and address, no size).

A meeting read here is read by the very rules the pages are: each item's agenda text and minutes
become lines as a browser shows them (`html.fragment_lines`), and `items.take_line` and
`assemble.assemble_meeting` do the rest, so a meeting gives the same records from its page and
from the service. The service names no committee in a meeting's answer: the caller gives it.
Pure: XML in, dataclasses out; nothing is fetched. XML is parsed without entities or the network.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote, urlencode, urljoin

from lxml import etree

from .assemble import assemble_meeting
from .attendance import attendee_from_words
from .dates import find_time, iter_dates
from .html import URL_SAFE, fragment_lines
from .items import RawItem, items_with_sub_items_merged, take_line
from .lines import classify
from .moderngov import CALLED_OFF, CommitteeLink, MeetingLink
from .people import ParsedAttendee
from .records import ImportFailed, ParsedDocument, ParsedMeeting
from .resolutions import page_uses_resolved

SERVICE = "mgWebService.asmx"
# The service's answers, told from a page by their root element.
LOOKS_LIKE_ANSWER = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?<(?:meeting|getmeetings|committees)\b", re.IGNORECASE)
DOCUMENT_FORMAT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|rtf|html?|zip|csv|odt)(?:$|\?)", re.IGNORECASE)


def committees_url(site: str) -> str:
    return urljoin(site, f"{SERVICE}/GetCommittees?lDays=0")


def meetings_url(site: str, committee_id: int, start: datetime.date, end: datetime.date) -> str:
    query = {"lCommitteeId": committee_id, "sFromDate": f"{start:%d/%m/%Y}", "sToDate": f"{end:%d/%m/%Y}"}
    return urljoin(site, f"{SERVICE}/GetMeetings?{urlencode(query)}")


def meeting_url(site: str, meeting_id: int) -> str:
    return urljoin(site, f"{SERVICE}/GetMeeting?lMeetingId={meeting_id}")


def meeting_page_url(site: str, committee_id: int, meeting_id: int) -> str:
    """The meeting's page on the site: where a reader of the service's meeting is sent."""
    return urljoin(site, f"ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}&Ver=4")


def is_service_answer(data: bytes) -> bool:
    """Whether a document is one of the web service's answers (by its content)."""
    return bool(LOOKS_LIKE_ANSWER.match(data[:1024].lstrip(b"\xef\xbb\xbf")))


def _root(data: bytes, source: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        reason = f"the web service's answer is not well-formed XML: {error.msg}"
        raise ImportFailed(source, error.lineno or 1, reason) from None


def _text(element: etree._Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def read_committees(data: bytes, source: str = "<GetCommittees>") -> list[CommitteeLink]:
    """Every committee the site has not deleted, as the committee list page gives them."""
    links = []
    for committee in _root(data, source).iter("committee"):
        number, name = _text(committee, "committeeid"), _text(committee, "committeetitle")
        if number.isdigit() and name and _text(committee, "committeedeleted").lower() != "true":
            links.append(CommitteeLink(int(number), name))
    return links


def read_meetings(data: bytes, site: str, source: str = "<GetMeetings>") -> list[MeetingLink]:
    """The meetings of a GetMeetings answer, as links to their GetMeeting answers."""
    links = []
    for committee in _root(data, source).iter("committee"):
        committee_id = _text(committee, "committeeid")
        for meeting in committee.iter("meeting"):
            number = _text(meeting, "meetingid")
            if not (number.isdigit() and committee_id.isdigit()):
                continue
            found = next(iter_dates(_text(meeting, "meetingdate"), numeric=True), None)
            links.append(
                MeetingLink(
                    committee_id=int(committee_id),
                    meeting_id=int(number),
                    url=meeting_url(site, int(number)),
                    date=found[1] if found else None,
                    time=find_time(_text(meeting, "meetingtime")),
                    called_off=bool(CALLED_OFF.search(_text(meeting, "meetingstatus"))),
                )
            )
    return links


def parse_meeting(
    data: bytes,
    source: str = "<GetMeeting>",
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    page_url: str = "",
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """A meeting from a GetMeeting answer. The service does not name the committee: `committee`
    must (ImportFailed otherwise). `page_url`, the meeting's page, is where the meeting is said
    to come from."""
    root = _root(data, source)
    if root.tag != "meeting":
        raise ImportFailed(source, root.sourceline or 1, f"not a GetMeeting answer (<{root.tag}>)")
    found = next(iter_dates(_text(root, "meetingdate"), numeric=True), None)
    meeting_date = date or (found[1] if found else None)
    if not committee or not meeting_date:
        missing = " or ".join(name for name, value in (("committee", committee), ("date", meeting_date)) if not value)
        raise ImportFailed(source, root.sourceline or 1, f"no meeting {missing}: the service's answer names none")
    published = _text(root, "minutepublished").lower() == "true"
    raw_items = [_item(element, published) for element in root.iter("agendaitem")]
    raw_items = [raw for raw in raw_items if raw.title or raw.agenda or raw.minutes]
    if not raw_items:
        raise ImportFailed(source, root.sourceline or 1, "the meeting has no agenda items")
    shown = "\n".join(line.text for raw in raw_items for line in (*raw.agenda, *raw.minutes))
    attendees = tuple(filter(None, (_attendee(element) for element in root.iter("attendee"))))
    return assemble_meeting(
        items_with_sub_items_merged(raw_items),
        source=page_url or source,
        committee=committee.strip(),
        date=meeting_date,
        time=time or find_time(_text(root, "meetingtime")),
        venue=_text(root, "meetinglocation"),
        warnings=[],
        attendance=attendees,
        page_says_resolved=page_uses_resolved(shown),
        year_start=year_start,
    )


def _item(element: etree._Element, published: bool) -> RawItem:
    """One agenda item: its number as the page prints it, title, agenda text, minutes, documents."""
    minute, part = _text(element, "minutesitemnumber"), _text(element, "minutesitemsubnumber")
    shown = _text(element, "fulldisplaynumberformat").rstrip(".")
    if published and minute.isdigit() and int(minute) > 0:
        number, value = f"{minute}{part.lower()}", int(minute)
    elif (digits := re.match(r"\d+", shown)) is not None:
        number, value = shown.replace(".", ""), int(digits.group(0))
    else:
        number, value = "", None
    raw = RawItem(number, value, element.sourceline or 1)
    raw.title = _text(element, "agendaitemtitle")
    section = raw.agenda
    for line in fragment_lines(_text_raw(element, "agendatext"), element.sourceline or 1):
        section = take_line(raw, classify(line), section)
    minutes = _text_raw(element, "minutesnonemptyhtmlbody")
    if minutes.strip():
        raw.has_minutes_label = True
        section = raw.minutes
        for line in fragment_lines(minutes, element.sourceline or 1):
            section = take_line(raw, classify(line), section)
    for document in element.iter("linkeddoc"):
        title, url = _text(document, "title"), quote(_text_raw(document, "url").strip(), safe=URL_SAFE)
        if title and url.startswith(("https://", "http://")):
            kind = DOCUMENT_FORMAT.search(url)
            raw.documents.append(ParsedDocument(title, kind.group(1).upper() if kind else "PDF", None, url=url))
    return raw


def _text_raw(element: etree._Element, tag: str) -> str:
    found = element.find(tag)
    return found.text or "" if found is not None else ""


def _attendee(element: etree._Element) -> ParsedAttendee | None:
    """An attendee of the answer: its member id, name, role and attendance. The service often says
    "Expected" long after the minutes are published: kept as a membership, never as a presence."""
    member = _first_text(element, "memberid", "councillorid", "userid", "uid")
    return attendee_from_words(
        _first_text(element, "name", "attendeename", "membername", "fullname"),
        _first_text(element, "roledescription", "role", "attendeerole"),
        _first_text(element, "attendance", "attendancetype", "attendancestatus") or "Expected",
        site_id=int(member) if member.isdigit() else None,
        source="web service",
    )


def _first_text(element: etree._Element, *tags: str) -> str:
    """The text of the first of `tags` the element has (versions of the service name them differently)."""
    return next((text for tag in tags if (text := _text(element, tag))), "")
