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
    readonly_fields = ["source", "source_hash", "parser_version", "imported_at", "warnings"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["minute", "title", "meeting"]
    list_select_related = ["meeting__committee"]
    search_fields = ["title", "minutes_text"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    """Staff set an action's status here; re-importing the minutes keeps it."""

    list_display = ["text", "kind", "due_month", "status", "item"]
    list_filter = ["status", "kind"]
    list_editable = ["status"]
    list_select_related = ["item__meeting__committee"]
    readonly_fields = ["item", "resolution", "kind", "text", "due_month", "order"]
