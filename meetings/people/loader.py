"""Save who attended, declared, voted and moved: part of the meeting's one transaction.

Called by meetings.loader.save_meeting after the meeting's items are saved (their declarations,
votes and movers are deleted with them on a replace; attendance is the meeting's, replaced here).
"""

from __future__ import annotations

from importers import people as parsed
from importers.records import ParsedMeeting
from meetings.models import Item, Meeting, Resolution

from .matching import Matcher
from .models import Attendance, Declaration, Mover, Person, Vote, VoteCast


def save_people(
    meeting: Meeting, parsed_meeting: ParsedMeeting, items: list[Item], resolutions: dict[int, list[Resolution]]
) -> list[str]:
    """Save the meeting's attendance and its items' declarations, votes and movers; the warnings
    about names that could not be matched."""
    meeting.attendance.all().delete()
    matcher = Matcher(meeting.committee, meeting.committee.source)
    attendance = []
    for order, each in enumerate(parsed_meeting.attendance, start=1):
        person = None
        if each.group != parsed.OFFICER and each.name:
            kind = Person.CO_OPTED if each.group == parsed.CO_OPTED else Person.COUNCILLOR
            person = matcher.person(each.name, kind=kind, site_id=each.site_id)
        attendance.append(
            Attendance(
                meeting=meeting,
                person=person,
                name=each.name,
                status=each.status,
                group=each.group,
                chair=each.chair,
                substitute_for_name=each.substitute_for,
                remote=each.remote,
                role=each.role,
                source=each.source or "minutes",
                order=order,
            )
        )
    # Whom a substitute stood in for, once every attendee is known (they are usually listed with apologies).
    for row in attendance:
        if row.substitute_for_name:
            row.substitute_for = matcher.person(row.substitute_for_name)
    Attendance.objects.bulk_create(attendance)

    declarations, movers, votes, casts = [], [], [], []
    for item, parsed_item in zip(items, parsed_meeting.items, strict=True):
        item_resolutions = resolutions.get(item.pk, [])
        for order, declaration in enumerate(parsed_item.declarations, start=1):
            declarations.append(
                Declaration(
                    item=item,
                    person=matcher.person(declaration.name),
                    name=declaration.name,
                    kind=declaration.kind,
                    text=declaration.text,
                    order=order,
                )
            )
        for order, mover in enumerate(parsed_item.movers, start=1):
            movers.append(
                Mover(
                    item=item,
                    resolution=_resolution(item_resolutions, mover.resolution),
                    person=matcher.person(mover.name),
                    name=mover.name,
                    role=mover.role,
                    order=order,
                )
            )
        for order, vote in enumerate(parsed_item.votes, start=1):
            counts = dict(vote.counts)
            saved = Vote(
                item=item,
                resolution=_resolution(item_resolutions, vote.resolution),
                text=vote.text,
                yes=counts.get(parsed.YES),
                no=counts.get(parsed.NO),
                abstain=counts.get(parsed.ABSTAIN),
                not_voting=counts.get(parsed.NOT_VOTING),
                order=order,
            )
            votes.append(saved)
            casts.append(
                [
                    VoteCast(person=matcher.person(cast.name), name=cast.name, option=cast.option, order=number)
                    for number, cast in enumerate(vote.casts, start=1)
                ]
            )
    Declaration.objects.bulk_create(declarations)
    Mover.objects.bulk_create(movers)
    Vote.objects.bulk_create(votes)
    for vote, cast_rows in zip(votes, casts, strict=True):
        for cast in cast_rows:
            cast.vote = vote
    VoteCast.objects.bulk_create([cast for rows in casts for cast in rows])
    return matcher.warnings


def _resolution(resolutions: list[Resolution], index: int | None) -> Resolution | None:
    return resolutions[index] if index is not None and index < len(resolutions) else None
