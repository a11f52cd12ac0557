"""Finding what is new for each alert, queueing its mail with its mark, and sending the queue.

A search alert is the site's own search over the items imported since its mark, never the
whole of the minutes again; a committee alert is that committee's new items; a councillor alert
the new items where the minutes name them declaring an interest, voting, moving or seconding. A minute an alert
has sent before (its meeting imported again) is never sent again.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from meetings.models import NEWEST_FIRST, Action, Item
from meetings.people.models import Declaration, Mover, VoteCast
from meetings.recommendations.models import Recommendation
from meetings.revisions.models import Revision
from meetings.search import add_snippets, highlight, matching, plain
from meetings.search_views import RESULT_FIELDS, find
from meetings.tracking import status_label

from . import tokens
from .models import Alert, Outbox, Sent, Subscriber

logger = logging.getLogger(__name__)

# What a mail shows of a minute, and what names it (nothing more is read: not the search index).
LISTED_FIELDS = [*RESULT_FIELDS, "number", "date", "minutes_text", "meeting__committee_id"]
# RFC 8058: a mail program may stop the alert with one POST to its List-Unsubscribe address.
ONE_CLICK = "List-Unsubscribe=One-Click"
# The most minutes one mail lists and records as sent (the rest are counted, with a link to the site).
MOST_LISTED = 20
DUE_AFTER = {Alert.IMMEDIATE: datetime.timedelta(0), Alert.DAILY: datetime.timedelta(hours=23),
             Alert.WEEKLY: datetime.timedelta(days=6, hours=23)}  # fmt: skip


def minute_key(item: Item) -> str:
    """What stays the same for a minute when its meeting is imported again."""
    if item.minute_number is not None:
        return f"{item.committee.slug}/{item.municipal_year}/{item.minute_number}"
    return f"{item.committee.slug}/{item.date.isoformat()}/#{item.order}"


def new_items(alert: Alert) -> tuple[QuerySet, object]:
    """The items imported since the alert's mark that it follows, newest first, and the search
    (for its snippets), or None for a committee alert."""
    items = Item.objects.select_related("meeting", "committee").filter(pk__gt=alert.mark)
    if alert.kind == Alert.COMMITTEE:
        return items.filter(committee_id=alert.committee_id).only(*LISTED_FIELDS).order_by(*NEWEST_FIRST), None
    if alert.kind == Alert.COUNCILLOR:
        theirs = Q(Exists(Declaration.objects.filter(item=OuterRef("pk"), person_id=alert.person_id)))
        theirs |= Q(Exists(VoteCast.objects.filter(vote__item=OuterRef("pk"), person_id=alert.person_id)))
        theirs |= Q(Exists(Mover.objects.filter(item=OuterRef("pk"), person_id=alert.person_id)))
        return items.filter(theirs).only(*LISTED_FIELDS).order_by(*NEWEST_FIRST), None
    params = QueryDict(mutable=True)
    params.update({"q": alert.query, **alert.filters})
    query, filterset, searched = find(params)
    if not searched:
        return Item.objects.none(), None
    found = matching(filterset.qs.filter(pk__gt=alert.mark), query)
    return found.only(*LISTED_FIELDS).order_by(*NEWEST_FIRST), query


def queue_due(frequency: str | None = None, now: datetime.datetime | None = None) -> int:
    """Queue a mail for every confirmed alert that is due and has new minutes; how many were queued.

    Alerts that follow the same thing from the same mark (the same search, the same committee)
    are matched once and their listing rendered once: only the links to stop and manage differ
    between their mails."""
    now = now or timezone.now()
    alerts = Alert.objects.filter(
        subscriber__confirmed_at__isnull=False, subscriber__stopped_at__isnull=True
    ).select_related("subscriber", "committee", "person")
    if frequency:
        alerts = alerts.filter(frequency=frequency)
    newest = Item.objects.aggregate(newest=Max("pk"))["newest"] or 0
    groups: dict[tuple, list[Alert]] = {}
    for alert in alerts.exclude(kind__in=Alert.FOLLOWING_A_STATUS).filter(mark__lt=newest).order_by("pk"):
        if not (alert.last_sent_at and now - alert.last_sent_at < DUE_AFTER[alert.frequency]):
            groups.setdefault((alert.key, alert.mark), []).append(alert)
    queued = sum(_queue_group(members, newest, now) for members in groups.values())
    for alert in alerts.filter(kind__in=Alert.FOLLOWING_A_STATUS).order_by("pk"):
        if not (alert.last_sent_at and now - alert.last_sent_at < DUE_AFTER[alert.frequency]):
            queued += _queue_status(alert, now)
    return queued


# Alerts queued in one transaction: each alert's mark, the minutes it sends and its mail together.
QUEUE_BATCH = 500


def _queue_group(members: list[Alert], newest: int, now: datetime.datetime) -> int:
    """The new minutes of alerts that follow one thing from one mark, less those each sent before,
    queued as one mail each, with their marks moved and what they send recorded."""
    found, query = new_items(members[0])
    found = list(found[: MOST_LISTED * 10])
    keys = {item.pk: minute_key(item) for item in found}
    if query is not None and found:
        add_snippets(found[: MOST_LISTED * 2], query)
    if members[0].kind == Alert.COUNCILLOR:
        say_what_they_did(found[: MOST_LISTED * 2], members[0].person_id)
    mark_amended(found)
    listings: dict[tuple[int, ...], dict] = {}
    queued = 0
    for start in range(0, len(members), QUEUE_BATCH):
        batch = members[start : start + QUEUE_BATCH]
        with transaction.atomic():
            sent: dict[int, set[str]] = {}
            for alert_id, minute in Sent.objects.filter(alert__in=batch, minute__in=keys.values()).values_list(
                "alert_id", "minute"
            ):
                sent.setdefault(alert_id, set()).add(minute)
            records, mails = [], []
            for alert in batch:
                fresh = [item for item in found if keys[item.pk] not in sent.get(alert.pk, ())]
                alert.mark = newest
                if not fresh:
                    continue
                listed = fresh[:MOST_LISTED]
                ids = tuple(item.pk for item in listed)
                if ids not in listings:
                    listings[ids] = listing(listed, query)
                records += [Sent(alert=alert, minute=keys[item.pk], sent_at=now) for item in listed]
                mails.append(Outbox(subscriber=alert.subscriber, **compose(alert, listings[ids], len(fresh))))
                alert.last_sent_at = now
            Sent.objects.bulk_create(records, batch_size=5000)
            Outbox.objects.bulk_create(mails, batch_size=1000)
            Alert.objects.bulk_update(batch, ["mark", "last_sent_at"], batch_size=1000)
            queued += len(mails)
    return queued


HOW_THEY_VOTED = {"For": "Voted for", "Against": "Voted against", "Not voting": "Did not vote"}


def say_what_they_did(items: list[Item], person_id: int) -> None:
    """Each item's snippet, for a councillor alert: the councillor's declarations, votes and
    motions on it, as the minutes word them (three queries)."""
    said: dict[int, list[str]] = {item.pk: [] for item in items}
    theirs = {"item__in": items, "person_id": person_id}
    for declaration in Declaration.objects.filter(**theirs).order_by("order"):
        kind = declaration.get_kind_display().lower() if declaration.kind else "an interest"
        said[declaration.item_id].append(f"Declared: {kind}. {declaration.text}")
    for mover in Mover.objects.filter(**theirs).select_related("resolution").order_by("order"):
        what = f": {mover.resolution.text}" if mover.resolution else "."
        said[mover.item_id].append(mover.get_role_display() + what)
    for cast in VoteCast.objects.filter(vote__item__in=items, person_id=person_id).select_related("vote"):
        said[cast.vote.item_id].append(f"{HOW_THEY_VOTED.get(cast.label, cast.label)}: {cast.vote.text}")
    for item in items:
        item.snippet = " ".join(said[item.pk])[:500]


def mark_amended(items: list[Item]) -> None:
    """Tell which items come from minutes the council amended after they were first published:
    they reach an alert again only where a minute matches that did not before, and are listed as
    updated, not new (one query)."""
    meetings = {item.meeting_id for item in items}
    amended = set(Revision.objects.by_council().filter(meeting_id__in=meetings).values_list("meeting_id", flat=True))
    for item in items:
        item.amended = item.meeting_id in amended


def followed(alert: Alert):
    """The action or recommendation an alert follows (by its meeting and key, which outlive a new
    import of the minutes), or None where it is gone."""
    model = Action if alert.kind == Alert.ACTION else Recommendation
    found = model.objects.for_listing().filter(
        item__meeting_id=alert.filters.get("meeting"), key=alert.filters.get("key")
    )
    return found.first()


def shown_status(record, day: datetime.date) -> str:
    """Its status as a reader is told it that day ("Overdue", "Response overdue", "Accepted")."""
    if isinstance(record, Action):
        return status_label(record, record.status, day)
    return record.shown_status(day)


@transaction.atomic
def _queue_status(alert: Alert, now: datetime.datetime) -> int:
    """A mail when the followed record's status, as a reader is told it, has changed since the
    last one: an action followed up, closed or overdue; a recommendation answered or overdue."""
    record = followed(alert)
    if record is None:
        return 0
    shown = shown_status(record, timezone.localdate(now))
    if shown == alert.filters.get("status"):
        return 0
    alert.filters = alert.filters | {"status": shown}
    alert.last_sent_at = now
    alert.save(update_fields=["filters", "last_sent_at"])
    Outbox.objects.create(subscriber=alert.subscriber, **compose_status(alert, record, shown))
    return 1


def listing(items: list[Item], query) -> dict:
    """The minutes a mail lists, as plain text and HTML (rendered once for every mail that lists
    the same ones): committee, date, minute and title, the matched words, a link."""
    site = settings.SITE_URL.rstrip("/")
    for item in items:
        snippet = getattr(item, "snippet", "") or ""
        item.alert_snippet = plain(snippet).strip() or item.minutes_text[:300]
        item.alert_snippet_html = highlight(snippet) if snippet else item.minutes_text[:300]
        item.alert_url = site + item.get_absolute_url()
    context = {"items": items}
    return {
        "text": render_to_string("alerts/email/listing.txt", context),
        "html": render_to_string("alerts/email/listing.html", context),
        "count": len(items),
        "updated": sum(getattr(item, "amended", False) for item in items),
    }


def compose(alert: Alert, listed: dict, count: int) -> dict:
    """One subscriber's mail: what it follows and why, the listing, how many more, and its links
    (one-click unsubscribe in its headers too)."""
    context = {
        "alert": alert,
        "listing_text": mark_safe(listed["text"]),
        "listing_html": mark_safe(listed["html"]),
        "count": count,
        "more": count - listed["count"],
        "site": settings.SITE_URL.rstrip("/"),
        "stop_url": tokens.link(tokens.STOP, alert.pk),
        "manage_url": tokens.link(tokens.MANAGE, alert.subscriber_id),
    }
    context["new"] = "new or updated" if listed["updated"] else "new"
    noun = "minute" if count == 1 else "minutes"
    return {
        "subject": f"{count} {context['new']} {noun}: {alert.describe()}"[:300],
        "text": render_to_string("alerts/email/alert.txt", context),
        "html": render_to_string("alerts/email/alert.html", context),
        "unsubscribe_url": context["stop_url"],
    }


def compose_status(alert: Alert, record, shown: str) -> dict:
    """The mail telling an action's or a recommendation's new status, and the minute that brought it."""
    site = settings.SITE_URL.rstrip("/")
    later = record.follow_up if isinstance(record, Action) else record.response
    context = {
        "alert": alert,
        "record": record,
        "status": shown,
        "url": f"{site}{record.item.get_absolute_url()}#{record.anchor}",
        "later": later,
        "later_url": site + later.get_absolute_url() if later else "",
        "stop_url": tokens.link(tokens.STOP, alert.pk),
        "manage_url": tokens.link(tokens.MANAGE, alert.subscriber_id),
    }
    return {
        "subject": f"{shown}: {alert.query}"[:300],
        "text": render_to_string("alerts/email/status.txt", context),
        "html": render_to_string("alerts/email/status.html", context),
        "unsubscribe_url": context["stop_url"],
    }


def send_queued(pace: float | None = None) -> tuple[int, int]:
    """Send every queued mail, at most ALERTS_PER_SECOND a second; (sent, failed). A mail the
    server refuses stays queued for the next run."""
    pace = settings.ALERTS_PER_SECOND if pace is None else pace
    sent = failed = 0
    connection = get_connection()
    for mail in Outbox.objects.select_related("subscriber").filter(subscriber__stopped_at__isnull=True).order_by("pk"):
        headers = {"List-Unsubscribe": f"<{mail.unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK}
        message = EmailMultiAlternatives(
            mail.subject, mail.text, to=[mail.subscriber.email], connection=connection, headers=headers
        )
        message.attach_alternative(mail.html, "text/html")
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as refused:  # a hard bounce: nothing more to that address
            if all(400 <= code < 500 for code, _text in refused.recipients.values()):
                failed += _keep(mail, refused)
                continue
            Subscriber.objects.filter(pk=mail.subscriber_id).update(stopped_at=timezone.now())
            Outbox.objects.filter(subscriber_id=mail.subscriber_id).delete()
            logger.warning("alert mail %s refused for good: address stopped", mail.pk)
            continue
        except Exception as error:  # the server refused or is away: tried again next run
            failed += _keep(mail, error)
            continue
        mail.delete()
        sent += 1
        if pace:
            time.sleep(1 / pace)
    return sent, failed


def _keep(mail: Outbox, error: Exception) -> int:
    """Leave a mail the server did not take in the queue, for the next run."""
    logger.warning("alert mail %s not sent: %s", mail.pk, error)
    Outbox.objects.filter(pk=mail.pk).update(attempts=mail.attempts + 1, last_error=str(error)[:1000])
    return 1


def forget_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete the addresses never confirmed within ALERT_CONFIRM_DAYS, with what they asked for."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ALERT_CONFIRM_DAYS)
    deleted, _kinds = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted
