"""The SQLite full-text triggers on meetings_item, for migrations that rebuild that table.

On SQLite, Django alters a column by building a new table and dropping the old one, and the
triggers that keep meetings_item_fts current go with it. A migration that alters Item wraps its
operations in `sqlite_rebuild(...)`: the triggers are dropped first and made again at the end.
"""

from __future__ import annotations

from django.db import migrations

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


def _on_sqlite(statements: list[str]):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


def sqlite_rebuild(*operations) -> list:
    """`operations` between dropping and remaking the triggers (on SQLite; elsewhere as they are)."""
    return [
        migrations.RunPython(_on_sqlite(DROP_TRIGGERS), _on_sqlite(CREATE_TRIGGERS)),
        *operations,
        migrations.RunPython(_on_sqlite(CREATE_TRIGGERS), _on_sqlite(DROP_TRIGGERS)),
    ]
