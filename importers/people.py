"""Who attended, who declared an interest, how they voted, who moved: read from a meeting's words.

Pure functions over text, like the rest of the importers. Minutes name people in many shapes:

- an attendance block before the first item: "Present:", "Members:", "Co-opted Members:",
  "Also Present:", "Employees (by Directorate):", "Apologies:", names in a sentence, one a line,
  or two or three a line where a PDF laid them out in columns (../shared/FORMATS.md §11.3);
- an item "Apologies for Absence" or "Sederunt": "Apologies for absence were received from
  Councillors A Smith and B Jones", "Councillor C Brown attended as a substitute for Councillor
  A Smith";
- declarations: "Councillor X declared a disclosable pecuniary interest in item 7 as ...";
- recorded votes: "For: Councillors A, B (2)  Against: ..." or counts only ("FOR 27 AGAINST 0
  NOT VOTING 13", "by 7 votes to 2 with 1 abstention");
- movers: "moved by Councillor X, seconded by Councillor Y".

Names are kept as written ("Councillor R Smith"); `name_key` gives what matching compares. Who
a name is -- the same councillor across meetings, never two merged for a surname -- is decided
by the loader (meetings/people/matching.py), which knows the council's other meetings. Where
the words cannot be read with confidence, nothing is recorded and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# -- what is recorded ---------------------------------------------------------------------------

# Attendance statuses.
PRESENT = "present"
APOLOGIES = "apologies"
ABSENT = "absent"
IN_ATTENDANCE = "in_attendance"  # also present, in attendance: not a member of the committee
EXPECTED = "expected"  # the site lists the member, but says nothing of presence (membership)
STATUSES = (PRESENT, APOLOGIES, ABSENT, IN_ATTENDANCE, EXPECTED)

# Who they attend as.
MEMBER = "member"
CO_OPTED = "co_opted"
OTHER_MEMBER = "other_member"  # a councillor who is not on the committee
OFFICER = "officer"
GROUPS = (MEMBER, CO_OPTED, OTHER_MEMBER, OFFICER)

CHAIR = "chair"
VICE_CHAIR = "vice_chair"

# Kinds of interest (the 2012 code's, then the older "personal"/"prejudicial").
DISCLOSABLE_PECUNIARY = "disclosable_pecuniary"
OTHER_REGISTRABLE = "other_registrable"
NON_REGISTRABLE = "non_registrable"
PERSONAL_AND_PREJUDICIAL = "personal_and_prejudicial"
PREJUDICIAL = "prejudicial"
PERSONAL = "personal"
PECUNIARY = "pecuniary"
NON_PECUNIARY = "non_pecuniary"

# Vote options, as Popolo / Open Civic Data name them.
YES = "yes"
NO = "no"
ABSTAIN = "abstain"
NOT_VOTING = "not voting"
VOTE_ABSENT = "absent"
EXCUSED = "excused"
VOTE_OPTIONS = (YES, NO, ABSTAIN, VOTE_ABSENT, NOT_VOTING, EXCUSED)

MOVED = "moved"
SECONDED = "seconded"


@dataclass(frozen=True, slots=True)
class ParsedAttendee:
    name: str  # as written, without what the brackets said: "Councillor R Smith"
    status: str  # one of STATUSES
    group: str = MEMBER  # one of GROUPS
    chair: str = ""  # CHAIR or VICE_CHAIR where they were in the chair
    substitute_for: str = ""  # the member they stood in for, as written
    remote: bool = False
    role: str = ""  # an officer's post, a "(Leader)": as written
    site_id: int | None = None  # the council site's own id for the person (ModernGov's UID)
    source: str = ""  # where it was read: "" the minutes, "attendance page", "web service"
    line: int = 0


@dataclass(frozen=True, slots=True)
class ParsedDeclaration:
    name: str  # as written
    kind: str  # one of the kinds above, or "" where the words name none
    text: str  # the words of the declaration
    line: int = 0


@dataclass(frozen=True, slots=True)
class ParsedVoteCast:
    name: str
    option: str  # one of VOTE_OPTIONS


@dataclass(frozen=True, slots=True)
class ParsedVote:
    text: str  # as printed
    counts: tuple[tuple[str, int], ...] = ()  # (option, count): printed, or counted from the names
    casts: tuple[ParsedVoteCast, ...] = ()
    resolution: int | None = None  # index into the item's resolutions


@dataclass(frozen=True, slots=True)
class ParsedMover:
    name: str
    role: str  # MOVED or SECONDED
    resolution: int | None = None


# -- names ---------------------------------------------------------------------------------------

TITLES = (
    r"councillors?|cllrs?\.?|county\s+councillors?|aldermen|alderman|bailie|provost|depute\s+provost"
    r"|mr|mrs|ms|miss|mx|dr|prof(?:essor)?|rev(?:erend|d)?|canon|father|sir|dame|lord|lady|baroness|baron"
)
TITLE = re.compile(rf"^(?:the\s+)?(?:(?:{TITLES})\.?\s+)+", re.IGNORECASE)
PLURAL_TITLE = re.compile(r"^(?:councillors|cllrs\.?|county\s+councillors)\s+", re.IGNORECASE)
# A word of a name: "Smith", "O'Brien", "Smith-Jones", "McDonald", "REID", "de"; an initial: "A", "A.", "J.P."
NAME_WORD = re.compile(r"^(?:[A-Z][A-Za-z'’\-]*[a-zA-Z]|[A-Z]\.?(?:[A-Z]\.?)*|(?:de|van|von|da|di|le|la|du|st\.?))$")
INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")
# Words that are never part of a person's name in an attendance list.
NOT_NAME_WORDS = frozenset(
    [
        "the",
        "of",
        "for",
        "and",
        "in",
        "at",
        "to",
        "on",
        "with",
        "from",
        "by",
        "as",
        "chair",
        "chairman",
        "chairperson",
        "chairwoman",
        "vice",
        "vice-chair",
        "vice-chairman",
        "convener",
        "convenor",
        "leader",
        "deputy",
        "mayor",
        "lord",
        "member",
        "members",
        "cabinet",
        "committee",
        "council",
        "officer",
        "officers",
        "director",
        "head",
        "manager",
        "clerk",
        "executive",
        "chief",
        "service",
        "services",
        "team",
        "democratic",
        "solicitor",
        "adviser",
        "advisor",
        "assistant",
        "portfolio",
        "holder",
        "lead",
        "co-ordinator",
        "coordinator",
        "secretary",
        "governance",
        "present",
        "apologies",
        "apology",
        "also",
        "attendance",
        "none",
        "nil",
        "no",
        "there",
        "were",
        "was",
        "received",
        "substitute",
        "substitutes",
        "remotely",
        "remote",
        "virtually",
        "minutes",
        "item",
        "items",
        "employees",
        "directorate",
        "independent",
        "person",
        "observer",
        "public",
        "press",
    ]
)
ROLE_WORDS = re.compile(
    r"\b(?:chair|chairman|chairperson|convener|convenor|provost|leader|mayor|officer|director|head|manager|clerk"
    r"|executive|solicitor|adviser|advisor|assistant|lead|co-?ordinator|secretary|member|holder|governance|services?"
    r"|team|engineer|planner|analyst|accountant|auditor|lawyer|democratic|scrutiny)\b",
    re.IGNORECASE,
)
IN_THE_CHAIR = re.compile(r"\s*,?\s*\(?\s*(?:was\s+)?in\s+the\s+chair\s*\)?\.?$", re.IGNORECASE)
CHAIR_ROLE = re.compile(
    r"^(?P<vice>vice[\s-]*|deputy\s+)?(?:chair(?:man|person|woman)?|convenor|convener|presiding\s+member)(?:\s+\w+)?$",
    re.IGNORECASE,
)
REMOTE = re.compile(r"^(?:remote(?:ly)?|virtual(?:ly)?|via\s+\w+|by\s+video|online|attended\s+(?:remotely|virtually))")
SUBSTITUTE = re.compile(
    r"^(?:as\s+(?:a\s+)?)?(?:substitute|substituting|sub\.?|deputising|deputy|in\s+place)\s*(?:member\s+)?"
    r"(?:for|of)\s+(?P<name>.+)$",
    re.IGNORECASE,
)
# Notes on arrivals and departures: "(joined the meeting at 7.40 pm)", "(left after item 5)"
MOVEMENT = re.compile(r"^(?:joined|arrived|left|departed|entered|present\s+(?:from|until|for))\b", re.IGNORECASE)
BRACKETED = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written, and what matching compares: forenames or initials, and surname."""

    written: str  # "Councillor R Smith"
    forenames: tuple[str, ...]  # ("R",), ("Alison", "J"); () where only a surname is written
    surname: str  # "Smith"

    @property
    def key(self) -> str:
        """ "r smith", "alison j stewart", "stewart": the name without titles, dots or case."""
        return " ".join((*self.forenames, self.surname)).lower()

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.forenames).upper()

    @property
    def display(self) -> str:
        """The name without its title, surnames in capitals turned to capitalised words."""
        return " ".join(_uncapitalised(word) for word in (*self.forenames, self.surname))


