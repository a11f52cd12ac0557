"""People in the bulk downloads (meetings/opendata.py): the CSV zip's files of people, attendance,
declarations, votes and movers, what their columns mean, and the JSON download's people.

`person` in every file is a councillor's slug (their page is /councillors/<slug>/), empty where
the name as written could not be matched to one person; `name` is always as the minutes wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet

from .models import Attendance, Declaration, Mover, Person, Vote, VoteCast
from .shapes import person_out

BATCH = 200


def _slug(person: Person | None) -> str:
    return person.slug if person else ""


def people_in(scope) -> QuerySet:
    """Everyone named in the scope's attendance, declarations, votes or motions, by surname."""
    named = (
        Q(pk__in=Attendance.objects.filter(scope.of_items()).values("person"))
        | Q(pk__in=Declaration.objects.filter(scope.of_items("item__")).values("person"))
        | Q(pk__in=VoteCast.objects.filter(scope.of_items("vote__item__")).values("person"))
        | Q(pk__in=Mover.objects.filter(scope.of_items("item__")).values("person"))
    )
    return Person.objects.filter(named).order_by("surname_key", "name", "id")


def _people_rows(scope, site: str) -> Iterator[list]:
    for person in people_in(scope).iterator(chunk_size=BATCH):
        out = person_out(person, site)
        yield [
            person.slug, person.name, person.title, person.kind, person.party, person.ward, out["url"],
            person.profile_url, person.photo_url,
        ]  # fmt: skip


def _attendance_rows(scope, site: str) -> Iterator[list]:
    rows = (
        Attendance.objects.filter(scope.of_items())
        .select_related("meeting__committee", "person", "substitute_for")
        .order_by("meeting__date", "meeting", "order")
    )
    for row in rows.iterator(chunk_size=BATCH):
        yield [
            row.meeting_id, row.meeting.committee.slug, row.meeting.date, row.name, _slug(row.person), row.status,
            row.group, row.chair, row.substitute_for_name, _slug(row.substitute_for), row.remote, row.role,
            row.source,
        ]  # fmt: skip


def _declaration_rows(scope, site: str) -> Iterator[list]:
    rows = (
        Declaration.objects.filter(scope.of_items("item__"))
        .select_related("item", "person")
        .order_by("item__date", "item", "order")
    )
    for row in rows.iterator(chunk_size=BATCH):
        yield [row.item_id, row.item.minute, row.name, _slug(row.person), row.kind, row.text]


def _vote_rows(scope, site: str) -> Iterator[list]:
    rows = (
        Vote.objects.filter(scope.of_items("item__"))
        .select_related("item", "resolution")
        .order_by("item__date", "item", "order")
    )
    for vote in rows.iterator(chunk_size=BATCH):
        item, resolution = vote.item, vote.resolution
        yield [
            vote.item_id, item.minute, vote.order,
            resolution.order if resolution else "", vote.text, *_counts(vote),
        ]  # fmt: skip


def _counts(vote: Vote) -> list:
    return ["" if count is None else count for count in (vote.yes, vote.no, vote.abstain, vote.not_voting)]


def _cast_rows(scope, site: str) -> Iterator[list]:
    rows = (
        VoteCast.objects.filter(scope.of_items("vote__item__"))
        .select_related("vote__item", "person")
        .order_by("vote__item__date", "vote__item", "vote__order", "order")
    )
    for cast in rows.iterator(chunk_size=BATCH):
        item = cast.vote.item
        yield [item.pk, item.minute, cast.vote.order, cast.name, _slug(cast.person), cast.option]


def _mover_rows(scope, site: str) -> Iterator[list]:
    rows = (
        Mover.objects.filter(scope.of_items("item__"))
        .select_related("item", "resolution", "person")
        .order_by("item__date", "item", "order")
    )
    for mover in rows.iterator(chunk_size=BATCH):
        item, resolution = mover.item, mover.resolution
        yield [
            mover.item_id, item.minute, resolution.order if resolution else "",
            mover.name, _slug(mover.person), mover.role,
        ]  # fmt: skip


TABLES = [
    ("people.csv", [
        "person", "name", "title", "kind", "party", "ward", "url", "profile_url", "photo_url",
    ], _people_rows),
    ("attendance.csv", [
        "meeting_id", "committee", "date", "name", "person", "status", "group", "chair", "substitute_for",
        "substitute_for_person", "remote", "role", "source",
    ], _attendance_rows),
    ("declarations.csv", ["item_id", "minute", "name", "person", "kind", "text"], _declaration_rows),
    ("votes.csv", [
        "item_id", "minute", "vote", "resolution", "text", "yes", "no", "abstain", "not_voting",
    ], _vote_rows),
    ("vote_casts.csv", ["item_id", "minute", "vote", "name", "person", "option"], _cast_rows),
    ("movers.csv", ["item_id", "minute", "resolution", "name", "person", "role"], _mover_rows),
]  # fmt: skip

COLUMN_MEANINGS = {
    "person": "A councillor's short name, as in their page's address (/councillors/<person>/); empty where the "
    "name as the minutes wrote it (name) could not be matched to one councillor without guessing.",
    "status": "In attendance.csv: present, apologies, absent, in_attendance (not a member of the committee: "
    "other members, officers) or expected (the council's site lists the member but says nothing of presence).",
    "group, chair": "member, co_opted, other_member or officer (an officer is recorded by post, in role); "
    "chair or vice_chair for whoever the minutes say was in the chair.",
    "substitute_for, remote": "The member a substitute stood in for, as written (substitute_for_person: "
    "who that is); remote is true where the minutes say they attended remotely.",
    "source": "In attendance.csv: minutes, attendance page or web service (the council's site), where it was read.",
    "kind (declarations.csv)": "disclosable_pecuniary, other_registrable, non_registrable, personal_and_prejudicial, "
    "prejudicial, personal, pecuniary or non_pecuniary; empty where the words name no kind (text has them).",
    "vote, yes, no, abstain, not_voting": "A recorded vote's place in its item, and the counts the minutes "
    "printed (empty where they printed none: count vote_casts.csv).",
    "option": "In vote_casts.csv, as the Popolo / Open Civic Data vocabulary has it: yes, no, abstain, absent, "
    "not voting or excused.",
    "role (movers.csv)": "moved or seconded.",
    "resolution (votes.csv, movers.csv)": "The resolution decided, by its place among its item's resolutions "
    "(order in resolutions.csv); empty where the minutes do not say which.",
}
