"""Recommendations, and what the answers to them say.

A committee's recommendation is addressed to the body or office that decides: "RESOLVED that the
Board recommends to Cabinet that ...", "That the Council be recommended to ...", "the following
recommendations be submitted to the Cabinet Member for Education:", or, outside a resolution,
"The Cabinet Member for Children and Young People was recommended to instruct officers:" and a
numbered list. A list gives one recommendation per top-level entry, its sub-entries with it.

The addressee is kept as printed and classified (`addressee_kind`) only where its words say
what it is; words that name no body ("the report", "Members") make no addressee, and a sentence
outside a resolution only counts where the committee itself recommends, never where a report or
an officer did. `response_outcome` reads a later resolution that answers recommendations:
accepted, accepted in part, rejected or noted, for all of them or by their numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block
from .resolutions import label_style

# Addressee kinds, as stored on Recommendation.addressee_kind.
CABINET = "cabinet"
COUNCIL = "council"
CABINET_MEMBER = "cabinet_member"
COMMITTEE = "committee"
OFFICER = "officer"
OUTSIDE_BODY = "outside_body"
ADDRESSEE_KINDS = (CABINET, COUNCIL, CABINET_MEMBER, COMMITTEE, OFFICER, OUTSIDE_BODY)

# What an answer says of the recommendations.
ACCEPTED = "accepted"
PARTLY_ACCEPTED = "partly_accepted"
REJECTED = "rejected"
NOTED = "noted"


@dataclass(frozen=True, slots=True)
class ParsedRecommendation:
    text: str
    addressee: str = ""  # as printed: "Cabinet", "the Cabinet Member for Education"; "" where none is named
    addressee_kind: str = ""  # one of ADDRESSEE_KINDS, or "" where none is named
    label: str = ""  # its number in a list ("3"), or its resolution's label
    resolution: int | None = None  # index into the item's resolutions


# -- who a recommendation is addressed to -----------------------------------------------------

_TITLE_WORDS = r"(?-i:[A-Z])[\w'’&-]*(?:\s+(?:(?:and|of|for|the|&)\s+)*(?-i:[A-Z])[\w'’&-]*)*"
ADDRESSEES = [
    (OUTSIDE_BODY, re.compile(
        r"\b(?:NHS|CCG|clinical\s+commissioning\s+group|integrated\s+care\s+(?:board|system|partnership)|"
        r"(?:the\s+)?government|secretary\s+of\s+state|minister|police|fire\s+(?:and\s+rescue\s+)?(?:authority|service)|"
        r"combined\s+authority|(?:hospital|foundation|health)\s+trust|ofsted|department\s+(?:for|of))\b",
        re.IGNORECASE,
    )),
    (CABINET_MEMBER, re.compile(
        r"^(?:the\s+)?(?:(?:deputy\s+)?leader(?:\s+of\s+the\s+council)?|(?:cabinet|executive|lead)\s+members?"
        r"(?:\s+(?:for\s+)?(?:\([^)]+\)|" + _TITLE_WORDS + r"))?"
        r"|portfolio\s+holders?(?:\s+for\s+" + _TITLE_WORDS + r")?)$",
        re.IGNORECASE,
    )),
    (CABINET, re.compile(r"^(?:the\s+)?(?:cabinet|executive)$", re.IGNORECASE)),
    (COUNCIL, re.compile(r"^(?:the\s+)?(?:full\s+|city\s+|county\s+|borough\s+|district\s+)?council$", re.IGNORECASE)),
    (OFFICER, re.compile(
        r"^(?:the\s+)?(?:(?:chief|strategic|executive|corporate|interim)\s+)*(?:director|chief\s+executive|head\s+of\s+service)"
        r"(?:\s+(?:of|for)\s+" + _TITLE_WORDS + r")?$",
        re.IGNORECASE,
    )),
    (COMMITTEE, re.compile(
        r"^(?:the\s+)?" + _TITLE_WORDS + r"\s*(?-i:Board|Committee|Sub-Committee|Panel|Commission|Forum|Partnership)"
        r"(?:\s*\(\d{1,2}\))?$",
        re.IGNORECASE,
    )),
]  # fmt: skip


def addressee_kind(words: str) -> str:
    """What `words` name: one of ADDRESSEE_KINDS, or "" where they name no body or office."""
    words = " ".join(words.split()).strip(" ,")
    if not words or len(words) > 120:
        return ""
    for kind, pattern in ADDRESSEES:
        if pattern.search(words) if kind == OUTSIDE_BODY else pattern.match(words):
            return kind
    return ""


# -- where a recommendation is made -----------------------------------------------------------

_TO = r"(?P<to>[^:;.]{2,120}?)"
_THEN = r"(?:\s*,?\s+(?P<then>that|to)\b|\s*(?P<colon>:)|\s*$)"
# "recommends to Cabinet that", "RECOMMENDED to Council:", "to recommend to Full Council to approve"
RECOMMENDS_TO = re.compile(r"\brecommend(?:s|ed|ing)?\s+to\s+" + _TO + _THEN, re.IGNORECASE)
# "the Cabinet Member for X was recommended to", "That the Council be recommended to"
IS_RECOMMENDED = re.compile(
    r"(?:^|\bthat\s+)" + _TO + r"\s+(?:is|be|was|were|are)\s+(?:hereby\s+|therefore\s+)?recommended\s+to\b",
    re.IGNORECASE,
)
# "... be recommended to": the addressee stands before it (IS_RECOMMENDED), not after
PASSIVE_BEFORE = re.compile(r"\b(?:is|be|was|were|are)\s+(?:hereby\s+|therefore\s+)?$", re.IGNORECASE)
# "the following recommendations be submitted to the Cabinet Member for Education:"
RECOMMENDATIONS_TO = re.compile(
    r"\brecommendations?\b[^.:;]*?\b(?:be|are|were|is|was)\s+(?:made|forwarded|submitted|referred|sent|put|reported|"
    r"presented|passed)\s+to\s+" + _TO + _THEN,
    re.IGNORECASE,
)
# "recommends that the Cabinet ...", "RECOMMENDED that ...", "RECOMMENDED:", "the Board recommends:"
RECOMMENDS_THAT = re.compile(r"\brecommend(?:s|ed)?\b\s*(?:that\b|:|[–—-])\s*", re.IGNORECASE)
# Where "recommends that" names its addressee first: "... that the Cabinet Member for X approves"
NAMED_FIRST = re.compile(
    r"^(?P<to>(?:the\s+)?(?:(?:cabinet|executive|lead)\s+member\s+(?:for\s+)?"
    + _TITLE_WORDS
    + r"|leader(?:\s+of\s+the\s+council)?|cabinet|executive|(?:full\s+)?council))\b",
    re.IGNORECASE,
)
# The end of a clause in a list: "; and", ";", ","
CLAUSE_END = re.compile(r"\s*(?:[;,]\s*(?:and|or)?)\s*$", re.IGNORECASE)
# Who may recommend in a sentence outside a resolution: the committee, never a report or an officer
NOT_THE_COMMITTEE = re.compile(
    r"\b(?:report|paper|officers?|director|review|audit|inspection|inspectors?|consultants?|study|survey|ofsted|"
    r"guidance|government|plan)\b[^.]*$",
    re.IGNORECASE,
)


def recommendations_for(lead: str, entries: list[Block], *, in_resolution: bool) -> list[tuple[str, str, str, str]]:
    """(text, addressee, kind, label) for each recommendation `lead` makes, one per top-level
    entry of the list it introduces where it ends with a colon, else one."""
    found = _made(lead, in_resolution=in_resolution)
    if found is None:
        return []
    addressee, rest = found
    kind = addressee_kind(addressee)
    if addressee and not kind:
        return []  # "recommends to the report's authors": not a body it can follow
    rest = rest.strip().rstrip(":").strip()
    if entries and lead.rstrip().endswith(":"):
        return [
            (_joined(rest, CLAUSE_END.sub("", text)), addressee, kind, label) for label, text in _top_level(entries)
        ]
    rest = CLAUSE_END.sub("", rest)
    if not rest:
        return []
    return [(rest, addressee, kind, "")]


def _made(lead: str, *, in_resolution: bool) -> tuple[str, str] | None:
    """(the addressee as printed, the recommendation's own words), or None where `lead` makes none."""
    text = " ".join(lead.split())
    for pattern in (IS_RECOMMENDED, RECOMMENDS_TO, RECOMMENDATIONS_TO):
        match = pattern.search(text)
        if match is None or (pattern is RECOMMENDS_TO and PASSIVE_BEFORE.search(text, 0, match.start())):
            continue
        if not in_resolution and NOT_THE_COMMITTEE.search(text[: match.start("to")]):
            return None
        to = match["to"].strip()
        if pattern is IS_RECOMMENDED and not addressee_kind(to):
            continue
        return to, text[match.end() :]
    if not in_resolution:
        return None  # "recommends that" outside a resolution: too often a report's
    match = RECOMMENDS_THAT.search(text)
    if match is None:
        return None
    rest = text[match.end() :]
    named = NAMED_FIRST.match(rest)
    return (named["to"] if named and addressee_kind(named["to"]) else ""), rest


def _joined(lead: str, text: str) -> str:
    return f"{lead}: {text}" if lead else text


def _top_level(entries: list[Block]) -> list[tuple[str, str]]:
    """(label, text with its sub-entries) for each entry numbered as the first one is."""
    top = label_style(entries[0], None)
    groups: list[tuple[str, list[str]]] = []
    previous = None
    for entry in entries:
        if not groups or (entry.label and label_style(entry, previous) == top):
            groups.append((entry.label, [entry.text]))
            previous = entry.label
        else:
            groups[-1][1].append(entry.as_text())
    return [(label, "\n".join(lines)) for label, lines in groups]


# -- what an answer says ----------------------------------------------------------------------

RECOMMENDATION_WORD = re.compile(r"\brecommendations?\b", re.IGNORECASE)
# "recommendations 1, 2 and 4", "recommendation 3", "recommendations 1 to 3"
NUMBERED = re.compile(
    r"\brecommendations?\s+(?:nos?\.?\s*)?(?P<labels>\d{1,2}(?:\s*(?:,|and|&|to|-|–)\s*\d{1,2})*)", re.IGNORECASE
)
PARTLY_WORDS = re.compile(
    r"\b(?:(?:accept|agree|approve|support)(?:s|d|ed)?\b[^.;]*\b(?:in\s+part|partially|with\s+the\s+exception\s+of|"
    r"except(?:\s+for)?)|partial(?:ly)?\s+(?:accept|agree)(?:s|d|ed|ance)?)\b",
    re.IGNORECASE,
)
REJECTED_WORDS = re.compile(
    r"\b(?:reject(?:s|ed)?|decline[sd]?|(?:not|did\s+not|does\s+not|do\s+not)\s+(?:be\s+)?"
    r"(?:accept(?:ed)?|agree[d]?|support(?:ed)?|approve[d]?))\b",
    re.IGNORECASE,
)
ACCEPTED_WORDS = re.compile(
    r"\b(?:accept(?:s|ed)?|agree[sd]?|approve[sd]?|endorse[sd]?|support(?:s|ed)?|adopt(?:s|ed)?)\b", re.IGNORECASE
)
NOTED_WORDS = re.compile(r"\b(?:note[sd]?|received)\b", re.IGNORECASE)


def response_outcome(resolutions: list[str]) -> tuple[str, dict[str, str]]:
    """What an answer's resolutions say of the recommendations: the outcome for all of them (""
    where none says), and the outcomes a resolution gives recommendations by number, each read
    from the words up to the next number ("recommendation 1 be accepted and recommendation 2 be
    rejected": {"1": "accepted", "2": "rejected"})."""
    general = ""
    by_number: dict[str, str] = {}
    for text in resolutions:
        if not RECOMMENDATION_WORD.search(text):
            continue
        numbered = list(NUMBERED.finditer(text))
        if not numbered:
            general = general or _outcome(text)
            continue
        ends = [match.start() for match in numbered[1:]] + [len(text)]
        for match, end in zip(numbered, ends, strict=True):
            outcome = _outcome(text[match.start() : end]) or _outcome(text)
            for label in _labels(match["labels"]):
                if outcome:
                    by_number.setdefault(label, outcome)
    return general, by_number


def _outcome(text: str) -> str:
    if PARTLY_WORDS.search(text):
        return PARTLY_ACCEPTED
    if REJECTED_WORDS.search(text):
        return REJECTED
    if ACCEPTED_WORDS.search(text):
        return ACCEPTED
    if NOTED_WORDS.search(text):
        return NOTED
    return ""


def _labels(words: str) -> list[str]:
    """ "1, 2 and 4" -> ["1", "2", "4"]; "1 to 3" -> ["1", "2", "3"]."""
    labels: list[str] = []
    for part in re.split(r"\s*(?:,|and|&)\s*", words):
        bounds = re.split(r"\s*(?:to|-|–)\s*", part)
        if len(bounds) == 2 and all(bound.isdigit() for bound in bounds) and int(bounds[0]) < int(bounds[1]) <= 99:
            labels += [str(number) for number in range(int(bounds[0]), int(bounds[1]) + 1)]
        elif part.isdigit():
            labels.append(part)
    return labels
