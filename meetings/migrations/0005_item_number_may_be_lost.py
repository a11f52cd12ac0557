"""An item whose number the page lost has none (it is known by its place in its meeting).

On SQLite this rebuilds meetings_item, so the full-text triggers are dropped and made again.
"""

from django.db import migrations, models

from meetings.fts import sqlite_rebuild


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_item_date"),
    ]

    operations = sqlite_rebuild(
        migrations.AlterField(
            model_name="item",
            name="minute_number",
            field=models.PositiveIntegerField(
                blank=True, help_text="The number references use: 79 for item 79 or 79a.", null=True
            ),
        ),
        migrations.AlterField(
            model_name="item",
            name="number",
            field=models.CharField(blank=True, help_text='As printed: "79", "3a", "77/21"; blank if lost.', max_length=20),
        ),
    )
