"""Forms for the staff pages: a decision about an action, and minutes files to import."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from meetings.models import Action, ActionReview, Item


class FollowUpChoice(forms.ModelChoiceField):
    def label_from_instance(self, item: Item) -> str:
        return f"{item.date:%d %b %Y}: {item.label}, {item.title}"


class DecisionForm(forms.Form):
    """Staff's decision about an action. What they leave blank, the minutes decide."""

    status = forms.ChoiceField(
        label="Decision",
        choices=[("", "No decision: the minutes decide"), *ActionReview.Decision.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = FollowUpChoice(
        label="The later item that took it up",
        queryset=Item.objects.none(),
        required=False,
        empty_label="None linked by hand",
        help_text="Where no later minute refers to this one, but a later item dealt with it.",
        widget=forms.Select(attrs={"aria-describedby": "follow-up-hint"}),
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        # The committee's items from later meetings, the nearest first.
        later = Item.objects.filter(committee_id=action.item.committee_id, date__gt=action.item.date)
        self.fields["follow_up"].queryset = nearest(later)


def nearest(later: QuerySet) -> QuerySet:
    """The 300 of `later` items nearest in date, in order (a field cannot check a choice against a
    sliced query, so the slice picks the keys)."""
    keys = list(later.order_by("date", "order").values_list("pk", flat=True)[:300])
    return Item.objects.filter(pk__in=keys).select_related("meeting", "committee").order_by("date", "order")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation builds it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(each, initial) for each in files]


# What the file chooser offers: saved pages, and minutes printed as PDF or written in Word.
ACCEPTED = ",".join(
    [".txt", ".html", ".htm", ".aspx", ".pdf", ".docx", "text/plain", "text/html", "application/pdf",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
)  # fmt: skip


class UploadForm(forms.Form):
    """Up to UPLOAD_MAX_FILES minutes files, each at most UPLOAD_MAX_BYTES: text, saved web pages, PDF or Word."""

    files = MultipleFileField(
        label="Minutes files",
        help_text=(
            "Agenda and minutes pages saved as text or as web pages, or minutes as PDF or Word (.docx) "
            "documents; up to 20 files, 5 MB each."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPTED, "aria-describedby": "files-hint"}),
    )

    def clean_files(self):
        """The files chosen (each is checked for size as it is read: one too large fails alone)."""
        files = self.cleaned_data["files"]
        if len(files) > settings.UPLOAD_MAX_FILES:
            raise forms.ValidationError(f"Choose at most {settings.UPLOAD_MAX_FILES} files at a time.")
        return files


def too_large(size: int) -> str:
    """Why a file is not read, where it is over the limit; "" otherwise."""
    if size <= settings.UPLOAD_MAX_BYTES:
        return ""
    return f"{filesizeformat(size)} is over the {filesizeformat(settings.UPLOAD_MAX_BYTES)} limit: not read"
