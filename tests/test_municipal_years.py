"""Which municipal year a meeting's minutes belong to: the date rule, the committee's own start,
and the numbering when it disagrees."""

import pytest

from meetings.models import Committee, Item

from .conftest import APRIL_2017
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db


def meeting_text(date: str, numbers: list[int], committee: str = "Licensing Committee") -> str:
    items = "\n\n".join(f"{n}.\n\nItem {n}\n\nMinutes:\n\nNoted." for n in numbers)
    return f"Agenda and minutes\n\n{committee} - {date} 10.00 am\n\n{items}\n"


def minutes(date: str) -> list[str]:
    return [item.minute for item in Item.objects.filter(meeting__date=date).order_by("order")]


def test_the_date_rule_puts_27_april_2017_in_2016_17():
    import_path(APRIL_2017)
    assert minutes("2017-04-27")[0] == "79/16"


def test_a_committee_whose_year_begins_in_june():
    Committee.objects.create(
        name="Licensing Committee", slug="licensing-committee", year_start_month=6, year_start_day=1
    )
    result = import_text(meeting_text("Thursday, 18th May, 2017", [90, 91]))
    assert minutes("2017-05-18") == ["90/16", "91/16"]
    assert result.meeting.warnings == []


def test_numbers_that_restart_within_a_date_year_start_a_new_year():
    import_text(meeting_text("Thursday, 16th March, 2017", [60, 61, 62]))
    result = import_text(meeting_text("Thursday, 20th April, 2017", [1, 2]))
    assert minutes("2017-04-20") == ["1/17", "2/17"]
    assert result.meeting.warnings == [
        "minute numbers restart at 1 after minute 62 of the meeting of 2017-03-16, but the date puts this meeting "
        "in 2016/17; following the numbering, its minutes are filed under 2017/18"
    ]


def test_numbers_that_carry_on_across_the_date_boundary_stay_in_the_old_year():
    import_text(meeting_text("Thursday, 20th April, 2017", [70, 71, 72]))
    result = import_text(meeting_text("Thursday, 18th May, 2017", [73, 74]))
    assert minutes("2017-05-18") == ["73/16", "74/16"]
    assert "following the numbering, its minutes are filed under 2016/17" in result.meeting.warnings[0]


def test_numbering_from_1_at_every_meeting_leaves_the_date_rule_alone():
    import_text(meeting_text("Thursday, 16th March, 2017", [1, 2, 3]))
    result = import_text(meeting_text("Thursday, 20th April, 2017", [1, 2]))
    assert minutes("2017-04-20") == ["1/16", "2/16"]
    assert result.meeting.warnings[0].startswith("minute 1/16 is also minute 1 of the meeting of 2017-03-16")


def test_import_warnings_are_shown_to_staff_only(client, django_user_model):
    import_text(meeting_text("Thursday, 16th March, 2017", [60, 61, 62]))
    import_text(meeting_text("Thursday, 20th April, 2017", [1, 2]))
    url = "/committees/licensing-committee/meetings/2017-04-20/"
    assert "Import warnings" not in client.get(url).content.decode()
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    html = client.get(url).content.decode()
    assert '<h2 id="import-warnings-heading">Import warnings (shown to staff)</h2>' in html
    assert "<li>minute numbers restart at 1 after minute 62 of the meeting of 2017-03-16" in html
