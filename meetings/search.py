"""Full-text search over every minute, with one interface for PostgreSQL and SQLite.

Query syntax is PostgreSQL's `websearch_to_tsquery`: words (all must match),
"quoted phrases", OR between alternatives, -excluded words; English stemming.

- PostgreSQL: a stored, weighted tsvector on each item (title A, resolutions B,
  agenda and minutes C) with a GIN index, ranked by ts_rank, `ts_headline` snippets.
- SQLite: an FTS5 table with the porter tokenizer, kept current by triggers
  (migrations 0002 and 0004), ranked by bm25 with the same weights, `snippet()` snippets.

A search counts and ranks at most SEARCH_LIMIT matches; more are shown newest first, found by
walking the newest items (`NewestFirst`). Views call `facet_counts()`, `ranked()`,
`add_snippets()` and `highlight()`; none of them says which database answers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, connections, router
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import NEWEST_FIRST, Committee, Council, Item

# A search reads at most this many matches: more are not counted, faceted or ranked, but read
# newest first (docs/performance.md: ranking or counting 80,000 matches takes 50-100 ms).
SEARCH_LIMIT = 10_000
# Longer queries are cut here: nobody types more, and it bounds the work a request can ask for.
MAX_QUERY_LENGTH = 300
# Private-use characters mark highlights inside snippets until the text has been escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_WORDS = 30
# SQLite's full-text table (migrations 0002 and 0004), and the matches of an FTS5 expression.
FTS = "meetings_item_fts"
FTS_MATCHES = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"
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
    # SQLite: whether the words alone match more than SEARCH_LIMIT items (see `matching`).
    words_are_common: bool | None = field(default=None, compare=False, repr=False)

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


def reading():
    """The connection search reads from: a replica where a visitor's request may use one (meetings/routers.py)."""
    return connections[router.db_for_read(Item)]


def matching(queryset: QuerySet, query: Query) -> QuerySet:
    """`queryset` narrowed to the items that match `query`, in no particular order.

    `facet_counts` counts and groups these; `ranked` gives them a page at a time.
    """
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=_tsquery(query))
    # SQLite reads the matches from the full-text index as a list of ids, and its planner takes
    # the list to be short. Where it is, SQLite starts from the list, even when another filter
    # (a committee, say) would otherwise tempt it to run the full-text query once per item.
    # Where the words are common, the + tells it to start instead from the other filters, or
    # the date order, and check each item against the list.
    if _words_are_common(query):
        listed = f"+meetings_item.id IN ({FTS_MATCHES})"
        return queryset.filter(RawSQL(listed, [fts5_expression(query)], output_field=BooleanField()))
    return queryset.filter(id__in=RawSQL(FTS_MATCHES, [fts5_expression(query)]))


def _words_are_common(query: Query) -> bool:
    """SQLite: whether the words alone match more than SEARCH_LIMIT items; asked once a query."""
    if query.words_are_common is None:
        with reading().cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({FTS_MATCHES} LIMIT %s)", [fts5_expression(query), SEARCH_LIMIT + 1])
            query.words_are_common = cursor.fetchone()[0] > SEARCH_LIMIT
    return query.words_are_common


class CommitteeCount(NamedTuple):
    """How many matches one committee has, and whose committee it is."""

    slug: str
    name: str  # as the site shows it ("Cabinet (Coventry City Council)" on a site of several)
    council: str | None  # its council's slug and name; None for minutes imported from files
    council_name: str | None
    count: int


@dataclass
class Counts:
    """How many items match a search, by committee and by municipal year; on SQLite, which they
    are (`BestFirst` ranks them)."""

    committees: list[CommitteeCount]
    years: dict[int, int]
    ids: list[int] | None = None

    @property
    def total(self) -> int:
        return sum(self.years.values())


