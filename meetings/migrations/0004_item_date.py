"""Item.date: the meeting's date on each item, so that search reads minutes newest first from one
index; and an index for searches narrowed to a municipal year.

On SQLite, making the column NOT NULL rebuilds meetings_item, which drops the triggers that keep
the full-text table current; they are dropped first (so that filling the column does not
re-index every item) and made again at the end. The update trigger now fires only when indexed
text changes.
"""

from django.db import migrations, models

DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS meetings_item_fts_insert",
    "DROP TRIGGER IF EXISTS meetings_item_fts_delete",
    "DROP TRIGGER IF EXISTS meetings_item_fts_update",
]
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
# The 0002 triggers, for going back.
CREATE_0002_TRIGGERS = [
    CREATE_TRIGGERS[0],
    CREATE_TRIGGERS[1],
    f"""CREATE TRIGGER meetings_item_fts_update AFTER UPDATE ON meetings_item BEGIN
        DELETE FROM meetings_item_fts WHERE rowid = old.id;
        {INDEX_ROW}
    END""",
]
FILL = "UPDATE meetings_item SET date = (SELECT date FROM meetings_meeting WHERE meetings_meeting.id = meeting_id)"


def on_sqlite(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_meeting_day_number"),
    ]

    operations = [
        migrations.RunPython(on_sqlite(DROP_TRIGGERS), on_sqlite(CREATE_0002_TRIGGERS)),
        migrations.AddField(
            model_name="item",
            name="date",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="item",
            name="date",
            field=models.DateField(editable=False),
        ),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(fields=["-date", "meeting_id", "order"], name="item_newest_first"),
        ),
        migrations.AddIndex(
            model_name="item",
            index=models.Index(fields=["municipal_year", "committee"], name="item_year"),
        ),
        migrations.RunPython(on_sqlite(CREATE_TRIGGERS), on_sqlite(DROP_TRIGGERS)),
    ]
