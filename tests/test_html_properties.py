"""Never a crash: for any HTML the ModernGov parser returns a meeting or raises ImportFailed."""

import re

from hypothesis import given
from hypothesis import strategies as st

from importers.html import parse_html
from importers.records import ImportFailed, ParsedMeeting

from .conftest import DATA
from .test_text_properties import BOUNDED

PAGES = [path.read_text(encoding="utf-8", errors="replace") for path in sorted((DATA / "moderngov").glob("*.html"))]
TAG = re.compile(r"<[^>]+>")


def parses_or_fails_cleanly(page: str) -> None:
    try:
        meeting = parse_html(page, "fuzz.html")
    except ImportFailed as failure:
        assert failure.path == "fuzz.html" and failure.line >= 0 and failure.reason
        return
    assert isinstance(meeting, ParsedMeeting)
    assert meeting.items and meeting.committee and meeting.date


@BOUNDED
@given(st.text())
def test_any_text_as_html(text):
    parses_or_fails_cleanly(text)


@BOUNDED
@given(st.sampled_from(PAGES), st.integers(0, 60_000), st.integers(0, 60_000))
def test_a_page_cut_anywhere(page, start, end):
    parses_or_fails_cleanly(page[min(start, len(page)) : end])


@BOUNDED
@given(st.sampled_from(PAGES), st.data())
def test_a_page_with_tags_removed(page, data):
    tags = list(TAG.finditer(page))
    dropped = set(data.draw(st.lists(st.integers(0, len(tags) - 1), max_size=40)))
    kept = [page[: tags[0].start()]] if tags else [page]
    for index, tag in enumerate(tags):
        if index not in dropped:
            kept.append(tag.group(0))
        following = tags[index + 1].start() if index + 1 < len(tags) else len(page)
        kept.append(page[tag.end() : following])
    parses_or_fails_cleanly("".join(kept))
