"""Every SHACL constraint has a minimal bad example that triggers exactly it, with its message;
the kitchen-sink graph, which uses every class and property, conforms."""

import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS, SH

from kg.validate import validate

DATA = Path(__file__).parent / "data"
PREFIXES = (DATA / "kitchen-sink.ttl").read_text(encoding="utf-8").split("# --- reference data")[0]
EV = "kgo:evidence id:evidence/a1/0-80"
STATE_CCC = """st:CCC a kgo:State ; skos:prefLabel "C"@en ; kgo:iso2 "CC" ; kgo:iso3 "CCC" ; kgo:demonym "C" ;
    kgo:possessive "C's" ; kgo:capital "Cville" ; skos:exactMatch wd:Q3 ; kgo:territory terr:CCC .
terr:CCC a kgo:Territory ; rdfs:label "C" ."""


def expand(turtle: str) -> str:
    """Turtle forbids '/' in prefixed names: write id:article/a1 in the examples, expand it here."""
    return re.sub(r"(?<![\w<])id:([A-Za-z0-9][\w/.\-]*\w)", r"<https://w3id.org/statekg/id/\1>", turtle)


def kitchen_sink() -> Graph:
    return Graph().parse(DATA / "kitchen-sink.ttl", format="turtle")


def with_fragment(fragment: str) -> Graph:
    graph = kitchen_sink()
    graph.parse(data=PREFIXES + expand(fragment), format="turtle")
    return graph


def test_kitchen_sink_conforms():
    report = validate(kitchen_sink())
    assert report.conforms, report.text()


def test_kitchen_sink_uses_every_class_and_property():
    ontology = Graph().parse(Path(__file__).parent.parent / "ontology" / "statekg.ttl", format="turtle")
    sink = kitchen_sink()
    used = set(sink.predicates()) | set(sink.objects(None, None))
    declared = {s for s in ontology.subjects() if str(s).startswith("https://w3id.org/statekg/ontology#")}
    schemes = {s for s in declared if str(s).endswith("Scheme")}
    abstract = set(ontology.objects(None, RDFS.subClassOf))  # superclasses such as kgo:Fact, kgo:Actor
    missing = sorted(str(t) for t in declared - schemes - abstract - used)
    assert not missing, f"kitchen sink does not use: {missing}"


