"""The frame engine: the case table of sentences and the dyads they must give, the converter's
output conforming to the shapes on every test article, the frame table as data (a new frame is a
row), and the converter's identity following its knowledge."""

import csv
import os
import shutil
import subprocess
import sys

import pytest

from kg.article import article_from_text, read_articles
from kg.cli import main
from kg.errors import StateKGError
from kg.extract import extract
from kg.frames import parse_frames
from kg.mapping import to_graph
from kg.output import generation_time
from kg.validate import validate_with_reference
from tests.conftest import DATA, ROOT, SEED

CASES_FILE = DATA / "frame-cases.tsv"
ARTICLE_DATE = "2024-03-05"


def load_cases() -> list[dict[str, str]]:
    lines = [line for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = load_cases()


def facts_of_sentence(sentence: str):
    return extract(article_from_text(f"date: {ARTICLE_DATE}\n---\n{sentence}\n", "case.txt"))


def expected_set(column: str) -> set[str]:
    column = (column or "").strip()
    return set() if column in ("", "-") else {part.strip() for part in column.split(";") if part.strip()}


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_case_table(case):
    facts = facts_of_sentence(case["sentence"])
    dyads = {f"{d.source}>{d.target}:{d.plover}{'*' if d.planned else ''}" for d in facts.dyads}
    assert dyads == expected_set(case["dyads"]), case["sentence"]
    relations = {f"{r.source}>{r.target}:{r.label}" for r in facts.relations}
    assert expected_set(case["relations"]) <= relations, case["sentence"]


def test_case_table_covers_every_plover_type_and_the_issue_s_phrasings():
    from kg.lexicon import load_lexicon

    coded = {part.split(":")[1].rstrip("*") for c in CASES for part in expected_set(c["dyads"])}
    # REQUEST, REJECT, ... : every type the scheme has appears in some expected dyad
    assert set(load_lexicon().plover_types) <= coded
    negatives = [c for c in CASES if expected_set(c["dyads"]) == set()]
    assert len(negatives) >= 10  # negation, hypotheticals, organisations, sport, business, courts, parties


TEST_ARTICLES = sorted((DATA / "articles").glob("*.txt")) + [SEED]


@pytest.mark.parametrize("path", TEST_ARTICLES, ids=[p.name for p in TEST_ARTICLES])
def test_every_test_article_extracts_to_a_conforming_graph(path):
    (article,) = list(read_articles(path))
    report = validate_with_reference(to_graph(extract(article), generation_time()))
    assert report.conforms, report.text()


def test_every_case_sentence_extracts_to_a_conforming_graph():
    for case in CASES:
        report = validate_with_reference(to_graph(facts_of_sentence(case["sentence"]), generation_time()))
        assert report.conforms, f"{case['case']}: {report.text()}"


def test_a_planned_event_dated_after_the_article_is_marked_planned():
    # past tense, but dated after publication: the converter marks it planned rather than emit a
    # fact the shapes reject
    facts = extract(
        article_from_text(
            "date: 2021-01-01\n---\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign "
            "Minister Wang Yi in Beijing on January 15, 2021.\n",
            "x.txt",
        )
    )
    (meeting,) = [e for e in facts.events if e.kind == "meeting"]
    assert meeting.planned and meeting.plovers == ["AGREE"]
    assert validate_with_reference(to_graph(facts, generation_time())).conforms


def test_a_malformed_frame_row_is_refused_with_its_line():
    header = ",".join(
        [
            "id",
            "trigger",
            "pos",
            "voice",
            "requires",
            "source",
            "target",
            "plover",
            "cameo",
            "mode",
            "kind",
            "host",
            "cooperation",
            "symmetric",
            "targets",
        ]
    )
    with pytest.raises(StateKGError, match=r"frames.csv:3: plover 'FRIENDLY'"):
        parse_frames(f"# a comment\n{header}\nx,hug,verb,any,,subject,object,FRIENDLY,000,,-,,,no,state\n")
    with pytest.raises(StateKGError, match=r"frames.csv:2: unknown source slot 'agent'"):
        parse_frames(f"{header}\nx,hug,verb,any,,agent,object,SUPPORT,051,,-,,,no,state\n")


def _project_copy(tmp_path):
    home = tmp_path / "home"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    shutil.copytree(ROOT / "queries", home / "queries")
    return home


def _kg(args, home=None, **env):
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", **env)
    if home is not None:
        environment["STATEKG_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=environment, timeout=300
    )


def test_a_new_frame_is_one_row_and_changes_the_converter_version(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date: 2024-03-05\n---\nLithuania evicted two Belarusian diplomats on Monday.\n")
    home = _project_copy(tmp_path)
    store = tmp_path / "store"
    before = _kg(["extract", str(article), "--format", "json"], home)
    assert before.returncode == 0, before.stderr
    assert '"plover": "SANCTION"' not in before.stdout
    assert "1 added" in _kg(["ingest", "--store", str(store), str(article)], home).stdout

    frames = home / "ontology" / "frames.csv"
    frames.write_text(
        frames.read_text(encoding="utf-8")
        + "evict,evict,verb,any,,subject,object-owner,SANCTION,166,expel,other,,,no,state\n",
        encoding="utf-8",
    )
    after = _kg(["extract", str(article), "--format", "json"], home)
    assert '"source": "LTU"' in after.stdout and '"plover": "SANCTION"' in after.stdout
    # the converter's identity includes its knowledge: the stored article is read again
    again = _kg(["ingest", "--store", str(store), str(article)], home)
    assert "0 unchanged, 1 replaced" in again.stdout, again.stdout + again.stderr


def test_without_the_parse_the_engine_reads_slots_by_position():
    code = (
        "from kg.article import article_from_text; from kg.extract import extract;"
        "f = extract(article_from_text('date: 2024-03-05\\n---\\nRussia expelled ten US diplomats.\\n', 'x'));"
        "print(sorted((d.source, d.target, d.plover) for d in f.dyads))"
    )
    linear = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, STATEKG_PARSE="0"),
        timeout=300,
    )
    assert linear.stdout.strip() == "[('RUS', 'USA', 'SANCTION')]", linear.stderr


def test_extract_table_shows_dyads(runner):
    article = DATA / "articles" / "reuters-usa-ukr-call.txt"
    result = runner.invoke(main, ["extract", str(article), "--format", "table"])
    assert "dyad:" in result.stdout and "USA -> UKR" in result.stdout