def _uncapitalised(word: str) -> str:
    if len(word) > 2 and word.isupper():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def parse_name(text: str) -> Name | None:
    """The person a short text names, or None where it is not a name: "Councillor R Smith",
    "Cllr Stewart", "Mrs J Barclay", "JANET REID", "Dr D Alston"."""
    written = " ".join(text.replace("’", "'").split()).strip(" ,;.:-–")
    if not written:
        return None
    bare = TITLE.sub("", written).strip()
    words = [word.rstrip(",") for word in bare.split()]
    if not words or len(words) > 5:
        return None
    for word in words:
        if word.lower() in NOT_NAME_WORDS or not NAME_WORD.match(word):
            return None
    if len(words) == 1 and INITIALS.match(words[0]) and len(words[0]) < 3:
        return None  # "A": not a surname
    surname = words[-1]
    if INITIALS.match(surname) and not surname.isupper() and len(surname) <= 2:
        return None
    forenames = tuple(_initials_apart(word) for word in words[:-1])
    forenames = tuple(part for word in forenames for part in word)
    return Name(written, forenames, surname.strip(".'"))


def _initials_apart(word: str) -> tuple[str, ...]:
    """ "J.P." -> ("J", "P"); "JP" stays a word where it could be one; "A." -> ("A",)."""
    if "." in word:
        return tuple(part for part in word.split(".") if part)
    return (word,)


