from django.urls import path

from meetings.pagecache import cached_page

from . import views

urlpatterns = [
    path("committees/<slug:slug>/meetings/<str:date>/revisions/", views.meeting_revisions, name="meeting_revisions"),
    path(
        "committees/<slug:slug>/meetings/<str:date>/<int:day_number>/revisions/",
        views.meeting_revisions,
        name="meeting_revisions_of_day",
    ),
    path(
        "committees/<slug:slug>/revisions/feed/",
        cached_page(views.CommitteeRevisionsFeed()),
        name="committee_revisions_feed",
    ),
]
