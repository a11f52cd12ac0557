"""Saving a meeting's recommendations, in the loader's transaction (meetings/loader.py)."""

from __future__ import annotations

from importers.records import ParsedItem
from meetings.models import Item, Resolution, Source

from .models import Recommendation
from .tracking import recommendation_key, update_recommendations


def save_recommendations(
    items: list[Item], parsed_items: tuple[ParsedItem, ...], resolutions: dict[int, list[Resolution]]
) -> None:
    """Each item's recommendations as read, awaiting a response until `update_recommendations` says."""
    rows = []
    for item, parsed in zip(items, parsed_items, strict=True):
        for order, found in enumerate(parsed.recommendations, start=1):
            resolution = resolutions[item.pk][found.resolution] if found.resolution is not None else None
            rows.append(
                Recommendation(
                    item=item,
                    committee_id=item.committee_id,
                    date=item.date,
                    resolution=resolution,
                    order=order,
                    label=found.label,
                    text=found.text,
                    addressee=found.addressee,
                    addressee_kind=found.addressee_kind,
                    key=recommendation_key(item.number, item.order, found.label, found.text),
                )
            )
    Recommendation.objects.bulk_create(rows)


def update_every_council() -> int:
    """Derive every council's recommendations again (after a bulk import); how many changed."""
    sources = [None, *Source.objects.filter(committee_set__isnull=False).distinct()]
    return sum(update_recommendations(source) for source in sources)
