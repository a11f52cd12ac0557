"""The "Get email alerts" form: an address and a frequency, and what it follows (hidden fields)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from meetings.models import Action, Committee
from meetings.people.models import Person
from meetings.recommendations.models import Recommendation

from .models import Alert

# The search filters an alert keeps, as the search page's query string names them.
SEARCH_FILTERS = ("committee", "year", "has_resolutions", "has_outstanding_actions")


class AlertForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    frequency = forms.ChoiceField(
        label="How often", choices=Alert.FREQUENCIES, initial=Alert.IMMEDIATE, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(choices=Alert.KINDS, widget=forms.HiddenInput)
    q = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    committee = forms.SlugField(required=False, max_length=255, widget=forms.HiddenInput)
    councillor = forms.SlugField(required=False, max_length=255, widget=forms.HiddenInput)
    filters = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    action = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    recommendation = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Alert.SEARCH and not (data.get("q") or "").strip():
            raise forms.ValidationError("Search for some words first.")
        chosen = QueryDict(data.get("filters") or "")
        data["search_filters"] = {name: chosen[name] for name in SEARCH_FILTERS if chosen.get(name)}
        if data.get("kind") in Alert.FOLLOWING_A_STATUS:
            model = Action if data["kind"] == Alert.ACTION else Recommendation
            data["record"] = model.objects.for_listing().filter(pk=data.get(data["kind"])).first()
            if data["record"] is None:
                raise forms.ValidationError(f"No such {data['kind']} is published here.")
        if data.get("kind") == Alert.COMMITTEE:
            data["committee_object"] = Committee.objects.filter(slug=data.get("committee")).first()
            if data["committee_object"] is None:
                raise forms.ValidationError("No such committee is published here.")
        if data.get("kind") == Alert.COUNCILLOR:
            data["person_object"] = Person.objects.filter(slug=data.get("councillor")).first()
            if data["person_object"] is None:
                raise forms.ValidationError("No such councillor is named in the minutes here.")
        return data
