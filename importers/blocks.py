"""Paragraphs and list entries from the lines of an item's text.

Both parsers (text now, HTML later) reduce an item's agenda text and minutes to
a list of Blocks, and everything downstream (resolutions, actions, the stored
minutes text) reads those blocks rather than raw lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH = "paragraph"
BULLET = "bullet"
NUMBERED = "numbered"

# The glyph we store for every bulleted entry, whatever the source used.
BULLET_GLYPH = "·"

# "·  Grammar schools", "• item", "- item", "▪ item"
BULLET_LINE = re.compile(r"^[·•▪●◦‣∙*\-–]\s*(?=\S)(?P<text>.*)$")
# "1)  the Scrutiny Board ...", "2. An update", "(a) that ...", "a) To agree", "(iv) ...", "[a] ...", "2.1 That ...",
# "A:  Welcomes ..."
NUMBERED_LINE = re.compile(
    r"^(?P<marker>[(\[]?(?P<label>\d{1,2}|[a-z]|[ivx]{1,5}|[A-Z])[.)\]]|\((?P<plabel>\d{1,2}|[a-z]|[ivx]{1,5}|[A-Z])\)"
    r"|(?P<clabel>[A-Z]):|(?P<dlabel>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?)"
    r"\s+(?P<text>\S.*)$"
)
# "Resolved that ..." indented under "(a) It was moved by ... and": a resolution, never a lost bullet
RESOLVED_START = re.compile(r"^(?:it\s+was\s+)?resolved\b", re.IGNORECASE)
# A line that is only a paragraph number of a report: "8.1", "3.2.1"
PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?$")
# What a line that ends a sentence ends with.
SENTENCE_ENDINGS = tuple('.:;?!"”’)')


@dataclass(slots=True)
class Block:
    kind: str  # PARAGRAPH, BULLET or NUMBERED
    text: str
    line: int
    label: str = ""  # "1", "a", "iv" for numbered entries
    marker: str = ""  # as printed: "1)", "(a)", "2."

    @property
    def is_entry(self) -> bool:
        return self.kind != PARAGRAPH

    def as_text(self) -> str:
        if self.kind == BULLET:
            return f"{BULLET_GLYPH} {self.text}"
        if self.kind == NUMBERED:
            return f"{self.marker} {self.text}"
        return self.text


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One normalised line of a document and where it came from."""

    number: int
    text: str  # stripped, single-spaced
    indented: bool  # the raw line began with white space (a bullet whose glyph was lost)


def build_blocks(lines: list[SourceLine], *, blank_ends_paragraph: bool = False) -> list[Block]:
    """Group lines into paragraphs and list entries, joining hard-wrapped lines.

    With `blank_ends_paragraph` a blank line always ends a paragraph (a printed document's
    paragraphs are known from its layout); else a sentence cut off mid-way carries on after it."""
    blocks: list[Block] = []
    after_blank = True
    for line in lines:
        if not line.text:
            after_blank = True
            continue
        if PARAGRAPH_NUMBER.match(line.text):
            after_blank = True
            continue
        previous = blocks[-1] if blocks else None
        block = _entry_block(line, previous)
        if block is None:
            if (
                previous is not None
                and not (after_blank and blank_ends_paragraph)
                and _continues(previous, line, after_blank)
            ):
                previous.text = f"{previous.text} {line.text}"
                after_blank = False
                continue
            block = Block(PARAGRAPH, line.text, line.number)
        blocks.append(block)
        after_blank = False
    return blocks


def _entry_block(line: SourceLine, previous: Block | None) -> Block | None:
    """The line as a list entry, or None if it is not one."""
    bullet = BULLET_LINE.match(line.text)
    if bullet and (line.text[0] not in "-*" or line.text[1:2] == " "):
        return Block(BULLET, bullet["text"].strip(), line.number)
    numbered = NUMBERED_LINE.match(line.text)
    if numbered and _plausible_label(numbered, previous):
        label = numbered["label"] or numbered["plabel"] or numbered["clabel"] or numbered["dlabel"]
        return Block(NUMBERED, numbered["text"].strip(), line.number, label=label, marker=numbered["marker"])
    # A bullet whose glyph was lost leaves only its indentation behind; a hard-wrapped
    # line carrying on an entry starts in lower case.
    starts_lower = line.text[:1].islower()
    after_list_or_colon = previous is not None and (previous.is_entry or previous.text.endswith(":"))
    if line.indented and not starts_lower and after_list_or_colon and not RESOLVED_START.match(line.text):
        return Block(BULLET, line.text, line.number)
    return None


def _plausible_label(match: re.Match[str], previous: Block | None) -> bool:
    """Single capital letters and "I." start sentences too; only trust them in a list."""
    label = match["label"] or match["plabel"] or match["clabel"]
    if match["plabel"] or match["dlabel"]:
        return True
    if label.isdigit() or (label.islower() and match["marker"][-1] in ").]"):
        return True
    return previous is not None and (previous.kind == NUMBERED or previous.text.endswith(":"))


def _continues(previous: Block, line: SourceLine, after_blank: bool) -> bool:
    """A hard-wrapped line carries on the block before it.

    After a blank line only a sentence cut off mid-way carries on (text taken from a PDF wraps
    across blank lines): the line starts in lower case, is not indented as a lost bullet is, and
    the block before it ends without punctuation and is more than a few words long.
    """
    if after_blank:
        return (
            line.text[:1].islower()
            and not line.indented
            and not previous.text.endswith(SENTENCE_ENDINGS)
            and len(previous.text.split()) > 4
        )
    return not previous.text.endswith(SENTENCE_ENDINGS) or line.text[:1].islower()


def blocks_text(blocks: list[Block]) -> str:
    """The stored form of an item's text: paragraphs apart, list entries one per line."""
    parts: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            same_list = block.is_entry and blocks[index - 1].is_entry
            parts.append("\n" if same_list else "\n\n")
        parts.append(block.as_text())
    return "".join(parts)
