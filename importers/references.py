"""References to other minutes and meetings, shared by every parser.

`find_references` reads any text (agenda or minutes) and returns where each
reference stands in it, so the site can later link the very words printed.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .dates import (
    DAY_MONTH,
    DAY_MONTH_YEAR,
    MONTH_DAY_YEAR,
    MONTH_NAME,
    MONTHS,
    date_without_year,
    full_year,
    iter_dates,
    month_start,
    municipal_year,
)
from .records import MEETING, MINUTE, ParsedReference

_MINUTE_WORD = r"\b(?:minutes?|mins?)\b\.?\s*(?:no\.?|number|ref\.?)?\s*"
# The same word without the boundary before it, which `_minute_words` checks.
MINUTE_WORD = re.compile(r"min(?:ute)?s?\b", re.IGNORECASE)

# "Minute 59/16", "minute no. 35/11", "Minute No. 21/21", "(Minute 57/23 refers)", "Minute 59/2016"
MINUTE_WITH_YEAR = re.compile(
    _MINUTE_WORD + r"(?P<number>\d{1,4})(?!\d)\s*/\s*(?P<year>\d{4}|\d{2})(?![\d/])", re.IGNORECASE
)

# "... of the Education Scrutiny Board (2)", "... of the Cabinet": the committee a minute with a year
# belongs to, named after it (its words capitalised, ending in a committee's noun)
OF_COMMITTEE = re.compile(
    r"\s+of\s+the\s+(?P<committee>(?:(?-i:[A-Z])[\w&'’-]*\s+(?:(?:and|of|for|the|&)\s+)*)*?"
    r"(?-i:Board|Committee|Sub-Committee|Panel|Commission|Cabinet|Council|Executive|Forum|Partnership|Group)"
    r"(?:\s*\(\d{1,2}\))?)(?![\w(])",
    re.IGNORECASE,
)

# ", 12/10", " and 15/10" after a minute reference with a year
LISTED_MINUTE = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?P<number>(?P<n>\d{1,4})/(?P<year>\d{2}))(?![\d/])")

# "Minute No. 236 of the Cabinet meeting held on 3 March 2011",
# "Minute No. 44 of the meeting held on 19 September 2012",
# "minute 141 of the Executive Board minutes of 7th February 2018"
MINUTE_OF_MEETING = re.compile(
    _MINUTE_WORD + r"(?P<number>\d{1,4})(?:\s*\(\w{1,4}\))?\s+of\s+the\s+"
    r"(?P<committee>(?:(?-i:[A-Z])[\w&'’()-]*\s+(?:(?:and|of|for|the|&)\s+)?)*?)"
    r"(?:meeting|minutes)\s+(?:held\s+)?(?:on|of|dated)\s+(?:the\s+)?",
    re.IGNORECASE,
)

# "(Minute No. 99 refers)", "(See Minute 5 below)", "Minute (45)", "(Minute 48(6) refers)",
# "Min 167 refers", "minute 66/E", "Minute No. P/147" (a committee's letter), "minute number 153b"
# (a sub-item) -- a number with no year.
MINUTE_NO_YEAR = re.compile(
    r"(?<!\d\s)"
    + _MINUTE_WORD
    + r"(?:(?-i:[A-Z]{1,3})/)?(?P<open>\()?(?P<number>\d{1,4})(?!\d)(?:(?-i:[a-z])(?![a-z]))?(?(open)\))"
    r"(?:/(?P<code>[A-Z]{1,3})\b)?(?:\s*\(\w{1,3}\))?(?![\d/.,]\d)",
    re.IGNORECASE,
)
# " and 292" after "minutes 290": the next minute of a list with no year
LISTED_NO_YEAR = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?P<number>\d{1,4})(?![\d/.,:]\d|\s*(?:%|[ap]\.?m\b))")
# Words after a reference that tie it to the meeting it is printed in.
SAME_MEETING_AFTER = re.compile(
    r"\s*(?:\(\w{1,3}\)\s*)?(?:below|above|of\s+(?:this|these|the\s+present)\s+(?:meeting|minutes))\b", re.IGNORECASE
)
# "Minute 111 – March 2017": a month and year right after the number.
MONTH_AFTER = re.compile(r"\s*[-–—,]?\s*\(?\s*" + MONTH_NAME + r",?\s*(?P<year>\d{4})\b", re.IGNORECASE)

# "meeting held on 6th April, 2017", "meetings held on 17 January, 19 February and 19 March 2007",
# "minutes of the meeting of 8 March 2022", "meeting of the Cabinet held on 3 March 2011",
# "the Executive Board minutes of 7th February 2018", "the minutes of the Overview Board held on 29th October 2019"
_COMMITTEE_NAME = r"(?-i:(?:[A-Z][\w&'’()-]*\s+(?:(?:and|of|for|the|&)\s+)?){1,6}?)"
MEETING_HELD = re.compile(
    r"\bmeetings?\s+(?:of\s+(?:the\s+)?(?P<committee>" + _COMMITTEE_NAME + r")?)?"
    r"(?:(?:held|which\s+took\s+place)\s+)?on\s*(?:the\s+)?"
    r"|(?:\bthe\s+(?P<named>" + _COMMITTEE_NAME + r"))?\bminutes\s+of\s+(?:the\s+)?(?:meeting\s+(?:of|dated)\s+)?"
    r"(?:the\s+)?(?=\d)"
    r"|\bminutes\s+of\s+(?:the\s+)?(?P<body>" + _COMMITTEE_NAME + r")(?:meeting\s+)?held\s+on\s+(?:the\s+)?(?=\d)"
    # "Minutes of Previous Meeting: 29 November 2022", "the last meeting - 3 May 2023"
    r"|\b(?:previous|last)\s+meeting\s*[:–—-]?\s*(?:held\s+on\s+)?(?:the\s+)?(?=\d)",
    re.IGNORECASE,
)
# Where a match of MEETING_HELD can start; it also needs "meeting" or "minutes" somewhere.
MEETING_WORD = re.compile(r"\b(?:meetings?|minutes|the|previous|last)\b", re.IGNORECASE)
# "9, 21 and 28 January 2025": several days of one month
DAYS_OF_A_MONTH = re.compile(
    r"(?P<days>\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:,\s*and|,|and|&)\s*\d{1,2}(?:st|nd|rd|th)?)+)\s+"
    + MONTH_NAME
    + r"(?:,?\s*(?P<year>\d{4})\b)?",
    re.IGNORECASE,
)
# "the meeting of the Committee held on ...": the body whose minutes these are
THIS_BODY = ("committee", "sub-committee", "board", "panel", "forum", "group")
DATE_LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """A reference and the span of text that printed it."""

    start: int
    end: int
    reference: ParsedReference


def find_references(
    text: str,
    meeting_date: datetime.date,
    *,
    own_numbers: frozenset[int] = frozenset(),
    year_start: tuple[int, int] = (5, 1),
) -> list[Found]:
    """Every minute and meeting reference in `text`, in the order printed.

    `own_numbers` are the minute numbers of the meeting the text belongs to, so
    that "(Minute 5 below)" and a bare "Minute 12" resolve to this meeting.
    """
    this_year = municipal_year(meeting_date, year_start)
    found: list[Found] = []
    # A minute reference starts at the word "minute", a meeting reference at one of MEETING_WORD:
    # the patterns are tried there and nowhere else.
    minute_words = _minute_words(text)
    lowered = text.lower()
    names_meetings = "meeting" in lowered or "minutes" in lowered

    def taken(start: int, end: int) -> bool:
        return any(start < other.end and other.start < end for other in found)

    for match in _matches_at(MINUTE_OF_MEETING, text, minute_words):
        date_match = _date_at(text, match.end())
        if date_match is None:
            continue
        date_span, date = date_match
        committee = " ".join(match["committee"].split())
        found.append(
            Found(
                match.start(),
                date_span,
                ParsedReference(
                    MINUTE,
                    text[match.start() : date_span],
                    number=int(match["number"]),
                    year=municipal_year(date, year_start),
                    date=date,
                    committee=committee,
                ),
            )
        )

    for match in _matches_at(MINUTE_WITH_YEAR, text, minute_words):
        if taken(match.start(), match.end()):
            continue
        named = OF_COMMITTEE.match(text, match.end())
        reference = ParsedReference(
            MINUTE,
            match.group(0).strip(),
            number=int(match["number"]),
            year=full_year(match["year"]),
            committee=" ".join(named["committee"].split()) if named else "",
        )
        found.append(Found(match.start(), match.end(), reference))
        # "Minutes 9/10, 12/10 and 15/10": the numbers that follow in a list are minutes too.
        position = match.end()
        while following := LISTED_MINUTE.match(text, position):
            number = following["number"]
            ref = ParsedReference(MINUTE, number, number=int(following["n"]), year=full_year(following["year"]))
            found.append(Found(following.start("number"), following.end("number"), ref))
            position = following.end()

    for match in _matches_at(MINUTE_NO_YEAR, text, minute_words):
        if taken(match.start(), match.end()):
            continue
        numbers = [(match.start(), match.end(), match["number"])]
        if match.group(0).lower().startswith("minutes"):  # "minutes 290 and 292"
            while following := LISTED_NO_YEAR.match(text, numbers[-1][1]):
                numbers.append((following.start("number"), following.end("number"), following["number"]))
        for start, end, number in numbers:
            after = text[end : end + 40]
            same = bool(SAME_MEETING_AFTER.match(after)) or (int(number) in own_numbers and not match["code"])
            year = this_year
            month_year = MONTH_AFTER.match(after)
            if not same and month_year:
                month_date = month_start(month_year["year"], month_year["month"])
                if month_date is not None:
                    year = municipal_year(month_date, year_start)
            reference = ParsedReference(
                MINUTE,
                text[start:end].strip(),
                number=int(number),
                year=year,
                date=meeting_date if same else None,
                same_meeting=same,
                inferred=not same,
            )
            found.append(Found(start, end, reference))

    meeting_words = [match.start() for match in MEETING_WORD.finditer(text)] if names_meetings else []
    for match in _matches_at(MEETING_HELD, text, meeting_words):
        committee = " ".join((match["committee"] or match["named"] or match["body"] or "").split())
        for start, end, date in _date_list(text, match.end(), meeting_date):
            if (end > start and taken(start, end)) or date >= meeting_date:
                continue
            printed = text[start:end] or f"{date.day} {date:%B %Y}"  # a day of a list: "9" is not its text
            found.append(Found(start, end, ParsedReference(MEETING, printed, date=date, committee=committee)))

    return sorted(found, key=lambda each: each.start)


def _minute_words(text: str) -> list[int]:
    """Where the words "minute(s)" and "min(s)" start ("administration" and "minimum" do not count)."""
    return [
        match.start()
        for match in MINUTE_WORD.finditer(text)
        if match.start() == 0 or not (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_")
    ]


def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern whose matches can only start at `positions`
    (in order): it is tried there alone, and the rest of the text is never scanned."""
    end = 0
    for position in positions:
        if position >= end and (match := pattern.match(text, position)):
            end = match.end()
            yield match


