"""A co-ordinator's decision about a recommendation."""

from __future__ import annotations

from django import forms

from meetings.models import Item
from meetings.staff.forms import FollowUpChoice, nearest

from .models import Recommendation, RecommendationReview


class DecisionForm(forms.Form):
    """What the co-ordinator leaves blank, the minutes decide."""

    status = forms.ChoiceField(
        label="Decision",
        choices=[("", "No decision: the minutes decide"), *RecommendationReview.Decision.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    response = FollowUpChoice(
        label="The later item that answered it",
        queryset=Item.objects.none(),
        required=False,
        empty_label="None linked by hand",
        help_text="Where no later minute refers to this one, but a later item answered it.",
        widget=forms.Select(attrs={"aria-describedby": "response-hint"}),
    )

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        # The later items of the body it is addressed to (of every committee, where that is not
        # known), the nearest 300 first.
        later = Item.objects.filter(date__gt=recommendation.item.date).exclude(committee=recommendation.item.committee)
        if recommendation.addressed_to_id:
            later = later.filter(committee_id=recommendation.addressed_to_id)
        self.fields["response"].queryset = nearest(later)
