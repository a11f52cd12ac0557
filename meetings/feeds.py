"""Feeds (django.contrib.syndication): a committee's new meetings as RSS and Atom, the newest
minutes matching any search, and a committee's actions."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import Action, Committee, Item, Meeting
from .search import add_snippets, plain, ranked
from .search_views import find
from .tracking import is_overdue, status_label


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


# How many entries the search and actions feeds hold.
FEED_LENGTH = 50
# An action that fell overdue in the last this many days is news in its committee's actions feed.
RECENTLY_OVERDUE_DAYS = 92


class SearchFeed(Feed):
    """/search/feed/?q=…: the newest minutes matching a search, with the search page's filters."""

    feed_type = Atom1Feed

    def get_object(self, request):
        query, filterset, searched = find(request.GET)
        if not searched:
            raise Http404("Nothing to search for: give words in q, and filters the search page knows.")
        items = list(ranked(filterset.qs, query, newest_first=True)[:FEED_LENGTH])
        add_snippets(items, query)
        return {"query": query.text, "items": items, "params": request.GET.urlencode()}

    def title(self, search) -> str:
        return f"Minutebook: minutes matching “{search['query']}”"

    def link(self, search) -> str:
        return f"{reverse('search')}?{search['params']}&order=newest"

    def subtitle(self, search) -> str:
        return "New minutes matching this search, newest meeting first."

    def items(self, search):
        return search["items"]

    def item_title(self, item: Item) -> str:
        return f"{item.committee.display_name}, {item.label}: {item.title}"

    def item_description(self, item: Item) -> str:
        return plain(item.snippet)

    def item_link(self, item: Item) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Item):
        return item.meeting.imported_at


class CommitteeActionsFeed(Feed):
    """/committees/<slug>/actions/feed/: a committee's actions as they are asked for, followed up,
    closed or fall overdue. An action whose status changes comes back as a new entry."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Committee:
        return get_object_or_404(Committee, slug=slug)

    def title(self, committee: Committee) -> str:
        return f"{committee.display_name}: actions"

    def link(self, committee: Committee) -> str:
        return reverse("committee_actions", args=[committee.slug])

    def subtitle(self, committee: Committee) -> str:
        return f"What the {committee.display_name} asked for, and whether it came back."

    def items(self, committee: Committee):
        """The latest changes: the actions changed last, and those that fell overdue lately (an
        action falls overdue at the start of the month after its due month, without changing)."""
        actions = Action.objects.for_listing().filter(item__committee=committee)
        changed = actions.order_by("-updated_at", "-item__date", "item__order", "order")[:FEED_LENGTH]
        this_month = timezone.localdate().replace(day=1)
        lately = (this_month - datetime.timedelta(days=RECENTLY_OVERDUE_DAYS)).replace(day=1)
        overdue = actions.overdue(timezone.localdate()).filter(due_month__gte=lately)
        found = {action.pk: action for action in [*changed, *overdue.order_by("-due_month")[:FEED_LENGTH]]}
        return sorted(found.values(), key=self.item_updateddate, reverse=True)[:FEED_LENGTH]

    def _status(self, action: Action) -> str:
        return status_label(action, action.status, timezone.localdate())

    def item_title(self, action: Action) -> str:
        return f"{self._status(action)}: {action.subject} ({action.item.label}, {action.item.date:%-d %B %Y})"

    def item_description(self, action: Action) -> str:
        said = [f"{action.get_kind_display()}: {action.text.rstrip('.')}."]
        if action.due_month:
            said.append(f"Due {action.due_month:%B %Y}.")
        if later := action.follow_up:
            said.append(f"Followed up by {later.label} of {later.date:%-d %B %Y}.")
        return " ".join(said)

    def item_link(self, action: Action) -> str:
        return f"{action.item.meeting.get_absolute_url()}#{action.item.anchor}-action-{action.order}"

    def item_guid(self, action: Action) -> str:
        # The action (its meeting and key), in its present status: a new status is a new entry.
        return f"tag:minutebook,action:{action.item.meeting_id}:{action.key}:{self._status(action).lower()}"

    item_guid_is_permalink = False

    def item_updateddate(self, action: Action) -> datetime.datetime:
        """When the action last changed: stored, or when it fell overdue, if that was later."""
        if not is_overdue(action.status, action.due_month, timezone.localdate()):
            return action.updated_at
        month = action.due_month.replace(day=28) + datetime.timedelta(days=4)
        fell_overdue = datetime.datetime.combine(month.replace(day=1), datetime.time.min)
        return max(action.updated_at, timezone.make_aware(fell_overdue))

    item_pubdate = item_updateddate
