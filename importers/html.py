"""The ModernGov HTML parser: a meeting's "Agenda and minutes" page, and its item pages.

ModernGov's markup says what the text importer has to guess: the items table
(`table.mgItemTable`) gives each item's number cell and content cell, the title
is `p.mgAiTitleTxt` (its `a.mgAiTitleLnk` the document), and `p.mgSubItemTitleTxt`
headings ("Minutes:", "Decision:", "Additional documents:") divide the content.
So items come from the structure; what is written inside an item -- paragraphs,
lists, resolutions, actions, references -- is read by the very rules the text
importer uses (`items.take_line`, then `assemble.assemble_meeting`), line for line.

Item pages (`mgAi.aspx`, `ieDecisionDetails.aspx`, `mgIssueHistoryHome.aspx`) hold
one item of a known meeting: `parse_meeting_page(..., item_pages=...)` completes a
meeting's cut-short or decision-only items from them, and `parse_item_page` reads one
alone. Everything here is pure: HTML in, dataclasses out; nothing is fetched. Pages become
element trees in `markup.py`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit

from .assemble import assemble_meeting
from .blocks import SourceLine
from .dates import iter_dates
from .header import ISSUE_MEETING, parse_header, says_draft
from .items import TRUNCATION, RawItem, clean_title, items_with_sub_items_merged, take_line
from .lines import DOCUMENT_MARKER, classify, match_number_line, printed_number, tidy_line, without_page_furniture
from .markup import Element, ancestor, find, has_class, parse_page, text_of
from .records import ImportFailed, ParsedDocument, ParsedMeeting, ParsedWarning
from .resolutions import page_uses_resolved
from .text import parse_lines

# Elements that start a new line of text; everything else runs inline.
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th"),
        *("thead", "tr", "ul"),
    }
)
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "select", "button", "input"})
# ModernGov's own furniture inside the content: link panels ("Attendance details", "View the
# decision for item 4."), the page heading, breadcrumbs. Not text of the minutes; links kept.
FURNITURE_CLASSES = frozenset({"mgActionList", "mgLinks", "mgMainTitleTxt", "mgBreadCrumbs"})
HEADINGS = ("mgMainTitleTxt", "mgSubTitleTxt")
# Where an item page's content is, first found first: (tags, class, id).
CONTENT = (
    (("div",), "mgContent", None),
    ((), None, "modgov"),
    ((), None, "mgContent"),
    (("main",), None, None),
    (("body",), None, None),
)
# What a link keeps as it is when its address is made valid: the reserved characters and escapes.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
# HTML's own white space (a no-break space is not: it is printed).
HTML_SPACE = " \t\n\r\f"
# Word's Symbol and Wingdings bullets arrive as private-use characters: "\uf0a7 Children ..."
SYMBOL_FONT_GLYPH = re.compile(r"[\uf000-\uf0ff]")
# "<!DOCTYPE html", "<html", or a ModernGov fragment: how a saved page is told from saved text.
LOOKS_LIKE_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<\?xml|<!--|<head|<body|<div|<table|<meta)", re.I)
# "View the decision for item 4." -- a link to the item's decision page.
DECISION_LINK = re.compile(r"\bview\s+the\s+decision\s+for\s+item\b", re.IGNORECASE)
# A meeting page's link to its minutes of record: "Printed minutes PDF 180 KB", "Draft minutes",
# "Minutes" (the link's text), or ModernGov's addresses for them.
PRINTED_MINUTES_TEXT = re.compile(r"^(?:(?:printed|draft|approved|signed|confirmed)\s+)?minutes\b", re.IGNORECASE)
PRINTED_MINUTES_HREF = re.compile(
    r"mgConvert2PDF\.aspx|/documents/g\d+/(?:printed|draft|public)?[ _-]*minutes[^/]*\.(?:pdf|docx)$", re.IGNORECASE
)
# Item pages' own labels that are about the page, not the minutes.
PAGE_FACTS = re.compile(
    r"^(?:decision\s+maker|decision\s+status|is\s+(?:key\s+decision|subject\s+to\s+call[- ]in)\??|date\s+of\s+"
    r"(?:decision|publication)|publication\s+date|effective\s+from|call[- ]in\s+deadline|lead\s+officer|wards?\s+"
    r"affected|portfolio\s+holder|report\s+author|contact|issue\s+history|meeting)\s*:",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ItemPage:
    """One item of a meeting, as an item, decision or issue page prints it."""

    committee: str
    date: datetime.date | None
    number: str  # from "(Item 71)"; "" when not given
    item: RawItem


def is_html(data: bytes) -> bool:
    """Whether a document is a saved web page rather than text (by its content, not its name)."""
    return bool(LOOKS_LIKE_HTML.match(data[:1024].lstrip(b"\xef\xbb\xbf")))


def page_url(page: str | bytes | Element) -> str:
    """The address a saved page came from: its canonical link, else its <base>, else ""."""
    root = parse_page(page)
    head = root.find("head")
    head = root if head is None else head
    candidates = (
        (_first_with(head, "link", "rel", "canonical"), "href"),
        (_first_with(head, "base", "href"), "href"),
        (_first_with(head, "meta", "property", "og:url"), "content"),
    )
    for element, attribute in candidates:
        if element is not None and (element.get(attribute) or "").startswith(("http://", "https://")):
            return element.get(attribute).strip()
    return ""


def _first_with(root: Element, tag: str, attribute: str, value: str | None = None) -> Element | None:
    """The first `tag` below `root` with the attribute (one of whose words is `value`, where given)."""
    for element in root.iterdescendants(tag):
        found = element.get(attribute)
        if found is not None and (value is None or value in found.lower().split()):
            return element
    return None


def parse_html(
    page: str | bytes,
    source: str = "<html>",
    *,
    item_pages: Mapping[str, str | bytes] | None = None,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """A meeting from a saved ModernGov page: a meeting page (completed from `item_pages`, see
    `parse_meeting_page`), or an item page read alone."""
    root = parse_page(page)
    if _items_table(root) is not None:
        options = {"committee": committee, "date": date, "time": time, "year_start": year_start}
        return parse_meeting_page(root, source, item_pages=item_pages, **options)
    pages = parse_item_page(root, source)
    if not pages:
        # Not ModernGov's: a council's own page, CMIS, a static archive. A person reads it as text, so
        # the text parser does, from the lines a browser shows of its content.
        lines = without_page_furniture([classify(line) for line in _lines(_content(root))[0]])
        options = {"committee": committee, "date": date, "time": time, "year_start": year_start}
        try:
            if not any(line.text for line in lines):
                raise ImportFailed(source, 1, "the page shows no text")
            return parse_lines(lines, source, **options)
        except ImportFailed as failure:
            raise ImportFailed(
                source,
                failure.line,
                "no ModernGov items table (table.mgItemTable) and no item page found, and read as text: "
                f"{failure.reason}",
            ) from None
    first = pages[0]
    meeting_date = date or first.date
    committee_name = (committee or first.committee).strip()
    _require(source, first.item.line, committee_name, meeting_date)
    warnings = []
    if len(pages) > 1:
        warnings.append(
            ParsedWarning(pages[1].item.line, "this page lists further meetings; only the first was imported")
        )
    return assemble_meeting(
        [first.item],
        source=page_url(root) or source,
        committee=committee_name,
        date=meeting_date,
        time=time,
        warnings=warnings,
        page_says_resolved=page_uses_resolved(_shown_text([first.item])),
        year_start=year_start,
    )


def parse_meeting_page(
    page: str | bytes | Element,
    source: str = "<html>",
    *,
    item_pages: Mapping[str, str | bytes] | None = None,
    committee: str | None = None,
    date: datetime.date | None = None,
    time: datetime.time | None = None,
    year_start: tuple[int, int] = (5, 1),
) -> ParsedMeeting:
    """Parse an `ieListDocuments.aspx` page ("Agenda and minutes", "Agenda, decisions and minutes", "Agenda").

    `item_pages` maps an item page's URL, as the meeting page links it (made absolute
    against the page's own URL where known), to that page: an item cut short on the
    meeting page is completed from it, and an item that only links its decision gains it.
    """
    root = parse_page(page)
    base = _base(root, source)
    table = _items_table(root)
    if table is None:
        raise ImportFailed(source, 1, "no ModernGov items table (table.mgItemTable): not a meeting page")
    header = parse_header([classify(line) for line in _header_lines(root, table)])
    meeting_date = date or header.date
    committee_name = (committee or header.committee).strip()
    _require(source, table.sourceline or 1, committee_name, meeting_date)

    warnings: list[ParsedWarning] = []
    raw_items = []
    for row in _item_rows(table):
        raw, links = _read_row(row, base)
        if raw is None:
            continue
        _complete(raw, links, item_pages or {}, meeting_date, warnings)
        raw_items.append(raw)
    if not raw_items:
        raise ImportFailed(source, table.sourceline or 1, "the items table holds no items")
    return assemble_meeting(
        items_with_sub_items_merged(raw_items),
        source=base or source,
        committee=committee_name,
        date=meeting_date,
        time=time or header.time,
        venue=header.venue,
        contact=header.contact,
        kind=header.kind,
        warnings=warnings,
        page_says_resolved=page_uses_resolved(_shown_text(raw_items)),
        year_start=year_start,
        draft=says_draft([" ".join(text_of(heading).split()) for heading in root.iter("h1")]),
    )


def _shown_text(raw_items: list[RawItem]) -> str:
    """The items' text as lines, as a saved text page would show them."""
    return "\n".join(line.text for raw in raw_items for line in (*raw.agenda, *raw.decision, *raw.minutes))


