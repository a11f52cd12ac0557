"""The benchmark's synthetic minutes: real imports, spread over fifteen municipal years."""

import datetime

import pytest
from django.core.management import call_command

from meetings.models import Item, Meeting

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
