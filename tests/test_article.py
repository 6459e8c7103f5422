"""Reading articles: headers, front matter, datelines, JSON Lines, and bad input."""

import json
from datetime import date

from kg.article import MAX_ARTICLE_BYTES, article_from_text, read_articles
from kg.cli import main
from kg.errors import InputError
from tests.conftest import SEED


def test_seed_header_and_tass_dateline():
    (article,) = list(read_articles(SEED))
    assert article.date == date(2021, 8, 23)
    assert article.dateline.place == "Kubinka"
    assert article.publisher == "TASS"
    assert article.text == SEED.read_text(encoding="utf-8")


def test_key_value_header_and_front_matter():
    header = article_from_text(
        "title: T\ndate: 2020-01-02\nurl: https://x.org/a\n---\nBody text here.", "a.txt"
    )
    assert (header.title, header.date, header.url) == ("T", date(2020, 1, 2), "https://x.org/a")
    assert header.body.startswith("Body text")
    front = article_from_text("---\ntitle: F\ndate: 2021-03-04\n---\nBody.", "b.md")
    assert (front.title, front.date, front.body) == ("F", date(2021, 3, 4), "Body.")


def test_agency_datelines():
    xinhua = article_from_text("BEIJING, March 3 (Xinhua) -- China said.", "x")
    assert (xinhua.dateline.place, xinhua.dateline.agency, xinhua.dateline.month, xinhua.dateline.day) == (
        "Beijing",
        "Xinhua",
        3,
        3,
    )
    reuters = article_from_text("MOSCOW (Reuters) - Russia said.", "r")
    assert (reuters.dateline.place, reuters.publisher) == ("Moscow", "Reuters")
    yonhap = article_from_text("SEOUL, Dec. 30 (Yonhap) -- Korea said.", "y")
    assert (yonhap.dateline.month, yonhap.dateline.day) == (12, 30)


def test_bad_inputs_give_one_clear_error_each(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "header.txt").write_text("---\ntitle: x\nnot a header line\n---\nBody.")
    (tmp_path / "huge.txt").write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    (tmp_path / "nodate.txt").write_text("date: tomorrow\n---\nBody.")
    (tmp_path / "good.txt").write_text("MOSCOW (Reuters) - Russia said it was ready to cooperate with China.")
    items = list(read_articles(tmp_path))
    errors = {type(i).__name__ + ":" + (i.source.rsplit("/", 1)[-1]) for i in items}
    assert len(items) == 7
    problems = {i.source.rsplit("/", 1)[-1]: i.problem for i in items if isinstance(i, InputError)}
    assert "empty" in problems["empty.txt"]
    assert "binary" in problems["binary.txt"]
    assert "not UTF-8" in problems["latin1.txt"]
    assert "malformed header line" in problems["header.txt"]
    assert "too large" in problems["huge.txt"]
    assert "malformed date" in problems["nodate.txt"]
    assert "Article:good.txt" in errors


def test_jsonl_corpus_names_the_bad_line_and_goes_on(tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "MOSCOW (Reuters) - Russia met China.", "date": "2020-01-01"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "Japan said.", "url": "https://x.org/c"}),
    ]
    corpus.write_text("\n".join(lines) + "\n")
    items = list(read_articles(corpus))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert items[1].line == 2 and "malformed JSON line" in str(items[1])
    assert items[2].line == 3 and "string 'text'" in str(items[2])
    assert items[0].id == "a" and items[0].date == date(2020, 1, 1)
    assert items[3].url == "https://x.org/c"


def test_cli_reports_bad_files_and_extracts_the_rest(runner, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "good.txt").write_text(
        "date: 2020-05-05\n---\nRussia and China signed an agreement on trade cooperation."
    )
    result = runner.invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert "bad.txt: binary file" in result.stderr
    facts = json.loads(result.stdout)
    assert set(facts["states"]) == {"RUS", "CHN"}


def test_missing_file(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
