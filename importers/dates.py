"""Dates, times and municipal years as councils print them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_NAME = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?"

# "Thursday, 27th April, 2017", "22 November 2024", "17August 2017", "6th April 2017"
DAY_MONTH_YEAR = re.compile(
    _WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + MONTH_NAME + r",?\s*(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# "Wed Jan 13 2016", "April 6, 2017"
MONTH_DAY_YEAR = re.compile(
    _WEEKDAY + r"\b" + MONTH_NAME + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# "held on 19 July" (the year comes from the meeting)
DAY_MONTH = re.compile(
    _WEEKDAY + r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + MONTH_NAME + r"(?!,?\s*\d{4})",
    re.IGNORECASE,
)
FOUR_DIGITS = re.compile(r"\d{4}")
# "21.11.17", "05/10/2011": only trusted in headers, where nothing else looks like it.
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4}|\d{2})\b")

# "2.00 pm", "6.00 p.m.", "2 pm", "4:30 PM", "11.00 a.m."
TIME_12H = re.compile(r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<half>[ap])\.?\s?m\b\.?", re.IGNORECASE)
# "14:00", "10.30 hrs" (a 24-hour clock with no am/pm)
TIME_24H = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\b(?!\s*[ap]\.?\s?m\b)(?![./]\d)")


def _make_date(year: str, month: str, day: str) -> datetime.date | None:
    month_number = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
    year_number = int(year)
    if year_number < 100:
        year_number += 2000
    try:
        return datetime.date(year_number, month_number or 0, int(day))
    except ValueError:
        return None


def iter_dates(text: str, *, numeric: bool = False) -> Iterator[tuple[re.Match[str], datetime.date]]:
    """Every full date in `text`, in order, with the match that printed it."""
    # A date in words needs a four-figure year: most sentences have none and are not searched for one.
    patterns = [DAY_MONTH_YEAR, MONTH_DAY_YEAR] if FOUR_DIGITS.search(text) else []
    if numeric:
        patterns.append(NUMERIC_DATE)
    found: list[tuple[re.Match[str], datetime.date]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if any(match.start() < other.end() and other.start() < match.end() for other, _ in found):
                continue
            date = _make_date(match["year"], match["month"], match["day"])
            if date is not None:
                found.append((match, date))
    yield from sorted(found, key=lambda pair: pair[0].start())


def find_date(text: str, *, numeric: bool = False) -> datetime.date | None:
    """The first full date in `text`, or None."""
    for _match, date in iter_dates(text, numeric=numeric):
        return date
    return None


def month_start(year: str, month: str) -> datetime.date | None:
    """The first day of a month printed as words: ("2017", "March") -> 2017-03-01."""
    return _make_date(year, month, "1")


def date_without_year(match: re.Match[str], before: datetime.date) -> datetime.date | None:
    """A "19 July" match as the latest such day on or before `before`."""
    month = MONTHS[match["month"].lower().rstrip(".")]
    for year in (before.year, before.year - 1):
        try:
            candidate = datetime.date(year, month, int(match["day"]))
        except ValueError:
            continue
        if candidate <= before:
            return candidate
    return None


def find_time(text: str) -> datetime.time | None:
    """The first time of day in `text`, or None."""
    match = TIME_12H.search(text)
    if match:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return None
        if match["half"].lower() == "p" and hour != 12:
            hour += 12
        elif match["half"].lower() == "a" and hour == 12:
            hour = 0
        return datetime.time(hour, minute)
    match = TIME_24H.search(text)
    if match:
        return datetime.time(int(match["hour"]), int(match["minute"]))
    return None


def municipal_year(date: datetime.date, start: tuple[int, int] = (5, 1)) -> int:
    """The calendar year in which the municipal year holding `date` began.

    With the usual 1 May start, 27 April 2017 is in 2016 (2016/17), 4 May 2017 in 2017.
    """
    return date.year if (date.month, date.day) >= start else date.year - 1


def full_year(two_digits: str) -> int:
    """ "16" -> 2016, "2016" -> 2016; "99" -> 1999 (ModernGov began in the 2000s)."""
    number = int(two_digits)
    if number >= 100:
        return number
    return 2000 + number if number < 70 else 1900 + number


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after `date`'s month."""
    index = date.year * 12 + date.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
