"""An email provider's reports, through django-anymail's webhooks: an address that bounces for
good, or whose reader marked an alert as spam, is sent nothing more.

(A hard bounce from an SMTP server is caught as it is sent: sending.send_queued.)
"""

from __future__ import annotations

import logging

from anymail.signals import EventType, tracking
from django.dispatch import receiver
from django.utils import timezone

from .models import Outbox, Subscriber

logger = logging.getLogger(__name__)

# Reports after which nothing more goes to the address. A temporary failure is reported as
# "deferred" by most providers; Postmark reports one as a bounce whose Type is "SoftBounce".
STOPPING = {EventType.BOUNCED, EventType.COMPLAINED, EventType.REJECTED, EventType.UNSUBSCRIBED}
SOFT_BOUNCES = {"SoftBounce"}


def is_soft_bounce(event) -> bool:
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return event.event_type == EventType.BOUNCED and raw.get("Type") in SOFT_BOUNCES


@receiver(tracking)
def stop_what_bounces(sender, event, esp_name: str, **kwargs) -> None:
    if event.event_type not in STOPPING or not event.recipient or is_soft_bounce(event):
        return
    subscribers = Subscriber.objects.filter(email=event.recipient.strip().lower(), stopped_at__isnull=True)
    Outbox.objects.filter(subscriber__in=subscribers).delete()
    if subscribers.update(stopped_at=timezone.now()):
        logger.warning("%s reported %s: address stopped", esp_name, event.event_type)
