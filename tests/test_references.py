"""References to minutes and meetings, and the false friends that are neither."""

import datetime

import pytest

from importers.references import find_references, unique_references
from importers.text import parse_minutes

MEETING = datetime.date(2017, 4, 27)  # municipal year 2016


def found(text, own=frozenset()):
    return [
        (f.reference.kind, f.reference.text, f.reference.number, f.reference.year, f.reference.date)
        for f in find_references(text, MEETING, own_numbers=own)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Further to Minute 59/16 the Board noted", [("minute", "Minute 59/16", 59, 2016, None)]),
        ("Further to Minute 5/15, the", [("minute", "Minute 5/15", 5, 2015, None)]),
        ("see minute no. 35/11 above", [("minute", "minute no. 35/11", 35, 2011, None)]),
        ("(Minute No. 21/21 refers)", [("minute", "Minute No. 21/21", 21, 2021, None)]),
        ("(Minute 57/23 refers)", [("minute", "Minute 57/23", 57, 2023, None)]),
        ("Minute 59/2016", [("minute", "Minute 59/2016", 59, 2016, None)]),
    ],
)
def test_minute_references_with_a_year(text, expected):
    assert found(text) == expected


def test_a_quoted_title_after_the_reference_is_not_part_of_it():
    text = "Further to Minute 51/15 ‘Selection, Nomination and Removal of Local Authority Governors’ Members noted"
    assert found(text) == [("minute", "Minute 51/15", 51, 2015, None)]


def test_a_minute_of_another_committees_meeting_keeps_committee_and_date():
    (ref,) = find_references("Further to Minute No. 236 of the Cabinet meeting held on 3 March 2011, the", MEETING)
    assert (ref.reference.number, ref.reference.year, ref.reference.date, ref.reference.committee) == (
        236,
        2010,
        datetime.date(2011, 3, 3),
        "Cabinet",
    )
    assert ref.reference.text == "Minute No. 236 of the Cabinet meeting held on 3 March 2011"


def test_a_minute_of_an_earlier_meeting_of_this_committee():
    (ref,) = find_references("as Minute No. 44 of the meeting held on 19 September 2012 records", MEETING)
    assert (ref.reference.number, ref.reference.year, ref.reference.committee) == (44, 2012, "")


@pytest.mark.parametrize(
    "text",
    ["(See Minute 5 below)", "Minute 102 below", "minute 5 (d) of this meeting"],
)
def test_same_meeting_references(text):
    (ref,) = find_references(text, MEETING)
    assert (ref.reference.same_meeting, ref.reference.year, ref.reference.date) == (True, 2016, MEETING)


def test_a_bare_number_of_this_meetings_own_item_is_the_same_meeting():
    (ref,) = find_references("(minute 33)", MEETING, own_numbers=frozenset({32, 33}))
    assert ref.reference.same_meeting is True


def test_a_bracketed_reference_keeps_its_brackets_outside_and_lists_every_number():
    refs = find_references(
        "an interest in Item 19 (minute 294) and in Items 15 and 17 (minutes 290 and 292) as a trustee",
        MEETING,
        own_numbers=frozenset({290, 292, 294}),
    )
    assert [(f.reference.text, f.reference.number, f.reference.same_meeting) for f in refs] == [
        ("minute 294", 294, True),
        ("minutes 290", 290, True),
        ("292", 292, True),
    ]
    (bracketed,) = find_references("Minute (45) refers", MEETING)
    assert (bracketed.reference.text, bracketed.reference.number) == ("Minute (45)", 45)


def test_a_number_without_a_year_is_inferred_from_the_meeting():
    (ref,) = find_references("Min 167 refers", MEETING)
    assert (ref.reference.number, ref.reference.year, ref.reference.inferred) == (167, 2016, True)


def test_a_month_after_the_number_gives_the_year():
    (ref,) = find_references("Minute 111 – March 2016", MEETING)
    assert (ref.reference.number, ref.reference.year, ref.reference.inferred) == (111, 2015, True)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The minutes of the meeting held on the 6th April, 2017 were approved.", [datetime.date(2017, 4, 6)]),
        ("the minutes of the meeting held on 8 March 2017", [datetime.date(2017, 3, 8)]),
        (
            "the meetings held on 17 January, 19 February and 19 March 2017",
            [datetime.date(2017, 1, 17), datetime.date(2017, 2, 19), datetime.date(2017, 3, 19)],
        ),
        ("the meeting held on 19 July", [datetime.date(2016, 7, 19)]),
        ("the next meeting will be held on 7th June, 2017", []),
    ],
)
def test_meeting_references(text, dates):
    assert [f.reference.date for f in find_references(text, MEETING) if f.reference.kind == "meeting"] == dates


@pytest.mark.parametrize(
    "text",
    [
        "Further to questions and comments from Members, officers explained",
        "Agenda item 8 was deferred; items 7, 8 and 11 were taken together (item 10)",
        "Planning application ref: 934 and 10/01544 were noted (CT/16/2)",
        "Under Rule 10.4(3) and Sections 14.15 to 14.22 of the Constitution",
        "The Council observed a minute's silence.",
        "The meeting lasted 45 minutes.",
        "reported to the Improvement Board on 19th April, 2017",
    ],
)
def test_false_friends_are_not_references(text):
    assert found(text) == []


def test_a_meeting_of_another_committee_keeps_its_name():
    (ref,) = find_references("as the Executive Board minutes of 7th February 2017 record", MEETING)
    assert (ref.reference.kind, ref.reference.date, ref.reference.committee) == (
        "meeting",
        datetime.date(2017, 2, 7),
        "Executive Board",
    )


def test_naming_the_meetings_own_committee_is_the_same_reference_as_naming_none():
    text = (
        "Agenda and minutes\n\nCouncil - Wednesday, 9th March, 2022 6.00 pm\n\n72.\n\nMinutes\n\n"
        "To confirm the minutes of the meeting of Council held on 16 February 2022.\n\nMinutes:\n\n"
        "The minutes of the meeting held on 16 February 2022 were agreed as a correct record.\n"
    )
    (item,) = parse_minutes(text, "council.txt").items
    assert [(ref.kind, ref.date, ref.committee) for ref in item.references] == [
        ("meeting", datetime.date(2022, 2, 16), "")
    ]
    (committee,) = find_references("the minutes of the meeting of the Committee held on 9 March 2017", MEETING)
    assert unique_references([committee], own_committee="Audit Committee")[0].committee == ""
    other = find_references("the meeting of Cabinet held on 16 February 2017", MEETING)
    assert [ref.committee for ref in unique_references(other, own_committee="Council")] == ["Cabinet"]


def test_a_length_of_time_is_not_a_minute():
    assert found("Audio recording of 1 minute 46 seconds") == []


def test_a_list_of_minutes_after_the_word_minutes():
    assert found("Minutes 9/10, 12/10 and 15/10 were noted; 2014/15 was a good year.") == [
        ("minute", "Minutes 9/10", 9, 2010, None),
        ("minute", "12/10", 12, 2010, None),
        ("minute", "15/10", 15, 2010, None),
    ]
