from django.contrib import admin

from .models import Revision


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Every revision recorded, the council's and the importer's own new readings of the same
    documents ("by council" off), which readers are never shown: for staff to check a new importer."""

    list_display = ["__str__", "by_council", "items_added", "items_removed", "items_changed", "was_draft", "is_draft"]
    list_filter = ["by_council", "recorded_at"]
    raw_id_fields = ["meeting"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
