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
def minutes_html(text: str, links: dict[str, str | None] | None = None) -> SafeString:
    """`text` as paragraphs and lists, with each printed reference in `links` linked to its URL."""
    linker = _Linker(links or {})
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
    """Escapes text and wraps each printed reference in a link to what it names."""

    def __init__(self, links: dict[str, str | None]):
        self.links = {printed: url for printed, url in links.items() if url}
        printed = sorted(self.links, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, printed)) + r")(?!\w)") if printed else None

    def html(self, text: str) -> str:
        if self.pattern is None:
            return escape(text)
        parts = self.pattern.split(text)
        # re.split with one group alternates plain text and matches.
        return "".join(
            format_html('<a href="{}">{}</a>', self.links[part], part) if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )
