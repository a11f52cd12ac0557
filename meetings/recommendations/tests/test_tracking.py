"""Recommendations followed to their answers: a scrutiny board's recommendations to Cabinet, to
Council and to a Cabinet Member, answered (or not) by later meetings of those bodies."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from meetings.recommendations.models import Recommendation, RecommendationReview
from meetings.recommendations.tracking import record_decision
from tests.conftest import APRIL_2016, DATA
from tests.factories import import_path, import_text

pytestmark = pytest.mark.django_db

SCRUTINY = DATA / "recommendations" / "scrutiny.txt"
CABINET = DATA / "recommendations" / "cabinet.txt"
CABINET_MEMBER = DATA / "recommendations" / "cabinet_member.txt"
TODAY = datetime.date(2016, 10, 1)


def tracked() -> list[tuple]:
    """(minute, label, addressed committee, status, outcome, answering minute) in the minutes' order."""
    rows = Recommendation.objects.select_related("item", "addressed_to", "response").order_by("item__order", "order")
    return [
        (
            row.item.minute,
            row.label,
            row.addressed_to.slug if row.addressed_to else None,
            row.status,
            row.outcome,
            row.response.minute if row.response else None,
        )
        for row in rows
    ]


ANSWERED = [
    ("12/16", "1", "cabinet", "accepted", "accepted", "30/16"),
    ("12/16", "2", "cabinet", "rejected", "rejected", "30/16"),
    ("13/16", "", None, "awaiting", "", None),
    ("14/16", "", "cabinet-member-for-communities", "partly_accepted", "partly_accepted", "5/16"),
    ("15/16", "a", "cabinet", "responded", "noted", "31/16"),
    ("15/16", "b", "cabinet", "responded", "noted", "31/16"),
]


def test_every_recommendation_is_followed_to_its_answer():
    for path in (SCRUTINY, CABINET, CABINET_MEMBER):
        import_path(path)
    # Minute 30/16 names Minute 12/16 of the Education Scrutiny Board and answers each of its two
    # recommendations by number; 31/16 takes up "Youth Services" and names the board in its title;
    # the Cabinet Member's 5/16 names Minute 14/16. No "Council" committee is published here.
    assert tracked() == ANSWERED


def test_the_answers_are_found_whichever_meeting_is_imported_first():
    for path in (CABINET_MEMBER, CABINET, SCRUTINY):
        import_path(path)
    assert tracked() == ANSWERED


def test_an_unanswered_recommendation_is_overdue_two_months_on():
    import_path(SCRUTINY)
    council = Recommendation.objects.get(addressee_kind="council")
    assert council.response_due() == datetime.date(2016, 9, 14)
    assert council.shown_status(datetime.date(2016, 9, 14)) == "Awaiting response"
    assert council.shown_status(datetime.date(2016, 9, 15)) == "Response overdue"
    assert Recommendation.objects.overdue(datetime.date(2016, 9, 15)).count() == 6  # none answered yet
    import_path(CABINET)
    assert list(Recommendation.objects.overdue(TODAY).values_list("item__minute_number", flat=True)) == [13, 14]


def test_the_seeds_recommendations_await_a_cabinet_member_the_site_does_not_publish():
    import_path(APRIL_2016)
    rows = Recommendation.objects.order_by("order")
    assert [(row.label, row.status, row.addressed_to_id) for row in rows] == [
        (str(number), "awaiting", None) for number in range(1, 10)
    ]
    assert rows[0].is_overdue(datetime.date(2016, 6, 15)) and not rows[0].is_overdue(datetime.date(2016, 6, 14))


def test_a_later_minute_of_the_recommending_committee_itself_is_no_answer():
    import_path(SCRUTINY)
    import_text(
        "Agenda and minutes\n\nEducation Scrutiny Board - Thursday, 6th October, 2016 10.00 am\n\n20.\n\n"
        "School Transport Review\n\nMinutes:\n\nFurther to Minute 12/16 of the Education Scrutiny Board, the Board "
        "noted that its recommendations were with Cabinet.\n\nRESOLVED that the recommendations be noted.\n",
        "october.txt",
    )
    assert (
        Recommendation.objects.filter(item__minute_number=12).values_list("status", flat=True).distinct().get()
        == "awaiting"
    )


def test_a_coordinators_decision_stands_and_keeps_its_history():
    for path in (SCRUTINY, CABINET):
        import_path(path)
    user = User.objects.create_user("co-ordinator")
    council = Recommendation.objects.get(addressee_kind="council")
    record_decision(council, user=user, status="withdrawn", note="Withdrawn at the Board's request.")
    noted = Recommendation.objects.get(label="a")
    answer = Recommendation.objects.get(label="1").response
    record_decision(noted, user=user, status="accepted")
    assert Recommendation.objects.get(pk=council.pk).status == "withdrawn"
    assert Recommendation.objects.get(pk=noted.pk).status == "accepted"
    # The minutes imported again (the same, or changed) never undo a decision.
    import_path(SCRUTINY)
    import_path(CABINET_MEMBER)
    assert Recommendation.objects.get(addressee_kind="council").status == "withdrawn"
    assert Recommendation.objects.get(label="a").status == "accepted"
    # A hand link: the council recommendation answered by a Cabinet item no words connect to it.
    review = record_decision(
        Recommendation.objects.get(addressee_kind="council"), user=user, status="", response=answer
    )
    council = Recommendation.objects.get(addressee_kind="council")
    # Answered; its words speak of recommendations 1 and 2 only, so the co-ordinator is left to say how.
    assert (council.status, council.outcome, council.response.minute) == ("responded", "", "30/16")
    assert [record.status for record in review.history.order_by("history_date")] == ["withdrawn", ""]
    assert RecommendationReview.objects.count() == 2


def test_reimporting_the_same_minutes_changes_nothing():
    for path in (SCRUTINY, CABINET, CABINET_MEMBER):
        import_path(path)
    before = list(Recommendation.objects.order_by("pk").values())
    assert [import_path(path).outcome for path in (SCRUTINY, CABINET, CABINET_MEMBER)] == ["unchanged"] * 3
    assert list(Recommendation.objects.order_by("pk").values()) == before


def test_coordinators_may_record_decisions():
    group = Group.objects.get(name="Scrutiny co-ordinators")
    assert group.permissions.filter(codename="change_recommendationreview").exists()
