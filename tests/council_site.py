"""A ModernGov site on 127.0.0.1 for the crawler's tests: the fixture pages, ETags and 304s,
faults on demand (5xx, slowness, another content type), a log of every request, and -- where a
test turns it on -- ModernGov's web service, its answers written from the same pages."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from lxml.builder import E
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from importers.lines import DOCUMENT_MARKER

from .conftest import DATA

HTML = DATA / "moderngov"
PAGES = {
    "/mgListCommittees.aspx": "site/committees.html",
    "/ieListMeetings.aspx?CId=130&Year=0": "site/meetings-130-current.html",
    "/ieListMeetings.aspx?CId=130&Year=2016": "site/meetings-130-current.html",
    "/ieListMeetings.aspx?CId=130&Year=2015": "site/meetings-130-2015.html",
    "/ieListMeetings.aspx?CId=131&Year=0": "site/meetings-131-current.html",
    "/ieListMeetings.aspx?CId=132&Year=0": "site/meetings-132-current.html",
    "/ieListDocuments.aspx?CId=130&MId=10873&Ver=4": "2016-04-14.html",
    "/ieListDocuments.aspx?CId=130&MId=11234&Ver=4": "2017-04-27.html",
    "/ieListDocuments.aspx?CId=130&MId=11350&Ver=4": "site/agenda-2017-06-15.html",
    "/ieListDocuments.aspx?CId=131&MId=812&Ver=4": "agenda-decisions-and-minutes.html",
    "/ieListDocuments.aspx?CId=132&MId=900&Ver=4": "not-moderngov.html",
    "/mgAi.aspx?ID=34511": "item-71-full-minutes.html",
    "/ieDecisionDetails.aspx?AIId=7002": "decision-item-5.html",
}
MEETING_PAGES = [key for key in PAGES if key.startswith("/ieListDocuments.aspx")]


@dataclass
class Logged:
    page: str  # path and query, as PAGES keys them
    started: float
    ended: float  # 0 until answered
    headers: dict
    status: int  # 0 until answered


@dataclass
class Fault:
    times: int  # how many requests it applies to
    status: int = 200
    delay: float = 0.0
    content_type: str = ""


@dataclass
class CouncilSite:
    server: HTTPServer
    robots: str = "User-agent: *\nDisallow: /mgMemberIndex.aspx\n"
    bodies: dict[str, bytes] = field(
        default_factory=lambda: {key: (HTML / name).read_bytes() for key, name in PAGES.items()}
    )
    faults: dict[str, Fault] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)  # pages that are not web pages
    # The web service's answers by call: "GetCommittees", "GetMeetings 130", "GetMeeting 11234"
    service: dict[str, bytes] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return self.server.url_for("/")

    def page_url(self, page: str) -> str:
        return self.url.rstrip("/") + page

    def serve(self, page: str, name_or_bytes: str | bytes) -> None:
        """Change what a page says from now on (a fixture file's name under moderngov/, or bytes)."""
        self.bodies[page] = name_or_bytes if isinstance(name_or_bytes, bytes) else (HTML / name_or_bytes).read_bytes()

    def serve_document(self, page: str, data: bytes, content_type: str) -> None:
        """Serve a document (a PDF, say) at `page` from now on."""
        self.bodies[page] = data
        self.content_types[page] = content_type

    def requested(self, page: str) -> list[Logged]:
        return [entry for entry in self.log if entry.page == page]

    def handle(self, request: Request) -> Response:
        page = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
        entry = Logged(page, time.monotonic(), 0.0, dict(request.headers), 0)
        with self.lock:
            self.log.append(entry)  # logged on arrival: a client may give up before the answer
        response = self._respond(page, request)
        entry.ended, entry.status = time.monotonic(), response.status_code
        return response

    def _respond(self, page: str, request: Request) -> Response:
        with self.lock:
            fault = self.faults.get(page)
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self.faults[page]
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.status != 200:
            return Response("Server Error", status=fault.status)
        if page == "/robots.txt":
            return Response(self.robots, content_type="text/plain")
        if request.path.startswith("/mgWebService.asmx/"):
            return self._service(request)
        body = self.bodies.get(page)
        if body is None:
            return Response("Not found", status=404, content_type="text/html")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        content_type = self.content_types.get(page, "text/html; charset=utf-8")
        if fault is not None and fault.content_type:
            content_type = fault.content_type
        return Response(body, content_type=content_type, headers={"ETag": etag})

    def _service(self, request: Request) -> Response:
        call = request.path.rsplit("/", 1)[-1]
        argument = request.args.get("lCommitteeId") or request.args.get("lMeetingId") or ""
        body = self.service.get(f"{call} {argument}".strip())
        if body is None:
            return Response("Not found", status=404, content_type="text/html")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="text/xml; charset=utf-8", headers={"ETag": etag})


