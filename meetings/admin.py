from django.contrib import admin

from .models import Action, Committee, Item, Meeting


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "date", "start_time", "source", "imported_at"]
    list_filter = ["committee"]
    date_hierarchy = "date"
    # What the import decides, and its items copy, changes only by importing the document again.
    readonly_fields = [
        "committee", "date", "start_time", "municipal_year",
        "source", "source_hash", "parser_version", "imported_at", "warnings",
    ]  # fmt: skip


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Read-only: a minute changes by importing its document again (which would undo an edit
    here), and the search index follows the import."""

    list_display = ["minute", "title", "meeting"]
    list_select_related = ["meeting__committee"]
    search_fields = ["title", "minutes_text"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    """Staff set an action's status here; re-importing the minutes keeps it."""

    list_display = ["text", "kind", "due_month", "status", "item"]
    list_filter = ["status", "kind"]
    list_editable = ["status"]
    list_select_related = ["item__meeting__committee"]
    readonly_fields = ["item", "resolution", "kind", "text", "due_month", "order"]
