# title: Maintain derived state-pair relations
# description: Recomputes the derived graph's kgo:StateRelation nodes (one per state pair and
#   cooperation type: most advanced stance, distinct supporting events, first and last date,
#   number of reporting articles) from the cooperation facts of all article graphs. Run after
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
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation ?p ?o }
} ;

# Dates are aggregated in their own subqueries over bound values only: an unbound value inside
# MIN/MAX makes some engines (Oxigraph) return no value for the whole group.
INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?rel a kgo:StateRelation ;
      kgo:party ?a, ?b ;
      kgo:cooperationType ?type ;
      kgo:stance ?stance ;
      kgo:eventCount ?events ;
      kgo:reportCount ?reports ;
      kgo:firstDate ?first ;
      kgo:lastDate ?last .
  }
}
WHERE {
  {
    SELECT ?rel ?a ?b ?type (MIN(?rank) AS ?best) (COUNT(DISTINCT ?event) AS ?events)
           (COUNT(DISTINCT ?article) AS ?reports)
    WHERE {
      VALUES (?relation ?a ?b ?type) { (UNDEF UNDEF UNDEF UNDEF) }
      GRAPH ?g { ?coop kgo:party ?a, ?b ; kgo:cooperationType ?type ; a kgo:Cooperation . }
      FILTER (STR(?a) < STR(?b))
      GRAPH ?ra { ?a kgo:iso3 ?isoA } GRAPH ?rb { ?b kgo:iso3 ?isoB } GRAPH ?rt { ?type skos:notation ?slug }
      BIND (IRI(CONCAT("https://w3id.org/statekg/id/relation/", ?isoA, "-", ?isoB, "/", STR(?slug))) AS ?rel)
      FILTER (!BOUND(?relation) || ?rel = ?relation)
      OPTIONAL { GRAPH ?g { ?coop kgo:stance ?s } }
      BIND (COALESCE(IF(?s = <https://w3id.org/statekg/id/stance/agreed>, 0,
                     IF(?s = <https://w3id.org/statekg/id/stance/ongoing>, 1,
                     IF(?s = <https://w3id.org/statekg/id/stance/intended>, 2, 3))), 3) AS ?rank)
      OPTIONAL { GRAPH ?g { ?coop kgo:supportedBy ?event } }
      OPTIONAL { GRAPH ?g { ?coop kgo:evidence/oa:hasSource ?article } }
    }
    GROUP BY ?rel ?a ?b ?type
  }
  OPTIONAL {
    SELECT ?rel (MIN(?eventDate) AS ?firstEvent) (MAX(?eventDate) AS ?lastEvent)
    WHERE {
      VALUES (?relation ?a ?b ?type) { (UNDEF UNDEF UNDEF UNDEF) }
      GRAPH ?g { ?coop kgo:party ?a, ?b ; kgo:cooperationType ?type ; a kgo:Cooperation . }
      FILTER (STR(?a) < STR(?b))
      GRAPH ?ra { ?a kgo:iso3 ?isoA } GRAPH ?rb { ?b kgo:iso3 ?isoB } GRAPH ?rt { ?type skos:notation ?slug }
      BIND (IRI(CONCAT("https://w3id.org/statekg/id/relation/", ?isoA, "-", ?isoB, "/", STR(?slug))) AS ?rel)
      FILTER (!BOUND(?relation) || ?rel = ?relation)
      GRAPH ?g { ?coop kgo:supportedBy ?event } GRAPH ?ge { ?event kgo:date ?eventDate }
    }
    GROUP BY ?rel
  }
  OPTIONAL {
    SELECT ?rel (MIN(?published) AS ?firstReport) (MAX(?published) AS ?lastReport)
    WHERE {
      VALUES (?relation ?a ?b ?type) { (UNDEF UNDEF UNDEF UNDEF) }
      GRAPH ?g { ?coop kgo:party ?a, ?b ; kgo:cooperationType ?type ; a kgo:Cooperation . }
      FILTER (STR(?a) < STR(?b))
      GRAPH ?ra { ?a kgo:iso3 ?isoA } GRAPH ?rb { ?b kgo:iso3 ?isoB } GRAPH ?rt { ?type skos:notation ?slug }
      BIND (IRI(CONCAT("https://w3id.org/statekg/id/relation/", ?isoA, "-", ?isoB, "/", STR(?slug))) AS ?rel)
      FILTER (!BOUND(?relation) || ?rel = ?relation)
      GRAPH ?g { ?coop kgo:evidence/oa:hasSource ?article . ?article kgo:published ?published }
    }
    GROUP BY ?rel
  }
  BIND (IF(?best = 0, <https://w3id.org/statekg/id/stance/agreed>,
        IF(?best = 1, <https://w3id.org/statekg/id/stance/ongoing>,
        IF(?best = 2, <https://w3id.org/statekg/id/stance/intended>, ?unbound))) AS ?stance)
  BIND (COALESCE(?firstEvent, ?firstReport) AS ?first)
  BIND (COALESCE(?lastEvent, ?lastReport) AS ?last)
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
