# title: Maintain derived state pairs
# description: Recomputes the derived graph's kgo:StatePair nodes (one per pair of states that
#   cooperate in any way: the codes of the two states, the cooperation types, distinct supporting
#   events over all types, first and last date; each state links to its pairs with kgo:inPair,
#   so a walk from state to state reads no relation nodes) from the kgo:StateRelation nodes of the derived
#   graph, so run it after state-relations.ru in the same request. With ?pair unbound it
#   recomputes every pair (a full rebuild).
# parameters: pair, a, b (one row per pair: its IRI and its two states; optional, repeatable).
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?pair ?p ?o } }
WHERE {
  VALUES ?pair { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?pair a kgo:StatePair ; ?p ?o }
} ;

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?state kgo:inPair ?pair } }
WHERE {
  VALUES ?pair { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?state kgo:inPair ?pair }
} ;

INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?a kgo:inPair ?node .
    ?b kgo:inPair ?node .
    ?node a kgo:StatePair ;
      kgo:party ?a, ?b ;
      kgo:firstPartyCode ?isoA ;
      kgo:secondPartyCode ?isoB ;
      kgo:eventCount ?events ;
      kgo:firstDate ?first ;
      kgo:lastDate ?last .
  }
}
WHERE {
  {
    # sentinels for missing dates: an unbound value inside MIN/MAX empties the whole aggregate
    SELECT ?a ?b ?isoA ?isoB (COUNT(DISTINCT ?event) AS ?events)
           (MIN(COALESCE(?f, "9999-12-31"^^xsd:date)) AS ?earliest)
           (MAX(COALESCE(?l, "0001-01-01"^^xsd:date)) AS ?latest)
    WHERE {
      {
        # the pairs' relations first, found from the bound states (in a group of their own, so
        # the engine starts from the states rather than from every relation)
        SELECT DISTINCT ?relation ?a ?b WHERE {
          VALUES (?pair ?a ?b) { (UNDEF UNDEF UNDEF) }
          GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation kgo:party ?a . ?relation kgo:party ?b . ?relation a kgo:StateRelation }
          FILTER (STR(?a) < STR(?b))
        }
      }
      GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation kgo:firstPartyCode ?isoA ; kgo:secondPartyCode ?isoB }
      OPTIONAL { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation kgo:firstDate ?f } }
      OPTIONAL { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation kgo:lastDate ?l } }
      OPTIONAL { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation kgo:supportedBy ?event } }
    }
    GROUP BY ?a ?b ?isoA ?isoB
  }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/pair/", ?isoA, "-", ?isoB)) AS ?node)
  BIND (IF(?earliest != "9999-12-31"^^xsd:date, ?earliest, ?unbound) AS ?first)
  BIND (IF(?latest != "0001-01-01"^^xsd:date, ?latest, ?unbound) AS ?last)
} ;

# the cooperation types (IRI and code) and their relations, one value each, so a view lists them without visiting the relations
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?node kgo:cooperationType ?type ; kgo:typeCode ?code ; kgo:pairRelation ?relation } }
WHERE {
  {
    SELECT DISTINCT ?relation ?a ?b WHERE {
      VALUES (?pair ?a ?b) { (UNDEF UNDEF UNDEF) }
      GRAPH <https://w3id.org/statekg/id/graph/derived> { ?relation kgo:party ?a . ?relation kgo:party ?b . ?relation a kgo:StateRelation }
      FILTER (STR(?a) < STR(?b))
    }
  }
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?relation kgo:cooperationType ?type ; kgo:firstPartyCode ?isoA ; kgo:secondPartyCode ?isoB ; kgo:typeCode ?code .
  }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/pair/", ?isoA, "-", ?isoB)) AS ?node)
}
