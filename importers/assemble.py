"""From an item's lines to its records: shared by the text and HTML parsers.

Each parser finds a meeting's items its own way (the text parser from the shape
of lines, the HTML parser from ModernGov's items table) and hands over RawItems:
an item's number, title and the source lines of its agenda text, decision and
minutes. Everything after that -- paragraphs and lists, resolutions, actions,
references, municipal years -- is decided here, once, for both.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import re

from .actions import actions_for
from .blocks import Block, blocks_text, build_blocks
from .dates import full_year, municipal_year
from .items import INTRODUCTION, RawItem
from .people import (
    ATTENDANCE_TITLE,
    ParsedAttendee,
    ParsedDeclaration,
    merged,
    read_attendance_block,
    read_attendance_sentences,
    read_declarations,
    read_movers,
    read_votes,
)
from .recommendations import ParsedRecommendation, recommendations_for
from .records import (
    Contact,
    ParsedAction,
    ParsedItem,
    ParsedMeeting,
    ParsedResolution,
    ParsedWarning,
)
from .references import find_references, unique_references
from .resolutions import find_resolutions, printed_lines

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“\"'])")


def assemble_meeting(
    raw_items: list[RawItem],
    *,
    source: str,
    committee: str,
    date: datetime.date,
    time: datetime.time | None,
    venue: str = "",
    contact: Contact | None = None,
    kind: str = "",
    warnings: list[ParsedWarning],
    page_says_resolved: bool,
    year_start: tuple[int, int],
    blank_ends_paragraph: bool = False,
    preamble: list[tuple[int, str]] | None = None,
    attendance: tuple[ParsedAttendee, ...] = (),
    draft: bool = False,
) -> ParsedMeeting:
    """The ParsedMeeting for items already found and split into agenda, decision and minutes.

    With `blank_ends_paragraph` (a printed document, whose paragraphs are known from its layout)
    no sentence carries on across a blank line. `preamble` is what the document prints before
    its first item ((line, text)): where printed minutes list who attended. `attendance` is
    what a parser read from elsewhere (the web service's attendees)."""
    warnings = list(warnings)
    year = municipal_year(date, year_start)
    disagreeing = [raw for raw in raw_items if raw.year_label is not None and full_year(raw.year_label) != year]
    if disagreeing:
        warnings.append(_printed_years_warning(disagreeing, year))
    warnings += numbering_gaps(raw_items)
    own_numbers = frozenset(raw.minute_number for raw in raw_items if raw.minute_number is not None)
    items = tuple(
        _build_item(
            raw,
            order,
            committee,
            date,
            year,
            year_start,
            own_numbers,
            warnings,
            page_says_resolved,
            blank_ends_paragraph=blank_ends_paragraph,
        )
        for order, raw in enumerate(raw_items, start=1)
    )
    items, found = _with_people(items, preamble or [], warnings)
    return ParsedMeeting(
        source=source,
        committee=committee,
        date=date,
        time=time,
        venue=venue,
        contact=contact or Contact(),
        kind=kind,
        items=items,
        warnings=tuple(warnings),
        attendance=merged([*found, *attendance]),
        draft=draft,
    )


def _with_people(
    items: tuple[ParsedItem, ...], preamble: list[tuple[int, str]], warnings: list[ParsedWarning]
) -> tuple[tuple[ParsedItem, ...], list[ParsedAttendee]]:
    """Who attended (from the preamble and attendance items), and each item with the declarations
    made on it, its recorded votes and movers. A declaration naming another item ("in item 7",
    "in Minute 82") goes to that item where this meeting has exactly one of that number; else it
    stays on the item that printed it, its words saying which item it meant."""
    reading = read_attendance_block(preamble)
    attendance = list(reading.attendees)
    notes = list(reading.warnings)
    declared: dict[int, list[ParsedDeclaration]] = {}
    for index, item in enumerate(items):
        if ATTENDANCE_TITLE.match(item.title):
            said = read_attendance_sentences(item.minutes_text, item.line)
            attendance += said.attendees
            notes += said.warnings
        for found in read_declarations(item.minutes_text, item.line):
            target = _declared_item(items, found.item) if found.item else None
            declared.setdefault(index if target is None else target, []).append(found.declaration)
    warnings += [ParsedWarning(line, message) for line, message in notes]
    people_items = []
    for index, item in enumerate(items):
        votes = tuple(
            dataclasses.replace(found.vote, resolution=_resolution_at(item, found.position))
            for found in read_votes(item.minutes_text)
        )
        movers = tuple(
            dataclasses.replace(found.mover, resolution=_resolution_at(item, found.position))
            for found in read_movers(item.minutes_text)
        )
        people_items.append(
            dataclasses.replace(item, declarations=tuple(declared.get(index, ())), votes=votes, movers=movers)
        )
    return tuple(people_items), attendance


def _declared_item(items: tuple[ParsedItem, ...], target: str) -> int | None:
    """The index of the one item "item:7" or "minute:82" (or "minute:82/16") names, else None."""
    kind, _colon, number = target.partition(":")
    number, _slash, year = number.partition("/")
    if kind == "minute":
        found = [
            index
            for index, item in enumerate(items)
            if item.minute_number is not None
            and str(item.minute_number) == number
            and (not year or f"{item.municipal_year % 100:02d}" == year)
        ]
    else:
        found = [index for index, item in enumerate(items) if item.number.lower().rstrip(".") == number]
    return found[0] if len(found) == 1 else None


def _resolution_at(item: ParsedItem, position: int) -> int | None:
    """The resolution a vote or motion printed at `position` of the item's minutes text is for:
    the one it is printed in, else the next after it, else the last before it."""
    if not item.resolutions:
        return None
    line = sum(1 for text in item.minutes_text[:position].splitlines() if text.strip())
    placed = [(index, res.lines) for index, res in enumerate(item.resolutions) if res.lines is not None]
    for index, (first, last) in placed:
        if first <= line <= last:
            return index
    after = [index for index, (first, _last) in placed if first > line]
    if after:
        return after[0]
    before = [index for index, (_first, last) in placed if last < line]
    if before:
        return before[-1]
    return 0 if len(item.resolutions) == 1 else None


def numbering_gaps(raw_items: list[RawItem]) -> list[ParsedWarning]:
    """A warning wherever the numbers the page prints jump or go backwards: an item may have been
    cut from the page, or misread into the item before it. Never silent, never guessed at."""
    warnings = []
    numbered = [raw for raw in raw_items if raw.minute_number is not None]
    for before, after in itertools.pairwise(numbered):
        first, last = before.minute_number, after.minute_number
        if last > first + 1:
            missing = f"item {first + 1}" if last == first + 2 else f"items {first + 1}–{last - 1}"
            warnings.append(
                ParsedWarning(
                    after.line,
                    f"{missing} missing between {first} and {last}: the page may have been cut, "
                    "or the importer misread it",
                )
            )
        elif last < first:
            warnings.append(
                ParsedWarning(
                    after.line,
                    f"item {after.number} follows item {before.number}: the numbers go backwards, "
                    "so the page may hold two meetings, or the importer misread it",
                )
            )
    return warnings


def _printed_years_warning(disagreeing: list[RawItem], year: int) -> ParsedWarning:
    """One warning for every item whose "77/21" disagrees with the meeting date's municipal year
    (some councils number by calendar year)."""
    first, last = disagreeing[0], disagreeing[-1]
    printed = full_year(first.year_label)
    if len(disagreeing) == 1:
        numbered = f"item {first.number}/{first.year_label} is"
    else:
        numbered = f"items {first.number}/{first.year_label} to {last.number}/{last.year_label} are"
    return ParsedWarning(
        first.line,
        f"{numbered} numbered for municipal year {printed} but the meeting date falls in {year}; "
        "the printed year is used",
    )


def _build_item(
    raw: RawItem,
    order: int,
    committee: str,
    meeting_date: datetime.date,
    year: int,
    year_start: tuple[int, int],
    own_numbers: frozenset[int],
    warnings: list[ParsedWarning],
    page_says_resolved: bool,
    *,
    blank_ends_paragraph: bool,
) -> ParsedItem:
    if raw.year_label is not None:
        year = full_year(raw.year_label)  # the printed year wins (see _printed_years_warning)
    if not raw.title:
        warnings.append(ParsedWarning(raw.line, f"item {raw.number or order} has no title"))

    introduction = ""
    agenda_lines = raw.agenda
    first_text = next((index for index, line in enumerate(agenda_lines) if line.text), None)
    if first_text is not None and INTRODUCTION.match(agenda_lines[first_text].text):
        introduction = agenda_lines[first_text].text
        agenda_lines = agenda_lines[:first_text] + agenda_lines[first_text + 1 :]

    agenda_blocks = build_blocks(agenda_lines, blank_ends_paragraph=blank_ends_paragraph)
    decision_blocks = build_blocks(raw.decision, blank_ends_paragraph=blank_ends_paragraph)
    minutes_blocks = build_blocks(raw.minutes, blank_ends_paragraph=blank_ends_paragraph)
    # The formal decision, where printed, is where the resolutions are; the minutes repeat them.
    if decision_blocks:
        clauses, decision_used = find_resolutions(decision_blocks, is_decision=True)
        _repeated, used = find_resolutions(minutes_blocks, page_says_resolved=page_says_resolved)
        printed = printed_lines(clauses, decision_blocks, decision_used)
    else:
        clauses, used = find_resolutions(minutes_blocks, page_says_resolved=page_says_resolved)
        printed = printed_lines(clauses, minutes_blocks, used)
    actions: list[ParsedAction] = []
    for index, clause in enumerate(clauses):
        entries = [entry.text for entry in clause.entries]
        for kind, text, due in actions_for(clause.lead, entries, meeting_date, in_resolution=True):
            actions.append(ParsedAction(kind, text, due, resolution=index))
    recommendations: list[ParsedRecommendation] = []
    for index, clause in enumerate(clauses):
        for text, to, kind, label in recommendations_for(clause.lead, clause.entries, in_resolution=True):
            recommendations.append(ParsedRecommendation(text, to, kind, label or clause.label, index))
    for lead, entries in _statements(minutes_blocks, used):
        for kind, text, due in actions_for(lead, [entry.text for entry in entries], meeting_date, in_resolution=False):
            actions.append(ParsedAction(kind, text, due))
        for text, to, kind, label in recommendations_for(lead, entries, in_resolution=False):
            recommendations.append(ParsedRecommendation(text, to, kind, label))
    minutes_blocks = decision_blocks + minutes_blocks

    agenda_text = blocks_text(agenda_blocks)
    minutes_text = blocks_text(minutes_blocks)
    found = []
    for text in (raw.title, agenda_text, minutes_text):  # a title: "Minutes of the meeting held on 20 May 2018"
        found += find_references(text, meeting_date, own_numbers=own_numbers, year_start=year_start)

    return ParsedItem(
        number=raw.number,
        minute_number=raw.minute_number,
        municipal_year=year,
        order=order,
        title=raw.title,
        introduction=introduction,
        documents=tuple(raw.documents),
        additional_documents=raw.additional_documents,
        agenda_text=agenda_text,
        minutes_text=minutes_text,
        truncated=raw.truncated,
        resolutions=tuple(
            ParsedResolution(clause.label, clause.text, lines) for clause, lines in zip(clauses, printed, strict=True)
        ),
        actions=tuple(actions),
        recommendations=tuple(recommendations),
        references=unique_references(found, own_committee=committee),
        line=raw.line,
    )


def _statements(blocks: list[Block], used: set[int]) -> list[tuple[str, list[Block]]]:
    """Each sentence of the minutes outside resolutions, with the list it introduces."""
    statements: list[tuple[str, list[Block]]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if index - 1 in used or block.is_entry:
            continue
        sentences = SENTENCE_END.split(block.text)
        entries: list[Block] = []
        if block.text.endswith(":"):
            while index < len(blocks) and blocks[index].is_entry and index not in used:
                entries.append(blocks[index])
                index += 1
        statements.extend((sentence, []) for sentence in sentences[:-1])
        statements.append((sentences[-1], entries))
    return statements
