"""A meeting page and its minutes of record, read as one meeting.

Many ModernGov councils list only the agenda on a meeting's page and publish the minutes as a
"Printed minutes" PDF or Word document linked from it. The crawler reads both; `with_printed_minutes`
makes them one meeting: the page gives what it knows best (the committee, date, venue and contact,
each item's title, agenda text and linked documents), the printed minutes what the page lacks (each
item's minutes, resolutions, actions and references). Items are matched by their minute number,
else by their title. Pure: dataclasses in, a dataclass out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .records import ParsedItem, ParsedMeeting, ParsedReference, ParsedWarning
from .references import reference_key

WORDS = re.compile(r"\w+")


def _title_key(title: str) -> str:
    return " ".join(WORDS.findall(title.lower()))


def with_printed_minutes(page: ParsedMeeting, printed: ParsedMeeting, printed_name: str) -> ParsedMeeting:
    """The meeting of `page`, its items' minutes taken from `printed` (see the module's docstring).

    An agenda item the printed minutes do not mention is kept as the page gives it, and said so;
    an item only the printed minutes have is kept too. The printed minutes' own warnings are kept,
    named as theirs (their line numbers count the document's text, not the page's)."""
    by_number = {item.minute_number: item for item in page.items if item.minute_number is not None}
    by_title = {_title_key(item.title): item for item in page.items}
    matched: set[int] = set()
    items: list[ParsedItem] = []
    for item in printed.items:
        agenda = by_number.get(item.minute_number) if item.minute_number is not None else None
        agenda = agenda or by_title.get(_title_key(item.title))
        if agenda is None or id(agenda) in matched:
            items.append(item)
            continue
        matched.add(id(agenda))
        items.append(
            replace(
                item,
                title=agenda.title or item.title,
                introduction=agenda.introduction,
                documents=agenda.documents,
                additional_documents=agenda.additional_documents,
                agenda_text=agenda.agenda_text,
                references=_unique(item.references + agenda.references),
            )
        )
    unmatched = [item for item in page.items if id(item) not in matched]
    items += unmatched
    if all(item.minute_number is not None for item in items):
        items.sort(key=lambda item: (item.minute_number, item.number))
    warnings = list(page.warnings)
    warnings += [ParsedWarning(each.line, f"{printed_name}: {each.message}") for each in printed.warnings]
    for item in unmatched:
        warnings.append(
            ParsedWarning(item.line, f"{_name(item)} is on the agenda but not in the printed minutes ({printed_name})")
        )
    numbered = tuple(replace(item, order=order) for order, item in enumerate(items, start=1))
    # Who attended is printed in the minutes of record, where anywhere.
    return replace(page, items=numbered, warnings=tuple(warnings), attendance=printed.attendance or page.attendance)


def _name(item: ParsedItem) -> str:
    return f"item {item.number}" if item.number else f'the item "{item.title}"'


def _unique(references: tuple[ParsedReference, ...]) -> tuple[ParsedReference, ...]:
    first: dict[tuple, ParsedReference] = {}
    for ref in references:
        first.setdefault(reference_key(ref), ref)
    return tuple(first.values())
