"""The API's revisions of a committee's minutes, newest first (registered by minutes_site/urls.py;
answered like every other API answer: meetings/api.py)."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Schema

from meetings import shapes
from meetings.api import Paging, page_of, paged, read, site
from meetings.models import Committee

from .models import Revision


class Run(Schema):
    operation: Literal["equal", "delete", "insert"]
    words: str


class Reworded(Schema):
    before: str
    after: str
    diff: list[Run]


class ResolutionChanges(Schema):
    added: list[str]
    removed: list[str]
    reworded: list[Reworded]


class ActionChanges(Schema):
    added: list[str]
    removed: list[str]


class Change(Schema):
    item: str = Field(..., description='The item number, or "#3" by its place where it has none.')
    title: str
    kind: Literal["added", "removed", "changed"]
    title_before: str | None
    text: list[Run] | None = Field(..., description="The minutes' words removed and added; null where unchanged.")
    resolutions: ResolutionChanges | None
    actions: ActionChanges | None


class RevisionOut(Schema):
    meeting: shapes.MeetingRef
    recorded_at: datetime.datetime
    approved: bool = Field(..., description="The draft minutes became the minutes.")
    is_draft: bool
    changes: list[Change]
    url: str


def _runs(runs: list) -> list[dict]:
    return [{"operation": operation, "words": words} for operation, words in runs]


def change_out(change: dict) -> dict:
    resolutions, actions = change.get("resolutions"), change.get("actions")
    return {
        "item": change["item"],
        "title": change["title"],
        "kind": change["kind"],
        "title_before": change.get("title_before"),
        "text": _runs(change["text"]) if "text" in change else None,
        "resolutions": {
            "added": resolutions["added"],
            "removed": resolutions["removed"],
            "reworded": [
                {"before": old, "after": new, "diff": _runs(diff)} for old, new, diff in resolutions["reworded"]
            ],
        }
        if resolutions
        else None,
        "actions": actions,
    }


@read(
    "/committees/{slug}/revisions",
    page_of(RevisionOut),
    "What the council changed in a committee's minutes after they were first published, newest first",
    "Committees and meetings",
)
def revisions(request: HttpRequest, slug: str, paging: Query[Paging]):
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        raise Http404(f"No committee {slug!r} is published here.")
    rows = Revision.objects.by_council().filter(meeting__committee=committee).select_related("meeting__committee")
    base = site(request)

    def shape(page: list[Revision]) -> list[dict]:
        return [
            {
                "meeting": shapes.meeting_ref(revision.meeting, base),
                "recorded_at": revision.recorded_at,
                "approved": revision.approved,
                "is_draft": revision.is_draft,
                "changes": [change_out(change) for change in revision.changes],
                "url": base + revision.get_absolute_url(),
            }
            for revision in page
        ]

    return paged(request, rows, paging, rows.count(), shape)
