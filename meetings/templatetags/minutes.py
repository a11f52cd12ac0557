"""Render stored minutes text as HTML: paragraphs, lists and reference links.

Every piece of text from the minutes is escaped here; only the tags this
module writes itself reach the page unescaped.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from importers.blocks import BULLET_GLYPH, NUMBERED_LINE

register = template.Library()


@register.simple_tag
def minutes_html(text: str, item: object = None) -> SafeString:
    """`text` as paragraphs and lists, each printed reference linked to what it names.

    `item` carries `reference_links` (printed text -> URL) and `unpublished` (minute
    references to minutes not published here, marked so rather than linked).
    """
    linker = _Linker(getattr(item, "reference_links", {}), getattr(item, "unpublished", set()))
    html: list[str] = []
    for chunk in text.split("\n\n"):
        lines = [line for line in chunk.split("\n") if line.strip()]
        html.extend(_chunk_html(lines, linker))
    return mark_safe("\n".join(html))


def _chunk_html(lines: list[str], linker: _Linker) -> list[str]:
    html: list[str] = []
    open_list = ""
    for line in lines:
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
        html.append(f"<li>{body}</li>" if kind else f"<p>{body}</p>")
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