def item_page_links(page: str | bytes | Element, url: str = "") -> list[str]:
    """The item pages a meeting page needs to be complete: those of items cut short
    ("view the full minutes text for item 71") and of items that only link their decision.

    Links are made absolute against `url`, where the page was fetched from, else its canonical link.
    """
    root = parse_page(page)
    base = _base(root, url)
    table = _items_table(root)
    if table is None:
        return []
    needed = []
    for row in _item_rows(table):
        raw, links = _read_row(row, base)
        if raw is None:
            continue
        if raw.truncated and links.full_text:
            needed.append(links.full_text)
        elif links.decision and not (raw.decision or raw.minutes):
            needed.append(links.decision)
    return list(dict.fromkeys(needed))


def printed_minutes_url(page: str | bytes | Element, url: str = "") -> str:
    """The address of a meeting page's minutes document ("Printed minutes", "Draft minutes",
    `mgConvert2PDF.aspx`, `documents/g11234/Printed minutes ...pdf`), from the page's own links
    outside its items (an item's "Minutes PDF 70 KB" is the last meeting's minutes); "" where none."""
    root = parse_page(page)
    base = _base(root, url)
    table = _items_table(root)
    for anchor in root.iterdescendants("a"):
        href = (anchor.get("href") or "").strip()
        if not href or (table is not None and any(parent is table for parent in anchor.iterancestors())):
            continue
        text = text_of(anchor).strip()
        address = quote(urljoin(base, href), safe=URL_SAFE)
        if not address.lower().startswith(("https://", "http://")):
            continue
        if PRINTED_MINUTES_TEXT.match(text) or PRINTED_MINUTES_HREF.search(unquote(urlsplit(address).path)):
            return address
    return ""


