"""Resolutions from an item's minutes blocks.

"RESOLVED that 1) ... 2) ..." is one resolution per top-level clause;
"RESOLVED that ..." on its own is one resolution with an empty label; list
entries that follow a resolution belong to it.
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
LEADING_THAT = re.compile(r"^that\b[\s,]*", re.IGNORECASE)


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


def find_resolutions(blocks: list[Block]) -> tuple[list[Clause], set[int]]:
    """The resolutions in `blocks`, and the indices of the blocks they used."""
    clauses: list[Clause] = []
    used: set[int] = set()
    index = 0
    while index < len(blocks):
        opener = RESOLVED.match(blocks[index].text) if blocks[index].kind == PARAGRAPH else None
        if opener is None:
            index += 1
            continue
        used.add(index)
        lead = LEADING_THAT.sub("", blocks[index].text[opener.end() :].strip())
        following = index + 1
        if not lead and following < len(blocks) and blocks[following].kind == PARAGRAPH:
            # "RESOLVED:" alone, then "That the minutes be confirmed." on the next line.
            lead = LEADING_THAT.sub("", blocks[following].text)
            used.add(following)
            following += 1
        entries = []
        while following < len(blocks) and blocks[following].is_entry:
            entries.append(blocks[following])
            used.add(following)
            following += 1
        clauses.extend(_clauses(lead, entries, blocks[index].line))
        index = following
    return _once_each(clauses), used


def _clauses(lead: str, entries: list[Block], line: int) -> list[Clause]:
    """Split numbered clauses into resolutions; anything else stays with its resolution."""
    if not entries or entries[0].kind != NUMBERED or (lead and not lead.endswith(":")):
        return [Clause("", lead, line, entries)]
    top = _style(entries[0], previous_label=None)
    clauses: list[Clause] = []
    for entry in entries:
        previous_label = clauses[-1].label if clauses else None
        if entry.kind == NUMBERED and _style(entry, previous_label) == top:
            text = LEADING_THAT.sub("", entry.text)
            clauses.append(Clause(entry.label, f"{lead} {text}".strip() if lead else text, entry.line))
        else:
            clauses[-1].entries.append(entry)
    return clauses


def _style(entry: Block, previous_label: str | None) -> tuple[str, str]:
    """How a clause is numbered: ("digit", "x)"), ("lower", "(x)"), ("roman", "x.") ..."""
    label = entry.label
    if label.isdigit():
        kind = "digit"
    elif label in ("i", "I") and previous_label in ("h", "H"):
        kind = "lower" if label.islower() else "upper"  # "(i)" after "(h)" is a letter
    elif set(label.lower()) <= set("ivx") and (len(label) > 1 or label in "iI"):
        kind = "roman" if label.islower() else "ROMAN"
    else:
        kind = "lower" if label.islower() else "upper"
    return kind, entry.marker.replace(label, "x")


def _once_each(clauses: list[Clause]) -> list[Clause]:
    """A resolution printed under both "Decision:" and "Minutes:" counts once."""
    seen: set[str] = set()
    unique = []
    for clause in clauses:
        key = " ".join(clause.text.lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(clause)
    return unique