def facet_counts(items: QuerySet, query: Query) -> Counts | None:
    """The items of `items` that match `query`, counted by committee and by municipal year, or None
    when they are more than SEARCH_LIMIT: only that many are read, whatever the query."""
    if connection.vendor == "sqlite" and not items.query.has_filters() and _words_are_common(query):
        return None  # already counted, in the full-text index alone
    found = matching(items, query).order_by()
    counts = _count_in_sqlite(found) if connection.vendor == "sqlite" else _count_in_postgresql(found)
    return None if counts.total > SEARCH_LIMIT else counts


def _count_in_postgresql(found: QuerySet) -> Counts:
    """Counted by the database: the matches read once (a subquery named twice is kept), grouped two ways."""
    found = found.values("committee_id", "municipal_year")[: SEARCH_LIMIT + 1]
    sql, params = found.query.sql_with_params()
    committees, councils = Committee._meta.db_table, Council._meta.db_table
    with reading().cursor() as cursor:
        cursor.execute(
            f"WITH found AS ({sql})"
            f" SELECT {committees}.slug, {committees}.name, {committees}.council_label, {councils}.slug,"
            f" {councils}.name, NULL, COUNT(*)"
            f" FROM found JOIN {committees} ON {committees}.id = found.committee_id"
            f" LEFT JOIN {councils} ON {councils}.id = {committees}.council_id"
            f" GROUP BY {committees}.id, {councils}.id"
            " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, municipal_year, COUNT(*)"
            " FROM found GROUP BY municipal_year",
            params,
        )
        rows = cursor.fetchall()
    return Counts(
        committees=[
            CommitteeCount(slug, Committee.shown_as(name, label), council, council_name, count)
            for slug, name, label, council, council_name, year, count in rows
            if year is None
        ],
        years={year: count for *_committee, year, count in rows if year is not None},
    )


def _count_in_sqlite(found: QuerySet) -> Counts:
    """Counted here, from the matches, whose ids `BestFirst` then ranks: SQLite checks each of the
    words' matches against the filters once a search, not again to rank them (for "air quality"
    with "has outstanding actions" at 1M items, 67 → 42 ms)."""
    rows = list(found.values_list("id", "committee_id", "municipal_year")[: SEARCH_LIMIT + 1])
    by_committee = Counter(committee for _id, committee, _year in rows)
    whose = ["slug", "name", "council_label", "council__slug", "council__name"]
    return Counts(
        committees=[
            CommitteeCount(slug, Committee.shown_as(name, label), council, council_name, by_committee[pk])
            for pk, slug, name, label, council, council_name in Committee.objects.filter(
                pk__in=by_committee
            ).values_list("pk", *whose)
        ],
        years=dict(Counter(year for _id, _committee, year in rows)),
        ids=[item_id for item_id, _committee, _year in rows],
    )


def ranked(
    items: QuerySet, query: Query, *, newest_first: bool = False, broad: bool = False, counts: Counts | None = None
):
    """The items of `items` that match `query`, best match first or newest first, to be sliced
    a page at a time. Ranking scores every match: rank no more than SEARCH_LIMIT.

    `broad`: `facet_counts` found more than SEARCH_LIMIT matches, which are then shown newest
    first, found by walking the items newest first (`NewestFirst`). `counts`: what it found,
    where it counted them (on SQLite, which items match).
    """
    if broad:
        return NewestFirst(items, query)
    if newest_first:
        return matching(items, query).order_by(*NEWEST_FIRST)
    if connection.vendor == "postgresql":
        # Negated so that, as with bm25, a lower rank is a better match.
        rank = -SearchRank(F("search_vector"), _tsquery(query))
        return matching(items, query).annotate(rank=rank).order_by("rank", *NEWEST_FIRST)
    return BestFirst(items, query, counts.ids if counts else None)


# How many of the newest items `NewestFirst` tests before it gives up walking: about 35 ms on
# either database (PostgreSQL tests an item in under a microsecond, SQLite's full-text index in
# about ten; docs/performance.md).
WALK_LIMIT = {"postgresql": 50_000, "sqlite": 4_000}
# Testing one walked item against the query, the walk's row being `newest`.
WALK_TEST = {
    "postgresql": "newest.search_vector @@ websearch_to_tsquery('english'::regconfig, %s)",
    "sqlite": f"newest.id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s AND rowid = newest.id)",
}


