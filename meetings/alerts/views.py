"""Signing up for an alert, confirming it, seeing and stopping them.

Every answer to the sign-up form is the same ("check your email"), whether or not the address
already follows anything: it never reveals who follows what. The links in the emails are signed
(tokens.py); stopping an alert answers a one-click POST from a mail program (RFC 8058) as well as
the button on its page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from meetings import ratelimit
from meetings.models import Action, Committee, Item
from meetings.people.models import Person
from meetings.recommendations.models import Recommendation

from . import tokens
from .forms import AlertForm
from .models import Alert, Subscriber
from .sending import shown_status


def new(request: HttpRequest) -> HttpResponse:
    """/alerts/new/?kind=search&q=...: the sign-up form for what the link names (a page of its own,
    never cached, so that its CSRF token is the visitor's own)."""
    form = AlertForm(initial={"frequency": Alert.IMMEDIATE, **request.GET.dict()})
    kind = request.GET.get("kind")
    committee = Committee.objects.filter(slug=request.GET.get("committee", "")).first()
    person = Person.objects.filter(slug=request.GET.get("councillor", "")).first()
    number = request.GET.get(kind or "", "")
    action = Action.objects.filter(pk=number).first() if kind == Alert.ACTION and number.isdigit() else None
    recommendation = (
        Recommendation.objects.filter(pk=number).first() if kind == Alert.RECOMMENDATION and number.isdigit() else None
    )
    if kind == Alert.COMMITTEE and committee is not None:
        following = f"new minutes of the {committee.display_name}"
    elif kind == Alert.COUNCILLOR and person is not None:
        following = f"{person.display_name}’s declarations of interest, votes and motions in new minutes"
    elif action is not None:
        following = f"news of the action “{action.subject}”: when it is followed up, closed or falls overdue"
    elif recommendation is not None:
        following = f"the answer to the recommendation “{recommendation.text[:120]}”, or word that it is overdue"
    elif kind == Alert.SEARCH and request.GET.get("q", "").strip():
        following = f"minutes matching “{request.GET['q'].strip()[:300]}”"
    else:
        raise Http404("Choose a search or a committee to follow first.")
    return render(request, "alerts/new.html", {"form": form, "following": following})


@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    """/alerts/ (POST): an address and what it wants to follow."""
    form = AlertForm(request.POST)
    if not form.is_valid():
        return render(request, "alerts/form_errors.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    if _too_many(request, email):
        return render(request, "alerts/too_many.html", status=429)
    _sign_up(email, form.cleaned_data)
    return render(request, "alerts/check_email.html", {"email": email})


def _too_many(request: HttpRequest, email: str) -> bool:
    """More than ALERT_SIGNUPS_PER_HOUR sign-ups this hour from this address or this client (the
    client known as the API's rate limit knows it: behind NUM_PROXIES proxies, by the address
    the nearest proxy put in X-Forwarded-For)."""
    client = ratelimit.client_of(request)
    counts = [ratelimit.count(f"alerts-signup:{who}", 3600)[0] for who in (f"email:{email}", f"client:{client}")]
    return max(counts) > settings.ALERT_SIGNUPS_PER_HOUR  # both counted, even where the first is over


@transaction.atomic
def _sign_up(email: str, data: dict) -> None:
    subscriber, _created = Subscriber.objects.get_or_create(email=email)
    if subscriber.stopped_at:  # it bounced or complained: it must confirm again before anything is sent
        subscriber.confirmed_at = None
        subscriber.save(update_fields=["confirmed_at"])
    kind = data["kind"]
    committee = data.get("committee_object") if kind == Alert.COMMITTEE else None
    person = data.get("person_object") if kind == Alert.COUNCILLOR else None
    query = (data.get("q") or "").strip() if kind == Alert.SEARCH else ""
    filters = data["search_filters"] if kind == Alert.SEARCH else {}
    if kind in Alert.FOLLOWING_A_STATUS:
        record = data["record"]
        query = (record.subject if kind == Alert.ACTION else record.text)[:300]
        filters = {"meeting": record.item.meeting_id, "key": record.key}
    key = Alert.key_for(kind, query, filters, committee.pk if committee else None, person.pk if person else None)
    if kind in Alert.FOLLOWING_A_STATUS:  # what it was when followed: only a change is news
        filters["status"] = shown_status(record, timezone.localdate())
    existing = subscriber.alerts.filter(key=key).first()
    if existing is not None and subscriber.confirmed_at:
        context = {"alert": existing, "manage_url": tokens.link(tokens.MANAGE, subscriber.pk)}
        _mail(email, "You already follow this", "alerts/email/already.txt", context)
        return
    if existing is None:
        newest = Item.objects.aggregate(newest=Max("pk"))["newest"] or 0
        existing = Alert.objects.create(
            subscriber=subscriber, kind=kind, query=query, filters=filters, committee=committee, person=person,
            frequency=data["frequency"], key=key, mark=newest,
        )  # fmt: skip
    if subscriber.confirmed_at:
        context = {"alert": existing, "manage_url": tokens.link(tokens.MANAGE, subscriber.pk)}
        _mail(email, "Your new Minutebook alert", "alerts/email/added.txt", context)
    else:
        context = {
            "alert": existing,
            "confirm_url": tokens.link(tokens.CONFIRM, subscriber.pk),
            "days": settings.ALERT_CONFIRM_DAYS,
        }
        _mail(email, "Confirm your Minutebook alert", "alerts/email/confirm.txt", context)


def _mail(email: str, subject: str, template: str, context: dict) -> None:
    transaction.on_commit(lambda: send_mail(subject, render_to_string(template, context), None, [email]))


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """/alerts/confirm/<token>/: a button (a mail program's preview of the link confirms nothing)."""
    subscriber = _subscriber(tokens.read(tokens.CONFIRM, token))
    if request.method == "POST":
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at, subscriber.stopped_at = timezone.now(), None
            subscriber.save(update_fields=["confirmed_at", "stopped_at"])
        return render(request, "alerts/confirmed.html", {"manage_url": tokens.link(tokens.MANAGE, subscriber.pk)})
    return render(request, "alerts/confirm.html", {"alerts": subscriber.alerts.select_related("committee", "person")})


def manage(request: HttpRequest, token: str) -> HttpResponse:
    """/alerts/manage/<token>/: every alert the address has, each to change or stop."""
    subscriber = _subscriber(tokens.read(tokens.MANAGE, token))
    if request.method == "POST":
        alert = subscriber.alerts.filter(pk=request.POST.get("alert")).first()
        frequency = request.POST.get("frequency")
        if alert is not None and request.POST.get("stop"):
            alert.delete()
        elif alert is not None and frequency in dict(Alert.FREQUENCIES):
            alert.frequency = frequency
            alert.save(update_fields=["frequency"])
    alerts = list(subscriber.alerts.select_related("committee", "person").order_by("pk"))
    return render(request, "alerts/manage.html", {"alerts": alerts, "frequencies": Alert.FREQUENCIES})


@csrf_exempt  # a mail program's one-click unsubscribe (RFC 8058) has no form to carry a token: the link is signed
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """/alerts/stop/<token>/: stop one alert (GET shows the button; POST stops it). An address that
    then follows nothing is deleted."""
    pk = tokens.read(tokens.STOP, token)
    if pk is None:
        raise Http404("This link is not valid.")
    alert = Alert.objects.filter(pk=pk).select_related("subscriber", "committee", "person").first()
    if request.method == "POST":
        if alert is not None:
            subscriber = alert.subscriber
            alert.delete()
            if not subscriber.alerts.exists():
                subscriber.delete()
        return render(request, "alerts/stopped.html")
    if alert is None:
        return render(request, "alerts/stopped.html")
    return render(request, "alerts/stop.html", {"alert": alert})


def _subscriber(pk: int | None) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk is not None else None
    if subscriber is None:
        raise Http404("This link is not valid, or has expired.")
    return subscriber
