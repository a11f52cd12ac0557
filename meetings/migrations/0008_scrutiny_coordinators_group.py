"""The "Scrutiny co-ordinators" group: exactly what the staff pages need -- to record decisions
about actions (view, add and change action reviews) and to import minutes files. Add a person to
it in the admin (or `python manage.py shell`) to let them sign in and use /staff/."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Scrutiny co-ordinators"
PERMISSIONS = [
    ("meetings", "actionreview", "view_actionreview"),
    ("meetings", "actionreview", "add_actionreview"),
    ("meetings", "actionreview", "change_actionreview"),
    ("meetings", "meeting", "import_minutes"),
]


def create_group(apps, schema_editor):
    # Permissions are made after migrations run; make this app's now so the group can hold them.
    # (A migration's app config is a stub that says it has no models; it has.)
    config = apps.get_app_config("meetings")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, content_type__model=model, codename=codename)
        for app, model, codename in PERMISSIONS
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_action_tracking"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
