"""Following each recommendation to the answer of the body it is addressed to.

A recommendation is *answered* by the first later minute that a co-ordinator linked by hand;
else by the first later minute of another committee that refers to the recommending minute
with its committee named ("Further to Minute 73/15 of the Education Scrutiny Board"), the
addressed body's first; else by the first later item of the addressed body whose title (or
"Report of ..." line) names the recommending committee and takes up the recommending item's
subject ("Youth Services: Recommendations of the Education Scrutiny Board"). The answer's own
resolutions say accepted, accepted in part, rejected or noted where their words do; a
co-ordinator's decision always stands.

`update_recommendations(source)` derives every recommendation of one council (a Source; None for
minutes imported from files) afresh in a few queries. The loader runs it in the transaction of
each import, so a Cabinet meeting imported today answers a scrutiny board's recommendation of May.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from importers import recommendations as parsed
from importers.recommendations import response_outcome
from meetings.models import Committee, Item, Reference, Resolution, Source
from meetings.pagecache import pages_changed, site_changed
from meetings.tracking import linked_items, normalised, save_review

from .models import Recommendation, RecommendationReview, Status, add_months

# What an answer's words make of the recommendation's status.
STATUS_OF_OUTCOME = {
    parsed.ACCEPTED: Status.ACCEPTED,
    parsed.PARTLY_ACCEPTED: Status.PARTLY_ACCEPTED,
    parsed.REJECTED: Status.REJECTED,
    parsed.NOTED: Status.RESPONDED,
    "": Status.RESPONDED,
}
# Words a committee's name may carry or drop when another committee's minutes name it.
NAME_NOISE = re.compile(r"\(\d{1,2}\)|\b(?:the|meeting|of\s+the\s+council)\b", re.IGNORECASE)
# Words too common in titles to say two items share a subject.
COMMON_WORDS = frozenset(
    ("a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "from", "by", "report", "reports", "update",
     "updates", "review", "scrutiny", "board", "committee", "panel", "recommendation", "recommendations", "response",
     "responses", "cabinet", "council", "member")
)  # fmt: skip


def recommendation_key(item_number: str, item_order: int, label: str, text: str) -> str:
    """The recommendation as a person would recognise it again within its meeting."""
    identity = "\0".join([item_number or f"#{item_order}", label, text])
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def update_recommendations(source: Source | None) -> int:
    """Derive who each recommendation of the council `source` is addressed to, its answer and its
    status; returns how many changed."""
    council = Committee.objects.filter(source=source)
    rows = list(
        Recommendation.objects.filter(item__committee__source=source).values(
            "pk", "key", "label", "addressee", "addressee_kind", "addressed_to_id", "status", "response_id", "outcome",
            "item__meeting_id", "item__date", "item__committee_id", "item__committee__slug", "item__committee__name",
            "item__municipal_year", "item__minute_number", "item__title",
        )
    )  # fmt: skip
    if not rows:
        return 0
    committees = list(council.values_list("pk", "name", "slug"))
    for row in rows:
        row["addressed"] = addressed_committee(row["addressee_kind"], row["addressee"], committees)
    reviews = {
        (review.meeting_id, review.key): review
        for review in RecommendationReview.objects.filter(meeting__committee__source=source)
    }
    linked = linked_items(reviews.values(), meeting="response_meeting_id", item="response_item")
    citations = _citations(rows)
    subjects = _SubjectIndex(rows, committees)
    answers: dict[int, int | None] = {}
    for row in rows:
        review = reviews.get((row["item__meeting_id"], row["key"]))
        answer = linked.get((review.response_meeting_id, review.response_item)) if review else None
        if answer is None and row["item__minute_number"] is not None:
            answer = _first_citing(citations, row)
        if answer is None and row["addressed"] is not None:
            answer = subjects.first_answer(row)
        answers[row["pk"]] = answer
    outcomes = _outcomes({answer for answer in answers.values() if answer})
    now = timezone.now()
    changed = []
    for row in rows:
        review = reviews.get((row["item__meeting_id"], row["key"]))
        answer = answers[row["pk"]]
        general, by_number = outcomes.get(answer, ("", {}))
        outcome = by_number.get(row["label"], general) if answer else ""
        status = (review.status if review else "") or (STATUS_OF_OUTCOME[outcome] if answer else Status.AWAITING)
        new = (status, answer, outcome, row["addressed"])
        if new != (row["status"], row["response_id"], row["outcome"], row["addressed_to_id"]):
            changed.append(
                Recommendation(
                    pk=row["pk"], status=status, response_id=answer, outcome=outcome, addressed_to_id=row["addressed"],
                    updated_at=now,
                )
            )  # fmt: skip
    Recommendation.objects.bulk_update(changed, ["status", "response", "outcome", "addressed_to", "updated_at"], 500)
    if changed:  # the recommending committees' pages, and those of the minutes answering, before and now
        before = {row["pk"]: row for row in rows}
        answering = {before[rec.pk]["response_id"] for rec in changed} | {rec.response_id for rec in changed}
        slugs = {before[rec.pk]["item__committee__slug"] for rec in changed}
        answering = Item.objects.filter(pk__in=answering - {None}).values_list("committee__slug", flat=True)
        pages_changed(slugs | set(answering))
    return len(changed)


def addressed_committee(kind: str, addressee: str, committees: list[tuple[int, str, str]]) -> int | None:
    """The council's one committee the addressee names, or None where there is none or several."""
    if kind not in (parsed.CABINET, parsed.COUNCIL, parsed.CABINET_MEMBER, parsed.COMMITTEE):
        return None
    wanted = _bare_name(addressee)
    if kind == parsed.COUNCIL:
        wanted = "council"
    found = [pk for pk, name, _slug in committees if _bare_name(name, council=kind == parsed.COUNCIL) == wanted]
    return found[0] if len(found) == 1 else None