# -- the web service's answers, written from the site's pages ------------------------------------


def service_committees(committees: dict[int, str]) -> bytes:
    root = E.committees(E.committeescount(str(len(committees))))
    for number, name in committees.items():
        root.append(E.committee(E.committeeid(str(number)), E.committeetitle(name), E.committeedeleted("False")))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def service_meetings(committee_id: int, name: str, meetings: list[tuple[int, str, str, str]]) -> bytes:
    """GetMeetings: (meeting id, "27/04/2017", "2.00 pm", status) each."""
    listed = E.committeemeetings()
    for number, date, at, status in meetings:
        listed.append(
            E.meeting(E.meetingid(str(number)), E.meetingdate(date), E.meetingstatus(status), E.meetingtime(at))
        )
    committee = E.committee(E.committeeid(str(committee_id)), E.committeetitle(name), listed)
    return etree.tostring(E.getmeetings(committee), xml_declaration=True, encoding="utf-8")


def service_meeting(
    page: bytes, meeting_id: int, date: str, time: str, location: str, site: str, *, full_minutes: dict | None = None
) -> bytes:
    """GetMeeting for a meeting page: each row of its items table as an <agendaitem> -- the
    number, the title, the agenda text and the minutes as escaped HTML, the documents linked.
    The service gives minutes whole: `full_minutes` maps an item the page cut short ("79.") to
    its item page, whose minutes it gives instead."""
    root = lxml.html.fromstring(page)
    items = E.agendaitems()
    for row in root.xpath('//table[@id="mgItemTable" or contains(@class, "mgItemTable")]//tr[td]'):
        number_cell, content = row.xpath("./td")[:2]
        number = number_cell.text_content().strip()
        title = content.xpath('./p[contains(@class, "mgAiTitleTxt")]')[0]
        documents = E.linkeddocuments()
        for link in title.xpath(".//a[@href]"):
            documents.append(
                E.linkeddoc(E.title(_marker_free(title.text_content())), E.url(urljoin(site, link.get("href"))))
            )
        agenda, minutes, part = [], [], "agenda"
        for element in title.itersiblings():
            label = element.text_content().strip() if "mgSubItemTitleTxt" in (element.get("class") or "") else ""
            if label == "Minutes:":
                part = "minutes"
            elif not label:
                (agenda if part == "agenda" else minutes).append(lxml.html.tostring(element, encoding="unicode"))
        minute = number.rstrip(".")
        if number in (full_minutes or {}):
            whole = lxml.html.fromstring(full_minutes[number])
            minutes = [
                lxml.html.tostring(element, encoding="unicode")
                for element in whole.xpath(
                    '//p[contains(@class, "mgSubItemTitleTxt")][normalize-space()="Minutes:"]/following-sibling::div[1]'
                )
            ]
        items.append(
            E.agendaitem(
                E.agendaitemtitle(_marker_free(title.text_content())),
                E.agendatext("".join(agenda)),
                E.fulldisplaynumberformat(number),
                E.minutesitemnumber(minute if minutes else ""),
                E.minutesnonemptyhtmlbody("".join(minutes)),
                documents,
            )
        )
    meeting = E.meeting(
        E.meetingid(str(meeting_id)),
        E.meetingdate(date),
        E.meetingtime(time),
        E.meetinglocation(location),
        E.minutepublished("True"),
        items,
    )
    return etree.tostring(meeting, xml_declaration=True, encoding="utf-8")


def _marker_free(title: str) -> str:
    return " ".join(DOCUMENT_MARKER.sub("", title).split())


def agenda_only(page: bytes) -> bytes:
    """A meeting page as ModernGov shows it where the minutes are only in the printed minutes:
    each item's "Minutes:" heading and what follows it taken out."""
    root = lxml.html.fromstring(page)
    for heading in root.xpath('//p[contains(@class, "mgSubItemTitleTxt")]'):
        if heading.text_content().strip() != "Minutes:":
            continue
        for later in list(heading.itersiblings()):
            later.getparent().remove(later)
        heading.getparent().remove(heading)
    return lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")


def start_site() -> CouncilSite:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    site = CouncilSite(server)
    server.expect_request(re.compile(".*")).respond_with_handler(site.handle)
    server.start()
    return site
