"""Following actions up: derived on every import, in any order, and staff decisions never overwritten."""

import datetime

import pytest

from meetings.models import Action, ActionReview, Item
from meetings.tracking import is_overdue, record_decision, statuses_on

from .conftest import DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db
TRACKING = DATA / "tracking"
OCTOBER, DECEMBER, FEBRUARY = (TRACKING / f"{day}.txt" for day in ("2016-10-06", "2016-12-01", "2017-02-02"))


def import_meetings(*paths):
    for path in paths:
        import_path(path)


def statuses():
    """(minute, action, status, the minute that followed it up) for every action, in order."""
    rows = Action.objects.select_related("item", "follow_up").order_by("item__date", "item__order", "order")
    return [
        (action.item.minute, action.text[:50], action.status, action.follow_up.minute if action.follow_up else None)
        for action in rows
    ]


def action(text: str) -> Action:
    return Action.objects.select_related("item__committee").get(text__startswith=text)


BEFORE_FEBRUARY = [
    ("20/16", "officers provide further information on the number", "outstanding", None),
    ("20/16", "a further report be considered in January, 2017", "outstanding", None),
    ("21/16", "Home Schooling", "outstanding", None),
    ("21/16", "Library Closures", "outstanding", None),
    ("30/16", "officers provide further information on adoption t", "outstanding", None),
]
AFTER_FEBRUARY = [
    (
        "20/16",
        "officers provide further information on the number",
        "followed_up",
        "41/16",
    ),  # "Further to Minute 20/16"
    ("20/16", "a further report be considered in January, 2017", "followed_up", "41/16"),
    ("21/16", "Home Schooling", "followed_up", "42/16"),  # a later item titled with it
    ("21/16", "Library Closures", "outstanding", None),  # "Libraries Review" is not its title
    ("30/16", "officers provide further information on adoption t", "outstanding", None),
]


def test_statuses_before_and_after_the_meeting_that_follows_up():
    import_meetings(OCTOBER, DECEMBER)
    assert statuses() == BEFORE_FEBRUARY
    import_meetings(FEBRUARY)  # the earlier meetings are not imported again
    assert statuses() == AFTER_FEBRUARY


def test_the_same_statuses_whatever_order_the_meetings_are_imported_in():
    import_meetings(FEBRUARY, DECEMBER, OCTOBER)
    assert statuses() == AFTER_FEBRUARY


def test_overdue_on_a_fixed_day():
    import_meetings(OCTOBER, DECEMBER)
    report = action("a further report")
    assert [a.text[:20] for a in Action.objects.overdue(datetime.date(2017, 1, 31))] == []
    assert [a.text[:20] for a in Action.objects.overdue(datetime.date(2017, 2, 1))] == ["a further report be "]
    days = (datetime.date(2017, 1, 31), datetime.date(2017, 2, 1))
    assert [is_overdue(report.status, report.due_month, day) for day in days] == [False, True]


def test_staff_decisions_survive_importing_the_original_and_the_follow_up_again():
    import_meetings(OCTOBER, DECEMBER, FEBRUARY)
    record_decision(action("officers provide further information on adoption"), status="done", note="Sent 3 Jan")
    record_decision(action("Library Closures"), follow_up=Item.objects.get(number="43"))
    record_decision(action("a further report"), status="outstanding", note="The update did not cover it")

    import_text(DECEMBER.read_text() + "\nThe Chair thanked officers.\n", "december-corrected.txt")
    import_text(FEBRUARY.read_text().replace("opening hours", "opening hours and closures"), "february-2.txt")

    assert statuses() == [
        ("20/16", "officers provide further information on the number", "followed_up", "41/16"),
        ("20/16", "a further report be considered in January, 2017", "outstanding", "41/16"),  # staff said so
        ("21/16", "Home Schooling", "followed_up", "42/16"),
        ("21/16", "Library Closures", "followed_up", "43/16"),  # linked by hand, kept through the re-import
        ("30/16", "officers provide further information on adoption t", "done", None),
    ]
    assert ActionReview.objects.get(status="done").note == "Sent 3 Jan"


def test_removing_a_decision_hands_the_action_back_to_the_minutes():
    import_meetings(OCTOBER, FEBRUARY)
    report = action("a further report")
    record_decision(report, status="dropped")
    assert action("a further report").status == "dropped"
    record_decision(report, status="")
    assert action("a further report").status == "followed_up"


def marked_outstanding() -> list[str]:
    """The minutes whose items say they have an outstanding action (what search filters by),
    checked against their actions."""
    marked = sorted(item.minute for item in Item.objects.filter(has_outstanding_actions=True))
    assert marked == sorted({action.item.minute for action in Action.objects.outstanding().select_related("item")})
    return marked


def test_items_say_whether_they_have_an_outstanding_action_through_imports_and_decisions():
    import_meetings(OCTOBER, DECEMBER)
    assert marked_outstanding() == ["20/16", "21/16", "30/16"]
    import_meetings(FEBRUARY)  # follows up both of 20/16's actions and one of 21/16's
    assert marked_outstanding() == ["21/16", "30/16"]
    record_decision(action("officers provide further information on adoption"), status="done")
    record_decision(action("Library Closures"), follow_up=Item.objects.get(number="43"))
    assert marked_outstanding() == []
    record_decision(action("a further report"), status="outstanding")
    assert marked_outstanding() == ["20/16"]
    import_text(OCTOBER.read_text() + "\nThe Chair thanked officers.\n", "october-corrected.txt")  # items made anew
    assert marked_outstanding() == ["20/16"]


def test_statuses_as_they_stood_on_a_day_use_the_decisions_made_by_then():
    import_meetings(OCTOBER, DECEMBER, FEBRUARY)
    record_decision(action("officers provide further information on adoption"), status="done")  # today
    actions = list(Action.objects.select_related("item", "follow_up").order_by("item__date", "item__order", "order"))
    assert statuses_on(actions, datetime.date(2016, 11, 30)) == {
        actions[0].pk: "outstanding",
        actions[1].pk: "outstanding",
        actions[2].pk: "outstanding",
        actions[3].pk: "outstanding",
    }  # December's action did not exist yet
    assert [statuses_on(actions, datetime.date(2017, 2, 15))[each.pk] for each in actions] == [
        "followed_up",
        "followed_up",
        "followed_up",
        "outstanding",
        "outstanding",  # marked done today, long after
    ]