def _bare_name(name: str, *, council: bool = False) -> str:
    """A committee's name as another minute may write it: "Cabinet Member (Children and Young People)"
    and "the Cabinet Member for Children and Young People" both "cabinet member children young people";
    with `council`, "Full Council" and "City Council" are "council"."""
    words = normalised(NAME_NOISE.sub(" ", name)).split()
    words = [word for word in words if word not in ("for", "and")]
    if council and words and words[-1] == "council" and len(words) <= 2:
        return "council"
    return " ".join(words)


def _citations(rows: list[dict]) -> dict[tuple[str, int, int], list[tuple[datetime.date, int, int]]]:
    """For each recommending minute, the later minutes of other committees that name it with its
    committee: (date, item, that item's committee), oldest first."""
    slugs = {row["item__committee__slug"] for row in rows}
    numbers = {row["item__minute_number"] for row in rows if row["item__minute_number"] is not None}
    found = Reference.objects.filter(
        kind=Reference.Kind.MINUTE, same_meeting=False, committee_slug__in=slugs, minute_number__in=numbers
    ).exclude(committee_name="")
    cited: dict[tuple[str, int, int], list[tuple[datetime.date, int, int]]] = defaultdict(list)
    fields = ("committee_slug", "municipal_year", "minute_number", "from_item__date", "from_item_id")
    for slug, year, number, date, item_id, committee_id in found.values_list(*fields, "from_item__committee_id"):
        cited[(slug, year, number)].append((date, item_id, committee_id))
    for each in cited.values():
        each.sort()
    return cited


def _first_citing(citations: dict, row: dict) -> int | None:
    """The addressed body's first later minute naming the recommending minute, else any other
    committee's first."""
    key = (row["item__committee__slug"], row["item__municipal_year"], row["item__minute_number"])
    later = [
        (date, item_id, committee_id)
        for date, item_id, committee_id in citations.get(key, ())
        if date > row["item__date"] and committee_id != row["item__committee_id"]
    ]
    addressed = [item_id for _date, item_id, committee_id in later if committee_id == row["addressed"]]
    return addressed[0] if addressed else (later[0][1] if later else None)


