"""The "Scrutiny co-ordinators" group (meetings 0008) may also record decisions about recommendations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Scrutiny co-ordinators"
CODENAMES = ["view_recommendationreview", "add_recommendationreview", "change_recommendationreview"]


def grant(apps, schema_editor):
    # Permissions are made after migrations run; make this app's now so the group can hold them.
    config = apps.get_app_config("recommendations")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="recommendations", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="recommendations"))


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0001_initial"),
        ("meetings", "0008_scrutiny_coordinators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
