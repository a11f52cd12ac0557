"""Render stored minutes text as HTML: paragraphs, lists and reference links.

Every piece of text from the minutes is escaped here; only the tags this
module writes itself reach the page unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms, template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from importers.blocks import BULLET_GLYPH, NUMBERED_LINE

register = template.Library()


@register.simple_tag
def minutes_html(text: str, item: object = None, resolutions: Iterable = ()) -> SafeString:
    """`text` as paragraphs and lists, each printed reference linked to what it names, and the
    lines that print `resolutions` marked as the resolution, each with its anchor.

    `item` carries `reference_links` (printed text -> URL) and `unpublished` (minute
    references to minutes not published here, marked so rather than linked). Resolutions
    whose lines are not known (`first_line` None) are left for the caller to show.
    """
    linker = _Linker(getattr(item, "reference_links", {}), getattr(item, "unpublished", set()))
    marks = _ResolutionMarks([r for r in resolutions if r.first_line is not None])
    html: list[str] = []
    resolved_run: list[str] = []
    number = 0
    for chunk in text.split("\n\n"):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        numbers = range(number, number + len(lines))
        number += len(lines)
        whole = all(n in marks.lines for n in numbers)
        chunk_html = _chunk_html(list(zip(numbers, lines, strict=True)), linker, marks, whole)
        if whole:
            resolved_run.extend(chunk_html)
            continue
        html.extend(_resolved_box(resolved_run))
        resolved_run = []
        html.extend(chunk_html)
    html.extend(_resolved_box(resolved_run))
    return mark_safe("\n".join(html))


class _ResolutionMarks:
    """Which lines print a resolution, and the anchors that start on each line."""

    def __init__(self, resolutions: list):
        self.lines: set[int] = set()
        self.anchors: dict[int, list[str]] = {}
        for resolution in resolutions:
            self.lines.update(range(resolution.first_line, resolution.last_line + 1))
            self.anchors.setdefault(resolution.first_line, []).append(resolution.anchor)

    def attributes(self, number: int, whole_chunk: bool) -> str:
        """id="..." for the first anchor on the line; class="resolved" for a resolution's line
        inside a paragraph or list that is not all resolution."""
        attributes = ""
        if anchors := self.anchors.get(number):
            attributes += format_html(' id="{}"', anchors[0])
        if number in self.lines and not whole_chunk:
            attributes += ' class="resolved"'
        return attributes

    def extra_anchors(self, number: int) -> str:
        """Resolutions printed on one line ("That (1) ...; and (2) ..."): one anchor each."""
        return "".join(format_html('<span id="{}"></span>', anchor) for anchor in self.anchors.get(number, [])[1:])


def _resolved_box(chunks_html: list[str]) -> list[str]:
    if not chunks_html:
        return []
    return ['<div class="resolved">', '<h4 class="section-label">Resolution</h4>', *chunks_html, "</div>"]


def _chunk_html(lines: list[tuple[int, str]], linker: _Linker, marks: _ResolutionMarks, whole: bool) -> list[str]:
    html: list[str] = []
    open_list = ""
    for number, line in lines:
        numbered = NUMBERED_LINE.match(line)
        if line.startswith(f"{BULLET_GLYPH} "):
            kind, body = "ul", linker.html(line[2:])
        elif numbered:
            kind = "ol"
            body = f'<span class="marker">{escape(numbered["marker"])}</span> {linker.html(numbered["text"])}'
        else:
            kind, body = "", linker.html(line)
        if kind != open_list:
            if open_list:
                html.append(f"</{open_list}>")
            if kind:
                html.append(f'<{kind} class="minutes-list">')
            open_list = kind
        tag = "li" if kind else "p"
        html.append(f"<{tag}{marks.attributes(number, whole)}>{marks.extra_anchors(number)}{body}</{tag}>")
    if open_list:
        html.append(f"</{open_list}>")
    return html


class _Linker:
    """Escapes text, links each printed reference, and marks minutes not published here."""

    def __init__(self, links: dict[str, str], unpublished: set[str]):
        self.links = links
        self.unpublished = unpublished
        printed = sorted({*links, *unpublished}, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, printed)) + r")(?!\w)") if printed else None

    def html(self, text: str) -> str:
        if self.pattern is None:
            return escape(text)
        # re.split with one group alternates plain text and references.
        return "".join(
            self._reference(part) if index % 2 else escape(part) for index, part in enumerate(self.pattern.split(text))
        )

    def _reference(self, printed: str) -> str:
        if printed in self.links:
            return format_html('<a href="{}">{}</a>', self.links[printed], printed)
        return format_html('{} <span class="unpublished">(not published here)</span>', printed)


@register.filter
def recommendation_status(recommendation) -> str:
    """ "Response overdue" for a recommendation still awaiting its answer past the time allowed
    today, else its status."""
    return recommendation.shown_status(timezone.localdate())


@register.filter
def revisions_url(meeting) -> str:
    from meetings.revisions.models import revisions_url as url

    return url(meeting)


@register.filter
def changes_counted(revisions) -> int:
    """How many changes a meeting's revisions made, in all."""
    return sum(revision.change_count for revision in revisions)


@register.filter
def filters_shown(form) -> str:
    """The filters the request chose, as a reader would name them ("Outstanding (overdue too) ·
    2016/17"): shown on the folded filters' summary, so that a phone shows the results first."""
    shown = []
    for name, field in form.fields.items():
        value = form.data.get(name)
        if not value:
            continue
        choices = getattr(field, "choices", None)
        if choices is not None:
            labels = {str(key): label for key, label in choices}
            shown.append(str(labels.get(str(value), value)))
        elif isinstance(field, forms.NullBooleanField | forms.BooleanField):
            shown.append(field.label if value.lower() in ("true", "on", "1", "yes") else f"{field.label}: no")
        else:
            shown.append(f"{field.label}: {value}")
    return " · ".join(shown)


@register.filter
def unplaced(resolutions: Iterable) -> list:
    """The resolutions whose place in the minutes text is not known."""
    return [resolution for resolution in resolutions if resolution.first_line is None]


@register.filter
def municipal_year(year: int) -> str:
    """2016 -> "2016/17" """
    return f"{year}/{(int(year) + 1) % 100:02d}"


@register.filter
def year_url(committee, year: int) -> str:
    """The committee's page for a municipal year: /committees/<slug>/2016-17/"""
    return committee.year_url(int(year))


@register.filter
def tel(number: str) -> str:
    """A printed phone number as a tel: link target: "024 7683 3111" -> "02476833111"."""
    return re.sub(r"[^\d+]", "", number.split("/")[0])


@register.filter
def api_path(page_path: str) -> str:
    """The API's address for a page's: "/committees/x/" -> "/api/committees/x"."""
    return "/api" + page_path.rstrip("/")
