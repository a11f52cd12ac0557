"""Actions and due months read from resolutions and minutes sentences."""

import datetime

import pytest

from importers.actions import actions_for, due_months

OCTOBER_MEETING = datetime.date(2016, 10, 13)


def month(text):
    return [d.strftime("%Y-%m") if d else None for d in due_months(text, OCTOBER_MEETING)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a further report be considered in October, 2017", ["2017-10"]),
        ("with a report in 6 months and 12 months", ["2017-04", "2017-10"]),
        ("a report in six months' time", ["2017-04"]),
        ("report back at the January meeting", ["2017-01"]),
        ("to the respective November meetings", ["2016-11"]),
        ("a further report by 30 June 2017", ["2017-06"]),
        ("be considered at a future meeting", [None]),
        ("noted that the report may be late", [None]),
    ],
)
def test_due_months_relative_to_the_meeting(text, expected):
    assert month(text) == expected


@pytest.mark.parametrize(
    ("lead", "in_resolution", "expected"),
    [
        ("a further report be considered in October, 2017", True, [("report", "2017-10")]),
        ("the Ofsted Action Plan be considered at a future meeting", True, [("report", None)]),
        ("request further information about retention of staff", True, [("information", None)]),
        ("the report be noted", True, []),
        ("the successes be recorded in the Annual Scrutiny Report", True, []),
        ("The Head of Highways agreed to circulate the revised timetable before the March meeting.", False,
         [("other", "2017-03")]),
        ("A written response would be provided to Councillor Lee.", False, [("information", None)]),
        ("Members would receive further information about governor appointments.", False, [("information", None)]),
        ("Members had received information requested about the review.", False, []),
        ("The final report would be reported to a future Board.", False, []),
        ("the item be removed from the work programme", True, []),
        ("that Home Schooling be included on the Committee's Work Programme 2017/18", True,
         [("work_programme", None)]),
    ],
)  # fmt: skip
def test_which_sentences_ask_for_an_action(lead, in_resolution, expected):
    actions = actions_for(lead, [], OCTOBER_MEETING, in_resolution=in_resolution)
    assert [(kind, due.strftime("%Y-%m") if due else None) for kind, _text, due in actions] == expected


def test_a_list_introduced_by_an_information_request_gives_one_action_per_entry():
    actions = actions_for(
        "Officers agreed to provide further information to Members on the following:",
        ["Analysis of return home interviews", "The Regional Adoption Board"],
        OCTOBER_MEETING,
        in_resolution=False,
    )
    assert actions == [
        ("information", "Analysis of return home interviews", None),
        ("information", "The Regional Adoption Board", None),
    ]
