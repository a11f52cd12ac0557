"""Never a crash: for any text the parser returns a meeting or raises ImportFailed."""

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.records import ImportFailed, ParsedMeeting
from importers.text import decode_document, parse_minutes, read_document

from .conftest import APRIL_2016, APRIL_2017, DATA

# Lines of every kind the importer meets: the seeds and each convention's synthetic document.
SEED_LINES = read_document(APRIL_2017).splitlines() + read_document(APRIL_2016).splitlines()
ALL_LINES = SEED_LINES + [
    line for path in sorted((DATA / "formats").glob("*.txt")) for line in read_document(path).splitlines()
]
# Bounded for CI (about ten seconds); `HYPOTHESIS_PROFILE=thorough` searches twenty times longer.
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
BOUNDED = settings()


def parses_or_fails_cleanly(text: str) -> None:
    try:
        meeting = parse_minutes(text, "fuzz.txt")
    except ImportFailed as failure:
        assert failure.path == "fuzz.txt" and failure.line >= 0 and failure.reason
        return
    assert isinstance(meeting, ParsedMeeting)
    assert meeting.items and meeting.committee and meeting.date
    for item in meeting.items:
        for action in item.actions:
            assert action.resolution is None or 0 <= action.resolution < len(item.resolutions)


@BOUNDED
@given(st.text())
def test_any_unicode_text(text):
    parses_or_fails_cleanly(text)


@BOUNDED
@given(st.binary())
def test_any_bytes(data):
    try:
        text = decode_document(data, "fuzz.bin")
    except ImportFailed:
        return
    parses_or_fails_cleanly(text)


@BOUNDED
@given(st.integers(0, len(SEED_LINES)), st.integers(0, len(SEED_LINES)))
def test_a_seed_cut_at_any_lines(start, end):
    parses_or_fails_cleanly("\n".join(SEED_LINES[start:end]))


@BOUNDED
@given(st.permutations(SEED_LINES))
def test_seed_lines_shuffled(lines):
    parses_or_fails_cleanly("\n".join(lines))


@BOUNDED
@given(st.lists(st.sampled_from(ALL_LINES), max_size=200))
def test_seed_lines_duplicated_and_recombined(lines):
    parses_or_fails_cleanly("\n".join(lines))


MARKERS = [r"^Minutes:$", r"^\d+\.$", r"pdf icon PDF \d+ KB", r"^RESOLVED", r"^Additional documents:$", r"^·"]


@BOUNDED
@given(st.sets(st.sampled_from(MARKERS)), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_markers_removed_and_blank_lines_doubled(removed, double_blanks, newline):
    lines = SEED_LINES
    for marker in removed:
        lines = [re.sub(marker, "", line) for line in lines]
    if double_blanks:
        lines = [extra for line in lines for extra in ([line, ""] if not line.strip() else [line])]
    parses_or_fails_cleanly(newline.join(lines))


@BOUNDED
@given(st.lists(st.sampled_from(ALL_LINES), min_size=1, max_size=40), st.text(max_size=40))
def test_seed_lines_with_random_text_between(lines, noise):
    parses_or_fails_cleanly(f"\n{noise}\n".join(lines))
