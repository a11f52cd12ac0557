"""Staff pages: a decision about an action (and its history), and importing minutes files.

Each needs a signed-in user with the "Scrutiny co-ordinators" group's permission: a visitor is
sent to sign in, a signed-in user without it is refused (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from importers.records import ImportFailed
from meetings.importing import import_bytes
from meetings.models import Action, ActionReview
from meetings.tracking import linked_item, record_decision, status_label

from .forms import DecisionForm, UploadForm, too_large


def staff_only(permission: str):
    """Sign in first; then the permission, or 403."""

    def decorate(view):
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@dataclass(frozen=True, slots=True)
class Change:
    """One line of an action's history, as a person reads it."""

    when: object
    who: str
    status: str  # "Outstanding → Done", or the status where it did not change
    note: str


@staff_only("meetings.change_actionreview")
def action_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """/staff/actions/<pk>/: mark an action done, dropped or outstanding, with a note, or link the
    later item that took it up; every change is kept and listed."""
    action = get_object_or_404(Action.objects.for_listing(), pk=pk)
    review = ActionReview.objects.filter(meeting_id=action.item.meeting_id, key=action.key).first()
    if request.method == "POST":
        form = DecisionForm(request.POST, action=action)
        if form.is_valid():
            record_decision(
                action,
                user=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                follow_up=form.cleaned_data["follow_up"],
            )
            messages.success(request, "Decision saved.")
            return redirect("staff_action", pk=action.pk)
    else:
        initial = {"status": review.status, "note": review.note, "follow_up": linked_item(review)} if review else {}
        form = DecisionForm(initial=initial, action=action)
    action.shown_status = status_label(action, action.status, timezone.localdate())
    context = {"action": action, "form": form, "history": history_of(review, ActionReview.Decision)}
    return render(request, "staff/action.html", context)


def history_of(review, decisions: type[models.TextChoices]) -> list[Change]:
    """Every change staff made to `review` (an action's or a recommendation's, whose statuses are
    `decisions`), newest first: who, when, the status before and after, the note."""
    if review is None:
        return []
    records = list(review.history.select_related("history_user").order_by("history_date", "history_id"))
    changes = []
    before = ""
    for record in records:
        after = record.status
        names = [decisions(each).label if each else "No decision" for each in (before, after)]
        status = f"{names[0]} → {names[1]}" if before != after and record.history_type != "+" else names[1]
        who = record.history_user.get_username() if record.history_user else "(not recorded)"
        changes.append(Change(record.history_date, who, status, record.note))
        before = after
    return changes[::-1]


@dataclass(frozen=True, slots=True)
class Imported:
    name: str
    outcome: str  # "imported", "replaced", "unchanged" or "failed"
    detail: str  # the meeting, or why it failed


@staff_only("meetings.import_minutes")
def import_minutes(request: HttpRequest) -> HttpResponse:
    """/staff/import/: import uploaded minutes files through the same importer as the command.

    Each file is read in memory (a file over the limit is refused unread) and imported in its own
    transaction: one that fails saves nothing, and the others are still imported."""
    results: list[Imported] = []
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["files"]:
            results.append(_import_one(upload))
    return render(request, "staff/import.html", {"form": form, "results": results})


def _import_one(upload) -> Imported:
    reason = too_large(upload.size)
    if reason:
        return Imported(upload.name, "failed", reason)
    try:
        result = import_bytes(upload.read(), upload.name)
    except ImportFailed as failure:
        return Imported(upload.name, "failed", f"line {failure.line}: {failure.reason}")
    meeting = result.meeting
    return Imported(upload.name, result.outcome, f"{meeting.committee.display_name}, {meeting.date:%-d %B %Y}")