def parse_item_page(page: str | bytes | Element, source: str = "<html>") -> list[ItemPage]:
    """The item(s) an item, decision or issue page prints, one per "Meeting: 05/10/2011 - Cabinet (Item 54)"."""
    root = parse_page(page)
    content = _content(root)
    heading = find(root, "h2", cls="mgSubTitleTxt")
    title = _text(heading) if heading is not None else ""
    lines, anchors = _lines(content, skip=[heading] if heading is not None else [])
    pages: list[ItemPage] = []
    current: RawItem | None = None
    section: list[SourceLine] = []
    for line in lines:
        meeting = ISSUE_MEETING.match(line.text)
        if meeting:
            found = next(iter_dates(meeting["date"], numeric=True), None)
            number = meeting["item"] or ""
            printed = match_number_line(number) if number else None
            current = RawItem(number, int(printed["number"]) if printed else None, line.number, title=title)
            pages.append(ItemPage(meeting["committee"].strip(), found[1] if found else None, number, current))
            section = current.agenda
            continue
        if current is None or PAGE_FACTS.match(line.text):
            continue
        if title and line.text.endswith(title) and not any(each.text for each in current.agenda):
            continue  # "54 Libraries Strategy": the item's title again, with its number at that meeting
        section = take_line(current, classify(line), section)
    for each in pages:
        each.item.documents[:] = _with_urls(each.item.documents, anchors, _base(root, source))
    return [each for each in pages if each.item.title]


