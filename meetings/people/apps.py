from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "meetings.people"
    label = "people"
    verbose_name = "Councillors"