BAD_EXAMPLES = [
    # (id, bad fragment added to the kitchen sink, expected message)
    ("state-iso3", STATE_CCC.replace('kgo:iso3 "CCC" ;', ""), "ISO 3166 alpha-3"),
    ("state-iso2", STATE_CCC.replace('"CC"', '"C1"'), "alpha-2"),
    ("state-name", STATE_CCC.replace('skos:prefLabel "C"@en ;', ""), "needs a name"),
    ("state-demonym", STATE_CCC.replace('kgo:demonym "C" ;', ""), "demonym"),
    ("state-capital", STATE_CCC.replace('kgo:capital "Cville" ;', ""), "capital"),
    ("state-possessive", STATE_CCC.replace('kgo:possessive "C\'s" ;', ""), "possessive"),
    ("state-wikidata", STATE_CCC.replace("wd:Q3", "<https://example.org/Q3>"), "Wikidata"),
    ("state-territory", STATE_CCC.replace("kgo:territory terr:CCC ", 'rdfs:comment "x" '), "territory"),
    ("territory-label", "terr:DDD a kgo:Territory .", "A place needs a name"),
    (
        "state-not-in-reference",
        f"id:coop/x a kgo:Cooperation ; kgo:party st:AAA, st:ZZZ ; kgo:cooperationType ct:military ; {EV} .",
        "not in the reference data",
    ),
    (
        "body-label",
        "id:body/x a kgo:GovernmentBody ; org:subOrganizationOf st:AAA .",
        "government body needs a name",
    ),
    ("body-parent", 'id:body/x a kgo:GovernmentBody ; rdfs:label "x" .', "must be part of a state"),
    ("person-name", "id:person/x a kgo:Person .", "person needs a name"),
    (
        "person-two-states",
        'id:person/x a kgo:Person ; rdfs:label "X" ; kgo:ofState st:AAA, st:BBB .',
        "at most one state",
    ),
    ("post-title", "id:post/x a kgo:Post ; org:postIn st:AAA .", "post needs its title"),
    ("post-in", 'id:post/x a kgo:Post ; kgo:title "Envoy" .', "must belong to a state or a government body"),
    (
        "holding-holder",
        f"id:holding/x a kgo:PostHolding ; kgo:post id:post/AAA/defence-minister ; {EV} .",
        "exactly one person",
    ),
    (
        "holding-post",
        f"id:holding/x a kgo:PostHolding ; kgo:holder id:person/ann-example-aaa ; {EV} .",
        "exactly one post",
    ),
    (
        "holding-date",
        f'id:holding/x a kgo:PostHolding ; kgo:holder id:person/ann-example-aaa ; kgo:post id:post/AAA/defence-minister ; kgo:attestedOn "May 2024" ; {EV} .',
        "attestedOn must be an xsd:date",
    ),
    (
        "event-kind",
        f"id:event/x a kgo:Event ; kgo:dateUnknown true ; kgo:participant st:AAA ; {EV} .",
        "exactly one kind",
    ),
    (
        "event-kind-scheme",
        f"id:event/x a kgo:Event ; kgo:eventKind ct:military ; kgo:dateUnknown true ; kgo:participant st:AAA ; {EV} .",
        "not a concept of the event-kind scheme",
    ),
    (
        "event-date-type",
        f'id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:date "2024-05-01" ; kgo:participant st:AAA ; {EV} .',
        "single xsd:date",
    ),
    (
        "event-participant",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:dateUnknown true ; {EV} .",
        "at least one participant",
    ),
    (
        "event-no-date",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:participant st:AAA ; {EV} .",
        "needs a date (kgo:date) or an explicit",
    ),
    (
        "event-place",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:place st:AAA ; {EV} .",
        "must be a kgo:Place",
    ),
    (
        "event-part-of",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:partOf st:AAA ; {EV} .",
        "kgo:partOf must point to another event",
    ),
    (
        "event-after-article",
        f'id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:date "2024-05-09"^^xsd:date ; '
        f'kgo:reportedOn "2024-05-06"^^xsd:date ; kgo:participant st:AAA ; {EV} .',
        "dated after the publication date of an article reporting it",
    ),
    (
        "event-plover-scheme",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:ploverType ct:military ; kgo:symmetric true ; {EV} .",
        "PLOVER type is not one of the 16 types",
    ),
    (
        "event-symmetric-twice",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:meeting ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:ploverType pl:CONSULT ; kgo:symmetric true, false ; {EV} .",
        "kgo:symmetric must be one boolean",
    ),
    (
        "event-source-is-target",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:statement ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:ploverType pl:ACCUSE ; kgo:symmetric false ; kgo:source st:AAA ; kgo:target st:AAA ; {EV} .",
        "both source and target",
    ),
    (
        "event-source-class",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:statement ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:ploverType pl:ACCUSE ; kgo:symmetric false ; kgo:source id:place/alphaville ; kgo:target st:BBB ; {EV} .",
        "source (kgo:source) must be a state or a person",
    ),
    (
        "event-target-class",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:statement ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:ploverType pl:ACCUSE ; kgo:symmetric false ; kgo:source st:AAA ; kgo:target id:place/alphaville ; {EV} .",
        "target (kgo:target) must be a state or a person",
    ),
    (
        "event-directed-without-target",
        f"id:event/x a kgo:Event ; kgo:eventKind ek:statement ; kgo:dateUnknown true ; kgo:participant st:AAA ; kgo:ploverType pl:ACCUSE ; kgo:symmetric false ; kgo:source st:AAA ; {EV} .",
        "needs both a source (kgo:source) and a target",
    ),
    (
        "interaction-source",
        f"id:i/x a kgo:Interaction ; kgo:targetState st:BBB ; kgo:ploverType pl:ACCUSE ; {EV} .",
        "exactly one source state",
    ),
    (
        "interaction-target",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:ploverType pl:ACCUSE ; {EV} .",
        "exactly one target state",
    ),
    (
        "interaction-self",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:targetState st:AAA ; kgo:ploverType pl:ACCUSE ; {EV} .",
        "source and target are the same state",
    ),
    (
        "interaction-no-type",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:targetState st:BBB ; {EV} .",
        "exactly one PLOVER type",
    ),
    (
        "interaction-type-scheme",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:targetState st:BBB ; kgo:ploverType ek:meeting ; {EV} .",
        "PLOVER type is not one of the 16 types",
    ),
    (
        "interaction-source-sector",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:targetState st:BBB ; kgo:ploverType pl:ACCUSE ; kgo:sourceSector ct:military ; {EV} .",
        "not one concept of the sector scheme",
    ),
    (
        "interaction-target-sector",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:targetState st:BBB ; kgo:ploverType pl:ACCUSE ; kgo:targetSector ct:military ; {EV} .",
        "not one concept of the sector scheme",
    ),
    (
        "interaction-basis",
        f"id:i/x a kgo:Interaction ; kgo:sourceState st:AAA ; kgo:targetState st:BBB ; kgo:ploverType pl:ACCUSE ; kgo:basis st:AAA ; {EV} .",
        "basis (kgo:basis) must be",
    ),
    ("place-label", "id:place/x a kgo:Place .", "place needs a name"),
    (
        "cooperation-one-state",
        f"id:coop/x a kgo:Cooperation ; kgo:party st:AAA ; kgo:cooperationType ct:military ; {EV} .",
        "at least two distinct states",
    ),
    (
        "cooperation-type",
        f"id:coop/x a kgo:Cooperation ; kgo:party st:AAA, st:BBB ; {EV} .",
        "at least one cooperation type",
    ),
    (
        "cooperation-type-scheme",
        f"id:coop/x a kgo:Cooperation ; kgo:party st:AAA, st:BBB ; kgo:cooperationType ek:meeting ; {EV} .",
        "not a concept of the cooperation-type scheme",
    ),
    (
        "cooperation-stances",
        f"id:coop/x a kgo:Cooperation ; kgo:party st:AAA, st:BBB ; kgo:cooperationType ct:military ; kgo:stance sk:intended, sk:agreed ; {EV} . sk:agreed skos:inScheme kgo:StanceScheme .",
        "at most one stance",
    ),
    (
        "cooperation-stance-scheme",
        f"id:coop/x a kgo:Cooperation ; kgo:party st:AAA, st:BBB ; kgo:cooperationType ct:military ; kgo:stance ct:education ; {EV} .",
        "not a concept of the stance scheme",
    ),
    (
        "characterisation-subject",
        f'id:ch/x a kgo:Characterisation ; kgo:objectState st:BBB ; kgo:phrase "ally" ; {EV} .',
        "voices it",
    ),
    (
        "characterisation-object",
        f'id:ch/x a kgo:Characterisation ; kgo:subjectState st:BBB ; kgo:phrase "ally" ; {EV} .',
        "state it describes",
    ),
    (
        "characterisation-phrase",
        f"id:ch/x a kgo:Characterisation ; kgo:subjectState st:AAA ; kgo:objectState st:BBB ; {EV} .",
        "needs its phrase",
    ),
    (
        "characterisation-self",
        f'id:ch/x a kgo:Characterisation ; kgo:subjectState st:AAA ; kgo:objectState st:AAA ; kgo:phrase "ally" ; {EV} .',
        "describes another state",
    ),
    ("quotation-text", f"id:q/x a kgo:Quotation ; kgo:speaker st:AAA ; {EV} .", "needs its text"),
    ("quotation-speaker", f'id:q/x a kgo:Quotation ; kgo:text "hello" ; {EV} .', "needs a speaker"),
    (
        "fact-evidence",
        'id:q/x a kgo:Quotation ; kgo:text "hello" ; kgo:speaker st:AAA .',
        "has no evidence in an article",
    ),
    (
        "evidence-source",
        'id:ev/x a kgo:Evidence ; oa:hasSelector id:ev/x/p . id:ev/x/p oa:start "1"^^xsd:integer ; oa:end "2"^^xsd:integer ; oa:exact "s" .',
        "exactly one article",
    ),
    (
        "evidence-start",
        'id:ev/x a kgo:Evidence ; oa:hasSource id:article/a1 ; oa:hasSelector id:ev/x/p . id:ev/x/p oa:end "2"^^xsd:integer ; oa:exact "s" .',
        "oa:start",
    ),
    (
        "evidence-end",
        'id:ev/x a kgo:Evidence ; oa:hasSource id:article/a1 ; oa:hasSelector id:ev/x/p . id:ev/x/p oa:start "1"^^xsd:integer ; oa:exact "s" .',
        "oa:end",
    ),
    (
        "evidence-text",
        'id:ev/x a kgo:Evidence ; oa:hasSource id:article/a1 ; oa:hasSelector id:ev/x/p . id:ev/x/p oa:start "1"^^xsd:integer ; oa:end "2"^^xsd:integer .',
        "sentence text",
    ),
    (
        "evidence-inverted",
        'id:ev/x a kgo:Evidence ; oa:hasSource id:article/a1 ; oa:hasSelector id:ev/x/p . id:ev/x/p oa:start "9"^^xsd:integer ; oa:end "2"^^xsd:integer ; oa:exact "s" .',
        "inverted",
    ),
    ("article-hash", "id:article/x a kgo:Article .", "SHA-256 content hash"),
    (
        "article-date",
        'id:article/x a kgo:Article ; kgo:contentHash "0000000000000000000000000000000000000000000000000000000000000002" ; kgo:published "yesterday" .',
        "must be one xsd:date",
    ),
    (
        "article-dateline",
        'id:article/x a kgo:Article ; kgo:contentHash "0000000000000000000000000000000000000000000000000000000000000002" ; kgo:dateline st:AAA .',
        "dateline (kgo:dateline) must be a kgo:Place",
    ),
    (
        "extraction-article",
        'id:x a kgo:Extraction ; prov:wasAssociatedWith id:converter/statekg-0.1.0 ; prov:endedAtTime "2024-05-07T10:00:00+00:00"^^xsd:dateTime .',
        "article it read",
    ),
    (
        "extraction-converter",
        'id:x a kgo:Extraction ; prov:used id:article/a1 ; prov:endedAtTime "2024-05-07T10:00:00+00:00"^^xsd:dateTime .',
        "converter version",
    ),
    (
        "extraction-time",
        "id:x a kgo:Extraction ; prov:used id:article/a1 ; prov:wasAssociatedWith id:converter/statekg-0.1.0 .",
        "when it ran",
    ),
    ("converter-label", "id:c a kgo:Converter .", "converter needs a label"),
    (
        "quarantine-from",
        'id:quarantine/x a kgo:QuarantinedFact ; kgo:factTriples "x" ; kgo:violationMessage "why" ; kgo:quarantinedAt "2024-05-07T10:00:01+00:00"^^xsd:dateTime .',
        "the one article it was read from",
    ),
    (
        "quarantine-triples",
        'id:quarantine/x a kgo:QuarantinedFact ; kgo:quarantinedFrom id:article/a1 ; kgo:violationMessage "why" ; kgo:quarantinedAt "2024-05-07T10:00:01+00:00"^^xsd:dateTime .',
        "keep its triples",
    ),
    (
        "quarantine-message",
        'id:quarantine/x a kgo:QuarantinedFact ; kgo:quarantinedFrom id:article/a1 ; kgo:factTriples "x" ; kgo:quarantinedAt "2024-05-07T10:00:01+00:00"^^xsd:dateTime .',
        "why it was set aside",
    ),
    (
        "quarantine-time",
        'id:quarantine/x a kgo:QuarantinedFact ; kgo:quarantinedFrom id:article/a1 ; kgo:factTriples "x" ; kgo:violationMessage "why" .',
        "when it was set aside",
    ),
]


