"""What the open data says about each record: the API's response shapes, and the functions that
fill them from the models.

The API (meetings/api.py) and the bulk JSON downloads (meetings/opendata.py) both use these, so a
download holds exactly what the API would answer. Every record carries `url` (its page) and
`api_url` (its data); an API address is its page's address under /api/, without the last slash.
The functions take `site`, the scheme and host to put before those paths ("https://minutes.example").
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema

from .crossrefs import reference_targets
from .models import Action, Committee, Document, Item, Meeting, Reference, Resolution
from .people import shapes as people
from .recommendations import shapes as recommendations
from .search import has_match, highlight, plain
from .tracking import is_overdue, status_label

NOT_PUBLISHED = "not published here"


def api_path(page_path: str) -> str:
    """The API's address for a page: /committees/x/ -> /api/committees/x"""
    return "/api" + page_path.rstrip("/")


# -- shapes ----------------------------------------------------------------------------------


class CommitteeRef(Schema):
    slug: str
    name: str
    url: str
    api_url: str


class CommitteeFeeds(Schema):
    meetings_rss: str
    meetings_atom: str
    meetings_calendar: str
    actions_atom: str
    actions_page: str
    download_csv: str
    download_json: str


class CommitteeOut(CommitteeRef):
    council: str
    feeds: CommitteeFeeds


COUNCIL_KINDS = "county, district, unitary, metropolitan, london_borough, welsh, scottish, northern_irish, or empty"


class CouncilOut(Schema):
    slug: str
    name: str
    kind: str = Field(..., description=COUNCIL_KINDS)
    url: str
    meetings_api_url: str
    actions_api_url: str


def council_out(council, site: str) -> dict:
    query = f"?council={council.slug}"
    return {
        "slug": council.slug,
        "name": council.name,
        "kind": council.kind,
        "url": site + council.get_absolute_url(),
        "meetings_api_url": f"{site}/api/meetings{query}",
        "actions_api_url": f"{site}/api/actions{query}",
    }


class MunicipalYear(Schema):
    year: int
    label: str
    meeting_count: int
    url: str
    meetings_api_url: str


class CommitteeDetail(CommitteeOut):
    municipal_years: list[MunicipalYear]


class MeetingRef(Schema):
    committee: CommitteeRef
    date: datetime.date
    day_number: int
    url: str
    api_url: str


class MeetingOut(MeetingRef):
    start_time: str | None = Field(
        ..., pattern=r"^\d{2}:\d{2}$", description="Local time, HH:MM; null where not given."
    )
    kind: str
    venue: str
    municipal_year: int
    item_count: int
    resolution_count: int
    outstanding_action_count: int
    source_url: str | None


class MinuteRef(Schema):
    """An item as another record names it: "Minute 59/16", or "Item 3" where its number was lost."""

    label: str
    minute: str | None
    title: str
    meeting_date: datetime.date
    committee: str
    url: str
    api_url: str


class DocumentOut(Schema):
    title: str
    format: str
    size_kb: int | None
    additional: bool
    url: str | None


class ResolutionOut(Schema):
    label: str
    text: str


ActionKindName = Literal["information", "report", "work_programme", "other"]
ActionStatusName = Literal["outstanding", "followed_up", "done", "dropped"]


class ActionOut(Schema):
    kind: ActionKindName
    text: str
    due_month: str | None
    status: ActionStatusName
    overdue: bool
    status_label: str
    follow_up: MinuteRef | None
    url: str


class ListedAction(ActionOut):
    """An action in a list of many: with the minute that asked for it."""

    minute: MinuteRef


class ReferenceOut(Schema):
    text: str
    kind: Literal["minute", "meeting"]
    committee: str
    minute: str | None
    meeting_date: datetime.date | None
    published: bool
    note: str
    url: str | None
    api_url: str | None


