"""A committee's new meetings as RSS and Atom (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from .models import Committee, Meeting


class CommitteeMeetingsFeed(Feed):
    def get_object(self, request, slug: str) -> Committee:
        return get_object_or_404(Committee, slug=slug)

    def title(self, committee: Committee) -> str:
        return f"{committee.display_name}: meetings"

    def link(self, committee: Committee) -> str:
        return committee.get_absolute_url()

    def description(self, committee: Committee) -> str:
        return f"New minutes of the {committee.display_name}, as published on Minutebook."

    def items(self, committee: Committee):
        return committee.meetings.latest_first().select_related("committee").with_counts()[:20]

    def item_title(self, meeting: Meeting) -> str:
        return f"{meeting.committee.display_name}, {meeting.date.day} {meeting.date:%B %Y}"

    def item_description(self, meeting: Meeting) -> str:
        return (
            f"{meeting.item_count} items, {meeting.resolution_count} resolutions, "
            f"{meeting.outstanding_count} outstanding actions."
        )

    def item_pubdate(self, meeting: Meeting):
        return meeting.imported_at


class CommitteeMeetingsAtomFeed(CommitteeMeetingsFeed):
    feed_type = Atom1Feed
    subtitle = CommitteeMeetingsFeed.description
