"""Full-text search over every minute, with one interface for PostgreSQL and SQLite.

Query syntax is PostgreSQL's `websearch_to_tsquery`: words (all must match),
"quoted phrases", OR between alternatives, -excluded words; English stemming.

- PostgreSQL: a stored, weighted tsvector on each item (title A, resolutions B,
  agenda and minutes C) with a GIN index, ranked by ts_rank, `ts_headline` snippets.
- SQLite: an FTS5 table with the porter tokenizer, kept current by triggers
  (migration 0002), ranked by bm25 with the same weights, `snippet()` snippets.

Views call `search_items()` and `highlight()`; neither knows which database answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Item

# Longer queries are cut here: nobody types more, and it bounds the work a request can ask for.
MAX_QUERY_LENGTH = 300
# Private-use characters mark highlights inside snippets until the text has been escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_WORDS = 30
# "59/16", "minute 59/16", "Min. 59/16": a minute number, not words to search for.
MINUTE_NUMBER = re.compile(
    r"^\s*(?:min(?:ute)?s?\.?\s*(?:no\.?\s*)?)?(?P<number>\d{1,4})\s*/\s*(?P<yy>\d{2})\s*$", re.I
)
TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>\S+)')
WORD_CHARACTERS = re.compile(r"[^\w'’-]+")
# PostgreSQL's English stop words (Snowball): they never match, on either database.
STOP_WORD_LIST = """a about above after again against all am an and any are as at be because been before being below
    between both but by can did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own s same she should so some such
    t than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with you your yours yourself
    yourselves"""
STOP_WORDS = frozenset(STOP_WORD_LIST.split())


@dataclass
class Query:
    """A visitor's query, read the way websearch_to_tsquery reads it."""

    text: str
    # Alternatives (joined by OR), each a list of required terms and a list of excluded terms.
    groups: list[tuple[list[str], list[str]]] = field(default_factory=list)

    @property
    def is_searchable(self) -> bool:
        return any(required for required, _excluded in self.groups)


def parse_query(text: str) -> Query:
    text = "".join(char for char in text if char.isprintable())[:MAX_QUERY_LENGTH].strip()
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for match in TOKEN.finditer(text):
        if match["word"] is not None and match["word"].lower() == "or":
            groups.append(([], []))
            continue
        raw = match["phrase"] if match["phrase"] is not None else match["word"]
        excluded = match["phrase"] is None and raw.startswith("-")
        words = [word for word in WORD_CHARACTERS.sub(" ", raw.lstrip("-")).lower().split() if word not in STOP_WORDS]
        if words:
            groups[-1][1 if excluded else 0].append(" ".join(words))
    return Query(text, [group for group in groups if group[0] or group[1]])


def minute_number(text: str) -> tuple[int, int] | None:
    """(59, 16) for "59/16" or "minute 59/16"; None for anything else."""
    match = MINUTE_NUMBER.match(text or "")
    return (int(match["number"]), int(match["yy"])) if match else None


def search_items(queryset: QuerySet, query: Query, *, newest_first: bool = False) -> QuerySet:
    """`queryset` narrowed to items matching `query`, best match (or newest) first.

    Each item carries `snippet` and `resolution_snippet` (raw text with highlight marks; pass
    them to `highlight`). Slice before evaluating: snippets are made only for the rows fetched.
    """
    matched = _postgres(queryset, query) if connection.vendor == "postgresql" else _sqlite(queryset, query)
    if newest_first:
        return matched.order_by("-meeting__date", "order")
    return matched.order_by("rank", "-meeting__date", "order")


def _postgres(queryset: QuerySet, query: Query) -> QuerySet:
    search = SearchQuery(query.text, search_type="websearch", config="english")
    headline = {"start_sel": MARK_START, "stop_sel": MARK_END, "config": "english"}
    return queryset.filter(search_vector=search).annotate(
        # Negated so that, as with bm25, a lower rank is a better match.
        rank=-SearchRank(F("search_vector"), search),
        snippet=SearchHeadline("minutes_text", search, max_words=SNIPPET_WORDS, min_words=12, **headline),
        resolution_snippet=SearchHeadline(
            "resolutions_text", search, max_words=SNIPPET_WORDS, min_words=12, **headline
        ),
    )


def _sqlite(queryset: QuerySet, query: Query) -> QuerySet:
    snippet = "snippet(meetings_item_fts, {column}, %s, %s, '…', {words})"
    return queryset.extra(
        tables=["meetings_item_fts"],
        where=["meetings_item_fts.rowid = meetings_item.id", "meetings_item_fts MATCH %s"],
        params=[fts5_expression(query)],
        select={
            # Weights as on PostgreSQL: title, then resolutions, then agenda and minutes.
            "rank": "bm25(meetings_item_fts, 10.0, 4.0, 1.0)",
            "snippet": snippet.format(column=2, words=SNIPPET_WORDS),
            "resolution_snippet": snippet.format(column=1, words=SNIPPET_WORDS),
        },
        select_params=[MARK_START, MARK_END, MARK_START, MARK_END],
    )


def fts5_expression(query: Query) -> str:
    """The query in FTS5's syntax, every term quoted so that no visitor's text is read as syntax.

    An alternative made only of exclusions cannot be said in FTS5 and is left out.
    """
    alternatives = []
    for required, excluded in query.groups:
        if not required:
            continue
        expression = " AND ".join(f'"{term}"' for term in required)
        expression += "".join(f' NOT "{term}"' for term in excluded)
        alternatives.append(f"({expression})")
    return " OR ".join(alternatives) or '""'


def highlight(raw: str | None) -> SafeString:
    """A snippet as HTML: the text escaped, matches in <mark>."""
    text = escape(raw or "")
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def has_match(raw: str | None) -> bool:
    return MARK_START in (raw or "")


# -- keeping the index current -------------------------------------------------


def index_items(queryset: QuerySet) -> None:
    """Bring the search index up to date for these items.

    On PostgreSQL the vector is stored on the item; on SQLite triggers already did the work.
    """
    if connection.vendor == "postgresql":
        queryset.update(search_vector=search_vector())


def search_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("resolutions_text", weight="B", config="english")
        + SearchVector("agenda_text", "minutes_text", weight="C", config="english")
    )


SQLITE_REBUILD = [
    "DELETE FROM meetings_item_fts",
    """INSERT INTO meetings_item_fts (rowid, title, resolutions, body)
        SELECT id, title, resolutions_text, agenda_text || char(10) || minutes_text FROM meetings_item""",
]


def rebuild_index() -> int:
    """Recompute the whole index; returns how many items it holds."""
    if connection.vendor == "postgresql":
        index_items(Item.objects.all())
    else:
        with connection.cursor() as cursor:
            for statement in SQLITE_REBUILD:
                cursor.execute(statement)
    return Item.objects.count()