class ItemOut(MinuteRef):
    """An item with everything recorded of it: its documents, resolutions, actions and references,
    the declarations of interest, recorded votes and movers the minutes name, the recommendations
    it made and those it answers."""

    number: str
    order: int
    introduction: str
    minutes_text: str
    truncated: bool
    meeting: MeetingRef
    documents: list[DocumentOut]
    resolutions: list[ResolutionOut]
    actions: list[ActionOut]
    references: list[ReferenceOut]
    declarations: list[people.DeclarationOut]
    votes: list[people.VoteOut]
    movers: list[people.MoverOut]
    recommendations: list[recommendations.RecommendationOut]
    responds_to: list[recommendations.AnsweredRecommendation] = Field(
        ..., description="The recommendations of other committees this item answers."
    )


class Contact(Schema):
    name: str
    phone: str
    email: str


class MeetingDetail(MeetingOut):
    contact: Contact
    attendance: list[people.AttendanceOut] = Field(..., description="As the minutes (or the site) record it.")
    items: list[ItemOut]


class MinuteOut(Schema):
    """A minute, or an item whose number the page lost (then known by its place: "Item 3")."""

    committee: CommitteeRef
    label: str
    minute: str | None
    municipal_year: int
    number: int | None
    url: str
    api_url: str
    items: list[ItemOut]
    referred_by: list[MinuteRef]
    thread: list[MinuteRef]


class SearchResult(Schema):
    minute: MinuteRef
    committee: CommitteeRef
    snippet: str
    snippet_html: str
    resolution_snippet: str | None


# -- filling them ----------------------------------------------------------------------------


def committee_ref(committee: Committee, site: str) -> dict:
    url = committee.get_absolute_url()
    return {"slug": committee.slug, "name": committee.display_name, "url": site + url, "api_url": site + api_path(url)}


def committee_out(committee: Committee, site: str) -> dict:
    slug = committee.slug
    feeds = {
        "meetings_rss": reverse("committee_feed", args=[slug]),
        "meetings_atom": reverse("committee_atom_feed", args=[slug]),
        "meetings_calendar": reverse("committee_calendar", args=[slug]),
        "actions_atom": reverse("committee_actions_feed", args=[slug]),
        "actions_page": reverse("committee_actions", args=[slug]),
        "download_csv": reverse("download_committee", args=[slug, "csv.zip"]),
        "download_json": reverse("download_committee", args=[slug, "json"]),
    }
    return committee_ref(committee, site) | {
        "council": committee.council_label,
        "feeds": {name: site + path for name, path in feeds.items()},
    }


def meeting_ref(meeting: Meeting, site: str) -> dict:
    url = meeting.get_absolute_url()
    return {
        "committee": committee_ref(meeting.committee, site),
        "date": meeting.date,
        "day_number": meeting.day_number,
        "url": site + url,
        "api_url": site + api_path(url),
    }


def meeting_out(meeting: Meeting, site: str) -> dict:
    """A meeting of a `with_counts()` queryset, with its committee."""
    return meeting_ref(meeting, site) | {
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "kind": meeting.kind,
        "venue": meeting.venue,
        "municipal_year": meeting.municipal_year,
        "item_count": meeting.item_count,
        "resolution_count": meeting.resolution_count,
        "outstanding_action_count": meeting.outstanding_count,
        "source_url": meeting.source_url or None,
    }


def meeting_detail(meeting: Meeting, items: list[Item], site: str) -> dict:
    """`items` from `displayed()`, given `reference_targets` (see `attach_targets`); the meeting
    with its `attendance_list` (`Meeting.objects.with_attendance()`)."""
    return meeting_out(meeting, site) | {
        "contact": {"name": meeting.contact_name, "phone": meeting.contact_phone, "email": meeting.contact_email},
        "attendance": [people.attendance_out(row, site) for row in meeting.attendance_list],
        "items": [item_out(item, site) for item in items],
    }


def minute_ref(item: Item, site: str) -> dict:
    """An item, read with its committee and meeting."""
    url = item.get_absolute_url()
    return {
        "label": item.label,
        "minute": item.minute or None,
        "title": item.title,
        "meeting_date": item.meeting.date,
        "committee": item.committee.slug,
        "url": site + url,
        "api_url": site + api_path(url),
    }


