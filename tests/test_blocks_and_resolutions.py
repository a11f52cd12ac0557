"""Paragraphs, lists and resolutions from an item's lines."""

from importers.blocks import SourceLine, blocks_text, build_blocks
from importers.lines import source_lines
from importers.records import ParsedResolution
from importers.resolutions import find_resolutions
from importers.text import parse_minutes

from .conftest import DATA


def blocks(text):
    return build_blocks(source_lines(text))


def resolutions(text):
    clauses, _used = find_resolutions(blocks(text))
    return [ParsedResolution(c.label, c.text) for c in clauses]


def test_hard_wrapped_lines_join_and_blank_lines_separate():
    text = "The Committee considered the report\n   of the Director and noted\nits contents.\n\nA second paragraph."
    assert blocks_text(blocks(text)) == (
        "The Committee considered the report of the Director and noted its contents.\n\nA second paragraph."
    )


def test_bullets_of_every_glyph_and_a_lost_glyph_become_one_list():
    text = "The scope included:\n\n· one\n• two\n- three\n\u00a0 Four\n\nAfterwards."
    assert blocks_text(blocks(text)) == "The scope included:\n\n· one\n· two\n· three\n· Four\n\nAfterwards."


def test_an_indented_line_in_lower_case_carries_on_the_entry_above():
    text = "RESOLVED that\n  (b) a further report be considered\n      in January 2024."
    assert blocks_text(blocks(text)) == "RESOLVED that\n\n(b) a further report be considered in January 2024."


def test_paragraph_numbers_on_their_own_lines_are_dropped():
    assert blocks_text(blocks("8.1\nThe Board noted.\n8.2\nIt agreed.")) == "The Board noted.\n\nIt agreed."


def test_resolved_that_with_numbered_clauses():
    text = "RESOLVED that\n\n1)\u00a0 the report be noted\n\n2)\u00a0 a further report be considered in October, 2017"
    assert resolutions(text) == [
        ParsedResolution("1", "the report be noted"),
        ParsedResolution("2", "a further report be considered in October, 2017"),
    ]


def test_resolved_colon_then_that_on_the_next_line():
    assert resolutions("RESOLVED:\nThat the minutes be confirmed as a correct record.") == [
        ParsedResolution("", "the minutes be confirmed as a correct record.")
    ]


def test_lettered_clauses_with_nested_numerals_stay_with_their_clause():
    text = (
        "RESOLVED –\n(a) that the plan be approved, subject to:\n(i) the budget;\n(ii) the timetable; and\n"
        "(b) that the Board be thanked."
    )
    assert resolutions(text) == [
        ParsedResolution("a", "the plan be approved, subject to:\n(i) the budget;\n(ii) the timetable; and"),
        ParsedResolution("b", "the Board be thanked."),
    ]


def test_i_after_h_is_a_letter():
    text = "RESOLVED that:\n(g) one\n(h) two\n(i) three"
    assert [r.label for r in resolutions(text)] == ["g", "h", "i"]


def test_opener_variants():
    for opener in [
        "RESOLVED that",
        "Resolved:",
        "RESOLVED -",
        "RESOLVED UNANIMOUSLY:",
        "It was RESOLVED that",
        "8.44pm RESOLVED:",
    ]:
        assert resolutions(f"{opener} the report be noted.") == [ParsedResolution("", "the report be noted.")], opener


def test_a_resolution_printed_under_decision_and_minutes_counts_once():
    text = (
        "Cabinet - 5 June 2019 10.00 am\n\n4.\n\nBudget\n\nDecision:\n\nRESOLVED that the budget be approved.\n\n"
        "Minutes:\n\nThe Cabinet discussed the budget.\n\nRESOLVED that the budget be approved.\n"
    )
    (item,) = parse_minutes(text, "x.txt").items
    assert item.resolutions == (ParsedResolution("", "the budget be approved."),)


def test_source_lines_remember_indentation_and_tidy_spaces():
    assert source_lines("\u00a0 Care\u00a0 Leavers \n\tx") == [
        SourceLine(1, "Care Leavers", True),
        SourceLine(2, "x", True),
    ]


def test_resolved_to_keeps_its_infinitive():
    assert resolutions("RESOLVED to receive the report of the Monitoring Officer.") == [
        ParsedResolution("", "to receive the report of the Monitoring Officer.")
    ]


def printed(name: str) -> list[list[tuple[str, list[str]]]]:
    """Each item's resolutions as (label, the stored minutes lines the parser says print it)."""
    result = []
    for item in parse_minutes((DATA / "formats" / f"{name}.txt").read_text(), f"{name}.txt").items:
        lines = [line for line in item.minutes_text.split("\n") if line.strip()]
        result.append([(res.label, lines[res.lines[0] : res.lines[1] + 1]) for res in item.resolutions])
    return result


def test_each_resolution_knows_the_lines_that_print_it():
    (item_31,) = printed("actions-report-backs")
    assert [label for label, _lines in item_31] == ["a", "b", "c", "d", "e"]
    assert item_31[0][1][0] == "RESOLVED that:"  # the opener belongs to the first
    assert item_31[1][1] == ["(b) a further report be considered at the January meeting;"]
    # A resolution's own list is part of it; the next item's minutes are not.
    assert printed("planning-applications")[1] == [
        (
            "",
            [
                "RESOLVED – That the application be REFUSED for the following reasons:",
                "1. The site lies outside the settlement boundary.",
                "2. The access would be unsafe.",
            ],
        )
    ]
    # Clauses printed on one line share it.
    paragraph_numbered = printed("paragraph-numbered-minutes-document")[2]
    assert [label for label, _lines in paragraph_numbered] == ["1", "2"]
    assert paragraph_numbered[0][1] == paragraph_numbered[1][1]
    assert paragraph_numbered[0][1][0].startswith("3.3 RESOLVED: That (1) the strategy be a")


def test_a_decision_is_the_resolution_not_the_minutes_that_repeat_it():
    text = (
        "Cabinet - 5 June 2019 10.00 am\n\n4.\n\nBudget\n\nDecision:\n\nRESOLVED that the budget be approved.\n\n"
        "Minutes:\n\nThe Cabinet discussed the budget.\n\nRESOLVED that the budget be approved.\n"
    )
    (item,) = parse_minutes(text, "x.txt").items
    assert [resolution.lines for resolution in item.resolutions] == [(0, 0)]
