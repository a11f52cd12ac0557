from django.urls import path

from . import views

urlpatterns = [
    path("alerts/", views.subscribe, name="alerts_subscribe"),
    path("alerts/new/", views.new, name="alerts_new"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts_confirm"),
    path("alerts/manage/<str:token>/", views.manage, name="alerts_manage"),
    path("alerts/stop/<str:token>/", views.stop, name="alerts_stop"),
]
