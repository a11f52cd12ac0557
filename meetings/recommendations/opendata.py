"""Recommendations in the bulk downloads (meetings/opendata.py): the CSV zip's recommendations.csv
and what its columns mean."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone

from .models import Recommendation

BATCH = 200


def _rows(scope, site: str) -> Iterator[list]:
    rows = Recommendation.objects.for_listing().filter(scope.of_items("item__")).order_by("item__date", "item", "order")
    today = timezone.localdate()
    for row in rows.iterator(chunk_size=BATCH):
        answer = row.response
        yield [
            row.item_id, row.item.minute, row.order, row.label, row.text, row.addressee, row.addressee_kind,
            row.addressed_to.slug if row.addressed_to else "", row.status, row.is_overdue(today),
            row.response_due().isoformat(), answer.pk if answer else "", answer.minute if answer else "",
            answer.committee.slug if answer else "", row.outcome, f"{site}{row.item.get_absolute_url()}#{row.anchor}",
        ]  # fmt: skip


TABLES = [
    ("recommendations.csv", [
        "item_id", "minute", "order", "label", "text", "addressee", "addressee_kind", "addressed_to", "status",
        "overdue", "response_due", "answer_item_id", "answer_minute", "answer_committee", "outcome", "url",
    ], _rows),
]  # fmt: skip

COLUMN_MEANINGS = {
    "addressee, addressee_kind, addressed_to": "In recommendations.csv: who it is addressed to as printed (empty "
    "where the minutes name no one); cabinet, council, cabinet_member, committee, officer or outside_body; and the "
    "committee that is, where its minutes are published here.",
    "status (recommendations.csv)": "awaiting, responded, accepted, partly_accepted, rejected or withdrawn: "
    "derived from the answer's words, or decided by the scrutiny co-ordinator; overdue is true for one awaiting "
    "a response after response_due, on the day of the download.",
    "answer_item_id, answer_minute, answer_committee, outcome": "The later minute that answered it, and what its "
    "resolution said: accepted, partly_accepted, rejected, noted, or empty where it said none of these.",
}
