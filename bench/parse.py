"""Parsing time against document size: is the plain-text parser linear?

    .venv/bin/python bench/parse.py [--megabytes 5]

Builds documents of 0.5, 1, 2 and N MB by repeating the seed pages' items
(renumbered, so every copy is a real item), parses each three times and prints
the best time and the throughput.
"""

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importers.text import parse_minutes, read_document  # noqa: E402

SEED = ROOT / "meetings" / "sample_minutes" / "2017-04-27-education-scrutiny-board-2.txt"
ITEM_NUMBER = re.compile(r"^(\d+)\.$", re.MULTILINE)


def document(megabytes: float) -> str:
    text = read_document(SEED)
    header, first_item = text.split("\n79.\n", 1)
    body = "79.\n" + first_item
    parts = [header, ""]
    size, copy = len(header), 0
    while size < megabytes * 1_000_000:
        offset = copy * 9
        part = ITEM_NUMBER.sub(lambda m, offset=offset: f"{int(m.group(1)) + offset}.", body)
        parts.append(part)
        size += len(part.encode("utf-8"))
        copy += 1
    return "\n".join(parts)


def best_of(runs: int, text: str) -> tuple[float, int]:
    times, items = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        meeting = parse_minutes(text, "bench.txt")
        times.append(time.perf_counter() - start)
        items = len(meeting.items)
    return min(times), items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'size MB':>8} {'items':>7} {'best s':>8} {'MB/s':>6} {'µs/item':>8}")
    for megabytes in sorted({0.5, 1.0, 2.0, args.megabytes}):
        text = document(megabytes)
        size = len(text.encode("utf-8")) / 1_000_000
        seconds, items = best_of(args.runs, text)
        print(f"{size:8.2f} {items:7d} {seconds:8.3f} {size / seconds:6.2f} {seconds / items * 1e6:8.0f}")


if __name__ == "__main__":
    main()
