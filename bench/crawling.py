"""A crawl's writes, for the load benchmarks: a meeting of "Bench Crawl Panel" (a council of its
own) imported through the real importer every --every seconds, until stopped.

    .venv/bin/python bench/crawling.py --every 1      # until stopped (bench/serve.py --import-every 1)
    .venv/bin/python bench/crawling.py --count        # how many it imported
    .venv/bin/python bench/crawling.py --clean        # delete them

Imports of different councils at the same time: each of --at-once N processes imports meetings of
its own council's panel as fast as it can for --seconds, and the imports a second are printed,
with those of one process alone before them (were every import to update one row, N at once
would import no more than one alone):

    .venv/bin/python bench/crawling.py --at-once 2 --seconds 20
"""

import argparse
import datetime
import os
import subprocess
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
    parser.add_argument("--council", type=int, default=0, help="Import into this bench council's panel (1, 2 ...).")
    parser.add_argument("--seconds", type=float, default=0, help="Stop after this long and print the imports made.")
    parser.add_argument("--at-once", type=int, default=0, help="Run this many councils' imports side by side.")
    args = parser.parse_args()
    if args.at_once:
        return at_once(args.at_once, args.seconds or 20)
    import django

    django.setup()
    from meetings.importing import import_document, parse_document
    from meetings.loader import save_meeting
    from meetings.models import Committee, Council, Item, Meeting

    if args.count:
        print(Meeting.objects.filter(committee__name=COMMITTEE).count())
        return
    if args.clean:
        Item.objects.filter(committee__name=COMMITTEE).delete()
        Meeting.objects.filter(committee__name=COMMITTEE).delete()
        Committee.objects.filter(name=COMMITTEE).delete()
        Council.objects.filter(name__startswith="Bench Council ").delete()
        return
    committee = None
    if args.council:
        council = Council.named(f"Bench Council {args.council}")
        committee = Committee.objects.get_or_create(
            council=council, name=COMMITTEE, defaults={"slug": f"{council.slug}-bench-crawl-panel"}
        )[0]
    meetings = (
        Meeting.objects.filter(committee=committee) if committee else Meeting.objects.filter(committee__name=COMMITTEE)
    )
    day = FIRST_DAY + datetime.timedelta(days=meetings.count())
    started, made = time.monotonic(), 0
    while not args.seconds or time.monotonic() - started < args.seconds:
        name = f"bench-crawl/{args.council}/{day}.txt"
        if committee:
            save_meeting(parse_document(minutes(day).encode(), name), committee=committee)
        else:
            import_document(minutes(day), name)
        made += 1
        day += datetime.timedelta(days=1)
        time.sleep(args.every)
    print(f"council {args.council}: {made} imports in {time.monotonic() - started:.1f} s")


def at_once(processes: int, seconds: float) -> None:
    def run(councils: list[int]) -> float:
        command = [sys.executable, __file__, "--every", "0", "--seconds", str(seconds)]
        running = [
            subprocess.Popen([*command, "--council", str(n)], stdout=subprocess.PIPE, text=True) for n in councils
        ]
        made = [int(each.communicate()[0].split(": ")[1].split()[0]) for each in running]
        return sum(made) / seconds

    alone = run([1])
    together = run(list(range(1, processes + 1)))
    print(f"one council alone: {alone:.1f} imports a second")
    print(f"{processes} councils at once: {together:.1f} imports a second in all ({together / alone:.2f}× one alone)")


if __name__ == "__main__":
    main()
