from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "meetings.recommendations"
    label = "recommendations"
    verbose_name = "Recommendations"
