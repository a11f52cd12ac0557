"""Local ModernGov sites for the crawl benchmarks: each on a port of its own on 127.0.0.1 (the
crawler asks one host one page at a time), with a committee list, each committee's meetings and
each meeting's "Agenda and minutes" page, its items and minutes written from generate_minutes'
topics. No web service and no attendance pages (both answer 404, as on many councils' sites).

    .venv/bin/python bench/moderngov_sites.py --sites 2     # serve until stopped, printing the addresses
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
import django

django.setup()
from meetings.management.commands.generate_minutes import COMMITTEES, RESOLUTIONS, SENTENCES, TOPICS  # noqa: E402

FIRST_DAY = datetime.date(2025, 5, 8)


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 11 <= day % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


class Site:
    """One council's site: `committees` committees, each with `meetings` meetings of `items` items."""

    def __init__(self, number: int, committees: int, meetings: int, items: int):
        self.number, self.items = number, items
        self.committees = {cid: COMMITTEES[cid - 1] for cid in range(1, committees + 1)}
        self.meetings = {
            cid: {cid * 1000 + n: FIRST_DAY + datetime.timedelta(days=7 * n + cid) for n in range(meetings)}
            for cid in self.committees
        }

    def page(self, path: str) -> bytes | None:
        parts = urlsplit(path)
        ids = {name.lower(): int(value) for name, value in parse_qsl(parts.query) if value.isdigit()}
        name = parts.path.rsplit("/", 1)[-1].lower()
        if name == "robots.txt":
            return b"User-agent: *\nAllow: /\n"
        if name == "mglistcommittees.aspx":
            links = "".join(
                f'<li><a href="mgCommitteeDetails.aspx?ID={cid}">{escape(title)}</a></li>'
                for cid, title in self.committees.items()
            )
            return _html("Committee structure", f'<ul class="mgBulletList">{links}</ul>')
        if name == "ielistmeetings.aspx" and ids.get("cid") in self.committees:
            cid = ids["cid"]
            rows = "".join(
                f'<tr><td><a href="ieListDocuments.aspx?CId={cid}&amp;MId={mid}&amp;Ver=4">'
                f"{day:%A} {day.day} {day:%B %Y} 2.00 pm</a></td></tr>"
                for mid, day in self.meetings[cid].items()
            )
            return _html(f"Browse meetings - {escape(self.committees[cid])}", f'<table class="mgTable">{rows}</table>')
        if name == "ielistdocuments.aspx" and ids.get("mid") in self.meetings.get(ids.get("cid"), {}):
            return self.meeting(ids["cid"], ids["mid"])
        return None

    def meeting(self, cid: int, mid: int) -> bytes:
        rng = random.Random(f"{self.number}-{mid}")
        day = self.meetings[cid][mid]
        committee = escape(self.committees[cid])
        rows = []
        for number in range(1, self.items + 1):
            topic, other = rng.sample(TOPICS, 2)
            body = [rng.choice(SENTENCES).format(body=committee, topic=topic, other=other) for _ in range(3)]
            if rng.random() < 0.5:
                month = rng.choice(["January", "March", "June", "October"])
                body.append(
                    "RESOLVED that " + rng.choice(RESOLUTIONS).format(topic=topic, other=other, month=month) + "."
                )
            paragraphs = "".join(f"<p>{escape(sentence)}</p>" for sentence in body)
            rows.append(
                f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">{number}.</p></td>'
                f'<td><p class="mgAiTitleTxt">{escape(topic.capitalize())}</p>'
                f'<p class="mgSubItemTitleTxt">Minutes:</p><div class="mgWordPara">{paragraphs}</div></td></tr>'
            )
        heading = f"{committee} - {day:%A}, {_ordinal(day.day)} {day:%B}, {day.year} 2.00 pm"
        table = '<table class="mgItemTable" id="mgItemTable"><tr><th>No.</th><th>Item</th></tr>' + "".join(rows)
        return _html("Agenda and minutes", f'<h2 class="mgSubTitleTxt">{heading}</h2>{table}</table>')


def _html(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<div id="modgov"><div class="mgContent"><h1 class="mgMainTitleTxt">{title}</h1>{body}</div></div>'
        "</body></html>"
    ).encode()


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    """Serve `site` on a free port of 127.0.0.1 in a thread of its own; (server, its address)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = site.page(self.path)
            self.send_response(200 if page is not None else 404)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
            body = page if page is not None else b"Not found"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1)
    parser.add_argument("--committees", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=10)
    parser.add_argument("--items", type=int, default=12)
    args = parser.parse_args()
    for number in range(1, args.sites + 1):
        print(serve(Site(number, args.committees, args.meetings, args.items))[1], flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
