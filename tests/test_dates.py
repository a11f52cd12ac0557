import datetime

import pytest

from importers.dates import add_months, find_date, find_time, full_year, municipal_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday, 27th April, 2017 2.00 pm", datetime.date(2017, 4, 27)),
        ("Friday 22 November 2024 9.30 am", datetime.date(2024, 11, 22)),
        ("held on12 July 2023", datetime.date(2023, 7, 12)),
        ("17August 2017", datetime.date(2017, 8, 17)),
        ("Wed Jan 13 2016", datetime.date(2016, 1, 13)),
        ("5 Dec 2017 - 14:00 to 00:00", datetime.date(2017, 12, 5)),
        ("31st February, 2017", None),
        ("no date here", None),
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_numeric_dates_only_when_asked():
    assert find_date("21.11.17") is None
    assert find_date("21.11.17", numeric=True) == datetime.date(2017, 11, 21)
    assert find_date("Meeting: 05/10/2011", numeric=True) == datetime.date(2011, 10, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.00 pm", datetime.time(14, 0)),
        ("6.00 p.m.", datetime.time(18, 0)),
        ("2 pm", datetime.time(14, 0)),
        ("4:30 PM", datetime.time(16, 30)),
        ("11.00 a.m.", datetime.time(11, 0)),
        ("12.30 pm", datetime.time(12, 30)),
        ("14:00 to 00:00", datetime.time(14, 0)),
        ("Room 3", None),
    ],
)
def test_find_time(text, expected):
    assert find_time(text) == expected


@pytest.mark.parametrize(
    ("date", "start", "year"),
    [
        (datetime.date(2017, 4, 27), (5, 1), 2016),
        (datetime.date(2017, 5, 1), (5, 1), 2017),
        (datetime.date(2016, 4, 14), (5, 1), 2015),
        (datetime.date(2017, 4, 27), (4, 1), 2017),
    ],
)
def test_municipal_year(date, start, year):
    assert municipal_year(date, start) == year


def test_full_year_and_add_months():
    assert (full_year("16"), full_year("2016"), full_year("99")) == (2016, 2016, 1999)
    assert add_months(datetime.date(2016, 4, 14), 6) == datetime.date(2016, 10, 1)
    assert add_months(datetime.date(2016, 4, 14), 12) == datetime.date(2017, 4, 1)
    assert add_months(datetime.date(2016, 11, 30), 3) == datetime.date(2017, 2, 1)
