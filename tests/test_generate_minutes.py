"""The benchmark's synthetic minutes: real imports, spread over fifteen municipal years."""

import datetime

import pytest
from django.core.management import call_command

from meetings.models import Committee, Item, Meeting, Source
from meetings.people.models import Attendance, Person, Vote
from meetings.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_generated_minutes_span_fifteen_years_with_numbering_restarting_each_year(capsys):
    call_command("generate_minutes", items=300, per_meeting=10)

    assert capsys.readouterr().out.splitlines()[-1] == "generated 30 meetings; the database holds 300 items"
    dates = sorted(Meeting.objects.values_list("date", flat=True))
    assert (dates[0], dates[-1]) == (datetime.date(2010, 5, 6), datetime.date(2024, 11, 4))
    years = set(Meeting.objects.values_list("municipal_year", flat=True))
    assert len(years) == 15
    # Numbering restarts each municipal year: every year has a minute 1.
    assert set(Item.objects.filter(number="1").values_list("municipal_year", flat=True)) == years
    assert not any(meeting.warnings for meeting in Meeting.objects.all())


def test_generated_councillors_attend_and_are_matched_within_their_council(capsys):
    call_command("generate_minutes", items=600, per_meeting=10, councillors=12, councils=3)

    assert not any(meeting.warnings for meeting in Meeting.objects.all())
    # Each committee's council is a Source; each council's twelve councillors are people of it.
    assert Source.objects.count() == 3
    people = Person.objects.all()
    assert 0 < people.count() <= 36 and not people.filter(source=None).exists()
    # Every attendance row names a councillor matched to a person of the meeting's own council.
    rows = Attendance.objects.select_related("person", "meeting__committee")
    assert rows.count() > 60 * 8
    assert all(row.person is not None and row.person.source_id == row.meeting.committee.source_id for row in rows)
    assert rows.filter(chair="chair").count() == Meeting.objects.count()
    assert rows.filter(status="apologies").exists() and rows.exclude(substitute_for=None).exists()
    assert Vote.objects.exists()
    # The minutes' items are the same as without councillors.
    assert Item.objects.count() == 600


def test_generated_recommendations_to_cabinet_are_answered_by_later_cabinet_minutes():
    call_command("generate_minutes", items=3000, per_meeting=30, recommendations=True)

    recommendations = Recommendation.objects.select_related("item__committee", "response__committee")
    assert recommendations.count() > 20
    assert {each.item.committee.name.endswith("Scrutiny Board") for each in recommendations} == {True}
    assert {each.addressed_to.name for each in recommendations} == {"Cabinet"}
    answered = [each for each in recommendations if each.response_id]
    assert answered and all(
        each.response.committee.name == "Cabinet" and each.response.date > each.item.date for each in answered
    )
    assert {each.status for each in answered} <= {"accepted", "rejected", "responded"}


def test_every_council_has_its_own_twenty_committees_each_named_with_its_council(capsys):
    call_command("generate_minutes", items=1200, per_meeting=10, councils=3, every_council=True)

    assert capsys.readouterr().out.splitlines()[-1] == "generated 120 meetings; the database holds 1200 items"
    assert Source.objects.count() == 3
    cabinets = Committee.objects.filter(name="Cabinet").order_by("slug")
    assert [(c.slug, c.council.name) for c in cabinets] == [
        ("council-1-cabinet", "Council 1"),
        ("council-2-cabinet", "Council 2"),
        ("council-3-cabinet", "Council 3"),
    ]
    assert Committee.objects.count() == 60
    assert str(cabinets[0]) == "Cabinet (Council 1)"  # as a crawl of several councils names them
    # Each meeting is its council's committee's, read from a document kept for reparse.
    assert {m.committee.council.name for m in Meeting.objects.select_related("committee__council")} == {
        "Council 1",
        "Council 2",
        "Council 3",
    }
    assert not Meeting.objects.filter(source_documents__isnull=True).exists()
    assert not any(meeting.warnings for meeting in Meeting.objects.all())


def test_every_councils_committees_are_attended_by_that_councils_own_councillors():
    call_command("generate_minutes", items=600, per_meeting=10, councils=3, every_council=True, councillors=12)

    assert not any(meeting.warnings for meeting in Meeting.objects.all())
    assert Committee.objects.count() == 60 and Source.objects.count() == 3
    rows = Attendance.objects.select_related("person__source", "meeting__committee")
    assert rows.filter(chair="chair").count() == Meeting.objects.count() == 60
    assert all(row.person.source_id == row.meeting.committee.source_id for row in rows)
    for source in Source.objects.all():
        assert 0 < Person.objects.filter(source=source).count() <= 12
    # A councillor's address names the council, as its committees' do (a national site has many Patels).
    assert all(person.slug.startswith(f"{person.source.council.slug}-") for person in Person.objects.all())
    assert Item.objects.count() == 600
