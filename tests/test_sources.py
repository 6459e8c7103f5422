"""Inputs people have: saved web pages, RSS and Atom feeds, news-API JSON, CSV tables; detected by
extension and content, each bad item one line and the rest going on, the format and URL recorded
in the article's provenance. The files in tests/data/sources are written for these tests."""

import json
import shutil

from rdflib import Dataset, Literal

from kg.article import count_articles, read_articles
from kg.cli import main
from kg.errors import InputError
from kg.sources import InputOptions
from kg.vocab import KGO
from tests.conftest import DATA

SOURCES = DATA / "sources"


def articles_and_errors(path, **options):
    items = list(read_articles(path, InputOptions(**options) if options else None))
    return [i for i in items if not isinstance(i, InputError)], [
        i for i in items if isinstance(i, InputError)
    ]


def test_a_saved_page_gives_its_article_without_the_boilerplate():
    (article,), errors = articles_and_errors(SOURCES / "saved-page.html")
    assert not errors
    assert article.title == "Kazakhstan and Uzbekistan agree to expand water cooperation"
    assert article.date.isoformat() == "2024-04-18"
    assert article.url == "https://steppe-wire.example/world/2024/04/18/water-deal"
    assert article.publisher == "Steppe Wire"
    assert article.source_format == "html"
    assert "Nurtleu held talks with Uzbek Foreign Minister" in article.text
    for boilerplate in ("Subscribe now", "Advertisement", "Reader42", "Cookie settings"):
        assert boilerplate not in article.text


def test_a_truncated_page_gives_what_it_holds_and_a_page_without_an_article_one_line(tmp_path):
    truncated = tmp_path / "truncated.html"
    page = (SOURCES / "saved-page.html").read_bytes()
    truncated.write_bytes(page[: page.index(b"transboundary")])  # cut mid-paragraph, tags left open
    (article,), errors = articles_and_errors(truncated)
    assert not errors and "Nurtleu held talks" in article.text and "transboundary" not in article.text
    empty = tmp_path / "menu.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    articles, (error,) = articles_and_errors(empty)
    assert not articles and "no article text found in the page" in str(error)


def test_rss_items_are_articles_a_summary_is_marked_and_a_broken_item_is_one_line():
    articles, (error,) = articles_and_errors(SOURCES / "world.rss")
    assert [a.title for a in articles] == [
        "Japan and the Philippines sign defence pact",
        "China accuses the Philippines of provocation",
    ]
    full, summary = articles
    assert full.url == "https://harbour-times.example/world/japan-philippines-pact"
    assert full.date.isoformat() == "2024-07-08" and full.publisher == "Harbour Times World"
    assert not full.summary_only and "reciprocal access agreement in Manila" in full.text
    assert summary.summary_only and summary.text.startswith("China accused the Philippines")
    assert "item 3" in str(error) and "no text or summary" in str(error)


def test_atom_entries_are_articles():
    (article,), errors = articles_and_errors(SOURCES / "world.atom")
    assert not errors
    assert article.title == "Norway and Sweden hold talks on energy"
    assert article.url == "https://fjord-post.example/2024/05/02/energy-talks"
    assert article.date.isoformat() == "2024-05-02" and article.publisher == "Fjord Post"
    assert article.text.startswith("OSLO, May 2 (Fjord Post)")  # HTML content as text


def test_newsapi_json_maps_its_fields_and_a_preview_is_a_summary():
    articles, (error,) = articles_and_errors(SOURCES / "newsapi.json")
    first, preview = articles
    assert first.title == "Chile and Argentina sign lithium agreement"
    assert first.publisher == "Andes Daily" and first.date.isoformat() == "2024-06-12"
    assert first.url == "https://andes-daily.example/chile-argentina-lithium" and not first.summary_only
    assert preview.summary_only and "[+1834 chars]" not in preview.text
    assert "article 3 has no text" in str(error)


def test_json_of_the_wrong_shape_is_one_line():
    articles, (error,) = articles_and_errors(SOURCES / "wrong-shape.json")
    assert not articles and "an array of articles or an object with an 'articles' list" in str(error)


def test_csv_reads_the_text_column_and_names_an_empty_row():
    articles, (error,) = articles_and_errors(SOURCES / "articles.csv", text_column="body")
    assert [a.title for a in articles] == [
        "Ghana and Togo discuss border security",
        "Nigeria and Benin reopen trade talks",
    ]
    assert articles[0].date.isoformat() == "2024-02-20" and articles[0].url.endswith("/gh-togo")
    assert articles[0].id == "gh-1"
    assert error.line == 3 and "empty 'body' cell" in str(error)
    missing, (no_column,) = articles_and_errors(SOURCES / "articles.csv")  # default column: text
    assert not missing and "no column 'text'" in str(no_column) and "--text-column" in str(no_column)


def test_formats_are_detected_by_content_and_forced_with_input_format(tmp_path):
    page = tmp_path / "download"  # no extension: the content says html
    shutil.copy(SOURCES / "saved-page.html", page)
    (article,), _ = articles_and_errors(page)
    assert article.source_format == "html"
    feed = tmp_path / "feed.xml"
    shutil.copy(SOURCES / "world.atom", feed)
    articles, _ = articles_and_errors(feed)
    assert articles[0].source_format == "feed"
    not_a_feed = tmp_path / "data.xml"
    not_a_feed.write_text("<?xml version='1.0'?><catalog><book/></catalog>")
    _, (error,) = articles_and_errors(not_a_feed)
    assert "not an RSS or Atom feed" in str(error)
    as_text = tmp_path / "notes.dat"
    as_text.write_text(
        "date: 2024-01-02\n---\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi.\n"
    )
    (forced,), _ = articles_and_errors(as_text, input_format="text")
    assert forced.source_format == "text" and forced.date.isoformat() == "2024-01-02"


def test_a_directory_of_mixed_formats_is_ingested_with_their_provenance(runner, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(SOURCES, folder)
    assert count_articles([folder]) >= 8
    store = str(tmp_path / "store")
    result = runner.invoke(main, ["ingest", "--store", store, "--text-column", "body", str(folder)])
    # three bad items (a feed item, a JSON article, a CSV row) and one file of the wrong shape
    assert result.exit_code == 1, result.output
    assert "8 added" in result.stdout and "4 rejected" in result.stdout, result.output
    for name in ("world.rss: item 3", "newsapi.json: article 3", "articles.csv:3", "wrong-shape.json"):
        assert name in result.stderr
    dumped = runner.invoke(main, ["dump", "--store", store, "--format", "nq"])
    graph = Dataset(default_union=True)
    graph.parse(data=dumped.stdout, format="nquads")
    formats = {str(o) for o in graph.objects(None, KGO.sourceFormat)}
    assert formats == {"html", "feed", "json", "csv"}
    summaries = set(graph.subjects(KGO.summaryOnly, Literal(True)))
    assert len(summaries) == 2  # the RSS item and the newsapi preview
    urls = {str(o) for o in graph.objects(None, KGO.url)}
    assert "https://harbour-times.example/world/china-accuses" in urls


def test_extract_json_says_the_format_and_whether_it_is_a_summary(runner):
    result = runner.invoke(main, ["extract", "--format", "json", str(SOURCES / "world.rss")])
    data = json.loads(result.stdout)
    assert [(a["article"]["source_format"], a["article"]["summary_only"]) for a in data] == [
        ("feed", False),
        ("feed", True),
    ]