class _SubjectIndex:
    """The addressed bodies' items whose title or "Report of" line names another committee's
    recommendations: to find the one that takes up a recommendation's subject."""

    def __init__(self, rows: list[dict], committees: list[tuple[int, str, str]]):
        addressed = {row["addressed"] for row in rows if row["addressed"] is not None}
        self.names = {pk: _bare_name(name) for pk, name, _slug in committees}
        self.items: dict[int, list[tuple[datetime.date, int, str]]] = defaultdict(list)
        if not addressed:
            return
        first = min(row["item__date"] for row in rows)
        mentions = Q(title__icontains="recommendation") | Q(introduction__icontains="recommendation")
        mentions |= Q(title__icontains="scrutiny") | Q(introduction__icontains="scrutiny")
        found = Item.objects.filter(mentions, committee_id__in=addressed, date__gt=first)
        for committee_id, date, item_id, title, introduction in found.values_list(
            "committee_id", "date", "pk", "title", "introduction"
        ).order_by("date", "order"):
            self.items[committee_id].append((date, item_id, normalised(f"{title} {introduction}")))

    def first_answer(self, row: dict) -> int | None:
        subject = _subject_words(row["item__title"])
        recommender = self.names.get(row["item__committee_id"], "")
        if not subject or not recommender:
            return None
        for date, item_id, words in self.items.get(row["addressed"], ()):
            if date <= row["item__date"] or recommender not in _bare_name(words):
                continue
            if subject <= set(words.split()):
                return item_id
        return None


def _subject_words(title: str) -> set[str]:
    return {word for word in normalised(title).split() if word not in COMMON_WORDS and len(word) > 2}


def _outcomes(answers: set[int]) -> dict[int, tuple[str, dict[str, str]]]:
    """What each answer's resolutions say of the recommendations (importers.recommendations)."""
    texts: dict[int, list[str]] = defaultdict(list)
    for item_id, text in Resolution.objects.filter(item__in=answers).order_by("order").values_list("item_id", "text"):
        texts[item_id].append(text)
    return {item_id: response_outcome(texts.get(item_id, [])) for item_id in answers}


@transaction.atomic
def record_decision(
    recommendation: Recommendation,
    *,
    user=None,
    status: str | None = None,
    note: str | None = None,
    response: Item | bool | None = False,
) -> RecommendationReview:
    """Record what a co-ordinator decided (what is not given stays as it was; `response=None`
    unlinks a hand-linked answer), keep the change in its history, and derive the council's
    recommendations again."""
    review = save_review(
        RecommendationReview, recommendation, user=user, status=status, note=note, linked=response, link="response"
    )
    update_recommendations(recommendation.item.committee.source)
    site_changed()
    return review


def linked_response(review: RecommendationReview) -> Item | None:
    """The answer a co-ordinator linked by hand, if it is still there."""
    if not review.response_meeting_id:
        return None
    found = linked_items([review], meeting="response_meeting_id", item="response_item")
    pk = found.get((review.response_meeting_id, review.response_item))
    return Item.objects.filter(pk=pk).first() if pk else None


def awaiting_on(committee: Committee, day: datetime.date) -> list[Recommendation]:
    """The committee's recommendations still awaiting an answer at the end of `day` (the "Outstanding
    issues" briefing): made by then, not answered by a minute of a meeting held by then, and not
    settled by a co-ordinator's decision as it stood then. Each is given `overdue` for that day."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    rows = list(
        Recommendation.objects.for_listing()
        .filter(committee=committee, date__lte=day)
        .order_by("date", "item", "order")
    )
    decided = {
        (review.meeting_id, review.key): review.status
        for review in RecommendationReview.history.as_of(moment).filter(
            meeting_id__in={row.item.meeting_id for row in rows}
        )
    }
    awaiting = []
    for row in rows:
        decision = decided.get((row.item.meeting_id, row.key), "")
        answered = row.response is not None and row.response.date <= day
        if decision == Status.AWAITING or (not decision and not answered):
            row.overdue = row.item.date < add_months(day, -settings.RECOMMENDATION_RESPONSE_MONTHS)
            awaiting.append(row)
    return awaiting
