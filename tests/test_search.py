"""Full-text search: the same results from PostgreSQL and SQLite for a small known corpus."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from meetings.loader import BULK, refresh_after_bulk_import
from meetings.models import Action, Item
from meetings.search import MARK_END, MARK_START, facet_counts, fts5_expression, highlight, parse_query, ranked
from meetings.search_views import find
from meetings.tracking import record_decision

from .conftest import APRIL_2017, DATA
from .factories import import_path, import_text

pytestmark = pytest.mark.django_db
CORPUS = sorted((DATA / "search").glob("*.txt"))


@pytest.fixture
def corpus():
    for path in CORPUS:
        import_path(path)


def results(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<h3><a href="/committees/([^/]+)/minutes/\d+/(\d+)/">', html)


def test_words_rank_title_above_resolution_above_minutes(client, corpus):
    assert results(client, q="home schooling") == [
        ("schools-forum", "1"),
        ("schools-forum", "42"),
        ("schools-forum", "41"),
    ]


def test_a_quoted_phrase_needs_its_words_together(client, corpus):
    assert results(client, q='"improvement plan"') == [("schools-forum", "42")]
    assert sorted(results(client, q="improvement plan")) == [("audit-panel", "7"), ("schools-forum", "42")]


def test_english_stemming(client, corpus):
    assert results(client, q="inspections") == [("schools-forum", "2"), ("audit-panel", "8")]


def test_excluded_words(client, corpus):
    assert results(client, q="inspection -audit") == [("schools-forum", "2")]


def test_or_between_alternatives(client, corpus):
    assert sorted(results(client, q="transport OR outturn")) == [("schools-forum", "3"), ("schools-forum", "41")]


def test_filters_narrow_the_results(client, corpus):
    assert results(client, q="school", committee="audit-panel") == [("audit-panel", "8")]
    assert sorted(results(client, q="school", year="2022")) == [("audit-panel", "8")]
    assert sorted(results(client, q="school", date_from="2024-01-01")) == [
        ("schools-forum", "41"),
        ("schools-forum", "42"),
    ]
    assert sorted(results(client, q="school", has_resolutions="on")) == [
        ("schools-forum", "2"),
        ("schools-forum", "42"),
    ]
    for action in Action.objects.filter(item__number="2"):
        record_decision(action, status="done")  # staff close minute 2's action
    assert results(client, q="school", has_outstanding_actions="on") == [("schools-forum", "42")]


def test_newest_first(client, corpus):
    assert results(client, q="school", order="newest") == [
        ("schools-forum", "41"),
        ("schools-forum", "42"),
        ("schools-forum", "1"),
        ("schools-forum", "2"),
        ("audit-panel", "8"),
    ]


@pytest.fixture
def search_limit(monkeypatch):
    """search_limit(3): searches matching more than 3 items count as broad."""

    def set_limit(limit: int) -> None:
        monkeypatch.setattr("meetings.search.SEARCH_LIMIT", limit)
        monkeypatch.setattr("meetings.search_views.SEARCH_LIMIT", limit)

    return set_limit


def test_a_broad_search_shows_the_newest_matches_uncounted(client, corpus, search_limit):
    search_limit(3)
    html = client.get("/search/", {"q": "school"}).content.decode()
    assert '<h2 id="results-heading">More than 3 minutes found</h2>' in html
    assert "Too many to rank by best match or count by committee and year, so the newest 3 are shown" in html
    assert "By committee" not in html
    assert results(client, q="school") == [("schools-forum", "41"), ("schools-forum", "42"), ("schools-forum", "1")]
    assert results(client, q="school", page="2") == results(client, q="school")  # only the newest 3 are shown
    csv_rows = client.get("/search.csv", {"q": "school"}).content.decode().splitlines()[1:]
    assert [row.split(",")[2] for row in csv_rows] == ["41/23", "42/23", "1/23", "2/23", "8/22"]


@pytest.mark.parametrize("walk_limit", [10_000, 2, 1])
def test_a_broad_search_finds_its_newest_by_walking_the_items_or_else_from_every_match(
    client, corpus, search_limit, monkeypatch, walk_limit
):
    # A page of a broad search is found by testing the newest items one by one, up to
    # WALK_LIMIT of them; where that does not fill the page, from every match, in the same order.
    monkeypatch.setattr("meetings.search.WALK_LIMIT", {"postgresql": walk_limit, "sqlite": walk_limit})
    search_limit(3)
    with CaptureQueriesContext(connection) as queries:
        newest = results(client, q="school", committee="schools-forum")  # 4 matches: broad
    assert newest == [("schools-forum", "41"), ("schools-forum", "42"), ("schools-forum", "1")]
    walked = [query["sql"] for query in queries if "newest" in query["sql"]]
    newest_first = 'ORDER BY "meetings_item"."date" DESC'
    every_match_sorted = [
        query["sql"] for query in queries if newest_first in query["sql"] and "newest" not in query["sql"]
    ]
    assert (len(walked), len(every_match_sorted)) == (1, 1 if walk_limit < 3 else 0)
    search_limit(4)
    assert results(client, q="school") == [
        ("schools-forum", "41"),
        ("schools-forum", "42"),
        ("schools-forum", "1"),
        ("schools-forum", "2"),
    ]


def test_common_words_narrowed_by_a_filter_are_ranked(client, corpus, search_limit):
    # "school" matches 5 items, more than the limit; 4 of them in the Schools Forum, which is not.
    search_limit(4)
    html = client.get("/search/", {"q": "school", "committee": "schools-forum"}).content.decode()
    assert '<h2 id="results-heading">4 minutes found</h2>' in html
    assert results(client, q="school", committee="schools-forum") == [
        ("schools-forum", "1"),
        ("schools-forum", "42"),
        ("schools-forum", "41"),
        ("schools-forum", "2"),
    ]


def test_common_words_narrowed_by_a_filter_rank_the_same_given_the_counted_matches_or_not(client, corpus, search_limit):
    # On SQLite the ranking looks each match up in the list of those that pass the filters:
    # the ids the count read, or, given none, read again.
    search_limit(4)
    query, filterset, _searched = find(QueryDict("q=school&committee=schools-forum"))
    counts = facet_counts(filterset.qs, query)
    assert counts.total == 4 and (counts.ids is not None) == (connection.vendor == "sqlite")
    given = [item.minute for item in ranked(filterset.qs, query, counts=counts)[0:20]]
    assert given == ["1/23", "42/23", "41/23", "2/23"]
    assert [item.minute for item in ranked(filterset.qs, query)[0:20]] == given


def test_narrowing_a_broad_search_ranks_and_counts_it_again(client, corpus, search_limit):
    search_limit(3)
    html = client.get("/search/", {"q": "school", "year": "2022"}).content.decode()
    assert '<h2 id="results-heading">1 minute found</h2>' in html
    assert '<li><a href="?q=school&amp;year=2022&amp;committee=audit-panel">Audit Panel</a> (1)</li>' in html
    assert results(client, q="home schooling", committee="schools-forum") == [
        ("schools-forum", "1"),
        ("schools-forum", "42"),
        ("schools-forum", "41"),
    ]


def test_facet_counts_per_committee_and_year(client, corpus):
    html = client.get("/search/", {"q": "school"}).content.decode()
    assert '<h2 id="results-heading">5 minutes found</h2>' in html
    assert '<li><a href="?q=school&amp;committee=schools-forum">Schools Forum</a> (4)</li>' in html
    assert '<li><a href="?q=school&amp;committee=audit-panel">Audit Panel</a> (1)</li>' in html
    assert '<li><a href="?q=school&amp;year=2023">2023/24</a> (4)</li>' in html
    assert '<li><a href="?q=school&amp;year=2022">2022/23</a> (1)</li>' in html


def test_a_facet_keeps_the_other_filters_and_starts_at_page_one(client, corpus):
    html = client.get("/search/", {"q": "school", "order": "newest", "has_resolutions": "on", "page": "2"}).content
    assert (
        '<li><a href="?q=school&amp;order=newest&amp;has_resolutions=on&amp;committee=schools-forum">'
        "Schools Forum</a> (2)</li>"
    ) in html.decode()


def test_snippets_are_escaped_and_highlighted(client, corpus):
    html = client.get("/search/", {"q": "outturn"}).content.decode()
    assert "Minute 3/23: Budget &lt;Draft&gt; &amp; Outturn</a>" in html
    snippet = re.search(r'<p class="result-snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>outturn</mark>" in snippet
    assert "<b>" not in snippet  # SQLite keeps the text escaped, PostgreSQL's ts_headline drops tags


def test_highlight_escapes_everything_but_its_marks():
    raw = f"the {MARK_START}<b>outturn</b>{MARK_END} & <script>"
    assert highlight(raw) == "the <mark>&lt;b&gt;outturn&lt;/b&gt;</mark> &amp; &lt;script&gt;"


def test_matching_resolutions_are_shown_as_such(client, corpus):
    html = client.get("/search/", {"q": "inspection"}).content.decode()
    assert "<strong>Resolution:</strong> a further report on <mark>inspection</mark> outcomes" in html


@pytest.mark.parametrize("text", ["59/16", "minute 59/16", " Minute 59 / 16 "])
def test_a_minute_number_goes_straight_to_the_minute(client, text):
    response = client.get("/search/", {"q": text})
    assert (response.status_code, response["Location"]) == (302, "/minutes/59/16/")


def test_results_download_as_csv(client, corpus):
    response = client.get("/search.csv", {"q": "inspections"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "committee,meeting date,minute,title,resolution matched,url",
        "Schools Forum,2023-06-08,2/23,Ofsted Inspections,yes,http://testserver/committees/schools-forum/minutes/2023/2/",
        "Audit Panel,2023-04-10,8/22,External Audit,no,http://testserver/committees/audit-panel/minutes/2022/8/",
    ]


def test_the_csv_link_says_when_it_holds_only_the_first_results(client, corpus, monkeypatch):
    assert "Download these results as CSV" in client.get("/search/", {"q": "school"}).content.decode()
    monkeypatch.setattr("meetings.search_views.CSV_LIMIT", 3)
    assert "Download the first 3 of these results as CSV" in client.get("/search/", {"q": "school"}).content.decode()
    assert len(client.get("/search.csv", {"q": "school"}).content.decode().splitlines()) == 1 + 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type words to search for"),
        ("the of and", "has no words that can be searched for"),
        ("x" * 10_000, "0 minutes found"),
        ("'; DROP TABLE meetings_item; --", "0 minutes found"),
        ("<script>alert(1)</script>", "0 minutes found"),
        ('NEAR(a b) * "unbalanced OR', "0 minutes found"),
        ("-audit", "has no words that can be searched for"),
    ],
)
def test_hostile_and_empty_queries_give_a_clear_page(client, corpus, query, message):
    response = client.get("/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<script>alert" not in html
    assert Item.objects.count() == 7


def test_the_search_page_takes_a_fixed_number_of_queries(client, corpus, django_assert_num_queries):
    # Whether more than one council is followed, committees and years for the filters, facets,
    # the page, its snippets. SQLite also counts what the words match (up to the search limit),
    # reads the matches' committees apart from the matches, and reads a best-first page as ids
    # from its full-text table, then those items.
    queries = 6 if connection.vendor == "postgresql" else 9
    with django_assert_num_queries(queries):
        assert len(results(client, q="school")) == 5
    items = "".join(
        f"{number}.\n\nSchool Item {number}\n\nMinutes:\n\nThe Forum discussed school place planning.\n\n"
        for number in range(100, 125)
    )
    import_text(f"Agenda and minutes\n\nSchools Forum - Thursday, 7th March, 2024 2.00 pm\n\n{items}")
    with django_assert_num_queries(queries):
        assert len(results(client, q="school")) == 20


def test_the_query_is_read_like_websearch_to_tsquery():
    query = parse_query('home "special needs" -transport or "the inspection" OR')
    assert query.groups == [(["home", "special needs"], ["transport"]), (["inspection"], [])]
    assert fts5_expression(query) == '("home" AND "special needs" NOT "transport") OR ("inspection")'


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")
def test_a_bulk_import_merges_sqlites_full_text_index(client, corpus):
    def segments() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT segid) FROM meetings_item_fts_idx")
            return cursor.fetchone()[0]

    assert segments() > 1  # one or more for each document imported
    refresh_after_bulk_import(BULK - 1)
    assert segments() > 1
    refresh_after_bulk_import(BULK)
    assert segments() == 1
    assert results(client, q="inspections") == [("schools-forum", "2"), ("audit-panel", "8")]


def test_rebuild_search_index(capsys, corpus):
    call_command("rebuild_search_index")
    assert capsys.readouterr().out == "indexed 7 items\n"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector exists on PostgreSQL only")
def test_postgresql_stores_on_import_the_vector_the_index_rebuild_computes(corpus, capsys):
    imported = dict(Item.objects.values_list("pk", "search_vector"))
    assert all(imported.values())
    call_command("rebuild_search_index")
    assert dict(Item.objects.values_list("pk", "search_vector")) == imported


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers exist on SQLite only")
def test_sqlite_keeps_its_fts_table_current_by_triggers(corpus):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        assert [row[0] for row in cursor.fetchall()] == [
            "meetings_item_fts_delete",
            "meetings_item_fts_insert",
            "meetings_item_fts_update",
        ]
        cursor.execute("SELECT count(*) FROM meetings_item_fts")
        assert cursor.fetchone()[0] == 7


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers exist on SQLite only")
def test_sqlite_reindexes_an_item_when_its_text_changes(client, corpus):
    Item.objects.filter(number="8").update(title="Zebra crossings")
    assert results(client, q="zebra") == [("audit-panel", "8")]
    Item.objects.filter(number="8").update(truncated=True)  # not indexed: the index keeps the item
    assert results(client, q="zebra") == [("audit-panel", "8")]


def _results(client, words: str) -> str:
    html = client.get(f"/search/?q={words}").content.decode()
    return html.split('<ol class="search-results plain-list">')[1].split("</ol>")[0]


def test_a_result_shows_its_resolution_once_not_again_as_the_snippet(client):
    import_text(
        "Agenda and minutes\n\nAudit Panel - Thursday, 16th June, 2016 2.00 pm\n\n1.\n\nRisk Register\n\nMinutes:\n\n"
        "The Panel reviewed the corporate risk register.\n\nRESOLVED that the flood defence risks be escalated to Cabinet.\n",
        "audit.txt",
    )
    results = _results(client, "flood")
    assert results.count("<mark>flood</mark>") == 1
    assert '<p class="result-resolution"><strong>Resolution:</strong> the <mark>flood</mark> defence risks' in results
    assert 'class="result-snippet"' not in results
    # A snippet from elsewhere in the minutes is still shown beside the resolution.
    import_path(APRIL_2017)
    other = _results(client, "accreditation")
    assert '<p class="result-resolution">' in other and '<p class="result-snippet">' in other


def test_the_search_page_has_one_search_box(client):
    html = client.get("/search/?q=school").content.decode()
    assert html.count('type="search"') == 1 and 'id="site-search"' not in html
    assert 'id="site-search"' in client.get("/meetings/").content.decode()