class NewestFirst:
    """A broad search's matches newest first, loaded a slice (a page) at a time.

    Asked for the newest matches, either database first gathers every match and then sorts them:
    at a million items a common word matches hundreds of thousands (80-150 ms). Where the words
    match more than SEARCH_LIMIT items, walking the items newest first (the `item_newest_first`
    index) and testing each against the query fills a page sooner: within a few hundred items for
    a common word. The walk tests at most WALK_LIMIT items; where a page has not filled by then
    (words common long ago but not lately), the page is read the usual way.
    """

    def __init__(self, items: QuerySet, query: Query):
        self.items, self.query = items, query

    def __getitem__(self, window: slice) -> list[Item]:
        start = window.start or 0
        ids = self._walk(start, window.stop)
        if len(ids) < window.stop - start:
            return list(matching(self.items, self.query).order_by(*NEWEST_FIRST)[window])
        loaded = self.items.order_by().in_bulk(ids)
        return [loaded[item_id] for item_id in ids]

    def _walk(self, start: int, stop: int) -> list[int]:
        vendor = connection.vendor
        columns = ["id", "search_vector"] if vendor == "postgresql" else ["id"]
        newest = self.items.order_by(*NEWEST_FIRST).values(*columns)[: WALK_LIMIT[vendor]]
        newest_sql, params = newest.query.sql_with_params()
        # The walk's LIMIT keeps the database from moving the test into it (and so from gathering
        # every match). Neither database reorders the rows of such a subquery, scanned without a
        # join; an ORDER BY here would make SQLite test every walked item before sorting them.
        sql = f"SELECT newest.id FROM ({newest_sql}) newest WHERE {WALK_TEST[vendor]} LIMIT %s OFFSET %s"
        query = self.query.text if vendor == "postgresql" else fts5_expression(self.query)
        with reading().cursor() as cursor:
            cursor.execute(sql, [*params, query, stop - start, start])
            return [row[0] for row in cursor.fetchall()]


