"""One registry of fact kinds (kg/factkinds.py): every kgo:Fact subclass of the ontology is in it,
and every place that lists fact kinds is wired to it, so a forgotten place fails here, not silently."""

import dataclasses

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS

from kg.article import article_from_text, read_articles
from kg.evaluate import CATEGORIES
from kg.extract import extract
from kg.factkinds import FACT_CLASSES, FACT_KINDS, STATE_LINKS
from kg.facts import Facts
from kg.mapping import to_graph
from kg.output import TABLE_LINES
from kg.vocab import KGO
from tests.conftest import ROOT, SEED

SH = Namespace("http://www.w3.org/ns/shacl#")


def test_every_fact_subclass_of_the_ontology_is_registered():
    ontology = Graph().parse(ROOT / "ontology" / "statekg.ttl", format="turtle")
    subclasses = set(ontology.subjects(RDFS.subClassOf, KGO.Fact))
    assert subclasses == set(FACT_CLASSES)


def test_every_fact_kind_is_a_field_a_json_key_a_table_line_and_documented():
    fields = {f.name for f in dataclasses.fields(Facts)}
    (article,) = list(read_articles(SEED))
    keys = set(extract(article).to_json())
    documented = (ROOT / "docs" / "facts-json.md").read_text(encoding="utf-8")
    for kind in FACT_KINDS:
        assert kind.key in fields, kind.key
        assert kind.key in keys, kind.key
        assert kind.key in TABLE_LINES, kind.key
        assert f"`{kind.key}[]`" in documented, kind.key
        assert (kind.key in CATEGORIES) == kind.scored, kind.key


def test_every_fact_kind_must_carry_evidence_by_the_shapes():
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    evidence_shape = next(
        s for s in shapes.subjects(RDF.type, SH.NodeShape) if str(s).endswith("FactEvidenceShape")
    )
    assert set(shapes.objects(evidence_shape, SH.targetClass)) == set(FACT_CLASSES)


def test_the_mapping_writes_every_fact_kind_and_the_derived_upkeep_follows_its_state_links():
    (seed,) = list(read_articles(SEED))
    conflict = article_from_text(
        "date: 2024-03-05\n---\nRussia expelled ten US diplomats on Monday.\n", "conflict.txt"
    )
    graph = Graph()
    for facts in (extract(seed), extract(conflict)):
        graph += to_graph(facts)
    written = set(graph.objects(None, RDF.type))
    assert set(FACT_CLASSES) <= written
    used = set(graph.predicates())
    assert all(link in used for link in STATE_LINKS)
