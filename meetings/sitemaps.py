"""sitemap.xml: committees, meetings and every minute (django.contrib.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .models import Committee, Item, Meeting


class CommitteeSitemap(Sitemap):
    def items(self):
        return Committee.objects.filter(meetings__isnull=False).distinct().order_by("slug")


class MeetingSitemap(Sitemap):
    def items(self):
        return Meeting.objects.select_related("committee").order_by("pk")

    def lastmod(self, meeting: Meeting):
        return meeting.imported_at


class MinuteSitemap(Sitemap):
    def items(self):
        return Item.objects.select_related("committee", "meeting").order_by("pk")


SITEMAPS = {"committees": CommitteeSitemap, "meetings": MeetingSitemap, "minutes": MinuteSitemap}
