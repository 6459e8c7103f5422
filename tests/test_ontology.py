"""The ontology, its schemes and the state reference data are complete and consistent."""

import re
import subprocess
import sys

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.lexicon import LEXICON_FILES, load_lexicon
from kg.vocab import KGO
from tests.conftest import ROOT

ONTOLOGY = ROOT / "ontology"
KGO_NS = "https://w3id.org/statekg/ontology#"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for name in ("statekg.ttl", *LEXICON_FILES):
        graph.parse(ONTOLOGY / name, format="turtle")
    return graph


def declared_terms(graph: Graph) -> set[str]:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme}
    return {str(s) for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(KGO_NS)}


def test_every_class_and_property_has_label_and_comment(ontology):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            assert ontology.value(term, RDFS.label), f"{term} has no rdfs:label"
            assert ontology.value(term, RDFS.comment), f"{term} has no rdfs:comment"


def test_ontology_has_a_version_iri(ontology):
    version = ontology.value(URIRef("https://w3id.org/statekg/ontology"), OWL.versionIRI)
    assert version is not None and "0.1.0" in str(version)


def test_alignment_is_by_subclass_not_copy(ontology):
    assert (KGO.State, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#FormalOrganization")) in ontology
    assert (KGO.Event, RDFS.subClassOf, URIRef("https://schema.org/Event")) in ontology
    assert (KGO.evidence, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in ontology


def test_every_kgo_term_used_in_code_queries_and_shapes_is_declared(ontology):
    declared = declared_terms(ontology)
    used: set[str] = set()
    for path in list((ROOT / "kg").rglob("*.py")):
        used |= {KGO_NS + t for t in re.findall(r"\bKGO\.([A-Za-z0-9]+)", path.read_text())}
    for path in list((ROOT / "queries").rglob("*.rq")) + list(ONTOLOGY.glob("shapes*.ttl")):
        used |= {KGO_NS + t for t in re.findall(r"\bkgo:([A-Za-z0-9]+)", path.read_text())}
    used |= {str(getattr(KGO, name)) for name in KGO.__annotations__}
    missing = sorted(used - declared)
    assert not missing, f"used but not declared in ontology/: {missing}"


def test_reference_data_has_every_un_member_and_observer():
    states = load_lexicon().states
    graph = Graph().parse(ONTOLOGY / "states.ttl", format="turtle")
    statuses = [str(o) for o in graph.objects(None, KGO.status)]
    assert statuses.count("un_member") == 193
    assert statuses.count("un_observer") == 2
    for iso3 in ("TWN", "XKX", "PSE", "VAT", "RUS", "MMR", "USA", "CHN"):
        assert iso3 in states


def test_every_state_has_every_field():
    graph = Graph().parse(ONTOLOGY / "states.ttl", format="turtle")
    fields = [
        KGO.iso2,
        KGO.iso3,
        SKOS.prefLabel,
        KGO.officialName,
        KGO.demonym,
        KGO.possessive,
        KGO.capital,
        SKOS.exactMatch,
        KGO.territory,
    ]
    for state in graph.subjects(RDF.type, KGO.State):
        for field in fields:
            assert graph.value(state, field) is not None, f"{state} lacks {field}"
        assert str(graph.value(state, SKOS.exactMatch)).startswith("http://www.wikidata.org/entity/Q")


def test_news_forms_of_names_are_there():
    states = load_lexicon().states
    assert "Burma" in states["MMR"].names
    assert "Burmese" in states["MMR"].demonyms
    assert "Moscow" in states["RUS"].capitals
    assert "Ivory Coast" in states["CIV"].names
    assert "Pentagon" in states["USA"].metonyms


def test_reference_data_is_reproducible_from_its_sources(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, 'ontology/data'); import build_states; "
            "print(build_states.build(), end='')",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == (ONTOLOGY / "states.ttl").read_text(encoding="utf-8")


def test_cooperation_types_have_slug_notations_and_alt_labels():
    slugs = {
        "military",
        "military-technical",
        "defense-industrial",
        "economic",
        "trade",
        "energy",
        "nuclear",
        "space",
        "education",
        "cultural",
        "humanitarian",
        "health",
        "security",
        "counter-terrorism",
        "law-enforcement",
        "diplomatic",
        "scientific",
        "technological",
        "transport",
        "agricultural",
        "other",
    }
    types = load_lexicon().cooperation_types
    assert set(types) == slugs
    for slug, concept in types.items():
        assert concept.triggers, f"{slug} has no alt labels to match on"
    assert "defence cooperation" in types["military"].triggers
    assert "student exchange" in types["education"].triggers


def test_event_kinds_map_to_cameo_and_plover(ontology):
    kinds = load_lexicon().event_kinds
    assert set(kinds) == {
        "meeting",
        "talks",
        "visit",
        "phone_call",
        "agreement",
        "statement",
        "forum",
        "exercise",
        "delivery",
        "other",
    }
    for slug, concept in kinds.items():
        assert concept.extra[str(KGO.cameo)], f"{slug} has no CAMEO code"
        # a statement or an "other" act means whatever its frame says; the rest carry a usual type
        plover = ontology.value(concept.iri, KGO.ploverType)
        if slug not in ("statement", "other"):
            assert plover in load_lexicon().plover_types_by_iri(), f"{slug} has no PLOVER type of the scheme"
    assert set(kinds["visit"].extra[str(KGO.cameo)]) == {"042", "043"}
    assert kinds["agreement"].extra[str(KGO.cameo)] == ["057"]


def test_reference_data_conforms_to_the_shapes():
    from kg.validate import validate

    graph = Graph().parse(ONTOLOGY / "states.ttl", format="turtle")
    report = validate(graph)
    assert report.conforms, report.text()