# -- the page's parts ----------------------------------------------------------------


@dataclass(slots=True)
class _RowLinks:
    full_text: str = ""  # "view the full minutes text for item 71" -> mgAi.aspx?ID=...
    decision: str = ""  # "View the decision for item 4." -> ieDecisionDetails.aspx?AIId=...


def _base(root: Element, source: str) -> str:
    """What the page's links are relative to: the address it was fetched from, else the one it names."""
    return source if source.startswith(("http://", "https://")) else page_url(root)


def _items_table(root: Element) -> Element | None:
    """The items table: by its id or class, else (a site's own template may leave it unnamed)
    the table around ModernGov's first item-number cell."""
    table = find(root, "table", id="mgItemTable")
    if table is None:
        table = find(root, "table", cls="mgItemTable")
    if table is None:
        number_cell = find(root, "td", cls="mgItemNumberCell")
        table = ancestor(number_cell, "table") if number_cell is not None else None
    return table


def _content(root: Element) -> Element:
    """The part of an item page that holds the item, without the site's menus."""
    for tags, cls, id_ in CONTENT:
        element = find(root, *tags, cls=cls, id=id_)
        if element is not None:
            return element
    return root


def _require(source: str, line: int, committee: str, date: datetime.date | None) -> None:
    missing = [name for name, value in (("committee", committee), ("date", date)) if not value]
    if missing:
        raise ImportFailed(
            source,
            line,
            f"no meeting {' or '.join(missing)} found on the page; "
            "give them with --committee NAME --date YYYY-MM-DD [--time HH:MM]",
        )


def _header_lines(root: Element, table: Element) -> list[SourceLine]:
    """The lines the header parser reads: page title, "Committee - date time", and labelled
    lines ("Venue:", "Contact:"), all above the items table; the <title> ("Agenda for X on
    <date>") where the heading is missing."""
    above = []  # in page order
    for element in root.iter("h1", "h2", "span", "table"):
        if element is table:
            break
        above.append(element)
    headings = [element for element in above if element.tag in ("h1", "h2") and has_class(element, *HEADINGS)]
    lines = [SourceLine(element.sourceline or 1, _text(element), False) for element in headings]
    title = find(root, "title")
    if not any(element.tag == "h2" for element in headings) and title is not None:
        # "Agenda for Cabinet on Tuesday, 3rd March, 2020, 10.00 am | Example Council"
        lines.append(SourceLine(title.sourceline or 1, _text(title).split(" | ")[0], False))
    for label in above:
        if label.tag == "span" and has_class(label, "mgLabel"):
            paragraph = ancestor(label, "p", "div", "li")
            if paragraph is not None:
                lines.append(SourceLine(paragraph.sourceline or 1, _text(paragraph), False))
    return lines


def _item_rows(table: Element) -> list[Element]:
    """The table's own rows (not those of tables inside the minutes)."""
    return [row for row in table.iterdescendants("tr") if ancestor(row, "table") is table]


