from django.db import migrations, models
from django.utils.text import slugify


def a_council_for_each_site(apps, schema_editor):
    """Each site followed so far gets the council it names, and its committees with it."""
    Council = apps.get_model("meetings", "Council")
    Source = apps.get_model("meetings", "Source")
    Committee = apps.get_model("meetings", "Committee")
    for source in Source.objects.order_by("pk"):
        council = Council.objects.filter(name=source.name).first()
        if council is None:
            base = slugify(source.name)[:240] or "council"
            slug, number = base, 1
            while Council.objects.filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            council = Council.objects.create(name=source.name, slug=slug)
        Source.objects.filter(pk=source.pk).update(council=council)
        Committee.objects.filter(source=source).update(council=council)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0016_meeting_uid"),
    ]

    operations = [
        migrations.RenameField(model_name="committee", old_name="council", new_name="council_label"),
        migrations.CreateModel(
            name="Council",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text='"Coventry City Council".', max_length=255, unique=True)),
                ("slug", models.SlugField(max_length=255, unique=True)),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("county", "County council"),
                            ("district", "District council"),
                            ("unitary", "Unitary authority"),
                            ("metropolitan", "Metropolitan borough"),
                            ("london_borough", "London borough"),
                            ("welsh", "Welsh principal council"),
                            ("scottish", "Scottish council"),
                            ("northern_irish", "Northern Irish district council"),
                        ],
                        help_text="Blank where not yet said.",
                        max_length=20,
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.AddField(
            model_name="committee",
            name="council",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=models.deletion.PROTECT, related_name="committees", to="meetings.council"
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="council",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=models.deletion.PROTECT, related_name="sources", to="meetings.council"
            ),
        ),
        migrations.RunPython(a_council_for_each_site, migrations.RunPython.noop),
    ]
