# title: Maintain derived dyad-months
# description: Recomputes the derived graph's kgo:DyadMonth nodes: for one source state, target
#   state, PLOVER type and month, the distinct interactions of all article graphs, the sum of their
#   intensities (kgo:intensity of the type, in the PLOVER scheme: data, not code), the first and last
#   date, one example and its sentence, and the codes views read. Run with the keys a write
#   touched bound, or unbound to recompute them all. Every pattern names its graph.
# parameters: dyad, source, target, type, month (one row per dyad-month; optional, repeatable)
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad ?p ?o } }
WHERE {
  VALUES ?dyad { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad a kgo:DyadMonth ; ?p ?o }
} ;

INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?node a kgo:DyadMonth ;
      kgo:fromState ?source ; kgo:toState ?target ; kgo:dyadType ?type ;
      kgo:fromCode ?s ; kgo:toCode ?t ; kgo:typeCode ?code ; kgo:quadCode ?quad ;
      kgo:month ?monthValue ;
      kgo:eventCount ?events ; kgo:intensitySum ?sum ;
      kgo:firstDate ?first ; kgo:lastDate ?last ;
      kgo:exampleInteraction ?example .
  }
}
WHERE {
  {
    SELECT ?source ?target ?type ?m (COUNT(DISTINCT ?i) AS ?events) (MIN(?date) AS ?first) (MAX(?date) AS ?last)
           (MIN(STR(?i)) AS ?exampleIri)
    WHERE {
      VALUES (?dyad ?source ?target ?type ?month) { (UNDEF UNDEF UNDEF UNDEF UNDEF) }
      GRAPH ?g { ?i kgo:sourceState ?source ; kgo:targetState ?target ; kgo:ploverType ?type ; a kgo:Interaction }
      OPTIONAL { GRAPH ?g { ?i kgo:basis ?e . ?e kgo:date ?eventDate } }
      OPTIONAL { GRAPH ?g { ?i kgo:evidence/oa:hasSource ?article . ?article kgo:published ?published } }
      BIND (COALESCE(?eventDate, ?published) AS ?date)
      BIND (SUBSTR(STR(?date), 1, 7) AS ?m)
      FILTER (BOUND(?date) && (!BOUND(?month) || ?m = ?month))
    }
    GROUP BY ?source ?target ?type ?m
  }
  GRAPH <https://w3id.org/statekg/id/graph/reference> {
    ?source kgo:iso3 ?s . ?target kgo:iso3 ?t .
    ?type skos:notation ?code ; kgo:intensity ?intensity ; kgo:quadClass ?quadClass .
    ?quadClass skos:notation ?quad .
  }
  BIND (?events * ?intensity AS ?sum)
  BIND (IRI(?exampleIri) AS ?example)
  BIND (STRDT(?m, xsd:gYearMonth) AS ?monthValue)
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/dyad/", ?s, "-", ?t, "/", ?code, "/", ?m)) AS ?node)
} ;

# the example's sentence, one per dyad-month (the least in code-point order, so that every engine
# and every build order picks the same one)
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad kgo:evidenceSentence ?sentence } }
WHERE {
  {
    # (from the bound dyad-months themselves: a filter comparing each with the bound ones would
    # pair every dyad-month of the store with every bound one)
    SELECT ?dyad (MIN(STR(?text)) AS ?sentence) WHERE {
      VALUES ?dyad { UNDEF }
      GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad a kgo:DyadMonth ; kgo:exampleInteraction ?example }
      GRAPH ?g { ?example kgo:evidence/oa:hasSelector/oa:exact ?text }
    }
    GROUP BY ?dyad
  }
}
