"""Actions and their due months, read from resolutions and minutes text.

Councils almost never label actions. They are read from what the text asks
for: information to be provided, a report to come back, items for the work
programme. The rules are deliberately narrow: a missed action is a gap a
co-ordinator can fill, a false one is noise on every outstanding-actions list.
"""

from __future__ import annotations

import datetime
import re

from .dates import MONTH_NAME, MONTHS, add_months, find_date
from .records import INFORMATION, OTHER, REPORT, WORK_PROGRAMME

# "the following items be added to the work programme", "be included on the Committee's
# Work Programme 2014/15", "suggested work programme items ... including:"
WORK_PROGRAMME_ADDITION = re.compile(
    r"\b(?:add(?:ed)?|includ(?:e|ed)|put|plac(?:e|ed)|schedul(?:e|ed))\b[^.;]*?\b(?:on|to|in|into|onto)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:[\w’']+\s+){0,3}?work\s*programme"
    r"|\bwork\s*programme\s+items?\b|\bitems?\s+for\s+(?:the\s+)?(?:[\w’']+\s+){0,2}work\s*programme",
    re.IGNORECASE,
)
REMOVED_FROM_WORK_PROGRAMME = re.compile(
    r"\bremov(?:e|ed)\b[^.;]*\bfrom\s+the\s+(?:[\w’']+\s+){0,3}?work\s*programme", re.IGNORECASE
)

# "request further information about", "Officers agreed to provide further information",
# "a note would be circulated", "a written response would be provided",
# "Members would receive further information about"
INFORMATION_REQUEST = re.compile(
    r"\b(?:request(?:ed|s)?|receive|be\s+provided\s+with|be\s+sent|provide|circulate|supply|share)\s+"
    r"(?:(?:further|more|additional|the|detailed|written)\s+)*(?:information|details|data|figures|breakdown)\b"
    r"|\b(?:a\s+|the\s+)?(?:briefing\s+)?note\s+(?:would|will|to|should)\s+be\s+(?:circulated|provided|sent)\b"
    r"|\bwritten\s+(?:response|answer|reply)\s+(?:would|will|to|should)\s+be\s+(?:provided|sent|given)\b",
    re.IGNORECASE,
)
# Statements in the body only count when somebody commits to them: an officer who agreed to
# do something, or a promise that something would be provided. "The Cabinet agreed to ..." is
# a decision, not a commitment.
OFFICER_COMMITMENT = re.compile(
    r"\b(?:officers?|director|head\s+of\s+[\w ]+?|manager|clerk|chief\s+\w+|co-?ordinator|cabinet\s+member|"
    r"portfolio\s+holder|lead\s+member|chair(?:man)?)\s+(?:\w+\s+){0,2}?(?:agreed|undertook|offered|promised)\s+to\b",
    re.IGNORECASE,
)
COMMITMENT = re.compile(
    OFFICER_COMMITMENT.pattern + r"|\b(?:would|will)\s+(?:receive|be\s+(?:provided|sent|circulated))\b"
    r"|\b(?:would|will)\s+(?:provide|circulate|send|report\s+back)\b",
    re.IGNORECASE,
)
# Every match of COMMITMENT holds one of these words.
COMMITMENT_WORDS = ("agreed", "undertook", "offered", "promised", "would", "will")
# "a further report be considered in October", "report back to the next meeting",
# "with a report in 6 months", "be considered at a future meeting", "asks for an update in January"
REPORT_BACK = re.compile(
    r"\b(?:a|an|further|progress|update|follow[- ]up|another)\s+"
    r"(?:(?:further|progress|update|written|short)\s+)?reports?\b(?!\s+(?:of|from)\s+the\b)"
    r"|\breport(?:s|ed)?\s+back\b"
    r"|\b(?:be\s+)?(?:considered|brought|submitted|presented|reported)\s+(?:back\s+)?(?:to|at|in)\s+(?:a|the)\s+"
    r"(?:future|next|later|subsequent|following|new)\b"
    r"|\b(?:an?\s+)?update\s+(?:be\s+(?:provided|given|brought)\s+)?(?:to|at)\s+(?:a|the)\s+(?:future|next)\b"
    r"|\b(?:an?\s+)?(?:update|progress\s+report)\s+be\s+(?:provided|given|brought|submitted|presented)\b"
    r"|\bbe\s+reported\s+(?:back\s+)?to\s+the\b"
    r"|\b(?:ask(?:s|ed)?|request(?:s|ed)?)\s+(?:for\s+)?an?\s+(?:further\s+|progress\s+)?update\b",
    re.IGNORECASE,
)

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}  # fmt: skip
_COUNT = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# "in 6 months and 12 months", "in six months' time", "within 3 months", "in 6 and 12 months"
IN_MONTHS = re.compile(
    r"\b(?:in|within|after)\s+(?P<counts>"
    + _COUNT
    + r"(?:\s*months?)?(?:\s*(?:,|and|&|or)\s*"
    + _COUNT
    + r")*)\s*months?\b",
    re.IGNORECASE,
)
# "in October, 2017", "at the January meeting", "to the respective November meetings", "by March 2018"
MONTH_MENTION = re.compile(
    r"\b(?:in|at|by|to|during|for|before|until)\s+(?:the\s+)?(?:respective\s+)?(?:\w+\s+)?"
    + MONTH_NAME
    + r"(?:,?\s*(?P<year>\d{4}))?",
    re.IGNORECASE,
)


