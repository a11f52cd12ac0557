"""What the open data says about recommendations: the API's shapes and the functions that fill
them (as meetings/shapes.py does for the minutes)."""

from __future__ import annotations

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from .models import Recommendation

StatusName = Literal["awaiting", "responded", "accepted", "partly_accepted", "rejected", "withdrawn"]


class AnswerRef(Schema):
    label: str
    minute: str | None
    title: str
    meeting_date: datetime.date
    committee: str
    url: str
    api_url: str


class RecommendationOut(Schema):
    label: str = Field(..., description='Its number in the list it was made in ("3"); empty where it stands alone.')
    text: str
    addressee: str = Field(..., description="As printed; empty where the minutes name no one.")
    addressee_kind: Literal["cabinet", "council", "cabinet_member", "committee", "officer", "outside_body", ""]
    addressed_to: str | None = Field(
        ..., description="The slug of the committee the addressee is, where published here."
    )
    status: StatusName
    overdue: bool = Field(..., description="Awaiting a response past the time allowed, on the day asked.")
    response_due: datetime.date
    answered_by: AnswerRef | None = Field(..., description="The later minute that answered it.")
    outcome: Literal["accepted", "partly_accepted", "rejected", "noted", ""] = Field(
        ..., description="What the answer's words say; empty where they say none of these."
    )
    url: str


class ListedRecommendation(RecommendationOut):
    minute: AnswerRef = Field(..., description="The minute that made it.")


class AnsweredRecommendation(Schema):
    """A recommendation an item answers, as the item names it."""

    minute: AnswerRef
    label: str
    text: str
    status: StatusName
    url: str


def recommendation_out(recommendation: Recommendation, site: str, today: datetime.date | None = None) -> dict:
    """A recommendation read with its item (meeting, committee), addressed committee and answer."""
    from meetings.shapes import minute_ref

    today = today or timezone.localdate()
    answer = recommendation.response
    return {
        "label": recommendation.label,
        "text": recommendation.text,
        "addressee": recommendation.addressee,
        "addressee_kind": recommendation.addressee_kind,
        "addressed_to": recommendation.addressed_to.slug if recommendation.addressed_to else None,
        "status": recommendation.status,
        "overdue": recommendation.is_overdue(today),
        "response_due": recommendation.response_due(),
        "answered_by": minute_ref(answer, site) if answer else None,
        "outcome": recommendation.outcome,
        "url": f"{site}{recommendation.item.get_absolute_url()}#{recommendation.anchor}",
    }


def listed_recommendation(recommendation: Recommendation, site: str, today: datetime.date | None = None) -> dict:
    from meetings.shapes import minute_ref

    return recommendation_out(recommendation, site, today) | {"minute": minute_ref(recommendation.item, site)}


def answered(recommendation: Recommendation, site: str) -> dict:
    from meetings.shapes import minute_ref

    return {
        "minute": minute_ref(recommendation.item, site),
        "label": recommendation.label,
        "text": recommendation.text,
        "status": recommendation.status,
        "url": f"{site}{recommendation.item.get_absolute_url()}#{recommendation.anchor}",
    }
