from django.contrib import admin
from django.urls import include, path, re_path

from meetings.api import api, not_found
from meetings.people import api as people_api  # noqa: F401  (registers the councillors' operations)
from meetings.recommendations import api as recommendations_api  # noqa: F401  (and the recommendations')
from meetings.revisions import api as revisions_api  # noqa: F401  (and the revisions')

handler500 = "meetings.api.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<path>.*)$", not_found),
    path("", include("meetings.staff.urls")),
    path("", include("meetings.people.urls")),
    path("", include("meetings.recommendations.urls")),
    path("", include("meetings.revisions.urls")),
    path("", include("meetings.alerts.urls")),
    # An email provider's reports of bounces and complaints (django-anymail; meetings/alerts/bounces.py).
    path("anymail/", include("anymail.urls")),
    path("", include("meetings.urls")),
]