def _date_at(text: str, position: int) -> tuple[int, datetime.date] | None:
    """A full date starting at `position`: (where it ends, the date)."""
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        match = pattern.match(text, position)
        if match:
            for _m, date in iter_dates(match.group(0)):
                return match.end(), date
    return None


def _date_list(text: str, position: int, meeting_date: datetime.date) -> list[tuple[int, int, datetime.date]]:
    """The dates of "held on 17 January, 19 February and 19 March 2007" as (start, end, date).

    A day without a year takes the year of the next full date in the list, or else
    the latest such day before the meeting.
    """
    dates: list[tuple[int, int, re.Match[str] | datetime.date]] = []
    while True:
        several = DAYS_OF_A_MONTH.match(text, position)
        if several:
            dates += _days_of_a_month(several, meeting_date)
            gap = DATE_LIST_GAP.match(text, several.end())
            if gap is None or gap.end() == several.end():
                break
            position = gap.end()
            continue
        full = DAY_MONTH_YEAR.match(text, position) or MONTH_DAY_YEAR.match(text, position)
        partial = None if full else DAY_MONTH.match(text, position)
        match = full or partial
        if match is None:
            break
        if full:
            parsed = next(iter_dates(match.group(0)), None)
            if parsed is None:
                break
            dates.append((match.start(), match.end(), parsed[1]))
        else:
            dates.append((match.start(), match.end(), match))
        gap = DATE_LIST_GAP.match(text, match.end())
        if gap is None or gap.end() == match.end():
            break
        position = gap.end()

    result: list[tuple[int, int, datetime.date]] = []
    for index, (start, end, value) in enumerate(dates):
        if isinstance(value, datetime.date):
            result.append((start, end, value))
            continue
        later_year = next((v.year for _s, _e, v in dates[index + 1 :] if isinstance(v, datetime.date)), None)
        if later_year is not None:
            resolved = date_without_year(value, datetime.date(later_year, 12, 31))
        else:
            resolved = date_without_year(value, meeting_date)
        if resolved is not None:
            result.append((start, end, resolved))
    return result


