"""Our namespaces. KGO is a closed DefinedNamespace: a misspelt term fails at import time."""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/statekg/ontology"
ID = Namespace("https://w3id.org/statekg/id/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")


class KGO(DefinedNamespace):
    """Terms of ontology/statekg.ttl and the scheme files (checked against them by the tests)."""

    _NS = Namespace("https://w3id.org/statekg/ontology#")
    _fail = True

    # classes
    Actor: object
    State: object
    Territory: object
    GovernmentBody: object
    Person: object
    Place: object
    Post: object
    PostHolding: object
    Event: object
    Cooperation: object
    Characterisation: object
    Quotation: object
    Article: object
    Evidence: object
    Extraction: object
    Converter: object
    Fact: object
    Interaction: object
    # schemes
    CooperationTypeScheme: object
    EventKindScheme: object
    StanceScheme: object
    PostRoleScheme: object
    BodyKindScheme: object
    PloverScheme: object
    QuadClassScheme: object
    SectorScheme: object
    # properties
    title: object
    holder: object
    post: object
    attestedOn: object
    ofState: object
    eventKind: object
    date: object
    dateUnknown: object
    reportedOn: object
    place: object
    participant: object
    host: object
    guest: object
    partOf: object
    planned: object
    party: object
    cooperationType: object
    stance: object
    supportedBy: object
    subjectState: object
    objectState: object
    phrase: object
    speaker: object
    text: object
    direct: object
    published: object
    publisher: object
    dateline: object
    url: object
    contentHash: object
    headline: object
    mentions: object
    Store: object
    StateRelation: object
    StatePair: object
    StateActivity: object
    OfficialSummary: object
    EventSummary: object
    eventCount: object
    reportCount: object
    firstDate: object
    lastDate: object
    storeFormat: object
    writtenBy: object
    referenceHash: object
    name: object
    evidence: object
    iso2: object
    iso3: object
    officialName: object
    historicalName: object
    demonym: object
    possessive: object
    capital: object
    metonym: object
    region: object
    characterisationKind: object
    CharacterisationScheme: object
    WordList: object
    word: object
    status: object
    territory: object
    bodyKind: object
    postRole: object
    cameo: object
    ploverType: object
    ploverMode: object
    trigger: object
    titleModifier: object
    domainWord: object
    # direction and PLOVER
    source: object
    target: object
    symmetric: object
    sourceState: object
    targetState: object
    sourceSector: object
    targetSector: object
    basis: object
    quadClass: object
    intensity: object
    plannedType: object
    cooperative: object
    order: object
    actsForState: object
    standsForState: object
    minStates: object
    # quarantine
    QuarantinedFact: object
    quarantinedFrom: object
    factIri: object
    factClass: object
    factTriples: object
    violationMessage: object
    sentenceText: object
    quarantinedAt: object
    loadingFrom: object
    sourceFormat: object
    summariesStale: object
    # directed summaries
    DyadMonth: object
    PairMonth: object
    fromState: object
    toState: object
    fromCode: object
    toCode: object
    dyadType: object
    quadCode: object
    month: object
    intensitySum: object
    exampleInteraction: object
    verbalCooperation: object
    materialCooperation: object
    verbalConflict: object
    materialConflict: object
    netScore: object
    PairStanceScheme: object
    PairRecord: object
    lastMonth: object
    conflictCount: object
    stanceMean: object
    pairStance: object
    minMean: object
    maxMean: object
    summaryOnly: object


GRAPH_REFERENCE = ID["graph/reference"]
GRAPH_MANUAL = ID["graph/manual"]
GRAPH_DERIVED = ID["graph/derived"]
GRAPH_META = ID["graph/meta"]
STORE_NODE = ID["store"]
