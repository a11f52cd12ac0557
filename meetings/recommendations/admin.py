from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Recommendation, RecommendationReview


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    """Recommendations as read from the minutes: a co-ordinator's decision is made on the site's own
    decision page (linked from each), which keeps its history."""

    list_display = ["__str__", "addressee", "status", "outcome"]
    list_filter = ["status", "addressee_kind"]
    search_fields = ["text", "addressee"]
    raw_id_fields = ["item", "resolution", "response", "addressed_to"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RecommendationReview)
class RecommendationReviewAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "updated_by", "updated_at"]
    raw_id_fields = ["meeting", "response_meeting"]
