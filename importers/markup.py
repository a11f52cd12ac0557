"""Web pages as element trees: bytes or text in, an lxml tree out, every element knowing its line.

Beautiful Soup's UnicodeDammit decides how a page's bytes are written (a byte-order mark,
the page's own `<meta charset>`, else a guess that copes with Windows-1252 pasted into
UTF-8); libxml2's HTML parser, through lxml, builds the tree. libxml2 mends broken markup
as browsers do and is written in C: a 40 KB meeting page takes about 1 ms, where building
Beautiful Soup's own tree took 15-43 ms, by machine (docs/performance.md). Its elements keep `sourceline`,
which the importers' messages cite ("page.html:212: ...").
"""

from __future__ import annotations

from bs4 import UnicodeDammit
from lxml import etree

Element = etree._Element


def parse_page(page: str | bytes | Element) -> Element:
    """The page's root element (`<html>`, made up where the page has none); a tree is returned as it is."""
    if isinstance(page, etree._Element):
        return page
    text = page if isinstance(page, str) else decode(page)
    # One parser a call: lxml's parsers must not be shared between threads, and the crawler runs one a site.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, default_doctype=False)
    root = etree.fromstring(text.encode("utf-8", "replace"), parser)  # "replace": a lone surrogate is no text
    if root is None:
        return etree.Element("html")
    etree.strip_elements(root, "script", "style", with_tail=False)  # code, not text a reader sees
    return root


def decode(data: bytes) -> str:
    """A page's bytes as text, in the encoding the page says or, failing that, the one it looks like."""
    markup = UnicodeDammit(data, is_html=True).unicode_markup
    return markup if markup is not None else data.decode("utf-8", "replace")


def text_of(element: Element, separator: str = " ") -> str:
    """Every piece of text inside an element, joined by `separator`."""
    return separator.join(element.itertext())


def has_class(element: Element, *names: str) -> bool:
    """Whether the element carries any of the CSS classes named."""
    classes = element.get("class")
    return bool(classes) and any(name in classes.split() for name in names)


def find(root: Element, *tags: str, cls: str | None = None, id: str | None = None) -> Element | None:
    """The first element below `root`, in page order, of one of `tags` (any, if none is given)
    with the class `cls` and the id `id` where they are given."""
    for element in root.iterdescendants(*tags):
        if not isinstance(element.tag, str):
            continue
        if id is not None and element.get("id") != id:
            continue
        if cls is not None and not has_class(element, cls):
            continue
        return element
    return None


def ancestor(element: Element, *tags: str) -> Element | None:
    """The nearest element around `element` of one of `tags`."""
    return next(element.iterancestors(*tags), None)
