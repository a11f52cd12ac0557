from django.apps import AppConfig


class RevisionsConfig(AppConfig):
    name = "meetings.revisions"
    label = "revisions"
    verbose_name = "Revisions of minutes"
