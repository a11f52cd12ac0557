"""Item.has_outstanding_actions: whether any of the item's actions is outstanding, kept on the
item so that search can narrow its matches to such items within its index.

"air quality" with "has outstanding actions" on a national site (1M items) matched 31,934 items
by its words, and each had its actions looked up before the 9,856 left could be counted and
ranked, twice a search (226-246 ms). PostgreSQL now keeps a second full-text index holding only
the items with an outstanding action, which answers the words and the filter together; SQLite
counts them by committee and year from a partial index of such items.

On SQLite, adding a NOT NULL column rebuilds meetings_item, so the full-text triggers are dropped
and made again (meetings/fts.py).
"""

from django.db import migrations, models

from meetings.fts import sqlite_rebuild

FILL = """UPDATE meetings_item SET has_outstanding_actions = true
    WHERE id IN (SELECT item_id FROM meetings_action WHERE status = 'outstanding')"""
POSTGRES_INDEX = """CREATE INDEX meetings_item_outstanding_search ON meetings_item USING gin (search_vector)
    WHERE has_outstanding_actions"""


def on_postgresql(statement: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0018_former_slugs"),
    ]

    operations = sqlite_rebuild(
        migrations.AddField(
            model_name="item",
            name="has_outstanding_actions",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                condition=models.Q(has_outstanding_actions=True),
                fields=["committee", "municipal_year"],
                name="item_outstanding",
            ),
        ),
        migrations.RunPython(
            on_postgresql(POSTGRES_INDEX),
            on_postgresql("DROP INDEX IF EXISTS meetings_item_outstanding_search"),
        ),
    )
