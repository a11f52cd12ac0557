from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/actions/<int:pk>/", views.action_decision, name="staff_action"),
    path("staff/import/", views.import_minutes, name="staff_import"),
]
