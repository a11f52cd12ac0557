"""What changed in a meeting's minutes: its revisions page, and a committee's feed of them."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from meetings.models import Committee
from meetings.pagecache import cached_page
from meetings.views import meeting_or_404

from .models import Revision


@cached_page
def meeting_revisions(request: HttpRequest, slug: str, date: str, day_number: int = 1) -> HttpResponse:
    """/committees/<slug>/meetings/<date>/revisions/: each change the council made to the minutes
    after Minutebook first imported them, newest first, item by item, words removed and added."""
    meeting = meeting_or_404(slug, date, day_number)
    revisions = list(meeting.revisions.by_council())
    return render(request, "revisions/meeting.html", {"meeting": meeting, "revisions": revisions})


class CommitteeRevisionsFeed(Feed):
    """/committees/<slug>/revisions/feed/: the committee's minutes as the council amends them."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Committee:
        return get_object_or_404(Committee, slug=slug)

    def title(self, committee: Committee) -> str:
        return f"{committee.display_name}: amended minutes"

    def link(self, committee: Committee) -> str:
        return committee.get_absolute_url()

    def subtitle(self, committee: Committee) -> str:
        return f"The {committee.display_name}'s minutes, each time the council changes them after publishing them."

    def items(self, committee: Committee):
        revisions = Revision.objects.by_council().filter(meeting__committee=committee)
        return revisions.select_related("meeting__committee")[:50]

    def item_title(self, revision: Revision) -> str:
        meeting = revision.meeting
        what = "approved" if revision.approved and not revision.changes else "amended"
        return f"Minutes of {meeting.date.day} {meeting.date:%B %Y} {what} ({_counted(revision)})"

    def item_description(self, revision: Revision) -> str:
        titles = [f"{change['title']} ({change['kind']})" for change in revision.changes]
        return "; ".join(titles) or "The draft minutes were approved."

    def item_link(self, revision: Revision) -> str:
        return revision.get_absolute_url()

    def item_pubdate(self, revision: Revision):
        return revision.recorded_at

    def item_guid(self, revision: Revision) -> str:
        return reverse("committee", args=[revision.meeting.committee.slug]) + f"revisions/{revision.pk}"


def _counted(revision: Revision) -> str:
    count = revision.change_count
    return f"{count} change{'s' if count != 1 else ''}"
