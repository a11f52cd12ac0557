"""What the open data says about people: the API's shapes for councillors, attendance,
declarations, votes and movers, and the functions that fill them (as meetings/shapes.py does for
the minutes). Every record keeps the name as the minutes wrote it; `person` is who it was matched
to, or null where it could not be matched without guessing. Vote options are the Popolo / Open
Civic Data vocabulary's: yes, no, abstain, absent, not voting, excused.
"""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from importers import people as parsed

from .models import Attendance, Declaration, Mover, Person, Vote

StatusName = Literal["present", "apologies", "absent", "in_attendance", "expected"]
GroupName = Literal["member", "co_opted", "other_member", "officer"]
OptionName = Literal["yes", "no", "abstain", "absent", "not voting", "excused"]


RESOLUTION = "The resolution it decided, by its place among its item's resolutions (from 1); null where unknown."


class PersonRef(Schema):
    slug: str
    name: str = Field(..., description='With their title: "Councillor Alison Stewart".')
    url: str
    api_url: str


class PersonOut(PersonRef):
    kind: Literal["councillor", "co_opted"]
    party: str
    ward: str
    profile_url: str | None = Field(..., description="Their page on the council's site.")
    photo_url: str | None = Field(..., description="Their photograph on the council's site (linked, never copied).")


class AttendanceRate(Schema):
    committee: str = Field(..., description="The committee's slug.")
    committee_name: str
    municipal_year: int
    expected: int = Field(..., description="Meetings whose minutes list them as a member.")
    attended: int = Field(..., description="Of those, meetings they attended (a substitute's attendance is theirs).")
    rate: int | None = Field(..., description="attended / expected, per cent.")
    report_url: str


class AttendanceOut(Schema):
    name: str = Field(..., description="As the minutes wrote it; empty for an officer known by post.")
    person: PersonRef | None = Field(..., description="Who the name was matched to; null where it was not.")
    status: StatusName = Field(..., description='"expected" is a membership the site lists, never a presence.')
    group: GroupName
    chair: Literal["chair", "vice_chair"] | None
    substitute_for: str | None = Field(..., description="The member they substituted for, as written.")
    substitute_for_person: PersonRef | None
    remote: bool
    role: str = Field(..., description="An officer's post or a member's office, as written.")
    source: Literal["minutes", "attendance page", "web service"]


class DeclarationOut(Schema):
    name: str
    person: PersonRef | None
    kind: str | None = Field(
        ..., description="disclosable_pecuniary, other_registrable, non_registrable, personal_and_prejudicial, "
        "prejudicial, personal, pecuniary or non_pecuniary; null where the words name none."
    )  # fmt: skip
    text: str


class VoteCastOut(Schema):
    name: str
    person: PersonRef | None
    option: OptionName


class VoteCounts(Schema):
    """The counts the minutes printed or, where they printed none, the names counted; null where
    neither gives one."""

    yes: int | None
    no: int | None
    abstain: int | None
    not_voting: int | None


class VoteOut(Schema):
    resolution: int | None = Field(..., description=RESOLUTION)
    text: str = Field(..., description="As printed.")
    counts: VoteCounts
    votes: list[VoteCastOut] = Field(..., description="Each member's vote, where the minutes name them.")


class MoverOut(Schema):
    name: str
    person: PersonRef | None
    role: Literal["moved", "seconded"]
    resolution: int | None = Field(..., description=RESOLUTION)


def person_ref(person: Person | None, site: str) -> dict | None:
    if person is None:
        return None
    url = person.get_absolute_url()
    return {"slug": person.slug, "name": person.display_name, "url": site + url, "api_url": site + "/api" + url[:-1]}


def person_out(person: Person, site: str) -> dict:
    return person_ref(person, site) | {
        "kind": person.kind,
        "party": person.party,
        "ward": person.ward,
        "profile_url": person.profile_url or None,
        "photo_url": person.photo_url or None,
    }


def attendance_out(row: Attendance, site: str) -> dict:
    """An attendance row read with its `person` and `substitute_for`."""
    return {
        "name": row.name,
        "person": person_ref(row.person, site),
        "status": row.status,
        "group": row.group,
        "chair": row.chair or None,
        "substitute_for": row.substitute_for_name or None,
        "substitute_for_person": person_ref(row.substitute_for, site),
        "remote": row.remote,
        "role": row.role,
        "source": row.source,
    }


def declaration_out(declaration: Declaration, site: str) -> dict:
    person = person_ref(declaration.person, site)
    return {"name": declaration.name, "person": person, "kind": declaration.kind or None, "text": declaration.text}


# The options a count is kept for, and their names in `counts`.
COUNTED = {parsed.YES: "yes", parsed.NO: "no", parsed.ABSTAIN: "abstain", parsed.NOT_VOTING: "not_voting"}


def vote_out(vote: Vote, site: str) -> dict:
    """A vote from `ItemQuerySet.displayed()` (its `resolution`, and `cast_list` with each cast's person)."""
    counts = {"yes": vote.yes, "no": vote.no, "abstain": vote.abstain, "not_voting": vote.not_voting}
    if not any(count is not None for count in counts.values()) and vote.cast_list:
        for option, name in COUNTED.items():
            counts[name] = sum(1 for cast in vote.cast_list if cast.option == option) or None
    return {
        "resolution": vote.resolution.order if vote.resolution else None,
        "text": vote.text,
        "counts": counts,
        "votes": [
            {"name": cast.name, "person": person_ref(cast.person, site), "option": cast.option}
            for cast in vote.cast_list
        ],
    }


def mover_out(mover: Mover, site: str) -> dict:
    return {
        "name": mover.name,
        "person": person_ref(mover.person, site),
        "role": mover.role,
        "resolution": mover.resolution.order if mover.resolution else None,
    }
