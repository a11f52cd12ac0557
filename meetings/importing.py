"""From a document's text to saved records: parse with the committee's own year start, then load.

The import command, the tests and (later) the crawler all come through here.
"""

from __future__ import annotations

import datetime

from importers.records import ParsedMeeting
from importers.text import parse_minutes

from .loader import LoadResult, save_meeting, text_hash
from .models import Committee, default_year_start


def parse_document(
    text: str,
    source: str,
    *,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
) -> ParsedMeeting:
    """Parse `text`, numbering minutes by the municipal year of the committee it names.

    A committee whose year does not begin on the site's default day is parsed again
    with its own start, so that "59/16" means what that committee means by it.
    """
    parsed = parse_minutes(text, source, committee=committee, date=date, time=time, year_start=default_year_start())
    known = Committee.objects.filter(slug=Committee.slug_for(parsed.committee)).first()
    if known is not None and known.year_start != default_year_start():
        parsed = parse_minutes(text, source, committee=committee, date=date, time=time, year_start=known.year_start)
    return parsed


def import_document(text: str, source: str, **overrides) -> LoadResult:
    """Parse and save one document (ImportFailed if it holds no meeting)."""
    return save_meeting(parse_document(text, source, **overrides), source_hash=text_hash(text))
