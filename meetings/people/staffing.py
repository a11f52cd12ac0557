"""Staff decisions about who a name is: merge two people, or move a name to another person.

Every change is kept in the people's and names' history (django-simple-history), and later
imports follow it: a name is matched through PersonName first.
"""

from __future__ import annotations

from django.db import transaction

from importers.people import parse_name
from meetings.pagecache import site_changed

from .models import Attendance, Declaration, Mover, Person, PersonName, VoteCast

RECORDS = (Attendance, Declaration, Mover, VoteCast)


@transaction.atomic
def merge_people(into: Person, others: list[Person]) -> None:
    """`others` are `into`: their names, records and what the site said of them move to `into`."""
    for other in others:
        if other.pk == into.pk:
            continue
        for row in other.names.all():
            if PersonName.objects.filter(source=row.source, key=row.key).exclude(pk=row.pk).exists():
                row.delete()
            else:
                row.person = into
                row.save()
        for model in RECORDS:
            model.objects.filter(person=other).update(person=into)
        Attendance.objects.filter(substitute_for=other).update(substitute_for=into)
        for field in ("party", "ward", "profile_url", "photo_url"):
            if not getattr(into, field) and getattr(other, field):
                setattr(into, field, getattr(other, field))
        if into.site_id is None and other.site_id is not None:
            site_id, other.site_id = other.site_id, None
            other.save(update_fields=["site_id"])
            into.site_id = site_id
        into.save()
        other.delete()
    site_changed()


@transaction.atomic
def move_name(name: PersonName, to: Person) -> int:
    """The name is `to`'s: records written with it that were its former person's become `to`'s.
    Returns how many records moved."""
    former = name.person
    name.person = to
    name.save()
    moved = 0
    for model in RECORDS:
        for record in model.objects.filter(person=former):
            written = parse_name(record.name) if record.name else None
            if written is not None and written.key == name.key:
                record.person = to
                record.save(update_fields=["person"])
                moved += 1
    site_changed()
    return moved


def update_from_site(person: Person, url: str, page) -> None:
    """What the council's page for `person` says (an `importers.attendance.CouncillorPage`, or None
    where it could not be read): the name in its canonical form, party, ward, photo address."""
    person.profile_url = url
    if page is not None:
        name = parse_name(page.name)
        if name is not None and name.forenames:
            person.name = name.display
            person.surname_key = name.surname.lower()
            PersonName.objects.get_or_create(
                source=person.source, key=name.key, defaults={"person": person, "written": name.written}
            )
        person.party = page.party or person.party
        person.ward = page.ward or person.ward
        person.photo_url = page.photo_url or person.photo_url
    person.save()
    site_changed()
