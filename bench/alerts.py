"""Matching and queueing email alerts after a crawl.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_alerts .venv/bin/python bench/alerts.py

Fills a database of its own with `generate_minutes` up to --items (once), then gives it
--subscriptions confirmed alerts (three in five a search for one of the generated minutes'
topics, the rest a committee), all as of now; imports --meetings more meetings (60 items each,
through the real importer: a crawl's worth), and times `queue_due()` matching every alert against
what is new and queueing the mails. Nothing is sent (the queue is left, then emptied).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--meetings", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from bench.pages import fill
    from meetings.alerts.models import Alert, Outbox, Sent, Subscriber
    from meetings.alerts.sending import queue_due
    from meetings.management.commands.generate_minutes import TOPICS
    from meetings.models import Committee, Item

    fill(args.items)
    Subscriber.objects.all().delete()
    rng = random.Random(2016)
    newest = Item.objects.aggregate(newest=Max("pk"))["newest"]
    committees = list(Committee.objects.values_list("pk", flat=True))
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.org", confirmed_at=now) for n in range(args.subscriptions)
    )
    alerts = []
    for subscriber in subscribers:
        if rng.random() < 0.6:
            topic = rng.choice(TOPICS)
            key = Alert.key_for(Alert.SEARCH, topic)
            alerts.append(Alert(subscriber=subscriber, kind=Alert.SEARCH, query=topic, key=key, mark=newest))
        else:
            committee = rng.choice(committees)
            alerts.append(
                Alert(
                    subscriber=subscriber,
                    kind=Alert.COMMITTEE,
                    committee_id=committee,
                    key=Alert.key_for(Alert.COMMITTEE, committee_id=committee),
                    mark=newest,
                )
            )
    Alert.objects.bulk_create(alerts, batch_size=1000)
    held = Item.objects.count()
    call_command("generate_minutes", items=held + args.meetings * 60, seed=rng.randint(0, 10**6), verbosity=0)
    added = Item.objects.count() - held
    start = time.perf_counter()
    queued = queue_due()
    seconds = time.perf_counter() - start
    print(f"{connection.vendor}: {held:,} items, {args.subscriptions:,} confirmed alerts; {added:,} items imported")
    print(f"matched and queued {queued:,} mails ({Sent.objects.count():,} minutes) in {seconds:.1f} s")
    Outbox.objects.all().delete()


if __name__ == "__main__":
    main()
