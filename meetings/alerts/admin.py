from django.contrib import admin

from .models import Alert, Outbox


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Counts of what is followed, never addresses: the admin lists no subscriber's email."""

    list_display = ["kind", "frequency", "created_at", "last_sent_at"]
    list_filter = ["kind", "frequency"]
    fields = ["kind", "frequency", "query", "filters", "committee", "created_at", "last_sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "attempts", "last_error"]
    fields = ["subject", "created_at", "attempts", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False
