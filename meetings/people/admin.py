from django.contrib import admin, messages
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, Declaration, Person, PersonName
from .staffing import merge_people, move_name


class NameInline(admin.TabularInline):
    model = PersonName
    fields = ["written", "key", "source"]
    readonly_fields = ["written", "key", "source"]
    extra = 0
    can_delete = False
    show_change_link = True  # to move a name to another person (a split)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """Councillors and co-opted members. To merge two records of one person, select both and
    choose the action; to split, open a name below and give it to another person."""

    list_display = ["display_name", "kind", "party", "ward", "source", "meetings"]
    list_filter = ["kind", "source"]
    search_fields = ["name", "names__key"]
    inlines = [NameInline]
    actions = ["merge"]
    readonly_fields = ["surname_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_count=Count("attendance__meeting", distinct=True))

    @admin.display(ordering="meeting_count")
    def meetings(self, person: Person) -> int:
        return person.meeting_count

    @admin.action(description="Merge the selected people into the one named in most meetings")
    def merge(self, request, queryset) -> None:
        chosen = sorted(queryset, key=lambda person: (-person.meeting_count, person.pk))
        if len(chosen) < 2:
            self.message_user(request, "Select two or more people to merge.", messages.WARNING)
            return
        into, others = chosen[0], chosen[1:]
        merge_people(into, others)
        self.message_user(request, f"Merged {len(others)} into {into}.")


@admin.register(PersonName)
class PersonNameAdmin(SimpleHistoryAdmin):
    """A name as the minutes write it, and who it is. Give it to another person to split a record
    that holds two people: their records written with this name move with it."""

    list_display = ["written", "key", "person", "source"]
    search_fields = ["key", "written", "person__name"]
    autocomplete_fields = ["person"]
    readonly_fields = ["key", "written", "source"]

    def save_model(self, request, obj, form, change) -> None:
        if change and "person" in form.changed_data:
            moved = move_name(obj, obj.person)
            self.message_user(request, f"{obj.written} is now {obj.person}; {moved} record(s) moved with the name.")
        else:
            super().save_model(request, obj, form, change)


class UnmatchedFilter(admin.SimpleListFilter):
    title = "matched"
    parameter_name = "matched"

    def lookups(self, request, model_admin):
        return [("no", "Not matched to a person")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(person__isnull=True).exclude(group="officer")
        return queryset


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Names the importer could not match (an ambiguous surname, a name not read) are listed with
    "matched: not matched"; the meeting's import warnings say why."""

    list_display = ["name", "role", "status", "group", "person", "meeting", "source"]
    list_filter = [UnmatchedFilter, "status", "group", "source"]
    search_fields = ["name", "role"]
    list_select_related = ["person", "meeting__committee"]
    raw_id_fields = ["meeting", "person", "substitute_for"]


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "person", "item"]
    list_filter = ["kind"]
    search_fields = ["name", "text"]
    list_select_related = ["person", "item__committee"]
    raw_id_fields = ["item", "person"]
