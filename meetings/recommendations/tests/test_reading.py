"""Recommendations read from the words of minutes, and what an answer says of them (pure)."""

import datetime

import pytest

from importers.recommendations import addressee_kind, response_outcome
from importers.references import find_references, unique_references
from importers.text import parse_minutes
from tests.conftest import APRIL_2016, DATA


def recommendations_in(minutes: str) -> list[tuple]:
    """(minute, label, addressee, kind, text) of each recommendation in one item's minutes."""
    page = f"Agenda and minutes\n\nEducation Scrutiny Board - Thursday, 14th July, 2016 10.00 am\n\n12.\n\nSchool Transport\n\nMinutes:\n\n{minutes}\n"
    meeting = parse_minutes(page, "test.txt")
    return [
        (item.minute, found.label, found.addressee, found.addressee_kind, found.text)
        for item in meeting.items
        for found in item.recommendations
    ]


def test_a_numbered_resolution_recommending_to_cabinet_is_one_recommendation_a_clause():
    assert recommendations_in(
        "RESOLVED that the Board recommends to Cabinet that:\n\n1) the policy be revised to include faith schools; and\n\n"
        "2) a travel training scheme be introduced."
    ) == [
        ("12/16", "1", "Cabinet", "cabinet", "the policy be revised to include faith schools"),
        ("12/16", "2", "Cabinet", "cabinet", "a travel training scheme be introduced."),
    ]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        ("RESOLVED that the Council be recommended to retain the current scheme.",
         [("", "the Council", "council", "retain the current scheme.")]),
        ("RESOLVED to recommend to Full Council that the Constitution be amended.",
         [("", "Full Council", "council", "the Constitution be amended.")]),
        ("RESOLVED that the Board recommends that the Cabinet Member for Communities reconsiders the reduction.",
         [("", "the Cabinet Member for Communities", "cabinet_member",
           "the Cabinet Member for Communities reconsiders the reduction.")]),
        ("RESOLVED that the Board recommends to NHS England that the walk-in centre stays open.",
         [("", "NHS England", "outside_body", "the walk-in centre stays open.")]),
        ("RESOLVED that the Board recommends to the Health and Wellbeing Board that it adopts the strategy.",
         [("", "the Health and Wellbeing Board", "committee", "it adopts the strategy.")]),
        ("RESOLVED that the following recommendations be submitted to Cabinet:\n\n(a) youth centres open at weekends;\n\n"
         "(b) the budget be protected.",
         [("a", "Cabinet", "cabinet", "youth centres open at weekends"), ("b", "Cabinet", "cabinet", "the budget be protected.")]),
        # A recommendation whose addressee the words do not name: kept, with no one named.
        ("RESOLVED that the Board recommends that the proposals be approved.",
         [("", "", "", "the proposals be approved.")]),
    ],
)  # fmt: skip
def test_each_way_of_recommending(minutes, expected):
    assert [found[1:] for found in recommendations_in(minutes)] == expected


@pytest.mark.parametrize(
    "minutes",
    [
        "The report recommended that the Board note the progress made.\n\nRESOLVED that the report be noted.",
        "The officers recommended to Cabinet that the scheme be extended.\n\nRESOLVED that the report be noted.",
        "Each agency may make recommendations to support improvements in practice.",
        "RESOLVED that the recommendations in the report be approved.",
        "RESOLVED that the Board recommends to the authors of the report that it be shortened.",
        "Members were recommended to read the guidance before the next meeting.",
    ],
)
def test_what_is_not_the_committees_recommendation(minutes):
    assert recommendations_in(minutes) == []


def test_the_seeds_task_and_finish_recommendations_one_a_number_with_their_lettered_parts():
    meeting = parse_minutes(APRIL_2016.read_text(), "seed.txt")
    found = [(item.minute, each) for item in meeting.items for each in item.recommendations]
    assert [minute for minute, _each in found] == ["73/15"] * 9
    assert {(each.addressee, each.addressee_kind) for _minute, each in found} == {
        ("The Cabinet Member for Children and Young People", "cabinet_member")
    }
    assert [each.label for _minute, each in found] == [str(number) for number in range(1, 10)]
    first = found[0][1].text.splitlines()
    assert first[0] == "instruct officers: To update the Supervision Policy to take into account the following:"
    assert (
        first[1]
        == "a. That regular sample audits of supervision be undertaken to monitor both quality and quantity of supervision."
    )
    assert len(first) == 6 and first[5].startswith("e. That children’s views and wishes are discussed")
    assert found[5][1].text == "instruct officers: That within 3 months all staff to have a supervision agreement."


def test_the_synthetic_scrutiny_board_makes_six_recommendations():
    meeting = parse_minutes((DATA / "recommendations" / "scrutiny.txt").read_text(), "scrutiny.txt")
    assert [
        (item.minute, each.label, each.addressee_kind) for item in meeting.items for each in item.recommendations
    ] == [
        ("12/16", "1", "cabinet"), ("12/16", "2", "cabinet"), ("13/16", "", "council"),
        ("14/16", "", "cabinet_member"), ("15/16", "a", "cabinet"), ("15/16", "b", "cabinet"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("Cabinet", "cabinet"), ("the Executive", "cabinet"), ("Full Council", "council"), ("the City Council", "council"),
        ("the Leader of the Council", "cabinet_member"), ("Cabinet Member (Education)", "cabinet_member"),
        ("the Director of Public Health", "officer"), ("the Audit and Standards Committee", "committee"),
        ("the Secretary of State", "outside_body"), ("the report", ""), ("Members", ""), ("the board", ""),
    ],
)  # fmt: skip
def test_who_a_recommendation_is_addressed_to(words, kind):
    assert addressee_kind(words) == kind


@pytest.mark.parametrize(
    ("resolutions", "expected"),
    [
        (["recommendation 1 be accepted and recommendation 2 be rejected, as a scheme is already provided."],
         ("", {"1": "accepted", "2": "rejected"})),
        (["the recommendations of the Scrutiny Board be noted."], ("noted", {})),
        (["the recommendation be accepted in part: the reduction be deferred."], ("partly_accepted", {})),
        (["the Cabinet does not accept the recommendations."], ("rejected", {})),
        (["recommendations 1 to 3 be approved", "the report be noted"], ("", {"1": "accepted", "2": "accepted", "3": "accepted"})),
        (["the budget be approved."], ("", {})),
    ],
)  # fmt: skip
def test_what_an_answer_says(resolutions, expected):
    assert response_outcome(resolutions) == expected


def test_a_minute_of_another_committee_named_after_its_number():
    text = "Further to Minute 73/15 of the Education and Children's Services Scrutiny Board (2), Cabinet agreed."
    found = unique_references(find_references(text, datetime.date(2016, 6, 1)), own_committee="Cabinet")
    assert [(ref.text, ref.number, ref.year, ref.committee) for ref in found] == [
        ("Minute 73/15", 73, 2015, "Education and Children's Services Scrutiny Board (2)")
    ]
    plain = unique_references(find_references("Minute 59/16 of the meeting", datetime.date(2017, 6, 1)))
    assert plain[0].committee == ""
