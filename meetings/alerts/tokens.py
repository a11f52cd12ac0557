"""The signed links in alert emails (django.core.signing): to confirm an address (valid for
ALERT_CONFIRM_DAYS), to see and change every alert an address has, and to stop one alert. A
link that was tampered with, is for another purpose, or has expired is refused."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM, MANAGE, STOP = "alerts.confirm", "alerts.manage", "alerts.stop"


def make(purpose: str, value: int) -> str:
    return signing.dumps(value, salt=purpose)


def read(purpose: str, token: str) -> int | None:
    """The id a token was made for, or None where it is not one of ours (or has expired)."""
    max_age = datetime.timedelta(days=settings.ALERT_CONFIRM_DAYS) if purpose == CONFIRM else None
    try:
        value = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def link(purpose: str, value: int) -> str:
    """The absolute address an email gives (SITE_URL: the site's public address)."""
    name = {CONFIRM: "alerts_confirm", MANAGE: "alerts_manage", STOP: "alerts_stop"}[purpose]
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[make(purpose, value)])
