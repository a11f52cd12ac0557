"""ModernGov's own records of people: a meeting's attendance page and a councillor's page.

- `mgMeetingAttendance.aspx?ID=<MId>`: a table (summary "Table of meeting attendance") a row an
  attendee: their name linking `mgUserInfo.aspx?UID=<n>`, their role on the committee ("Chair",
  "Committee Member", "Substitute", "Officer"), and their attendance ("Present", "Apologies",
  "Apologies, sent substitute", "Present as substitute", "Absent", "In attendance", "Expected").
  Councils that never update it after the meeting leave everyone "Expected": a membership, not a
  presence, and never counted as one.
- `mgUserInfo.aspx?UID=<n>`: the councillor's name in its canonical form, party, ward and photo
  (linked, never copied). Home addresses and telephone numbers these pages may carry are never read.

Pure functions over the page, as the other parsers; the crawler fetches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from .markup import Element, find, has_class, parse_page, text_of
from .people import (
    ABSENT,
    APOLOGIES,
    CHAIR,
    CO_OPTED,
    EXPECTED,
    IN_ATTENDANCE,
    MEMBER,
    OFFICER,
    OTHER_MEMBER,
    PRESENT,
    SUBSTITUTE,
    ParsedAttendee,
    compatible,
    parse_name,
)

USER_ID = re.compile(r"mgUserInfo\.aspx\?(?:[^\"'#]*&)?UID=(\d+)", re.IGNORECASE)
ATTENDANCE_TABLE = re.compile(r"attendance", re.IGNORECASE)


def attendance_page_url(site: str, meeting_id: int) -> str:
    return urljoin(site, f"mgMeetingAttendance.aspx?ID={meeting_id}")


def councillor_page_url(site: str, user_id: int) -> str:
    return urljoin(site, f"mgUserInfo.aspx?UID={user_id}")


def _status(words: str) -> tuple[str, bool, bool] | None:
    """(status, as a substitute, remotely) for ModernGov's attendance words; None to skip."""
    words = " ".join(words.lower().split())
    remote = any(word in words for word in ("virtual", "remote", "online"))
    if words.startswith("apolog"):
        return APOLOGIES, False, False
    if words.startswith("absent"):
        return ABSENT, False, False
    if words.startswith("expected"):
        return EXPECTED, False, False
    if words.startswith("in attendance") or words.startswith("attending"):
        return IN_ATTENDANCE, False, remote
    if words.startswith("present") or words.startswith("attended") or remote:
        return PRESENT, "substitute" in words, remote
    return None  # "Not required", blank: says nothing


def read_attendance_page(page: str | bytes, url: str = "") -> list[ParsedAttendee]:
    """Who the site records at a meeting, in its order."""
    root = parse_page(page)
    found: list[ParsedAttendee] = []
    for table in root.iter("table"):
        summary = (table.get("summary") or "") + " " + (table.get("class") or "")
        if not ATTENDANCE_TABLE.search(summary) and not has_class(table, "mgStatsTable"):
            continue
        for row in table.iter("tr"):
            cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            if len(cells) < 3 or (cells[0].tag == "th" and not cells[0].iterdescendants("a")):
                continue
            attendee = attendee_from_cells(cells, url)
            if attendee is not None:
                found.append(attendee)
    return found


def attendee_from_cells(cells: list[Element], url: str = "") -> ParsedAttendee | None:
    """An attendee from an attendance table's row: name (linking their page), role, attendance, notes."""
    link = find(cells[0], "a")
    user = USER_ID.search(link.get("href", "")) if link is not None else None
    return attendee_from_words(
        *(text_of(cell) for cell in cells[:3]),
        notes=text_of(cells[3]) if len(cells) > 3 else "",
        site_id=int(user.group(1)) if user else None,
        source="attendance page",
    )