@pytest.mark.parametrize("name,fragment,message", BAD_EXAMPLES, ids=[b[0] for b in BAD_EXAMPLES])
def test_bad_example_triggers_exactly_its_violation(name, fragment, message):
    report = validate(with_fragment(fragment))
    assert not report.conforms
    assert len(report.violations) == 1, report.text()
    assert message in report.violations[0].message, report.text()


def test_every_shape_constraint_has_a_bad_example():
    shapes = Graph()
    for path in (Path(__file__).parent.parent / "ontology").glob("shapes*.ttl"):
        shapes.parse(path, format="turtle")
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    covered = {m for m in messages if any(b[2] in m for b in BAD_EXAMPLES)}
    assert messages == covered, f"constraints without a bad example: {sorted(messages - covered)}"


@pytest.mark.parametrize("engine", ["sparql", "pyshacl-turbo"])
def test_the_fast_engines_report_exactly_what_pyshacl_reports(engine):
    # pySHACL is the reference: on every bad example (and the kitchen sink), the other engines
    # must find the same violations, with the same focus node, path, message and value
    cases = [("kitchen-sink", "")] + [(b[0], b[1]) for b in BAD_EXAMPLES]
    for name, fragment in cases:
        graph = with_fragment(fragment)
        expected = validate(graph, engine="pyshacl").violations
        assert validate(graph, engine=engine).violations == expected, name
