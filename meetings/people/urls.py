from django.urls import path, re_path

from . import views

urlpatterns = [
    path("councillors/", views.councillors, name="councillors"),
    path("councillors/<slug:slug>/", views.councillor, name="councillor"),
    re_path(
        r"^committees/(?P<slug>[-\w]+)/(?P<year>\d{4})-(?P<next_year>\d{2})/attendance/$",
        views.attendance_report,
        name="attendance_report",
    ),
    re_path(
        r"^committees/(?P<slug>[-\w]+)/(?P<year>\d{4})-(?P<next_year>\d{2})/attendance\.csv$",
        views.attendance_report_csv,
        name="attendance_report_csv",
    ),
]
