from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "meetings.alerts"
    label = "alerts"
    verbose_name = "Email alerts"
