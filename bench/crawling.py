"""A crawl's writes, for the load benchmarks: a meeting of "Bench Crawl Panel" (a council of its
own) imported through the real importer every --every seconds, until stopped.

    .venv/bin/python bench/crawling.py --every 1      # until stopped (bench/serve.py --import-every 1)
    .venv/bin/python bench/crawling.py --count        # how many it imported
    .venv/bin/python bench/crawling.py --clean        # delete them
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")

COMMITTEE = "Bench Crawl Panel"
FIRST_DAY = datetime.date(2031, 1, 1)


def minutes(day: datetime.date, items: int = 3) -> str:
    item = "{n}.\n\nItem {n}\n\nMinutes:\n\nThe Panel noted report {n} of {day}.\n\n"
    body = "".join(item.format(n=n, day=day) for n in range(1, items + 1))
    return f"Agenda and minutes\n\n{COMMITTEE} - {day:%A}, {day.day} {day:%B}, {day.year} 2.00 pm\n\n{body}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("--count", action="store_true")
    parser.add_argument("--clean", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from meetings.importing import import_document
    from meetings.models import Committee, Item, Meeting

    if args.count:
        print(Meeting.objects.filter(committee__name=COMMITTEE).count())
        return
    if args.clean:
        Item.objects.filter(committee__name=COMMITTEE).delete()
        Meeting.objects.filter(committee__name=COMMITTEE).delete()
        Committee.objects.filter(name=COMMITTEE).delete()
        return
    day = FIRST_DAY + datetime.timedelta(days=Meeting.objects.filter(committee__name=COMMITTEE).count())
    while True:
        import_document(minutes(day), f"bench-crawl/{day}.txt")
        day += datetime.timedelta(days=1)
        time.sleep(args.every)


if __name__ == "__main__":
    main()