def _read_row(row: Element, base: str) -> tuple[RawItem | None, _RowLinks]:
    """One row of the items table as a RawItem: number cell, title, then the content's lines."""
    cells = [cell for cell in row if cell.tag == "td"]
    links = _RowLinks()
    if len(cells) < 2 and not (cells and find(cells[0], "p", cls="mgAiTitleTxt") is not None):
        return None, links
    number_cell, content = (cells[0], cells[1]) if len(cells) >= 2 else (None, cells[0])
    printed = match_number_line(_text(number_cell).rstrip()) if number_cell is not None else None
    line = row.sourceline or 1
    if printed:
        raw = RawItem(printed_number(printed), int(printed["number"]), line, printed["year"])
    else:
        raw = RawItem("", None, line)
    title = find(content, "p", cls="mgAiTitleTxt")
    title = title if title is not None else find(content, "p", "h3", "h4", "strong")
    if title is not None:
        raw.title = clean_title(_text(title), raw)
    lines, anchors = _lines(content, skip=[title] if title is not None else [])
    section = raw.agenda
    for each in lines:
        section = take_line(raw, classify(each), section)
    for text, href in anchors:
        if TRUNCATION.search(text):
            raw.truncated = True
            links.full_text = links.full_text or urljoin(base, href)
        elif DECISION_LINK.search(text):
            links.decision = links.decision or urljoin(base, href)
    if not (raw.title or raw.agenda or raw.minutes or raw.decision):
        return None, links
    raw.documents[:] = _with_urls(raw.documents, anchors, base)
    return raw, links


def _with_urls(documents: list[ParsedDocument], anchors: list[tuple[str, str]], base: str) -> list[ParsedDocument]:
    """Each document read from a "PDF 70 KB" marker, with the address of the link that printed it."""
    links = []
    for text, href in anchors:
        marker = DOCUMENT_MARKER.search(text)
        url = quote(urljoin(base, href.strip()), safe=URL_SAFE)  # "Fees and Charges.pdf" -> "Fees%20and%20Charges.pdf"
        # Only a web address is kept: never "javascript:", nor a relative one there is no page to resolve against.
        if marker and url.lower().startswith(("https://", "http://")):
            links.append([marker["format"].upper(), marker["size"], url])
    result = []
    for document in documents:
        for link in links:
            if link[0] == document.format and link[2]:
                result.append(dataclasses.replace(document, url=link[2]))
                link[2] = ""  # each link gives one document
                break
        else:
            result.append(document)
    return result


def _complete(
    raw: RawItem,
    links: _RowLinks,
    item_pages: Mapping[str, str | bytes],
    meeting_date: datetime.date,
    warnings: list[ParsedWarning],
) -> None:
    """Complete a cut-short or decision-only item from its own page, where that page was fetched."""
    url = links.full_text if raw.truncated else (links.decision if not (raw.decision or raw.minutes) else "")
    if not url or url not in item_pages:
        return
    pages = parse_item_page(item_pages[url], url)
    page = next((each for each in pages if each.date in (None, meeting_date)), None)
    if page is None:
        warnings.append(ParsedWarning(raw.line, f"{raw.name}: its page {url} is about another meeting; not merged"))
        return
    full = page.item
    if raw.truncated:
        raw.agenda, raw.decision, raw.minutes = full.agenda or raw.agenda, full.decision, full.minutes
        raw.truncated = full.truncated
        raw.has_minutes_label = raw.has_minutes_label or full.has_minutes_label
    else:
        raw.decision = full.decision
    known = {document.url for document in raw.documents if document.url}
    raw.documents += [document for document in full.documents if document.url not in known]


# -- text out of HTML ----------------------------------------------------------------


def fragment_lines(html: str, first_line: int = 1) -> list[SourceLine]:
    """A fragment of HTML (a web service's escaped minutes) as the lines a browser shows, each
    numbered `first_line`: the fragment's own lines are not the document's."""
    if not html.strip():
        return []
    root = parse_page(f"<html><body><div>{html}</div></body></html>")
    return [SourceLine(first_line, line.text, line.indented) for line in _lines(root)[0]]


