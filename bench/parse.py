"""Parsing speed: is the plain-text parser linear, how many ModernGov pages a second, and how long
do printed minutes (PDF, Word) take by their length?

    .venv/bin/python bench/parse.py [--megabytes 5] [--pages 200] [--printed 5 20 200]

Text: builds documents of 0.5, 1, 2 and N MB by repeating the seed pages' items
(renumbered, so every copy is a real item), parses each three times and prints
the best time and the throughput.

HTML: parses the two seed meetings' ModernGov pages (tests/data/moderngov/, 28 and
41 KB) --pages times each on one core, whole (lxml building the tree, then our
reading of it), and prints pages a second, with the tree's share measured apart.
The pages are parsed in five rounds and the fastest round counts: on a shared
machine the others measure its neighbours.

Printed: the 2017 seed's items, repeated (renumbered) until the minutes fill about
--printed pages, written as a "Printed minutes" PDF (reportlab) and as a Word document
(python-docx) by tests/documents.py, then read whole (bytes to ParsedMeeting) three
times each on one core; the best time counts.
"""

import argparse
import dataclasses
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402

from importers.docx import parse_docx  # noqa: E402
from importers.html import parse_html  # noqa: E402
from importers.markup import parse_page  # noqa: E402
from importers.pdf import parse_pdf  # noqa: E402
from importers.text import parse_minutes, read_document  # noqa: E402
from tests.documents import minutes_docx, printed_minutes_pdf  # noqa: E402

SEED = ROOT / "meetings" / "sample_minutes" / "2017-04-27-education-scrutiny-board-2.txt"
SEED_PAGES = [ROOT / "tests" / "data" / "moderngov" / name for name in ("2017-04-27.html", "2016-04-14.html")]
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


def fastest_round(parse, data: bytes, pages: int, rounds: int = 5) -> float:
    """Seconds a page in the fastest of `rounds` rounds of `pages` // `rounds` pages."""
    parse(data)  # warm up
    each = max(1, pages // rounds)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(each):
            parse(data)
        best = min(best, (time.perf_counter() - start) / each)
    return best


def html_pages(pages: int) -> None:
    print(f"\n{'page':<18} {'KB':>4} {'pages/s':>8} {'ms/page':>8} {'tree ms':>7} {'ours ms':>8}")
    for path in SEED_PAGES:
        data = path.read_bytes()
        whole = fastest_round(parse_html, data, pages)
        tree = fastest_round(parse_page, data, pages)
        print(
            f"{path.name:<18} {len(data) // 1024:4d} {1 / whole:8.1f} {whole * 1000:8.1f} "
            f"{tree * 1000:7.1f} {(whole - tree) * 1000:8.1f}"
        )


def long_meeting(items: int):
    """The 2017 seed with its items repeated, renumbered, until there are `items`."""
    seed = parse_minutes(read_document(SEED), "bench.txt")
    repeated = []
    for index in range(items):
        item = seed.items[index % len(seed.items)]
        number = 79 + index
        repeated.append(dataclasses.replace(item, number=str(number), minute_number=number, order=index + 1))
    return dataclasses.replace(seed, items=tuple(repeated))


def printed(pages_wanted: list[int], runs: int) -> None:
    print(f"\n{'document':<8} {'pages':>5} {'items':>5} {'KB':>6} {'best s':>7} {'ms/page':>8}")
    for pages in pages_wanted:
        meeting = long_meeting(max(1, round(pages * 9 / 4)))  # the seed's 9 items fill about 4 pages
        pdf = printed_minutes_pdf(meeting)
        page_count = len(pypdfium2.PdfDocument(pdf))
        for name, data, parse in (("PDF", pdf, parse_pdf), ("Word", minutes_docx(meeting), parse_docx)):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                parsed = parse(data, "bench")
                times.append(time.perf_counter() - start)
            assert len(parsed.items) == len(meeting.items)
            best = min(times)
            print(
                f"{name:<8} {page_count:5d} {len(meeting.items):5d} {len(data) // 1024:6d} {best:7.3f} "
                f"{best / page_count * 1000:8.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--printed", type=int, nargs="*", default=[5, 20, 200], help="printed minutes' pages")
    args = parser.parse_args()
    print(f"{'size MB':>8} {'items':>7} {'best s':>8} {'MB/s':>6} {'µs/item':>8}")
    for megabytes in sorted({0.5, 1.0, 2.0, args.megabytes}):
        text = document(megabytes)
        size = len(text.encode("utf-8")) / 1_000_000
        seconds, items = best_of(args.runs, text)
        print(f"{size:8.2f} {items:7d} {seconds:8.3f} {size / seconds:6.2f} {seconds / items * 1e6:8.0f}")
    html_pages(args.pages)
    printed(args.printed, args.runs)


if __name__ == "__main__":
    main()