def _days_of_a_month(match: re.Match[str], meeting_date: datetime.date) -> list[tuple[int, int, datetime.date]]:
    """ "9, 21 and 28 January 2025" as a date for each day (a missing year is the latest before the
    meeting). The last keeps its printed words ("28 January 2025"); a day alone ("9") is no text to link."""
    month = MONTHS[match["month"].lower().rstrip(".")]
    days = list(re.finditer(r"\d{1,2}", match["days"]))
    result = []
    for position, day in enumerate(days):
        number = int(day.group(0))
        if match["year"]:
            year = int(match["year"])
        else:
            year = (
                meeting_date.year
                if (month, number) <= (meeting_date.month, meeting_date.day)
                else meeting_date.year - 1
            )
        with contextlib.suppress(ValueError):
            date = datetime.date(year, month, number)
            start = match.start("days") + day.start()
            end = match.end() if position == len(days) - 1 else start  # an empty span: matched to nothing printed
            result.append((start, end, date))
    return result


def reference_key(ref: ParsedReference) -> tuple:
    """What a reference points at: two references with one key are one reference."""
    return ref.kind, ref.number, ref.year, ref.date, ref.committee.lower(), ref.same_meeting


def unique_references(found: list[Found], own_committee: str = "") -> tuple[ParsedReference, ...]:
    """The references, each target once, in the order first printed.

    A reference naming the meeting's own committee ("the meeting of Council held on ...", in
    Council's minutes, or "the meeting of the Committee held on ...") is the same as one naming
    no committee.
    """
    seen: set[tuple] = set()
    result: list[ParsedReference] = []
    for each in found:
        ref = each.reference
        if ref.committee.lower() in (own_committee.lower(), *THIS_BODY):
            ref = replace(ref, committee="")
        key = reference_key(ref)
        if key not in seen:
            seen.add(key)
            result.append(ref)
    return tuple(result)
