"""A CMIS site on 127.0.0.1 for the crawler's tests: a meetings calendar page, the month calendar
without script (one month with meetings, every other month empty), meeting pages listing their
documents, and the documents themselves (the seed meetings as printed PDF and Word minutes)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

MODULE = "/council/Meetings/tabid/70/ctl"
SCRUTINY = "Education and Children's Services Scrutiny Board (2)"


def meeting_path(meeting: int, committee: int) -> str:
    return (
        f"{MODULE}/ViewMeetingPublic/mid/397/Meeting/{meeting}/Committee/{committee}/SelectedTab/Documents/Default.aspx"
    )


def calendar_path(month: str) -> str:
    return f"{MODULE}/MeetingCalendarPublicNoJava/mid/397/Date/{month}/Default.aspx"


# A meeting page that prints its minutes itself, in CMIS's own shape, with no minutes document.
INLINE_MINUTES = f"""<h1>Meeting Details</h1>
<div class="MeetingTitle">{SCRUTINY}</div><div class="MeetingDate">9 Jun 2016 - 14:00 to 00:00</div><p>Occurred</p>
<h2>Minutes</h2>
<p>1 Apologies</p><p>There were no apologies.</p>
<p>2 School Places</p><p>The Board considered a report on school places.</p>
<p>RESOLVED that a further report be considered in October 2016.</p>"""


def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>Meetings</title></head><body>{body}</body></html>".encode()


def _calendar(days: list[tuple[str, list[tuple[int, int, str]]]]) -> bytes:
    """A month: ("Thursday, 27 April", [(meeting id, committee id, "14:00 Committee"), ...]) a day."""
    rows = "".join(
        f'<tr class="rgRow"><td class="SimpleCalendarDate">{day}</td><td>'
        + "".join(f'<p class="Meeting"><a href="{meeting_path(m, c)}">{text}</a></p>' for m, c, text in meetings)
        + "</td></tr>"
        for day, meetings in days
    )
    return _page(f'<div class="ModCMISMeetingsC"><table class="rgMasterTable">{rows}</table></div>')


def _meeting_page(title: str, documents: list[tuple[str, str]]) -> bytes:
    listed = "".join(
        f'<li class="DocumentListItem"><a class="TitleLink" href="{href}">{name}</a> <span class="FileSize">(96Kb)</span></li>'
        for name, href in documents
    )
    return _page(f'<h1>Meeting Details</h1><h2>{title}</h2><ol class="DocumentList">{listed}</ol>')


@dataclass
class CmisSite:
    server: HTTPServer
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path and query -> (body, content type)
    log: list[str] = field(default_factory=list)

    @property
    def calendar_url(self) -> str:
        return self.server.url_for("/council/Meetings.aspx")

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def requested(self, path: str) -> int:
        return self.log.count(path)

    def handle(self, request: Request) -> Response:
        page = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
        self.log.append(page)
        if page == "/robots.txt":
            return Response("User-agent: *\nDisallow:\n", content_type="text/plain")
        found = self.pages.get(page)
        if found is None and re.search(r"/MeetingCalendarPublicNoJava/mid/397/Date/\d{4}-\d{2}-01/", page):
            found = (_calendar([]), "text/html; charset=utf-8")  # a month with no meetings
        if found is None:
            return Response("Not found", status=404, content_type="text/html")
        body, content_type = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag})


def start_cmis_site(minutes_2017_pdf: bytes, minutes_2016_docx: bytes) -> CmisSite:
    """The site: the scrutiny board's meetings of 14 April 2016 (Word minutes) and 27 April 2017
    (printed PDF minutes, beside its agenda pack), an agenda of 15 June 2017 with no minutes yet,
    a cancelled meeting, and a Planning Panel meeting with minutes."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    site = CmisSite(server)
    html, pdf = "text/html; charset=utf-8", "application/pdf"
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    site.pages = {
        "/council/Meetings.aspx": (
            _page(f'<h1>Meetings</h1><p>Next: <a href="{meeting_path(503, 4)}">15 Jun 2017 14:00 - {SCRUTINY}</a></p>'),
            html,
        ),
        calendar_path("2016-04-01"): (_calendar([("Thursday, 14 April", [(502, 4, f"14:00 {SCRUTINY}")])]), html),
        calendar_path("2016-06-01"): (_calendar([("Thursday, 9 June", [(507, 4, f"14:00 {SCRUTINY}")])]), html),
        calendar_path("2017-04-01"): (
            _calendar(
                [
                    ("Tuesday, 25 April", [(510, 9, "18:00 Planning Panel")]),
                    ("Thursday, 27 April", [(501, 4, f"14:00 {SCRUTINY}")]),
                ]
            ),
            html,
        ),
        calendar_path("2017-05-01"): (
            _calendar([("Thursday, 18 May", [(504, 4, f"14:00 {SCRUTINY} CANCELLED")])]),
            html,
        ),
        calendar_path("2017-06-01"): (_calendar([("Thursday, 15 June", [(503, 4, f"14:00 {SCRUTINY}")])]), html),
        meeting_path(501, 4): (
            _meeting_page(
                SCRUTINY,
                [
                    ("Agenda Reports Pack 27042017", "/council/Document.ashx?id=agenda501"),
                    ("Printed Minutes 27042017", "/council/Document.ashx?id=minutes501"),
                ],
            ),
            html,
        ),
        meeting_path(502, 4): (
            _meeting_page(SCRUTINY, [("Minutes 14042016", "/council/Document.ashx?id=minutes502")]),
            html,
        ),
        meeting_path(507, 4): (_page(INLINE_MINUTES), html),
        meeting_path(503, 4): (
            _meeting_page(SCRUTINY, [("Agenda 15062017", "/council/Document.ashx?id=agenda503")]),
            html,
        ),
        meeting_path(510, 9): (
            _meeting_page("Planning Panel", [("Minutes", "/council/Document.ashx?id=minutes510")]),
            html,
        ),
        "/council/Document.ashx?id=minutes501": (minutes_2017_pdf, pdf),
        "/council/Document.ashx?id=minutes502": (minutes_2016_docx, docx),
        "/council/Document.ashx?id=agenda501": (b"%PDF-1.4 (an agenda pack: never asked for)", pdf),
    }
    server.expect_request(re.compile(".*")).respond_with_handler(site.handle)
    server.start()
    return site
