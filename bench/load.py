"""Load with a database fault: gunicorn + PostgreSQL under a mix of pages and searches, PostgreSQL
restarted in the middle, and an import running through it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_pages100k .venv/bin/python bench/load.py

Run by hand, on 127.0.0.1 only, against a database of its own already filled (bench/pages.py
--items 100000). Two runs of --seconds each at --connections keep-alive connections, each asking
for the next address of a fixed mix (home, committees, meetings, minutes, feeds, searches):

1. steady: no fault. Every response should be a 200.
2. fault: at a third of the run `pg_ctlcluster 15 main restart`; at a quarter an import of
   --meetings generated meetings starts (`import_minutes` in its own process). Errors are allowed
   only while PostgreSQL is down; gunicorn is not restarted, and must serve again by itself. Each
   meeting of the import must be there whole or not at all, and nothing else may change.

Prints requests a second, latency, and each second's count of non-200 answers; then the import's
outcome, the row counts before and after, and each gunicorn worker's memory (RSS) after the load.
"""

import argparse
import collections
import datetime
import http.client
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from serving import gunicorn, production_env

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = 8198
SEARCHES = ["home schooling", "budget", "social workers", "flood risk", "taxi licensing", "dementia care homes"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--meetings", type=int, default=30, help="meetings imported during the fault run")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ or not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database of its own, filled by bench/pages.py")

    env = production_env(PORT)
    import django

    os.environ.update({name: env[name] for name in ("DJANGO_SETTINGS_MODULE", "DEBUG", "HTTPS", "SECRET_KEY")})
    django.setup()
    import pages as bench_pages

    addresses = mix(bench_pages.pages())
    with gunicorn(env) as server:
        print(f"{len(addresses)} addresses in the mix; {args.connections} connections; {args.seconds} s a run")
        report("steady", run_load(addresses, args.seconds, args.connections))
        forget_earlier_runs()
        before = row_counts()
        with tempfile.TemporaryDirectory() as folder:
            files = generated_meetings(Path(folder), args.meetings)
            timeline = []
            importing = threading.Timer(args.seconds / 4, lambda: timeline.append(start_import(env, folder)))
            restart = threading.Timer(args.seconds / 3, lambda: timeline.append(restart_postgresql()))
            importing.start()
            restart.start()
            results = run_load(addresses, args.seconds, args.connections)
            importing.join()
            restart.join()
            report("fault", results)
            for event in timeline:
                print(f"  {event}")
            check_whole(files, before)
        print("gunicorn workers after the load (RSS): " + ", ".join(worker_memory(server.pid)))


def mix(chosen: list[tuple[str, str]]) -> list[str]:
    """The pages bench/pages.py measures, their neighbours, feeds and searches: what a busy evening looks like."""
    from meetings.models import Item, Meeting

    addresses = [path for _name, path in chosen]
    for meeting in Meeting.objects.select_related("committee").order_by("-date")[:20]:
        addresses += [meeting.get_absolute_url(), meeting.committee.get_absolute_url() + "feed/"]
    rng = random.Random(2016)
    ids = list(Item.objects.exclude(minute_number=None).values_list("pk", flat=True)[:5000])
    for item in Item.objects.filter(pk__in=rng.sample(ids, min(200, len(ids)))).select_related("committee", "meeting"):
        addresses.append(item.get_absolute_url())
    addresses += [f"/search/?q={words.replace(' ', '+')}" for words in SEARCHES]
    rng.shuffle(addresses)
    return addresses


def run_load(addresses: list[str], seconds: int, connections: int) -> list[tuple[float, int, float]]:
    """(seconds since the start, status or 0 for a failed connection, latency ms) for every request."""
    results: list[tuple[float, int, float]] = []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        mine = []
        position = offset
        while time.monotonic() < deadline:
            address = addresses[position % len(addresses)]
            position += 1
            began = time.monotonic()
            try:
                connection.request("GET", address)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
                status = 0
                time.sleep(0.05)
            mine.append((began - start, status, (time.monotonic() - began) * 1000))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def report(name: str, results: list[tuple[float, int, float]]) -> None:
    seconds = max(moment for moment, _status, _ms in results)
    latencies = sorted(ms for _moment, _status, ms in results)
    bad = collections.Counter(int(moment) for moment, status, _ms in results if status != 200)
    statuses = collections.Counter(status for _moment, status, _ms in results)
    p50, p99 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)]
    print(
        f"{name}: {len(results)} requests, {len(results) / seconds:.0f}/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"statuses {dict(sorted(statuses.items()))}"
    )
    if bad:
        by_second = ", ".join(f"{second}s: {count}" for second, count in sorted(bad.items()))
        print(f"  non-200 answers by second: {by_second}")


def start_import(env: dict, folder: str) -> str:
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_minutes", folder],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output, _ = process.communicate(timeout=600)
    summary = output.strip().splitlines()[-3:]
    return f"import: exit {process.returncode} after {time.monotonic() - started:.1f} s: " + " | ".join(summary)


def restart_postgresql() -> str:
    started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"], check=True)
    return f"PostgreSQL restarted in {time.monotonic() - started:.1f} s"


def generated_meetings(folder: Path, count: int) -> list[Path]:
    """`count` meetings of a committee of their own, written as text pages."""
    from meetings.management.commands.generate_minutes import meeting_text

    rng = random.Random(1974)
    files = []
    for number in range(count):
        day = f"2026-0{1 + number // 28}-{1 + number % 28:02d}"
        text = meeting_text(rng, "Load Test Panel", datetime.date.fromisoformat(day), range(1, 41))
        path = folder / f"load-test-{day}.txt"
        path.write_text(text)
        files.append(path)
    return files


# The load test's own committee, left out when checking that nothing else changed.
OWN = "load-test-panel"
COMMITTEE_OF = {
    "Meeting": "committee__slug",
    "Item": "committee__slug",
    "Resolution": "item__committee__slug",
    "Action": "item__committee__slug",
    "Reference": "from_item__committee__slug",
}


def row_counts() -> dict[str, int]:
    from django.db import connection

    from meetings.models import Action, Item, Meeting, Reference, Resolution

    connection.close()  # after a restart, a new connection
    models = (Meeting, Item, Resolution, Action, Reference)
    return {model.__name__: model.objects.exclude(**{COMMITTEE_OF[model.__name__]: OWN}).count() for model in models}


def forget_earlier_runs() -> None:
    from meetings.models import Meeting

    Meeting.objects.filter(committee__slug=OWN).delete()


def check_whole(files: list[Path], before: dict[str, int]) -> None:
    from meetings.models import Item, Meeting

    after = row_counts()
    verdict = "the same" if before == after else "CHANGED"
    print(f"  rows outside the load test's committee: before {before}, after {after}: {verdict}")
    counts = list(Meeting.objects.filter(committee__slug=OWN).values_list("date", "pk"))
    partial = [date for date, pk in counts if Item.objects.filter(meeting_id=pk).count() != 40]
    forget_earlier_runs()
    print(f"  load-test meetings saved: {len(counts)} of {len(files)}; any short of 40 items: {partial or 'none'}")


def worker_memory(master: int) -> list[str]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(f"{int(line.split()[1]) / 1024:.0f} MB")
    return sizes


if __name__ == "__main__":
    main()
