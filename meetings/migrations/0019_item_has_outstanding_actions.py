"""Item.has_outstanding_actions: whether any of the item's actions is outstanding, kept on the
item so that search can narrow its matches to such items within its index.

"air quality" with "has outstanding actions" on a national site (1M items) matched 31,934 items
by its words, and each had its actions looked up before the 9,856 left could be counted and
ranked, twice a search (226-246 ms). PostgreSQL now keeps a second full-text index holding only
the items with an outstanding action, which answers the words and the filter together; SQLite
counts them by committee and year from a partial index of such items.

On SQLite, adding a NOT NULL column rebuilds meetings_item, which drops the triggers that keep
the full-text table current (as in 0004): they are dropped first and made again at the end.
"""

from django.db import migrations, models

TRIGGERS = ["meetings_item_fts_insert", "meetings_item_fts_delete", "meetings_item_fts_update"]
INDEX_ROW = """INSERT INTO meetings_item_fts (rowid, title, resolutions, body)
        VALUES (new.id, new.title, new.resolutions_text, new.agenda_text || char(10) || new.minutes_text);"""
CREATE_TRIGGERS = [
    f"CREATE TRIGGER meetings_item_fts_insert AFTER INSERT ON meetings_item BEGIN {INDEX_ROW} END",
    """CREATE TRIGGER meetings_item_fts_delete AFTER DELETE ON meetings_item BEGIN
        DELETE FROM meetings_item_fts WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER meetings_item_fts_update
        AFTER UPDATE OF title, resolutions_text, agenda_text, minutes_text ON meetings_item BEGIN
        DELETE FROM meetings_item_fts WHERE rowid = old.id;
        {INDEX_ROW}
    END""",
]
DROP_TRIGGERS = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]
FILL = """UPDATE meetings_item SET has_outstanding_actions = true
    WHERE id IN (SELECT item_id FROM meetings_action WHERE status = 'outstanding')"""
POSTGRES_INDEX = """CREATE INDEX meetings_item_outstanding_search ON meetings_item USING gin (search_vector)
    WHERE has_outstanding_actions"""


def on(vendor, statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0018_former_slugs"),
    ]

    operations = [
        migrations.RunPython(on("sqlite", DROP_TRIGGERS), on("sqlite", CREATE_TRIGGERS)),
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
            on("postgresql", [POSTGRES_INDEX]),
            on("postgresql", ["DROP INDEX IF EXISTS meetings_item_outstanding_search"]),
        ),
        migrations.RunPython(on("sqlite", CREATE_TRIGGERS), on("sqlite", DROP_TRIGGERS)),
    ]