def attendee_from_words(
    name: str, role: str, attendance: str, *, notes: str = "", site_id: int | None = None, source: str
) -> ParsedAttendee | None:
    """An attendee as ModernGov describes one (on its attendance page, or in its web service):
    their name, role on the committee, attendance and notes; None where the attendance says nothing."""
    name, role, notes = (" ".join(text.split()) for text in (name, role, notes))
    read = _status(attendance)
    if not name or read is None:
        return None
    status, as_substitute, remote = read
    lowered = role.lower()
    if "officer" in lowered:
        group = OFFICER
    elif "co-opt" in lowered or "coopt" in lowered:
        group = CO_OPTED
    elif status == IN_ATTENDANCE:
        group = OTHER_MEMBER
    else:
        group = MEMBER
    substitute = SUBSTITUTE.match(notes) if notes else None
    roles = [role] if role and lowered not in ("committee member", "member") else []
    if as_substitute and "substitute" not in lowered:
        roles.append("Substitute")
    in_the_chair = lowered in ("chair", "chairman", "chairperson", "chair of meeting") and status == PRESENT
    return ParsedAttendee(
        name=name,
        status=status,
        group=group,
        chair=CHAIR if in_the_chair else "",
        substitute_for=substitute["name"].strip(" .") if substitute else "",
        remote=remote,
        role=", ".join(roles) if group != OFFICER else "",
        site_id=site_id,
        source=source,
    )


def with_site_attendance(minutes: tuple[ParsedAttendee, ...], site: list[ParsedAttendee]) -> tuple[ParsedAttendee, ...]:
    """The minutes' attendance, completed from the site's: where the minutes record anyone, they
    stand, each name gaining the site's id for it where the site lists the same name, and the site's
    "Expected" says nothing; where they record no one, the site's record is the meeting's."""
    if not minutes:
        return tuple(site)
    by_key = {}
    for each in site:
        name = parse_name(each.name)
        if name is not None and each.site_id is not None:
            by_key.setdefault(name.key, each.site_id)
            by_key.setdefault(name.surname.lower(), each.site_id)
    result = []
    for each in minutes:
        name = parse_name(each.name) if each.name else None
        site_id = None
        if name is not None:
            site_id = by_key.get(name.key)
            if site_id is None and name.forenames:
                site_id = _by_initials(name, site)
        result.append(_with_id(each, site_id))
    return tuple(result)


def _by_initials(name, site: list[ParsedAttendee]) -> int | None:
    """The site's id for "R Smith" where the site lists exactly one Smith whose forename starts R."""
    matches = set()
    for each in site:
        other = parse_name(each.name)
        if other and other.surname.lower() == name.surname.lower() and compatible(name.forenames, other.forenames):
            matches.add(each.site_id)
    return matches.pop() if len(matches) == 1 else None


def _with_id(attendee: ParsedAttendee, site_id: int | None) -> ParsedAttendee:
    return replace(attendee, site_id=site_id) if site_id is not None else attendee


@dataclass(frozen=True, slots=True)
class CouncillorPage:
    name: str
    party: str = ""
    ward: str = ""
    photo_url: str = ""


LABELLED = re.compile(
    r"^(?P<label>party|political\s+party|ward|division|electoral\s+division)\s*:\s*(?P<value>.+)$", re.I
)


def read_councillor_page(page: str | bytes, url: str = "") -> CouncillorPage | None:
    """The councillor's name, party, ward and photo address from `mgUserInfo.aspx`: nothing else
    (their address and telephone numbers are never read)."""
    root = parse_page(page)
    heading = find(root, "h1", cls="mgMainTitleTxt")
    if heading is None:
        heading = find(root, "h1")
    name = " ".join(text_of(heading).split()) if heading is not None else ""
    if not name or parse_name(name) is None:
        return None
    party = ward = photo = ""
    for element in root.iter("p", "li", "dd", "td"):
        text = " ".join(text_of(element).split())
        match = LABELLED.match(text) if len(text) < 200 else None
        if match:
            label = match["label"].lower()
            if "party" in label and not party:
                party = match["value"].strip()
            elif not ward and ("ward" in label or "division" in label):
                ward = match["value"].strip()
    for image in root.iter("img"):
        source = image.get("src", "")
        if "/UserData/" in source or "photo" in (image.get("alt", "") + image.get("class", "")).lower():
            photo = urljoin(url, source)
            break
    return CouncillorPage(name, party, ward, photo)
