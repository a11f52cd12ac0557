from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .addresses import move
from .models import Action, ActionReview, Committee, Council, FormerSlug, Item, Meeting, Source, SourceDocument
from .pagecache import site_changed
from .tracking import update_actions


class ShownOnPages:
    """An admin for records the reading pages show: an edit or deletion retires the cached pages
    (in the admin's own transaction)."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        site_changed()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        site_changed()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        site_changed()


@admin.register(Council)
class CouncilAdmin(ShownOnPages, admin.ModelAdmin):
    """A council: its name and kind (its sites and committees name it)."""

    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """A council's ModernGov or CMIS site: `crawl_moderngov --all` crawls every active one."""

    list_display = ["name", "council", "url", "system", "is_active", "last_crawl_finished"]
    list_filter = ["system", "is_active"]
    readonly_fields = ["last_crawl_started", "last_crawl_finished", "last_crawl_counts"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # a council's site typed without it


class FormerSlugInline(admin.TabularInline):
    """Addresses the committee had: each redirects to its address now (meetings/addresses.py)."""

    model = FormerSlug
    fields = ["slug", "moved_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class CommitteeForm(forms.ModelForm):
    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if FormerSlug.objects.filter(slug=slug).exclude(committee=self.instance.pk).exists():
            raise forms.ValidationError("Another committee was published at this address, and it still leads there.")
        return slug


@admin.register(Committee)
class CommitteeAdmin(ShownOnPages, admin.ModelAdmin):
    form = CommitteeForm
    list_display = ["name", "slug", "council", "source", "source_committee_id"]
    list_filter = ["council", "source"]
    search_fields = ["name"]
    readonly_fields = ["source", "source_committee_id", "former_names"]
    inlines = [FormerSlugInline]

    def save_model(self, request, obj, form, change) -> None:
        """A new slug keeps the old address working (a permanent redirect)."""
        if change and "slug" in form.changed_data:
            move(obj, obj.slug, old=form.initial["slug"])
        super().save_model(request, obj, form, change)


class SourceDocumentInline(admin.TabularInline):
    """The documents the meeting was read from, every version (read-only)."""

    model = SourceDocument
    fields = ["role", "name", "content_type", "size", "fetched_at", "overrides"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(ShownOnPages, admin.ModelAdmin):
    list_display = ["committee", "date", "start_time", "source", "imported_at"]
    list_filter = ["committee"]
    date_hierarchy = "date"
    # What the import decides, and its items copy, changes only by importing the document again.
    readonly_fields = [
        "committee", "date", "start_time", "kind", "municipal_year", "source", "source_meeting_id",
        "source_hash", "parser_version", "imported_at", "warnings",
    ]  # fmt: skip
    inlines = [SourceDocumentInline]


@admin.register(Item)
class ItemAdmin(ShownOnPages, admin.ModelAdmin):
    """Read-only: a minute changes by importing its document again (which would undo an edit
    here), and the search index follows the import."""

    list_display = ["minute", "title", "meeting"]
    list_select_related = ["meeting__committee"]
    search_fields = ["title", "minutes_text"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(ShownOnPages, admin.ModelAdmin):
    """Read-only: an action is what the minutes say, its status what follows from them and from
    staff decisions (Action reviews, or the staff action page)."""

    list_display = ["text", "kind", "due_month", "status", "item"]
    list_filter = ["status", "kind"]
    list_select_related = ["item__meeting__committee"]
    search_fields = ["text"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ActionReview)
class ActionReviewAdmin(ShownOnPages, SimpleHistoryAdmin):
    """Staff decisions about actions, with every change kept (History)."""

    list_display = ["meeting", "status", "note", "updated_by", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["meeting__committee", "updated_by"]
    readonly_fields = ["meeting", "key", "updated_by"]

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        update_actions(obj.meeting.committee)