def compatible(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two forename lists could be one person's: "A" and "Alison"; "A J" and "Alison";
    never "A" and "B", and never a surname alone (that is decided with the meeting's context)."""
    if not first or not second:
        return False
    for one, other in zip(first, second, strict=False):
        if len(one) == 1 or len(other) == 1:
            if one[0].upper() != other[0].upper():
                return False
        elif one.lower() != other.lower():
            return False
    return True


# -- lists of names -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    name: str
    notes: list[str]
    role: str = ""


# Between names: a comma, a semicolon, "and", a run of spaces (a PDF's columns)
LIST_SEPARATOR = re.compile(r"\s*(?:;|,|\s{3,}|\t|\s+and\s+)\s*")
# Before a title that starts the next name: "Councillor R Smith (Chair) Councillor A Jones"
TITLE_STARTS = re.compile(rf"\s+(?=(?:{TITLES})\.?\s+[A-Z])", re.IGNORECASE)


def split_names(text: str) -> tuple[list[_Entry], str]:
    """The entries of a list of names, each with its bracketed notes and any role after it
    ("Mr T Harland, Clerk & Chief Executive"), and what could not be read as names ("" if all
    was). "Councillors A, B and C": the plural title belongs to each."""
    notes_of: dict[str, str] = {}

    def hide(match: re.Match[str]) -> str:
        token = f"\x00{len(notes_of)}\x00"
        notes_of[token] = match.group(1).strip()
        return f" {token}"

    text = BRACKETED.sub(hide, text.strip().rstrip("."))
    shared_title = ""
    entries: list[_Entry] = []
    unread: list[str] = []
    for part in _parts(text):
        plural = PLURAL_TITLE.match(part)
        if plural:  # "Councillors B Brown and C Green": the title is each name's
            shared_title = "Councillor"
            part = f"Councillor {part[plural.end() :]}"
        tokens = re.findall(r"\x00\d+\x00", part)
        bare = re.sub(r"\s*\x00\d+\x00\s*", " ", part).strip(" .")
        notes = [notes_of[token] for token in tokens]
        if not bare:
            if entries:
                entries[-1].notes += notes
            continue
        chair = IN_THE_CHAIR.search(bare)
        if chair and entries and not bare[: chair.start()].strip():
            entries[-1].notes.append("in the chair")
            continue
        if chair:
            notes.append("in the chair")
            bare = bare[: chair.start()].strip()
        candidate = f"{shared_title} {bare}" if shared_title and not TITLE.match(bare) else bare
        if parse_name(candidate) is not None:
            entries.append(_Entry(candidate, notes))
        elif entries and (ROLE_WORDS.search(bare) or CHAIR_ROLE.match(bare)):
            entries[-1].role = f"{entries[-1].role}, {bare}" if entries[-1].role else bare
            entries[-1].notes += notes
        else:
            unread.append(bare)
    return entries, ", ".join(unread)


def _parts(text: str) -> list[str]:
    """The text split between names; a part that is only titles ("Provost" before "Mrs ANN
    COLE") stays with the name after it."""
    parts: list[str] = []
    for piece in LIST_SEPARATOR.split(text):
        pending = ""
        for part in TITLE_STARTS.split(piece):
            if TITLE.fullmatch(part + " "):
                pending += part + " "
                continue
            parts.append(pending + part)
            pending = ""
        if pending:
            parts.append(pending.strip())
    return parts


def attendee(entry: _Entry, status: str, group: str, line: int, *, remote: bool = False) -> ParsedAttendee:
    """An attendee from a list entry and what its brackets and role say."""
    chair = ""
    substitute_for = ""
    roles = [entry.role] if entry.role else []
    for note in entry.notes:
        plain = note.strip(" .")
        chair_role = CHAIR_ROLE.match(plain)
        substitute = SUBSTITUTE.match(plain)
        if plain.lower() == "in the chair" or (chair_role and not chair_role["vice"]):
            chair = chair or CHAIR
        elif chair_role:
            chair = VICE_CHAIR
        elif substitute:
            substitute_for = substitute["name"].strip(" .")
        elif REMOTE.match(plain.lower()):
            remote = True
        elif MOVEMENT.match(plain) or plain.lower() in ("substitute", "sub"):
            if plain.lower() in ("substitute", "sub"):
                roles.append("Substitute")
            continue
        else:
            roles.append(plain)
    for role in list(roles):
        chair_role = CHAIR_ROLE.match(role.strip())
        if chair_role and group != OFFICER:
            chair = chair or (VICE_CHAIR if chair_role["vice"] else CHAIR)
            roles.remove(role)
    return ParsedAttendee(
        name=entry.name,
        status=status,
        group=group,
        chair=chair,
        substitute_for=substitute_for,
        remote=remote,
        role=", ".join(roles),
        line=line,
    )


# -- the attendance block -------------------------------------------------------------------------

# "Present:", "Members Present:", "Councillors present:", "Also in attendance:", "Apologies:",
# "Co-opted Members:", "Employees (by Directorate):", "In the Chair: Councillor M Deveney"
ATTENDANCE_LABEL = re.compile(
    r"^(?P<label>(?:(?:members|councillors|officers)\s+)?present(?:\s*\(\s*(?:remotely|virtually)\s*\))?"
    r"|present\s+(?:remotely|virtually)|attended\s+(?:remotely|virtually)"
    r"|members|councillors|voting\s+members|(?:co-?opted|non-voting|independent)\s+(?:members?|persons?)"
    r"|other\s+(?:members|councillors)(?:\s+present)?|also\s+(?:present|in\s+attendance|attending)"
    r"|in\s+attendance|attending|officers(?:\s+in\s+attendance)?|(?:employees|officers)\s*\(by\s+\w+\)"
    r"|apolog(?:y|ies)(?:\s+for\s+absence)?(?:\s+(?:were\s+)?received)?|absent|substitutes?(?:\s+members)?"
    r"|in\s+the\s+chair)\s*[:\-–]\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Councillor REID, Convener, in the Chair." on a line of its own
CHAIR_LINE = re.compile(
    r"^(?P<name>.+?),?\s*(?:\((?P<role>[^)]*)\)|,\s*(?P<role2>[^,]+),)?\s*in\s+the\s+chair\.?$", re.I
)
# "Law and Governance: M Rose, S Smith" in an officers' list
DIRECTORATE = re.compile(r"^(?P<unit>[A-Z][\w&,' -]{2,60}?)\s*[:\-–]\s+(?P<names>.+)$")
# "41 Members present, 3 apologies": counts, not names
COUNTS_ONLY = re.compile(r"^\d+\s+(?:members|councillors)\s+present\b", re.IGNORECASE)
NONE_WORDS = re.compile(r"^(?:none|nil|no\s+apologies.*|there\s+were\s+(?:none|no\b.*)|n/?a)\.?$", re.IGNORECASE)


def status_of_label(label: str) -> tuple[str, str, bool]:
    """(status, group, remote) for an attendance label."""
    label = " ".join(label.lower().split())
    remote = "remote" in label or "virtual" in label
    if label.startswith("apolog"):
        return APOLOGIES, MEMBER, False
    if label == "absent":
        return ABSENT, MEMBER, False
    if label.startswith(("officers", "employees")) or "officer" in label:
        return IN_ATTENDANCE, OFFICER, False
    if label.startswith(("also", "in attendance", "attending")):
        return IN_ATTENDANCE, OTHER_MEMBER, False
    if label.startswith("other"):
        return IN_ATTENDANCE, OTHER_MEMBER, False
    if label.startswith(("co", "non-voting", "independent")):
        return PRESENT, CO_OPTED, False
    if label.startswith("substitute"):
        return PRESENT, MEMBER, False
    return PRESENT, MEMBER, remote


@dataclass(slots=True)
class AttendanceReading:
    attendees: list[ParsedAttendee]
    warnings: list[tuple[int, str]]  # (line, message)


def read_attendance_block(lines: list[tuple[int, str]]) -> AttendanceReading:
    """The attendance printed before the first item (or in an attendance item), from its lines
    ((line number, text)): names after a label, on its line and the lines after, until another
    label, a blank line followed by something that is not a name, or a sentence."""
    reading = AttendanceReading([], [])
    current: tuple[str, str, bool] | None = None
    substitutes = False
    for number, raw in lines:
        text = " ".join(raw.split())
        if not text:
            continue
        label = ATTENDANCE_LABEL.match(text)
        chair_line = CHAIR_LINE.match(text) if not label else None
        if label:
            name = label["label"].lower()
            if name.startswith("in the chair"):
                _add(reading, label["rest"], (PRESENT, MEMBER, False), number, chair=True)
                continue
            current = status_of_label(name)
            substitutes = name.startswith("substitute")
            rest = label["rest"].strip()
            if rest:
                _read_names_line(reading, rest, current, number, substitutes=substitutes)
            continue
        if chair_line and parse_name(chair_line["name"]) is not None:
            role = chair_line["role"] or chair_line["role2"] or ""
            vice = bool(role and CHAIR_ROLE.match(role.strip()) and CHAIR_ROLE.match(role.strip())["vice"])
            entry = _Entry(chair_line["name"].strip(), [], role.strip())
            found = attendee(entry, PRESENT, MEMBER, number)
            reading.attendees.append(
                replace(
                    found,
                    chair=VICE_CHAIR if vice else CHAIR,
                    role="" if CHAIR_ROLE.match(role.strip()) else found.role,
                )
            )
            continue
        if current is None:
            continue
        if COUNTS_ONLY.match(text):
            reading.warnings.append((number, f'attendance printed as counts, not names ("{text}"): none recorded'))
            current = None
            continue
        if not _read_names_line(reading, text, current, number, substitutes=substitutes, continuing=True):
            current = None  # the block has ended
    return reading


def _read_names_line(
    reading: AttendanceReading,
    text: str,
    current: tuple[str, str, bool],
    number: int,
    *,
    substitutes: bool = False,
    continuing: bool = False,
) -> bool:
    """Read a line of names into `reading`; False where the line is not a line of names (on a
    line after the label, that ends the block)."""
    status, group, remote = current
    if NONE_WORDS.match(text):
        return True
    if group == OFFICER:
        directorate = DIRECTORATE.match(text)
        if directorate and parse_name(directorate["unit"]) is None:
            entries, unread = split_names(directorate["names"])
            for entry in entries:
                entry.role = entry.role or directorate["unit"].strip()
        else:
            entries, unread = split_names(text)
    else:
        entries, unread = split_names(text)
    if not entries and _run_of_names(unread) and group != OFFICER:
        reading.warnings.append(
            (number, f'could not tell the names apart in "{unread}" (a list printed in columns?): not recorded')
        )
        return True
    if continuing and not entries:
        return False
    if continuing and unread and len(unread.split()) > 6:
        return False  # a sentence: the block ended before it
    for entry in entries:
        found = attendee(entry, status, group, number, remote=remote)
        if substitutes and not found.substitute_for and "Substitute" not in found.role:
            found = replace(found, role=", ".join(filter(None, (found.role, "Substitute"))))
        reading.attendees.append(found)
    if unread:
        if len(unread.split()) > 5 and group != OFFICER:
            reading.warnings.append(
                (number, f'could not tell the names apart in "{unread}" (a list printed in columns?): not recorded')
            )
        elif group != OFFICER:
            reading.warnings.append((number, f'not read as a name: "{unread}"'))
        else:
            # An officer named only by post ("Head of Legal Services"): recorded by role.
            reading.attendees.append(ParsedAttendee(name="", status=status, group=OFFICER, role=unread, line=number))
    return True


def _run_of_names(text: str) -> bool:
    """ "Councillor Amy Bell Tom Frost Raj Patel": capitalised words too many for one name."""
    words = TITLE.sub("", text).split()
    return len(words) > 5 and all(NAME_WORD.match(word) and word.lower() not in NOT_NAME_WORDS for word in words)


def _add(reading: AttendanceReading, text: str, current: tuple[str, str, bool], number: int, *, chair: bool) -> None:
    entries, _unread = split_names(text)
    for entry in entries:
        found = attendee(entry, *current[:2], number)
        reading.attendees.append(replace(found, chair=CHAIR) if chair else found)


# -- attendance in sentences ("Apologies for absence were received from ...") -----------------------

APOLOGIES_SENTENCE = re.compile(
    r"\bapolog(?:y|ies)(?:\s+for\s+(?:absence|lateness))?\s+(?:(?:was|were|had\s+been|have\s+been)\s+)?"
    r"(?:received|submitted|tendered|given|noted|reported|made)?\s*(?:from|by|on\s+behalf\s+of|for)\s+"
    r"(?:the\s+following\s*:?\s*)?(?P<names>.+)$",
    re.IGNORECASE,
)
# A titled name in running text: "Councillor A Jones", "Mrs J Barclay"
PERSON = (
    r"(?:(?i:councillors?|cllrs?\.?|county\s+councillor|mr|mrs|ms|miss|dr|professor)\s+"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
)
SUBSTITUTE_SENTENCE = re.compile(
    rf"(?P<name>{PERSON})\s+"
    r"(?i:attended|was\s+present|substituted|deputised|sat)\s+(?i:as\s+(?:a\s+|the\s+)?(?:substitute|deputy)\s+)?"
    rf"(?:for|in\s+place\s+of|on\s+behalf\s+of)\s+(?P<for>{PERSON})",
)
SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
# Names end where the sentence goes on: "..., and Councillor Y (substitute: ...)"; "who was ..."
NAMES_END = re.compile(r"\s*(?:\.|\bwho\b|\bwith\b|\bdue\s+to\b|\bbecause\b|\bas\s+(?:she|he|they)\b).*$")


def read_attendance_sentences(text: str, first_line: int = 0) -> AttendanceReading:
    """Attendance said in sentences, as an "Apologies" item's minutes say it."""
    reading = AttendanceReading([], [])
    for line_offset, paragraph in enumerate(text.splitlines()):
        number = first_line + line_offset
        label = ATTENDANCE_LABEL.match(paragraph.strip())
        if label and not label["label"].lower().startswith("in the chair"):
            block = read_attendance_block([(number, paragraph)])
            reading.attendees += block.attendees
            reading.warnings += block.warnings
            continue
        for sentence in SENTENCE.split(paragraph):
            for substitute in SUBSTITUTE_SENTENCE.finditer(sentence):
                reading.attendees.append(
                    ParsedAttendee(
                        name=substitute["name"].strip(" ."),
                        status=PRESENT,
                        substitute_for=substitute["for"].strip(" ."),
                        role="Substitute",
                        line=number,
                    )
                )
            apologies = APOLOGIES_SENTENCE.search(sentence)
            if apologies:
                names = NAMES_END.sub("", apologies["names"])
                entries, unread = split_names(names)
                for entry in entries:
                    reading.attendees.append(attendee(entry, APOLOGIES, MEMBER, number))
                if unread and not entries:
                    reading.warnings.append((number, f'apologies from names not read: "{unread}"'))
    return reading


def merged(attendees: list[ParsedAttendee]) -> tuple[ParsedAttendee, ...]:
    """One entry a person: a substitute named twice (in the list and in a sentence) once, the
    fuller reading kept; the order of first mention."""
    kept: dict[str, ParsedAttendee] = {}
    for each in attendees:
        name = parse_name(each.name) if each.name else None
        key = (name.key if name else each.name.lower()) or f"role:{each.role.lower()}"
        before = kept.get(key)
        if before is None:
            kept[key] = each
        elif before.status == PRESENT and each.status == APOLOGIES and not before.substitute_for:
            # Listed present, and apologies said for them: the minutes disagree with themselves.
            kept[key] = before
        else:
            kept[key] = replace(
                before,
                chair=before.chair or each.chair,
                substitute_for=before.substitute_for or each.substitute_for,
                remote=before.remote or each.remote,
                role=before.role or each.role,
                site_id=before.site_id or each.site_id,
            )
    return tuple(kept.values())


# -- declarations of interest --------------------------------------------------------------------

DECLARED = re.compile(
    rf"(?P<name>{PERSON})\s*(?:\([^)]*\)\s*)?,?\s+(?:declared|disclosed|registered|made\s+a\s+declaration\s+of|"
    r"indicated\s+that\s+(?:he|she|they)\s+had|stated\s+that\s+(?:he|she|they)\s+had)\b(?P<rest>[^.]*(?:\.(?=\d)[^.]*)*)",
)
WHERE = re.compile(
    r"\b(?:in|on|regarding|relating\s+to|in\s+respect\s+of|with\s+regard\s+to)\s+(?:agenda\s+)?"
    r"(?P<kind>item|minute)s?\s+(?:no\.?\s*)?(?P<number>\d{1,4}[a-z]?)(?:/(?P<year>\d{2}))?",
    re.IGNORECASE,
)
THIS_ITEM = re.compile(r"\b(?:this|the\s+(?:above|following))\s+(?:item|matter|minute)\b", re.IGNORECASE)
INTEREST_KINDS = (
    (re.compile(r"disclosable\s+pecuniary|\bDPI\b", re.IGNORECASE), DISCLOSABLE_PECUNIARY),
    (re.compile(r"other\s+regist(?:e)?rable", re.IGNORECASE), OTHER_REGISTRABLE),
    (re.compile(r"non[\s-]*regist(?:e)?rable", re.IGNORECASE), NON_REGISTRABLE),
    (re.compile(r"personal\s+and\s+prejudicial", re.IGNORECASE), PERSONAL_AND_PREJUDICIAL),
    (re.compile(r"\bprejudicial", re.IGNORECASE), PREJUDICIAL),
    (re.compile(r"non[\s-]*pecuniary", re.IGNORECASE), NON_PECUNIARY),
    (re.compile(r"\bpecuniary", re.IGNORECASE), PECUNIARY),
    (re.compile(r"\bpersonal", re.IGNORECASE), PERSONAL),
)
# "Councillor X - Item 7 - personal interest as a governor": a declarations list entry
DECLARATION_ENTRY = re.compile(
    rf"^(?P<name>{PERSON})\s*[-–:,]\s*(?:agenda\s+)?(?P<kind>item|minute)\s+(?P<number>\d{{1,4}}[a-z]?)\s*[-–:,]\s*"
    r"(?P<rest>.*\binterest\b.*)$",
)


@dataclass(frozen=True, slots=True)
class DeclarationFound:
    declaration: ParsedDeclaration
    item: str  # "item:7", "minute:82", "minute:82/16", "" for the item it is printed in


def interest_kind(words: str) -> str:
    for pattern, kind in INTEREST_KINDS:
        if pattern.search(words):
            return kind
    return ""


def read_declarations(text: str, first_line: int = 0) -> list[DeclarationFound]:
    """Declarations of interest said in an item's minutes."""
    found: list[DeclarationFound] = []
    for offset, paragraph in enumerate(text.splitlines()):
        number = first_line + offset
        plain = paragraph.strip().lstrip("·•-– ").strip()
        entry = DECLARATION_ENTRY.match(plain)
        if entry:
            target = f"{entry['kind'].lower()}:{entry['number'].lower()}"
            declaration = ParsedDeclaration(entry["name"].strip(), interest_kind(entry["rest"]), plain, number)
            found.append(DeclarationFound(declaration, target))
            continue
        for sentence in SENTENCE.split(plain):
            declared = DECLARED.search(sentence)
            if not declared or "interest" not in declared["rest"].lower():
                continue
            if re.search(r"\bno\s+(?:\w+\s+){0,3}interests?\b", declared["rest"], re.IGNORECASE):
                continue
            where = WHERE.search(declared["rest"])
            target = ""
            if where and not THIS_ITEM.search(declared["rest"][: where.start()]):
                target = f"{where['kind'].lower()}:{where['number'].lower()}"
                if where["year"]:
                    target += f"/{where['year']}"
            words = sentence[declared.start() :].strip()
            declaration = ParsedDeclaration(declared["name"].strip(), interest_kind(declared["rest"]), words, number)
            found.append(DeclarationFound(declaration, target))
    return found


# -- recorded votes ------------------------------------------------------------------------------

VOTE_LABELS = (
    (re.compile(r"^(?:for|in\s+favour|ayes?|yes|voting\s+for|supporting)$", re.I), YES),
    (re.compile(r"^(?:against|noes?|no|voting\s+against|opposed)$", re.I), NO),
    (re.compile(r"^(?:abstain(?:ed|ing|s)?|abstentions?|abstaining)$", re.I), ABSTAIN),
    (re.compile(r"^(?:not\s+voting|did\s+not\s+vote|no\s+vote)$", re.I), NOT_VOTING),
    (re.compile(r"^(?:absent)$", re.I), VOTE_ABSENT),
)
VOTE_LINE = re.compile(
    r"^(?P<label>for|in\s+favou?r|against|abstain(?:ed|ing|s)?|abstentions?|not\s+voting|did\s+not\s+vote)"
    r"\s*(?:\((?P<count1>\d{1,3})\))?\s*[:\-–]\s*(?P<rest>.*?)\s*(?:\((?P<count2>\d{1,3})\))?\.?$",
    re.IGNORECASE,
)
# "FOR 27 AGAINST 0 NOT VOTING 13", "For: 7, Against: 2, Abstentions: 1", "(7 for, 2 against, 1 abstention)"
COUNT_PAIR = re.compile(
    r"\b(?:(?P<label>for|in\s+favou?r|against|abstentions?|abstained|abstain|not\s+voting)\s*[:\-–]?\s*(?P<n>\d{1,3})\b"
    r"|(?P<n2>\d{1,3})\s+(?P<label2>for|in\s+favou?r|against|abstentions?|abstained|not\s+voting)\b)",
    re.IGNORECASE,
)
VOTES_TO = re.compile(
    r"\bby\s+(?P<yes>\d{1,3})\s+votes?\s+to\s+(?P<no>\d{1,3})(?:\s*,?\s*with\s+(?P<abstain>\d{1,3}|one|no)\s+abstentions?)?",
    re.IGNORECASE,
)
RECORDED_VOTE = re.compile(r"\b(?:recorded|named|roll[- ]call)\s+vote\b", re.IGNORECASE)


def _option(label: str) -> str | None:
    label = " ".join(label.lower().split())
    for pattern, option in VOTE_LABELS:
        if pattern.match(label):
            return option
    if label.startswith("abstain") or label.startswith("abstention"):
        return ABSTAIN
    if label.startswith("in favo"):
        return YES
    return None


@dataclass(frozen=True, slots=True)
class VoteFound:
    vote: ParsedVote
    position: int  # where in the text it was printed (characters), to find its resolution


def read_votes(text: str) -> list[VoteFound]:
    """Recorded votes in an item's minutes: a run of "For: ..." / "Against: ..." lines naming
    members or giving counts, or counts in a sentence."""
    found: list[VoteFound] = []
    lines = text.splitlines(keepends=True)
    position = 0
    run: list[tuple[str, str, int | None, str]] = []  # (option, names, count, line)
    run_start = 0
    spans: list[tuple[int, int]] = []

    def close_run(end: int) -> None:
        if len(run) >= 2 or (run and RECORDED_VOTE.search(text[max(0, run_start - 300) : run_start])):
            casts, counts = [], []
            for option, names, count, _line in run:
                entries, _unread = split_names(names) if names else ([], "")
                people = [entry.name for entry in entries]
                casts += [ParsedVoteCast(name, option) for name in people]
                if count is not None:
                    counts.append((option, count))
                elif people:
                    counts.append((option, len(people)))
                elif names and NONE_WORDS.match(names):
                    counts.append((option, 0))
            printed = "".join(line for *_rest, line in run).strip()
            found.append(VoteFound(ParsedVote(printed, tuple(counts), tuple(casts)), run_start))
            spans.append((run_start, end))
        run.clear()

    for line in lines:
        plain = line.strip().lstrip("·•- ").strip()
        match = VOTE_LINE.match(plain)
        option = _option(match["label"]) if match else None
        if match and option:
            if not run:
                run_start = position
            rest = match["rest"].strip()
            count = match["count1"] or match["count2"]
            if rest.isdigit():
                count, rest = rest, ""
            run.append((option, rest, int(count) if count else None, line))
        elif plain or not run:
            close_run(position)
        position += len(line)
    close_run(position)

    for match in VOTES_TO.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        counts = [(YES, int(match["yes"])), (NO, int(match["no"]))]
        if match["abstain"]:
            word = match["abstain"].lower()
            counts.append((ABSTAIN, 1 if word == "one" else 0 if word == "no" else int(word)))
        found.append(VoteFound(ParsedVote(match.group(0).strip(), tuple(counts)), match.start()))
    for paragraph_start, paragraph in _paragraphs(text):
        if any(start <= paragraph_start < end for start, end in spans) or VOTES_TO.search(paragraph):
            continue
        pairs = [(m, _option(m["label"] or m["label2"])) for m in COUNT_PAIR.finditer(paragraph)]
        options = {option for _m, option in pairs}
        if YES in options and NO in options and (RECORDED_VOTE.search(paragraph) or _only_counts(paragraph, pairs)):
            counts = tuple((option, int(m["n"] or m["n2"])) for m, option in pairs)
            first, last = pairs[0][0], pairs[-1][0]
            found.append(
                VoteFound(ParsedVote(paragraph[first.start() : last.end()].strip(" ()"), counts), paragraph_start)
            )
    return sorted(found, key=lambda each: each.position)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    result, position = [], 0
    for line in text.splitlines(keepends=True):
        result.append((position, line.strip()))
        position += len(line)
    return result


def _only_counts(paragraph: str, pairs: list) -> bool:
    """Counts printed as a tally ("FOR 27 AGAINST 0 NOT VOTING 13", "(7 for, 2 against)"), not
    words that happen to be followed by numbers."""
    span = paragraph[pairs[0][0].start() : pairs[-1][0].end()]
    return len(span) <= 24 * len(pairs)


# -- movers -------------------------------------------------------------------------------------

MOVED_BY = re.compile(
    rf"\b(?:moved|proposed|on\s+the\s+motion\s+of|upon\s+the\s+motion\s+of)\s+(?:by\s+)?(?P<mover>{PERSON})"
    rf"(?:\s*(?:\([^)]*\))?\s*,?\s*(?:and\s+)?(?:duly\s+)?seconded\s+by\s+(?P<seconder>{PERSON}))?",
)


@dataclass(frozen=True, slots=True)
class MoverFound:
    mover: ParsedMover
    position: int


def read_movers(text: str) -> list[MoverFound]:
    found: list[MoverFound] = []
    for match in MOVED_BY.finditer(text):
        found.append(MoverFound(ParsedMover(_trim_name(match["mover"]), MOVED), match.start()))
        if match["seconder"]:
            found.append(MoverFound(ParsedMover(_trim_name(match["seconder"]), SECONDED), match.start()))
    return found


def _trim_name(text: str) -> str:
    """A name caught by a pattern, without words after it that no name has ("That", "And")."""
    words = text.split()
    while len(words) > 2 and words[-1] in ("That", "And", "The", "It", "To", "With", "As"):
        words.pop()
    return " ".join(words).strip(" .,")


# -- which items hold attendance or declarations ---------------------------------------------------

ATTENDANCE_TITLE = re.compile(
    r"^(?:\d+\.?\s*)?(?:apolog|sederunt|attendance|present\b|membership|substitut|members\s+present|"
    r"notification\s+of\s+substitut)",
    re.IGNORECASE,
)
DECLARATIONS_TITLE = re.compile(r"\b(?:declarations?|disclosures?)\b.*\binterests?\b|\binterests?\b", re.I)
