"""Full-text search over every minute, with one interface for PostgreSQL and SQLite.

Query syntax is PostgreSQL's `websearch_to_tsquery`: words (all must match),
"quoted phrases", OR between alternatives, -excluded words; English stemming.

- PostgreSQL: a stored, weighted tsvector on each item (title A, resolutions B,
  agenda and minutes C) with a GIN index, ranked by ts_rank, `ts_headline` snippets.
- SQLite: an FTS5 table with the porter tokenizer, kept current by triggers
  (migration 0002), ranked by bm25 with the same weights, `snippet()` snippets.

Views call `matching()`, `ranked()`, `add_snippets()` and `highlight()`; none of them says
which database answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
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


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    """`queryset` narrowed to the items that match `query`, in no particular order.

    Count and group this one (facets); pass it to `ranked` for a page of results.
    """
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=_tsquery(query))
    # An IN list of the full-text index's row ids lets SQLite start from the index even when
    # another filter (a committee, say) would otherwise tempt it to probe the index per item.
    return queryset.filter(id__in=RawSQL(FTS_MATCHES, [fts5_expression(query)]))


def ranked(matches: QuerySet, query: Query, *, newest_first: bool = False) -> QuerySet:
    """`matching`'s items best match first (or newest first); each carries `rank` when ranked."""
    if newest_first:
        return matches.order_by("-meeting__date", "order")
    if connection.vendor == "postgresql":
        # Negated so that, as with bm25, a lower rank is a better match.
        matches = matches.annotate(rank=-SearchRank(F("search_vector"), _tsquery(query)))
    else:
        matches = matches.extra(
            tables=["meetings_item_fts"],
            where=["meetings_item_fts.rowid = meetings_item.id", "meetings_item_fts MATCH %s"],
            params=[fts5_expression(query)],
            # Weights as on PostgreSQL: title, then resolutions, then agenda and minutes.
            select={"rank": "bm25(meetings_item_fts, 10.0, 4.0, 1.0)"},
        )
    return matches.order_by("rank", "-meeting__date", "order")


def add_snippets(items: list[Item], query: Query) -> None:
    """Give each item `snippet` and `resolution_snippet`: raw text with highlight marks (see
    `highlight`), empty where the query does not match that text. One query for all of them."""
    ids = [item.id for item in items]
    if not ids:
        return
    if connection.vendor == "postgresql":
        search = _tsquery(query)
        options = {"start_sel": MARK_START, "stop_sel": MARK_END, "config": "english"}
        options |= {"max_words": SNIPPET_WORDS, "min_words": 12}
        rows = (
            Item.objects.filter(id__in=ids)
            .annotate(
                snippet=SearchHeadline("minutes_text", search, **options),
                resolution_snippet=SearchHeadline("resolutions_text", search, **options),
            )
            .values_list("id", "snippet", "resolution_snippet")
        )
    else:
        snippet = "snippet(meetings_item_fts, {column}, %s, %s, '…', %s)"
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {snippet.format(column=2)}, {snippet.format(column=1)} FROM meetings_item_fts"
                f" WHERE meetings_item_fts MATCH %s AND rowid IN ({placeholders})",
                [MARK_START, MARK_END, SNIPPET_WORDS] * 2 + [fts5_expression(query), *ids],
            )
            rows = cursor.fetchall()
    snippets = {item_id: (text, resolution_text) for item_id, text, resolution_text in rows}
    for item in items:
        item.snippet, item.resolution_snippet = snippets.get(item.id, ("", ""))


def _tsquery(query: Query) -> SearchQuery:
    return SearchQuery(query.text, search_type="websearch", config="english")


FTS_MATCHES = "SELECT rowid FROM meetings_item_fts WHERE meetings_item_fts MATCH %s"


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