def attach_targets(items: list[Item]) -> None:
    """Give each item `targets`: the page path of what each of its references names, where published here."""
    targets = reference_targets(reference for item in items for reference in item.reference_list)
    for item in items:
        item.targets = targets


def item_out(item: Item, site: str) -> dict:
    """An item from `displayed()`, with `targets` attached (`attach_targets`)."""
    return minute_ref(item, site) | {
        "number": item.number,
        "order": item.order,
        "introduction": item.introduction,
        "minutes_text": item.minutes_text,
        "truncated": item.truncated,
        "meeting": meeting_ref(item.meeting, site),
        "documents": [document_out(document) for document in item.document_list],
        "resolutions": [resolution_out(resolution) for resolution in item.resolution_list],
        "actions": [action_out(action, item, site) for action in item.action_list],
        "references": [reference_out(reference, item.targets, site) for reference in item.reference_list],
        "declarations": [people.declaration_out(declaration, site) for declaration in item.declaration_list],
        "votes": [people.vote_out(vote, site) for vote in item.vote_list],
        "movers": [people.mover_out(mover, site) for mover in item.mover_list],
        "recommendations": [recommendations.recommendation_out(each, site) for each in item.recommendation_list],
        "responds_to": [recommendations.answered(each, site) for each in item.response_list],
    }


def document_out(document: Document) -> dict:
    return {
        "title": document.title,
        "format": document.format,
        "size_kb": document.size_kb,
        "additional": document.additional,
        "url": document.url or None,
    }


def resolution_out(resolution: Resolution) -> dict:
    return {"label": resolution.label, "text": resolution.text}


def action_out(
    action: Action, item: Item, site: str, status: str | None = None, day: datetime.date | None = None
) -> dict:
    """As it stands today, or its `status` as it stood on another `day` (the actions list's `as_of`)."""
    day = day or timezone.localdate()
    status = status or action.status
    return {
        "kind": action.kind,
        "text": action.text,
        "due_month": action.due_month.strftime("%Y-%m") if action.due_month else None,
        "status": status,
        "overdue": is_overdue(status, action.due_month, day),
        "status_label": status_label(action, status, day),
        "follow_up": minute_ref(action.follow_up, site) if action.follow_up_id else None,
        "url": f"{site}{item.meeting.get_absolute_url()}#{_action_anchor(action, item)}",
    }


def listed_action(action: Action, site: str, status: str | None = None, day: datetime.date | None = None) -> dict:
    """An action of `Action.objects.for_listing()`."""
    return action_out(action, action.item, site, status, day) | {"minute": minute_ref(action.item, site)}


def _action_anchor(action: Action, item: Item) -> str:
    return f"{item.anchor}-action-{action.order}"


def reference_out(reference: Reference, targets: dict[int, str], site: str) -> dict:
    target = targets.get(reference.pk)
    minute = None
    if reference.kind == Reference.Kind.MINUTE:
        minute = f"{reference.minute_number}/{reference.municipal_year % 100:02d}"
    return {
        "text": reference.text,
        "kind": reference.kind,
        "committee": reference.committee_slug,
        "minute": minute,
        "meeting_date": reference.meeting_date,
        "published": target is not None,
        "note": "" if target else NOT_PUBLISHED,
        "url": site + target if target else None,
        "api_url": site + api_path(target) if target else None,
    }


def search_result(item: Item, site: str) -> dict:
    """An item of a search's page, given its snippets (`search.add_snippets`)."""
    snippet, resolution = item.snippet or "", item.resolution_snippet or ""
    return {
        "minute": minute_ref(item, site),
        "committee": committee_ref(item.committee, site),
        "snippet": plain(snippet),
        "snippet_html": str(highlight(snippet)),
        "resolution_snippet": plain(resolution) if has_match(resolution) else None,
    }
