# title: Maintain derived state-pair relations
# description: Recomputes the derived graph's kgo:StateRelation nodes (one per state pair and
#   cooperation type: most advanced stance, distinct supporting events, first and last date,
#   number of reporting articles, and the codes of the two states, the type and the stance so
#   that views read this graph alone) from the cooperation facts of all article graphs. Run after
#   an article is added, replaced or removed, with ?relation bound to the relations it touched;
#   with ?relation unbound it recomputes every relation (a full rebuild). Every pattern names its
#   graph: an update's WHERE reads the store's default graph, which is not the union of the graphs.
# parameters: relation, a, b, type (one row per relation: its IRI, its two states and its
#   cooperation type; optional, repeatable). Binding the states and type lets the engine start
#   from the cooperation facts of those states instead of scanning them all.
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation ?p ?o } }
WHERE {
  VALUES ?relation { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation a kgo:StateRelation ; ?p ?o }
} ;

# Dates are aggregated with sentinels for missing values (an unbound value inside MIN/MAX makes
# Oxigraph, following the standard, return no value for the whole group), and every lookup starts
# from the cooperation facts the VALUES rows select, so the engine never scans all events.
INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?rel a kgo:StateRelation ;
      kgo:party ?a, ?b ;
      kgo:firstPartyCode ?isoA ;
      kgo:secondPartyCode ?isoB ;
      kgo:cooperationType ?type ;
      kgo:typeCode ?slug ;
      kgo:stance ?stance ;
      kgo:stanceCode ?stanceCode ;
      kgo:eventCount ?events ;
      kgo:reportCount ?reports ;
      kgo:firstDate ?first ;
      kgo:lastDate ?last .
  }
}
WHERE {
  {
    SELECT ?rel ?a ?b ?type ?isoA ?isoB ?slug (MIN(?rank) AS ?best) (COUNT(DISTINCT ?event) AS ?events)
           (COUNT(DISTINCT ?article) AS ?reports)
           (MIN(COALESCE(?eventDate, "9999-12-31"^^xsd:date)) AS ?firstEvent)
           (MAX(COALESCE(?eventDate, "0001-01-01"^^xsd:date)) AS ?lastEvent)
           (MIN(COALESCE(?published, "9999-12-31"^^xsd:date)) AS ?firstReport)
           (MAX(COALESCE(?published, "0001-01-01"^^xsd:date)) AS ?lastReport)
    WHERE {
      VALUES (?relation ?a ?b ?type) { (UNDEF UNDEF UNDEF UNDEF) }
      GRAPH ?g { ?coop kgo:party ?a, ?b ; kgo:cooperationType ?type ; a kgo:Cooperation . }
      FILTER (STR(?a) < STR(?b))
      GRAPH ?ra { ?a kgo:iso3 ?isoA } GRAPH ?rb { ?b kgo:iso3 ?isoB } GRAPH ?rt { ?type skos:notation ?slug }
      BIND (IRI(CONCAT("https://w3id.org/statekg/id/relation/", ?isoA, "-", ?isoB, "/", STR(?slug))) AS ?rel)
      FILTER (!BOUND(?relation) || ?rel = ?relation)
      # the stance order is data: kgo:order of the stance concepts (ontology/stances.ttl)
      OPTIONAL { GRAPH ?g { ?coop kgo:stance ?s } GRAPH <https://w3id.org/statekg/id/graph/reference> { ?s kgo:order ?order } }
      BIND (COALESCE(?order, 99) AS ?rank)
      OPTIONAL { GRAPH ?g { ?coop kgo:supportedBy ?event } OPTIONAL { GRAPH ?ge { ?event kgo:date ?eventDate } } }
      OPTIONAL { GRAPH ?g { ?coop kgo:evidence/oa:hasSource ?article } OPTIONAL { GRAPH ?ga { ?article kgo:published ?published } } }
    }
    GROUP BY ?rel ?a ?b ?type ?isoA ?isoB ?slug
  }
  OPTIONAL {
    GRAPH <https://w3id.org/statekg/id/graph/reference> { ?stance kgo:order ?best ; skos:inScheme kgo:StanceScheme }
  }
  # the stance's code, looked up by IRI (an unbound ?stance looks up a name that matches nothing:
  # a pattern on an unbound variable would match every notation, and matching every notation to
  # compare afterwards would scan them all once per relation)
  BIND (COALESCE(?stance, <urn:statekg:none>) AS ?stanceKey)
  OPTIONAL { GRAPH <https://w3id.org/statekg/id/graph/reference> { ?stanceKey skos:notation ?stanceCode } }
  BIND (IF(?firstEvent != "9999-12-31"^^xsd:date, ?firstEvent,
        IF(?firstReport != "9999-12-31"^^xsd:date, ?firstReport, ?unbound)) AS ?first)
  BIND (IF(?lastEvent != "0001-01-01"^^xsd:date, ?lastEvent,
        IF(?lastReport != "0001-01-01"^^xsd:date, ?lastReport, ?unbound)) AS ?last)
}
;

# the supporting events themselves, so views count distinct events over several types
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?rel kgo:supportedBy ?event } }
WHERE {
  VALUES (?relation ?a ?b ?type) { (UNDEF UNDEF UNDEF UNDEF) }
  GRAPH ?g { ?coop kgo:party ?a, ?b ; kgo:cooperationType ?type ; kgo:supportedBy ?event ; a kgo:Cooperation . }
  FILTER (STR(?a) < STR(?b))
  GRAPH ?ra { ?a kgo:iso3 ?isoA } GRAPH ?rb { ?b kgo:iso3 ?isoB } GRAPH ?rt { ?type skos:notation ?slug }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/relation/", ?isoA, "-", ?isoB, "/", STR(?slug))) AS ?rel)
  FILTER (!BOUND(?relation) || ?rel = ?relation)
}
