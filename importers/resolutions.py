"""Resolutions from an item's minutes (or decision) blocks.

"RESOLVED that 1) ... 2) ..." is one resolution per top-level clause;
"RESOLVED that ..." on its own is one resolution with an empty label; list
entries that follow a resolution belong to it.

Where the bold "RESOLVED" was lost, a lead-in ("... on the motion of the Chair
it was") or a run of "That ..." clauses closing the minute still marks one;
"Council resolved to approve ..." inside a sentence counts too. Only on a page
that never says RESOLVED does an outcome sentence ("It was agreed that ...",
"The Committee agreed ...") stand in for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import NUMBERED, PARAGRAPH, Block

# "RESOLVED that", "RESOLVED:", "RESOLVED –", "Resolved;", "RESOLVED UNANIMOUSLY:",
# "8.44pm RESOLVED:", "It was RESOLVED that"
RESOLVED = re.compile(
    r"^(?:\d{1,2}[.:]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*)?(?:it\s+was\s+(?:therefore\s+|further\s+)?)?"
    r"(?:unanimously\s+)?resolved\b(?:\s+unanimously\b)?\s*[:;,.–—-]*\s*",
    re.IGNORECASE,
)
# "AGREED that ...", "AGREED:", "It was AGREED to ...", "Agreed that ...": a formal decision's opener as
# some councils print it (Scottish councils, town and parish councils, CMIS pages).
AGREED = re.compile(
    r"^(?:it\s+was\s+)?(?:(?:UNANIMOUSLY|[Uu]nanimously)\s+)?(?:AGREED|Agreed)\b(?:\s+(?:UNANIMOUSLY|unanimously)\b)?"
    r"(?=\s*(?:[:;–—-]|that\b|to\b))\s*[:;–—-]*\s*"
)
# "NOTED.", "APPROVED", "AGREED." alone: the decision, in capitals, as the minute's last word
BARE_DECISION = re.compile(r"^(?:NOTED|AGREED|APPROVED|CARRIED|REFUSED|DEFERRED|ADOPTED|ACCEPTED)\.?$")
# The two spellings `page_uses_resolved` looks for.
RESOLVED_WORD = re.compile(r"(?:RESOLVED|Resolved)\b")
# ":-" or ":–" closing a lead, as some councils print it
LEAD_COLON = re.compile(r":\s*[-–—]$")
# "be approved", "be APPROVED", "be added", "be formally noted", "be given"
PASSIVE_VERB = re.compile(r"\bbe\s+(?:\w+ly\s+)?\w+(?:ed|en)\b", re.IGNORECASE)
# "... recommended to:", "... that:", "... and:": a lead that waits for its clauses
OPEN_ENDED = re.compile(r"\b(?:to|that|and|of)\s*:$", re.IGNORECASE)
# "(1) ", "1) ", "(a) ", "a) " inside a line, where clauses were printed on one line
RUN_ON_LABEL = re.compile(r"(?P<open>\(?)\b(?P<label>\d{1,2}|[a-z])\)\s+")
# The end of a clause before the next label: "; and", ";", ",", "." (then spaces)
CLAUSE_END = re.compile(r"(?:[;,.]|;\s*(?:and|or))\s*$")
# "... on the motion of the Chair it was", "Proposed by X (seconded by Y) it was:", "following a vote, it was:"
LEAD_IN = re.compile(r"\bit\s+was(?:\s+(?:agreed|resolved|carried|unanimously\s+agreed))?\s*[:–—-]?$", re.IGNORECASE)
# "It was moved by Cllr X, seconded by Cllr Y and", "Proposed by X and"
MOTION = re.compile(r"\b(?:moved|proposed)\s+by\b.*\band\s*$", re.IGNORECASE)
# "Council resolved to approve ...", "Cabinet resolved that ...", "It was resolved to recommend ..."
INLINE_RESOLVED = re.compile(
    r"\b(?:council|cabinet|committee|board|panel|executive|forum|members|it\s+was)\s+"
    r"(?:(?:therefore|unanimously|then)\s+)?resolved\s+(?P<to>that\s+|to\s+)(?=\S)",
    re.IGNORECASE,
)
STARTS_WITH_THAT = re.compile(r"^that\s", re.IGNORECASE)
# The outcome of an item on a page that never prints RESOLVED.
AGREED_OPENER = re.compile(r"(?:it\s+was\s+)?(?:unanimously\s+)?agreed(?:\s+that)?\s*[:;,.–—-]*", re.IGNORECASE)
OUTCOME = re.compile(
    r"^(?:it\s+was\s+(?:agreed|noted|unanimously\s+agreed)\s+that\b"
    r"|(?:the\s+)?(?:[\w-]+\s+){0,3}(?:committee|board|panel|cabinet|council|forum|group|members)\s+"
    r"(?:(?:unanimously|formally)\s+)?(?:agreed|approved|endorsed|accepted|supported|recommended|decided"
    # Present tense is the decision's own wording ("The Committee notes the report and agrees ...").
    r"|agrees?|approves?|notes|endorses?|accepts?|supports?|recommends?|decides?)\b)",
    re.IGNORECASE,
)
# Under a "Decision:" heading: "Approved", "Agreed.", "To note ...", "(1) To approve ...",
# "The Committee noted the report" (the past tense too, there)
DECISION_WORDING = re.compile(
    r"^(?:\(?\w{1,4}[.)]\s*)?(?:to\s+[a-z]+\b|(?:approved|agreed|noted|refused|deferred|carried|rejected|granted"
    r"|accepted|endorsed|withdrawn)\b|(?:the\s+)?(?:[\w-]+\s+){0,3}(?:committee|board|panel|cabinet|council|forum"
    r"|group|members|executive|leader|member)\s+(?:(?:unanimously|formally|also)\s+)?(?:noted|resolved|resolves)\b)",
    re.IGNORECASE,
)
# "The minutes ... were approved as a correct record", "the application was refused"
DECIDED = re.compile(
    r"\b(?:was|were)\s+(?:(?:unanimously|formally)\s+)?(?:approved|agreed|confirmed|adopted|endorsed|accepted"
    r"|refused|deferred|granted|carried|rejected)\b",
    re.IGNORECASE,
)
LEADING_THAT = re.compile(r"^that\b[\s,:–—-]*", re.IGNORECASE)
QUOTES = "\"'“”‘’"


@dataclass(slots=True)
class Clause:
    """One resolution as read: its label, its own sentence and the list under it."""

    label: str
    lead: str
    line: int
    entries: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([self.lead, *(entry.as_text() for entry in self.entries)]).strip()


def page_uses_resolved(text: str) -> bool:
    """Whether a page says "RESOLVED" as a word, or opens a line with "Resolved"."""
    for match in RESOLVED_WORD.finditer(text):  # found at C speed; what stands before it checked here
        start = match.start()
        before = text[start - 1] if start else " "
        if match.group(0) == "RESOLVED" and not (before.isalnum() or before == "_"):
            return True
        if not text[text.rfind("\n", 0, start) + 1 : start].strip():
            return True
    return False


def find_resolutions(
    blocks: list[Block], *, is_decision: bool = False, page_says_resolved: bool = True
) -> tuple[list[Clause], set[int]]:
    """The resolutions in `blocks`, and the indices of the blocks they used."""
    clauses, used = _opened_resolutions(blocks)
    if not clauses:
        clauses, used = _inline_resolutions(blocks)
    if not clauses:
        clauses, used = _closing_that_clauses(blocks)
    if not clauses and is_decision:
        # "Decision: The Committee notes the report.", "Decision: Approved": the decision itself,
        # but not a narrative printed under the heading ("The Chair welcomed everyone ...").
        clauses = [
            clause
            for lead, entries, line in _groups(blocks)
            if _reads_as_decision(lead or (entries[0].text if entries else ""))
            for clause in _clauses(lead, entries, line)
        ]
        used = set(range(len(blocks)))
    if not clauses and not page_says_resolved:
        clauses, used = _outcome(blocks)
    return _once_each(clauses), used


def _opened_resolutions(blocks: list[Block]) -> tuple[list[Clause], set[int]]:
    """Resolutions after "RESOLVED" or a lead-in such as "... it was"."""
    clauses: list[Clause] = []
    used: set[int] = set()
    index = 0
    while index < len(blocks):
        block = blocks[index]
        opener = (RESOLVED.match(block.text) or AGREED.match(block.text)) if _is_paragraph(block) else None
        lead_in = _is_paragraph(block) and opener is None and LEAD_IN.search(block.text)
        if opener is None and not lead_in:
            if _is_paragraph(block) and BARE_DECISION.match(block.text):
                clauses.append(Clause("", block.text, block.line))
                used.add(index)
            index += 1
            continue
        following = index + 1
        lead = "" if lead_in else LEADING_THAT.sub("", block.text[opener.end() :].strip())
        if not lead and following < len(blocks) and blocks[following].kind == PARAGRAPH:
            # "RESOLVED:" alone, then "That the minutes be confirmed." on the next line.
            if lead_in and not STARTS_WITH_THAT.match(blocks[following].text):
                index += 1
                continue
            lead = LEADING_THAT.sub("", blocks[following].text)
            used.add(following)
            following += 1
        used.add(index)
        entries = []
        while following < len(blocks) and blocks[following].is_entry and not _opens_motion(blocks[following]):
            entries.append(blocks[following])
            used.add(following)
            following += 1
        clauses.extend(_clauses(lead, entries, block.line))
        index = following
    return clauses, used


def _reads_as_decision(text: str) -> bool:
    """ "Approved", "To approve ...", "The Cabinet approves ...", "the fees be approved": the
    wording of a decision rather than an account of the meeting."""
    return bool(
        DECISION_WORDING.match(text) or OUTCOME.match(text) or PASSIVE_VERB.search(text) or DECIDED.search(text)
    )


def _opens_motion(block: Block) -> bool:
    """ "(b) It was moved by ..., seconded by ... and": the next motion, not part of this resolution."""
    return bool(MOTION.search(block.text) or LEAD_IN.search(block.text))


def _is_paragraph(block: Block) -> bool:
    """A paragraph, or one with its paragraph number printed in front ("1.4 RESOLVED: That ...")."""
    return block.kind == PARAGRAPH or (block.kind == NUMBERED and "." in block.label)


def _inline_resolutions(blocks: list[Block]) -> tuple[list[Clause], set[int]]:
    """ "The Cabinet resolved that the fees be approved." inside a paragraph."""
    clauses: list[Clause] = []
    used: set[int] = set()
    for index, block in enumerate(blocks):
        match = INLINE_RESOLVED.search(block.text) if block.kind == PARAGRAPH else None
        if match is None or _inside_quotes(block.text, match.start()):
            continue
        sentence_end = re.search(r"(?<=[.;])\s+(?=[A-Z])", block.text[match.end() :])
        text = (
            block.text[match.end() : match.end() + sentence_end.start()] if sentence_end else block.text[match.end() :]
        )
        if match["to"].strip().lower() == "to":
            text = "to " + text
        clauses.append(Clause("", text.strip(), block.line))
        used.add(index)
    return clauses, used


def _closing_that_clauses(blocks: list[Block]) -> tuple[list[Clause], set[int]]:
    """A minute that ends in "That ..." clauses after the discussion: its resolution."""
    start = len(blocks)
    while start > 0 and STARTS_WITH_THAT.match(blocks[start - 1].text):
        start -= 1
    if start == len(blocks):
        return [], set()
    closing = blocks[start:]
    if closing[0].kind == NUMBERED:
        clauses = [Clause(b.label, LEADING_THAT.sub("", b.text), b.line) for b in closing if b.kind == NUMBERED]
    else:
        clauses = [Clause("", LEADING_THAT.sub("", b.text), b.line) for b in closing]
    return clauses, set(range(start, len(blocks)))


def _outcome(blocks: list[Block]) -> tuple[list[Clause], set[int]]:
    """On a page without RESOLVED, the closing sentence that decides: "It was agreed that ..." """
    paragraphs = [index for index, block in enumerate(blocks) if block.kind == PARAGRAPH]
    if not paragraphs:
        return [], set()
    last = paragraphs[-1]
    closing, entries = blocks[last].text, blocks[last + 1 :]
    # "Agreed that –" alone opens its numbered clauses, as "RESOLVED that:" would.
    if entries and AGREED_OPENER.fullmatch(closing):
        return _clauses("", entries, blocks[last].line), set(range(last, len(blocks)))
    if not (OUTCOME.match(closing) or DECIDED.search(closing)):  # "... were agreed as a correct record."
        return [], set()
    return _clauses(closing, entries, blocks[last].line), set(range(last, len(blocks)))


def _groups(blocks: list[Block]) -> list[tuple[str, list[Block], int]]:
    """Each paragraph with the list entries under it: (paragraph text, entries, line)."""
    groups: list[tuple[str, list[Block], int]] = []
    for block in blocks:
        if block.kind == PARAGRAPH or not groups:
            lead = LEADING_THAT.sub("", block.text) if block.kind == PARAGRAPH else ""
            groups.append((lead, [] if block.kind == PARAGRAPH else [block], block.line))
        else:
            groups[-1][1].append(block)
    return groups


def _inside_quotes(text: str, position: int) -> bool:
    """A resolution quoted from an earlier record ("... to read 'RESOLVED that ...'") is not a new one."""
    before = text[:position]
    return sum(before.count(mark) for mark in '“"') % 2 == 1 or before.count("‘") > before.count("’")


def _clauses(lead: str, entries: list[Block], line: int) -> list[Clause]:
    """Split numbered clauses into resolutions; anything else stays with its resolution."""
    if not entries:
        return _run_on_clauses(lead, line) or [Clause("", lead, line, entries)]
    lead = LEAD_COLON.sub(":", lead)  # "That the Committee:-"
    if entries[0].kind != NUMBERED or (lead and not lead.endswith(":")) or _whole_resolution(lead):
        return [Clause("", lead, line, entries)]
    top = label_style(entries[0], previous_label=None)
    clauses: list[Clause] = []
    for entry in entries:
        previous_label = clauses[-1].label if clauses else None
        if entry.kind == NUMBERED and label_style(entry, previous_label) == top:
            text = LEADING_THAT.sub("", entry.text)
            clauses.append(Clause(entry.label, f"{lead.rstrip(':')} {text}".strip() if lead else text, entry.line))
        else:
            clauses[-1].entries.append(entry)
    return clauses


def _whole_resolution(lead: str) -> bool:
    """ "the application be APPROVED subject to the following conditions:" is a resolution
    whose list holds its details; "That the Cabinet:" or "the Board be recommended to:" is
    completed by each numbered clause in turn."""
    return bool(PASSIVE_VERB.search(lead)) and not OPEN_ENDED.search(lead)


def _run_on_clauses(text: str, line: int) -> list[Clause]:
    """ "(1) the strategy be approved; and (2) a report be brought back": clauses printed on one
    line. The first label opens the text, each next one follows the last in sequence after a
    clause's end, so that "paragraph (2) of the report" inside a clause is left alone."""
    markers = list(RUN_ON_LABEL.finditer(text))
    if not markers or markers[0].start() != 0 or markers[0]["label"] not in ("1", "a"):
        return []
    cuts = [markers[0]]
    for marker in markers[1:]:
        previous = cuts[-1]
        follows = marker["label"] == _next_label(previous["label"]) and marker["open"] == previous["open"]
        if follows and CLAUSE_END.search(text[: marker.start()]):
            cuts.append(marker)
    if len(cuts) < 2:
        return []
    ends = [cut.start() for cut in cuts[1:]] + [len(text)]
    return [
        Clause(cut["label"], LEADING_THAT.sub("", text[cut.end() : end].strip()), line)
        for cut, end in zip(cuts, ends, strict=True)
    ]


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def label_style(entry: Block, previous_label: str | None) -> tuple[str, str]:
    """How a clause is numbered: ("digit", "x)"), ("lower", "(x)"), ("roman", "x.") ..."""
    label = entry.label
    if label.isdigit():
        kind = "digit"
    elif label.replace(".", "").isdigit():
        kind = f"paragraph{label.count('.')}"  # "2.1", "2.1.3"
    elif label in ("i", "I") and previous_label in ("h", "H"):
        kind = "lower" if label.islower() else "upper"  # "(i)" after "(h)" is a letter
    elif set(label.lower()) <= set("ivx") and (len(label) > 1 or label in "iI"):
        kind = "roman" if label.islower() else "ROMAN"
    else:
        kind = "lower" if label.islower() else "upper"
    return kind, entry.marker.replace(label, "x")


