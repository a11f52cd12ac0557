from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from . import action_views, calendars, council_views, opendata, search_views, views
from .feeds import CommitteeActionsFeed, CommitteeMeetingsAtomFeed, CommitteeMeetingsFeed, SearchFeed
from .pagecache import cached_page
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("search/", search_views.search, name="search"),
    path("search.csv", search_views.search_csv, name="search_csv"),
    path("search/feed/", cached_page(SearchFeed()), name="search_feed"),
    path("meetings.ics", calendars.all_meetings_calendar, name="calendar"),
    path("committees/", views.committee_list, name="committee_list"),
    path("councils/", council_views.council_list, name="council_list"),
    path("councils/<slug:slug>/", council_views.council_detail, name="council"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
    re_path(
        r"^committees/(?P<slug>[-\w]+)/(?P<year>\d{4})-(?P<next_year>\d{2})/$",
        views.committee_year,
        name="committee_year",
    ),
    re_path(
        r"^committees/(?P<slug>[-\w]+)/(?P<year>\d{4})-(?P<next_year>\d{2})/work-programme/$",
        action_views.work_programme,
        name="work_programme",
    ),
    path("actions/", action_views.actions, name="actions"),
    path("actions.csv", action_views.actions_csv, name="actions_csv"),
    path("committees/<slug:slug>/actions/", action_views.actions, name="committee_actions"),
    path("committees/<slug:slug>/actions.csv", action_views.actions_csv, name="committee_actions_csv"),
    path("committees/<slug:slug>/feed/", cached_page(CommitteeMeetingsFeed()), name="committee_feed"),
    path("committees/<slug:slug>/feed/atom/", cached_page(CommitteeMeetingsAtomFeed()), name="committee_atom_feed"),
    path("committees/<slug:slug>/meetings.ics", calendars.committee_calendar, name="committee_calendar"),
    path("committees/<slug:slug>/actions/feed/", cached_page(CommitteeActionsFeed()), name="committee_actions_feed"),
    path("committees/<slug:slug>/meetings/<str:date>/", views.meeting_detail, name="meeting"),
    path("committees/<slug:slug>/meetings/<str:date>/<int:day_number>/", views.meeting_detail, name="meeting_of_day"),
    # The printed minutes (PDF, Word) a meeting was imported from.
    path("committees/<slug:slug>/meetings/<str:date>/original/", views.meeting_original, name="meeting_original"),
    path(
        "committees/<slug:slug>/meetings/<str:date>/<int:day_number>/original/",
        views.meeting_original,
        name="meeting_original_of_day",
    ),
    # An item whose number the page lost, by its place in the meeting.
    path("committees/<slug:slug>/meetings/<str:date>/items/<int:order>/", views.meeting_item, name="meeting_item"),
    path(
        "committees/<slug:slug>/meetings/<str:date>/<int:day_number>/items/<int:order>/",
        views.meeting_item,
        name="meeting_item_of_day",
    ),
    path("committees/<slug:slug>/minutes/<int:year>/<int:number>/", views.minute_detail, name="minute"),
    path("minutes/<int:number>/<int:yy>/", views.minute_lookup, name="minute_lookup"),
    # Open data: the page that explains it, and downloads as <what>.csv.zip or <what>.json.
    path("data/", opendata.open_data, name="open_data"),
    path("data/all.<str:format>", opendata.download_all, name="download_all"),
    path("data/committees/<slug:slug>.<str:format>", opendata.download_committee, name="download_committee"),
    re_path(
        r"^data/committees/(?P<slug>[-\w]+)/(?P<year>\d{4})-(?P<next_year>\d{2})\.(?P<format>[.\w]+)$",
        opendata.download_committee_year,
        name="download_committee_year",
    ),
    re_path(
        r"^data/years/(?P<year>\d{4})-(?P<next_year>\d{2})\.(?P<format>[.\w]+)$",
        opendata.download_year,
        name="download_year",
    ),
    path("sitemap.xml", cached_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
