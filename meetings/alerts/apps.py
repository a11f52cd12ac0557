from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "meetings.alerts"
    label = "alerts"
    verbose_name = "Email alerts"

    def ready(self) -> None:
        from . import bounces  # noqa: F401  (connects the provider's bounce reports)