def _once_each(clauses: list[Clause]) -> list[Clause]:
    """A resolution printed twice (under "Decision:" and "Minutes:") counts once."""
    seen: set[str] = set()
    unique = []
    for clause in clauses:
        key = " ".join(clause.text.lower().strip(QUOTES + " .").split())
        if key and key not in seen:
            seen.add(key)
            unique.append(clause)
    return unique


def printed_lines(clauses: list[Clause], blocks: list[Block], used: set[int]) -> list[tuple[int, int] | None]:
    """Where each resolution is printed among `blocks` (one stored line each): its first and last
    block, so that the page can mark the minutes' own words as the resolution rather than repeat
    them. A resolution runs from the block it starts on to the end of the run of blocks the
    resolutions used, or to where the next one starts; the first of a run takes in the
    "RESOLVED that" or "... it was" before it. None where its block cannot be found."""
    starts = [_first_block(clause, blocks, used) for clause in clauses]
    spans: dict[int, tuple[int, int]] = {}
    previous_end = -1
    ordered = sorted({start for start in starts if start is not None})
    for position, start in enumerate(ordered):
        following = ordered[position + 1] if position + 1 < len(ordered) else len(blocks)
        first, last = start, start
        while first - 1 in used and first - 1 > previous_end:
            first -= 1
        while last + 1 in used and last + 1 < following:
            last += 1
        spans[start] = (first, last)
        previous_end = last
    return [spans.get(start) if start is not None else None for start in starts]


def _first_block(clause: Clause, blocks: list[Block], used: set[int]) -> int | None:
    candidates = [index for index, block in enumerate(blocks) if block.line == clause.line]
    return next((index for index in candidates if index in used), candidates[0] if candidates else None)