def _text(element: Element | None) -> str:
    """An element's text on one line, as a browser shows it (no image alt text)."""
    if element is None:
        return ""
    return " ".join(line.text for line in _lines(element)[0] if line.text)


def _lines(element: Element, *, skip: list[Element] = ()) -> tuple[list[SourceLine], list[tuple[str, str]]]:
    """An element's text as the lines a browser would show, and its links as (text, href).

    A line per block (paragraph, list entry, cell), blank lines between blocks, <br> ending
    a line within one. List entries get the bullet or number a browser draws, so the shared
    rules see lists as saved text shows them. Links are collected from skipped parts too.
    """
    writer = _LineWriter()
    _walk(element, writer, set(skip), element.sourceline or 1)
    writer.end_block()
    return writer.lines, writer.anchors


class _LineWriter:
    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.anchors: list[tuple[str, str]] = []
        self.parts: list[str] = []
        self.number = 1

    def write(self, text: str, number: int) -> None:
        if not self.parts:
            self.number = number
        self.parts.append(text)

    def end_line(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts = []
        if not raw or raw.isspace():  # Word's empty paragraphs, "<p>&nbsp;</p>"
            return
        raw = raw.lstrip(HTML_SPACE)  # a line indented by no-break spaces stays indented
        if not raw.isascii() and SYMBOL_FONT_GLYPH.search(raw):
            raw = SYMBOL_FONT_GLYPH.sub("·", raw[:1]) + SYMBOL_FONT_GLYPH.sub("", raw[1:])
        text, indented = tidy_line(raw)
        if text:
            self.lines.append(SourceLine(self.number, text, indented))

    def end_block(self) -> None:
        self.end_line()
        if self.lines and self.lines[-1].text:
            self.lines.append(SourceLine(self.lines[-1].number, "", False))


def _walk(node: Element, writer: _LineWriter, skip: set[Element], number: int) -> None:
    """Write `node`'s text and its children's, each child followed by the text after it (its tail)."""
    if node.text:
        writer.write(node.text, number)
    for child in node:
        name = child.tag
        if name in SKIPPED_TAGS or not isinstance(name, str):
            pass
        elif child in skip or ((classes := child.get("class")) and not FURNITURE_CLASSES.isdisjoint(classes.split())):
            writer.anchors += [_link(anchor) for anchor in child.iterdescendants("a") if anchor.get("href") is not None]
        elif name in BLOCK_TAGS:
            writer.end_block()
            text, line = child.text, child.sourceline or number
            if name == "li":
                writer.write(_list_marker(child), line)
            if len(child):
                _walk(child, writer, skip, line)
            elif text and not text.isspace():  # most paragraphs of pasted minutes: text alone
                writer.write(text, line)
            # (an empty paragraph, Word's "<p>&nbsp;</p>", writes nothing: it only ends the one before)
            writer.end_block()
        elif name == "br":
            writer.end_line()
        else:
            if name == "a" and child.get("href") is not None:
                writer.anchors.append(_link(child))
            if len(child):
                _walk(child, writer, skip, number)
            elif child.text:
                writer.write(child.text, number)
        if child.tail:
            writer.write(child.tail, number)


def _link(anchor: Element) -> tuple[str, str]:
    return text_of(anchor), anchor.get("href")


def _list_marker(entry: Element) -> str:
    """The bullet or number a browser draws before a list entry: "· ", "3. ", "b. "."""
    parent = entry.getparent()
    if parent is None or parent.tag != "ol":
        return "· "
    start = parent.get("start") or "1"
    position = int(start) if start.isdigit() else 1
    position += sum(1 for _sibling in entry.itersiblings("li", preceding=True))
    kind = parent.get("type", "1")
    if kind in ("a", "A"):
        label = chr(ord(kind) + (position - 1) % 26)
    elif kind in ("i", "I"):
        label = _roman(position).lower() if kind == "i" else _roman(position)
    else:
        label = str(position)
    return f"{label}. "


def _roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result.upper()
