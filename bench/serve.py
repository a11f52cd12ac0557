"""The reading pages under load: gunicorn with the production settings, wrk on 127.0.0.1.

    .venv/bin/python bench/serve.py                       # the seed meetings, SQLite, local-memory cache
    CACHE_URL=redis://127.0.0.1:6379/1 .venv/bin/python bench/serve.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutebook_pages100k .venv/bin/python bench/serve.py

Starts gunicorn with minutes_site/gunicorn.conf.py (2 workers unless GUNICORN_WORKERS says
otherwise), DEBUG off, and for each page runs `wrk -t1 -c16 -d<seconds>s --latency` after one
warm-up request, side by side in one run with a view that returns a constant response through
the same middleware (bench/settings.py): the ceiling. Prints requests a second, the share of the
ceiling, median and 99th-percentile latency, and any response that was not 2xx. Without
DATABASE_URL it makes a database of its own with the sample minutes; with one, it measures the
same pages as bench/pages.py (fill that database first, e.g. with bench/pages.py --items 100000).

With --spread N, one more row loads the meeting pages of N meetings in turn (a wrk Lua script), as
readers spread over a site do, rather than one page again and again; under --import-every a
cache renewed by every import shows there, where a single page hides it.

With --import-every 1, a process imports a meeting of a committee of another council every second
(the real importer, into the same database) while wrk runs, as a crawl would: the pages of other
committees should stay cached, while the lists, which show every import, are made again.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from serving import gunicorn, importing, manage, production_env

ROOT = Path(__file__).resolve().parent.parent
PORT = 8199
# One wrk thread: on a 2-core machine a second one takes a core from gunicorn's two workers, and the
# 99th percentile then measures the scheduler (the constant view's own went from 10 ms to 190 ms).
WRK_THREADS = int(os.environ.get("WRK_THREADS", "1"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--import-every", type=float, default=0, help="Seconds between imports while serving.")
    parser.add_argument("--spread", type=int, default=0, help="Also load the meeting pages of this many meetings.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: apt-get install wrk")

    env = production_env(PORT, settings_module="bench.settings")
    with tempfile.TemporaryDirectory(prefix="minutebook-bench-") as scratch:
        if "DATABASE_URL" not in os.environ:
            env["DATABASE_URL"] = f"sqlite:///{scratch}/seeds.sqlite3"
            manage(env, "migrate", "-v0")
            manage(env, "import_minutes", str(ROOT / "meetings" / "sample_minutes"))
        pages = [("constant response", "/bench/constant/"), *chosen_pages(env)]
        rotation, rotation_paths = spread_pages(env, args.spread, Path(scratch) / "spread.lua")
        print(
            f"database {env['DATABASE_URL'].split('@')[-1]}, cache {env.get('CACHE_URL', 'locmem://')}, "
            f"{env['GUNICORN_WORKERS']} gunicorn workers; "
            f"wrk -t{WRK_THREADS} -c{args.connections} -d{args.seconds}s a page"
        )
        with gunicorn(env), importing(env, args.import_every) as imported:
            print(f"{'page':<34} {'req/s':>8} {'of constant':>11} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7}")
            ceiling = None
            for name, path in pages:
                url = f"http://127.0.0.1:{PORT}{path}"
                urllib.request.urlopen(url).read()  # warm-up: the page is made once and cached
                rate, p50, p99, bad = load(url, args.seconds, args.connections)
                ceiling = ceiling or rate
                print(f"{name:<34} {rate:8.0f} {rate / ceiling:10.0%} {p50:7.1f} {p99:7.1f} {bad:7}")
            if rotation:
                url = f"http://127.0.0.1:{PORT}/"
                for path in rotation_paths:  # warm-up: each page made once and cached
                    urllib.request.urlopen(f"{url.rstrip('/')}{path}").read()
                rate, p50, p99, bad = load(url, args.seconds, args.connections, script=rotation)
                name = f"meeting pages of {args.spread} meetings"
                print(f"{name:<34} {rate:8.0f} {rate / ceiling:10.0%} {p50:7.1f} {p99:7.1f} {bad:7}")
            if args.import_every:
                print(f"meetings imported meanwhile: {imported()}")


def chosen_pages(env: dict) -> list[tuple[str, str]]:
    """bench/pages.py's choice of pages, asked of the database in a process with its settings."""
    script = "import json, django; django.setup(); import pages; print(json.dumps(pages.pages()))"
    found = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if found.returncode:
        sys.exit(found.stderr)
    return [tuple(page) for page in json.loads(found.stdout)]


def spread_pages(env: dict, count: int, script: Path) -> tuple[Path | None, list[str]]:
    """A wrk Lua script asking for the meeting pages of `count` meetings (not the crawl's) in
    turn, and their paths. With the local-memory cache each worker has its own: use Redis."""
    if not count:
        return None, []
    code = (
        "import json, django; django.setup(); from meetings.models import Meeting; "
        "rows = Meeting.objects.exclude(committee__name='Bench Crawl Panel').select_related('committee')"
        f".order_by('?')[:{count}]; print(json.dumps([m.get_absolute_url() for m in rows]))"
    )
    found = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if found.returncode:
        sys.exit(found.stderr)
    paths = json.loads(found.stdout)
    script.write_text(
        "local paths = {" + ", ".join(json.dumps(path) for path in paths) + "}\n"
        "local n = 0\n"
        "request = function()\n  n = n % #paths + 1\n  return wrk.format(nil, paths[n])\nend\n"
    )
    return script, paths


def load(url: str, seconds: int, connections: int, script: Path | None = None) -> tuple[float, float, float, int]:
    """(requests a second, p50 ms, p99 ms, responses not 2xx or 3xx) from one wrk run."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*", output)
    if errors:
        print(f"  wrk: {errors[0]}")
    return rate, latency(output, "50%"), latency(output, "99%"), int(bad[1]) if bad else 0


def latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


if __name__ == "__main__":
    main()
