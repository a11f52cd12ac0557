"""Who a name in the minutes is: the same councillor across meetings, never two merged for a surname.

Within one council (the site the committee came from), in this order:

1. a name form seen before ("r smith", whatever the title) is the person it was matched to, or
   that staff moved it to (PersonName);
2. the site's own id for the person (ModernGov's UID), where the source gives one;
3. a name with forenames or initials: the one person of that surname whose forenames agree
   ("A Stewart" and "Alison Stewart"); none, a new person; several, no one (kept as written, with
   a warning);
4. a surname alone ("Councillor Smith"): the one person of that surname at this meeting, else
   the one who has sat on this committee; several, no one and a warning; none at all in the
   council, a new person where the minutes list them as attending.

Nothing else is inferred. A married name is the same person only where the site's id says so,
or staff merge the two.
"""

from __future__ import annotations

import re

from importers.people import TITLE, Name, compatible, parse_name
from meetings.addresses import several_councils
from meetings.models import Committee, Source

from .models import Attendance, Person, PersonName

TITLE_WORDS = {
    "cllr": "Councillor",
    "cllrs": "Councillor",
    "councillors": "Councillor",
    "county councillors": "Councillor",
}


def title_of(written: str) -> str:
    """ "Councillor", "Mrs", "Dr": the title a name is written with, spelled out."""
    match = TITLE.match(written)
    if not match:
        return ""
    title = " ".join(match.group(0).replace(".", "").split())
    return TITLE_WORDS.get(title.lower(), title)


class Matcher:
    """Matches the names of one meeting; remembers whom it matched, for surnames alone."""

    def __init__(self, committee: Committee, source: Source | None):
        self.committee = committee
        self.source = source
        self.here: list[Person] = []  # matched at this meeting
        self.warnings: list[str] = []
        self._names = {row.key: row.person for row in PersonName.objects.filter(source=source).select_related("person")}

    def person(
        self, written: str, *, create: bool = True, kind: str = Person.COUNCILLOR, site_id: int | None = None
    ) -> Person | None:
        name = parse_name(written)
        if name is None:
            return None
        person = self._by_site_id(site_id, name, kind) if site_id else None
        person = person or self._names.get(name.key)
        if person is None:
            person = self._by_forenames(name, create, kind) if name.forenames else self._by_surname(name, create, kind)
        if person is None:
            return None
        if site_id and person.site_id is None:
            person.site_id = site_id
            person.save(update_fields=["site_id"])
        self._remember(name, person)
        return person

    def _by_site_id(self, site_id: int, name: Name, kind: str) -> Person | None:
        person = Person.objects.filter(source=self.source, site_id=site_id).first()
        if person is not None and name.forenames and person.name != name.display:
            # The site's id says this is them: a new name (a marriage), or a fuller form.
            person.name = name.display
            person.surname_key = name.surname.lower()
            person.save(update_fields=["name", "surname_key"])
        return person

    def _by_forenames(self, name: Name, create: bool, kind: str) -> Person | None:
        people = Person.objects.filter(source=self.source, surname_key=name.surname.lower()).prefetch_related("names")
        agreeing = [
            person
            for person in people
            if any(compatible(name.forenames, forenames) for forenames in _forenames_of(person))
        ]
        if len(agreeing) == 1:
            return agreeing[0]
        if len(agreeing) > 1:
            choices = ", ".join(sorted(person.name for person in agreeing))
            self.warnings.append(f'"{name.written}" could be any of {choices}: kept as written, not matched')
            return None
        return self._create(name, kind) if create else None

    def _by_surname(self, name: Name, create: bool, kind: str) -> Person | None:
        surname = name.surname.lower()
        here = {person.pk: person for person in self.here if person.surname_key == surname}
        if len(here) == 1:
            return next(iter(here.values()))
        if len(here) > 1:
            return self._ambiguous(name, here.values(), "at this meeting")
        members = {
            row.person.pk: row.person
            for row in Attendance.objects.filter(
                meeting__committee=self.committee, person__surname_key=surname, person__source=self.source
            ).select_related("person")
        }
        if len(members) == 1:
            return next(iter(members.values()))
        if len(members) > 1:
            return self._ambiguous(name, members.values(), f"on {self.committee.name}")
        known = Person.objects.filter(source=self.source, surname_key=surname)
        if create and not known.exists():
            return self._create(name, kind)
        if known.exists():
            self.warnings.append(
                f'"{name.written}" names only a surname, and no one of that name has sat on this committee: '
                "kept as written, not matched"
            )
        return None

    def _ambiguous(self, name: Name, people, where: str) -> None:
        choices = ", ".join(sorted(person.name for person in people))
        self.warnings.append(f'"{name.written}" could be {choices} ({where}): kept as written, not matched')
        return None

    def _create(self, name: Name, kind: str) -> Person:
        display = name.display
        council = self.committee.council if several_councils() else None
        return Person.objects.create(
            name=display,
            title=title_of(name.written),
            slug=Person.free_slug(display, council.slug if council else ""),
            kind=kind,
            source=self.source,
            surname_key=name.surname.lower(),
        )

    def _remember(self, name: Name, person: Person) -> None:
        if person not in self.here:
            self.here.append(person)
        if name.forenames and name.key not in self._names:
            # A surname alone is matched by its context each time, never remembered as a name.
            PersonName.objects.get_or_create(
                source=self.source, key=name.key, defaults={"person": person, "written": name.written}
            )
            self._names[name.key] = person
        if person.kind == Person.COUNCILLOR and title_of(name.written) == "Councillor" and not person.title:
            person.title = "Councillor"
            person.save(update_fields=["title"])


WORD = re.compile(r"[^\s.]+")


def _forenames_of(person: Person) -> list[tuple[str, ...]]:
    """The forenames each of a person's known names has ("alison j stewart" -> ("alison", "j"))."""
    forms = [tuple(WORD.findall(row.key))[:-1] for row in person.names.all()]
    forms.append(tuple(WORD.findall(person.name.lower()))[:-1])
    return [form for form in forms if form]
