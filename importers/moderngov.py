"""A ModernGov site's pages as links and ids: which committees it has, which meetings each held.

Pure functions from a page's HTML (and its URL) to plain dataclasses; the crawler
(`meetings/crawl.py`) fetches, this reads. Sites differ in spelling ("MId", "MeetingId",
"MID"), attribute order and relative or absolute links, so links are read by what they
point at, not by where they sit on the page.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from .dates import find_time, iter_dates
from .markup import ancestor, parse_page, text_of

COMMITTEE_LIST = "mgListCommittees.aspx"
# "CANCELLED", "Postponed", "MOVED TO ..." beside a meeting's date in a list.
CALLED_OFF = re.compile(r"\b(?:cancell?ed|postponed|withdrawn)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CommitteeLink:
    committee_id: int  # CId
    name: str


@dataclass(frozen=True, slots=True)
class MeetingLink:
    committee_id: int  # CId
    meeting_id: int  # MId
    url: str
    date: datetime.date | None  # from the link's text, where it gives one
    time: datetime.time | None
    called_off: bool = False  # cancelled or postponed: there is nothing to import


def committee_list_url(site: str) -> str:
    return urljoin(_folder(site), COMMITTEE_LIST)


def meetings_url(site: str, committee_id: int, year: int = 0) -> str:
    """A committee's meetings: the current year (0), or the municipal year starting in `year`."""
    return urljoin(_folder(site), f"ieListMeetings.aspx?CId={committee_id}&Year={year}")


def query_ids(url: str) -> dict[str, int]:
    """A link's numeric query values by lower-case name: {"cid": 130, "mid": 11234}, however spelled."""
    ids = {}
    for name, value in parse_qsl(urlsplit(url).query):
        if value.isdigit():
            ids[name.lower()] = int(value)
    if "meetingid" in ids:
        ids.setdefault("mid", ids["meetingid"])
    if "committeeid" in ids:
        ids.setdefault("cid", ids["committeeid"])
    return ids


def page_name(url: str) -> str:
    """ "ieListDocuments.aspx", lower case."""
    return urlsplit(url).path.rsplit("/", 1)[-1].lower()


def committee_links(page: str | bytes, url: str) -> list[CommitteeLink]:
    """The committees a committee list links to (`mgCommitteeDetails.aspx?ID=`, `ieListMeetings.aspx?CId=`)."""
    found: dict[int, CommitteeLink] = {}
    for anchor in _anchors(page):
        href = urljoin(url, anchor.get("href"))
        name = " ".join(text_of(anchor).split())
        ids = query_ids(href)
        if page_name(href) == "mgcommitteedetails.aspx" and "id" in ids:
            committee_id = ids["id"]
        elif page_name(href) == "ielistmeetings.aspx" and "cid" in ids:
            committee_id = ids["cid"]
        else:
            continue
        if name and committee_id not in found:
            found[committee_id] = CommitteeLink(committee_id, name)
    return list(found.values())


def meeting_links(page: str | bytes, url: str) -> list[MeetingLink]:
    """The meetings a meeting list links to (`ieListDocuments.aspx?CId=..&MId=..`), each once."""
    found: dict[int, MeetingLink] = {}
    for anchor in _anchors(page):
        href = urljoin(url, anchor.get("href"))
        ids = query_ids(href)
        if page_name(href) != "ielistdocuments.aspx" or "mid" not in ids or ids["mid"] in found:
            continue
        text = " ".join(text_of(anchor).split())
        row = ancestor(anchor, "li", "tr", "p")
        around = " ".join(text_of(row).split()) if row is not None else text
        date = next(iter(iter_dates(text, numeric=True)), (None, None))[1]
        found[ids["mid"]] = MeetingLink(
            committee_id=ids.get("cid", 0),
            meeting_id=ids["mid"],
            url=href,
            date=date,
            time=find_time(text),
            called_off=bool(CALLED_OFF.search(around)),
        )
    return list(found.values())


def year_links(page: str | bytes, url: str, committee_id: int) -> list[tuple[int, str]]:
    """(year, URL) of the committee's other years of meetings that a meeting list links to."""
    found: dict[int, str] = {}
    for anchor in _anchors(page):
        href = urljoin(url, anchor.get("href"))
        ids = query_ids(href)
        if page_name(href) == "ielistmeetings.aspx" and ids.get("cid") == committee_id and ids.get("year"):
            found.setdefault(ids["year"], href)
    return sorted(found.items())


def _folder(site: str) -> str:
    """The folder a site's .aspx pages live in: "https://x.gov.uk/democracy" and
    "https://x.gov.uk/democracy/mgListCommittees.aspx" are both "https://x.gov.uk/democracy/"."""
    parts = urlsplit(site)
    last = parts.path.rsplit("/", 1)[-1]
    if "." in last:
        return urljoin(site, ".")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/"


def _anchors(page: str | bytes):
    return [anchor for anchor in parse_page(page).iter("a") if anchor.get("href") is not None]