def due_months(text: str, meeting_date: datetime.date) -> list[datetime.date | None]:
    """The months an action in `text` falls due, relative to the meeting; [None] if none is said."""
    months: list[datetime.date] = []
    for match in IN_MONTHS.finditer(text):
        for count in re.findall(_COUNT, match["counts"], re.IGNORECASE):
            number = int(count) if count.isdigit() else _NUMBER_WORDS[count.lower()]
            months.append(add_months(meeting_date, number))
    if not months:
        exact = find_date(text)
        if exact is not None and exact > meeting_date:
            months.append(exact.replace(day=1))
    if not months:
        for match in MONTH_MENTION.finditer(text):
            if not match["month"][0].isupper():  # "in the report may ..." is not May
                continue
            month = MONTHS[match["month"].lower().rstrip(".")]
            if match["year"]:
                year = int(match["year"])
            else:  # "the January meeting" after an October meeting is next January
                year = meeting_date.year if month > meeting_date.month else meeting_date.year + 1
            months.append(datetime.date(year, month, 1))
    unique = list(dict.fromkeys(months))
    return unique or [None]


def kinds_asked_for(text: str, *, in_resolution: bool) -> list[str]:
    """Which kinds of action `text` asks for, in a stable order.

    Body text counts only where somebody commits to it ("Officers agreed to ...");
    a resolution is itself the commitment.
    """
    lowered = text.lower()  # most sentences hold none of the words the two patterns need, and are not searched
    commits = any(word in lowered for word in COMMITMENT_WORDS) and COMMITMENT.search(text)
    adds_to_programme = "programme" in lowered and WORK_PROGRAMME_ADDITION.search(text)
    if not (in_resolution or commits or adds_to_programme):
        return []
    kinds = []
    if INFORMATION_REQUEST.search(text):
        kinds.append(INFORMATION)
    if REPORT_BACK.search(text):
        kinds.append(REPORT)
    if adds_to_programme and not REMOVED_FROM_WORK_PROGRAMME.search(text):
        kinds.append(WORK_PROGRAMME)
    if not kinds and not in_resolution and OFFICER_COMMITMENT.search(text):
        kinds.append(OTHER)
    return kinds


def actions_for(
    lead: str, entries: list[str], meeting_date: datetime.date, *, in_resolution: bool
) -> list[tuple[str, str, datetime.date | None]]:
    """(kind, text, due month) for each action a sentence and its list ask for.

    A sentence that introduces a list ("the following items be added to the work
    programme:") gives one action per entry; otherwise the sentence is the action.
    """
    actions = []
    for kind in kinds_asked_for(lead, in_resolution=in_resolution):
        if entries and lead.rstrip().endswith(":") and kind in (INFORMATION, WORK_PROGRAMME):
            for entry in entries:
                actions.append((kind, entry, _single_due(entry, meeting_date)))
            continue
        for due in due_months(lead, meeting_date) if kind == REPORT else [_single_due(lead, meeting_date)]:
            actions.append((kind, lead, due))
    return actions


def _single_due(text: str, meeting_date: datetime.date) -> datetime.date | None:
    return due_months(text, meeting_date)[0]
