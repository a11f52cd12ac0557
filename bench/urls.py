from django.http import HttpResponse
from django.urls import include, path


def constant(request):
    return HttpResponse("A constant response: no database, no template.\n", content_type="text/plain")


urlpatterns = [
    path("bench/constant/", constant),
    path("", include("minutes_site.urls")),
]