class BestFirst:
    """SQLite's matches best first, loaded a slice (a page) at a time.

    bm25 can only be read while the full-text table is scanned, so the scan leads, and where
    other filters narrow `items`, each row is looked up in the list of matches that pass them:
    `matched`, the ids `facet_counts` read, else read here. Led by another filter, SQLite would
    run the full-text query once per item it kept.
    """

    def __init__(self, items: QuerySet, query: Query, matched: list[int] | None = None):
        self.items, self.query, self.matched = items, query, matched

    def __getitem__(self, window: slice) -> list[Item]:
        sql = f"SELECT {FTS}.rowid FROM {FTS} JOIN meetings_item ON meetings_item.id = {FTS}.rowid WHERE {FTS} MATCH %s"
        params = [fts5_expression(self.query)]
        if self.items.query.has_filters():
            matched = self.matched
            if matched is None:
                matched = list(matching(self.items, self.query).order_by().values_list("id", flat=True))
            # One parameter however many: a JSON list. The + keeps SQLite from looking each
            # listed id up in the full-text index.
            sql += f" AND +{FTS}.rowid IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(matched))
        # Weights as on PostgreSQL: title, then resolutions, then agenda and minutes.
        sql += f" ORDER BY bm25({FTS}, 10.0, 4.0, 1.0), meetings_item.date DESC, meetings_item.meeting_id,"
        sql += ' meetings_item."order" LIMIT %s OFFSET %s'
        start = window.start or 0
        with reading().cursor() as cursor:
            cursor.execute(sql, [*params, window.stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
        loaded = self.items.in_bulk(ids)
        return [loaded[item_id] for item_id in ids]


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
        with reading().cursor() as cursor:
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


def plain(raw: str | None) -> str:
    """A snippet as plain text: its highlight marks left out."""
    return (raw or "").replace(MARK_START, "").replace(MARK_END, "")


def has_match(raw: str | None) -> bool:
    return MARK_START in (raw or "")


SNIPPET_WORD = re.compile(r"\w+")
# Words around a match that must read as in the resolution for the match to be its repeat.
REPEAT_RUN = 4


def repeats(snippet: str | None, resolution_snippet: str | None) -> bool:
    """Whether every match in a minutes snippet is the resolution's words printed again (the
    minutes print their resolutions): each match stands in a run of at least REPEAT_RUN words
    that reads as in the resolution snippet."""
    theirs = " ".join(SNIPPET_WORD.findall(plain(resolution_snippet).lower()))
    words, matched = [], []
    for part in re.split(f"({MARK_START}[^{MARK_END}]*{MARK_END})", snippet or ""):
        found = SNIPPET_WORD.findall(plain(part).lower())
        if part.startswith(MARK_START):
            matched += range(len(words), len(words) + len(found))
        words += found
    if not matched or not theirs:
        return False
    theirs = f" {theirs} "

    def inside(start: int, end: int) -> bool:
        return f" {' '.join(words[start:end])} " in theirs

    needed = min(REPEAT_RUN, theirs.count(" ") - 1)
    for index in matched:
        start, end = index, index + 1
        while start > 0 and inside(start - 1, end):
            start -= 1
        while end < len(words) and inside(start, end + 1):
            end += 1
        if not inside(start, end) or end - start < needed:
            return False
    return True


# -- keeping the index current -------------------------------------------------


def index_new_items(items: list[Item]) -> None:
    """Give items about to be inserted their search vector, so that each row is written once.

    On PostgreSQL the vector is stored on the item, computed for all of them in one query (as
    `search_vector` would: tests/test_search.py compares them); on SQLite triggers do the work.
    """
    if connection.vendor != "postgresql" or not items:
        return
    columns = [[getattr(item, column) for item in items] for column in INDEXED_COLUMNS]
    with reading().cursor() as cursor:
        cursor.execute(NEW_VECTORS, columns)
        for item, (vector,) in zip(items, cursor.fetchall(), strict=True):
            item.search_vector = vector


# The vectors of new items' texts, in their order. A Django expression per row costs more to
# build than the database takes to compute every vector (reparse at 100k items: docs/performance.md).
NEW_VECTORS = """
    SELECT (
        setweight(to_tsvector('english'::regconfig, COALESCE(new.title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, COALESCE(new.resolutions, '')), 'B')
        || setweight(
            to_tsvector('english'::regconfig, COALESCE(new.agenda, '') || ' ' || COALESCE(new.minutes, '')), 'C'
        )
    )::text
    FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) WITH ORDINALITY
        AS new(title, resolutions, agenda, minutes, position)
    ORDER BY new.position
"""


# What the vector holds, by weight: title (A), resolutions (B), agenda and minutes (C).
INDEXED_COLUMNS = ("title", "resolutions_text", "agenda_text", "minutes_text")


def search_vector(title, resolutions, agenda, minutes) -> SearchVector:
    """The weighted vector of these expressions: an item's columns (F), for rebuilding the index."""
    return (
        SearchVector(title, weight="A", config="english")
        + SearchVector(resolutions, weight="B", config="english")
        + SearchVector(agenda, minutes, weight="C", config="english")
    )


SQLITE_REBUILD = [
    "DELETE FROM meetings_item_fts",
    """INSERT INTO meetings_item_fts (rowid, title, resolutions, body)
        SELECT id, title, resolutions_text, agenda_text || char(10) || minutes_text FROM meetings_item""",
]


def optimize_index() -> None:
    """SQLite: merge the full-text index into one b-tree. Each import adds small segments to it,
    and a lookup searches every one: after a million items were imported one meeting at a time,
    testing an item against a query took 40-100 µs; merged (2.5 s), under 10 µs."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")


def rebuild_index() -> int:
    """Recompute the whole index; returns how many items it holds."""
    if connection.vendor == "postgresql":
        Item.objects.update(search_vector=search_vector(*map(F, INDEXED_COLUMNS)))
    else:
        with connection.cursor() as cursor:
            for statement in SQLITE_REBUILD:
                cursor.execute(statement)
        optimize_index()
    return Item.objects.count()
