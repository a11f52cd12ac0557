from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee"),
    path("committees/<slug:slug>/meetings/<str:date>/", views.meeting_detail, name="meeting"),
    path("committees/<slug:slug>/minutes/<int:year>/<int:number>/", views.minute_detail, name="minute"),
]
