from django.urls import path

from . import views

urlpatterns = [
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations.csv", views.recommendations_csv, name="recommendations_csv"),
    path("committees/<slug:slug>/recommendations/", views.recommendations, name="committee_recommendations"),
    path("committees/<slug:slug>/recommendations.csv", views.recommendations_csv, name="committee_recommendations_csv"),
    path("staff/recommendations/<int:pk>/", views.decision, name="staff_recommendation"),
]
