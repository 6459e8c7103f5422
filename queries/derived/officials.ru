# title: Maintain derived official summaries
# description: Recomputes the derived graph's kgo:OfficialSummary nodes (one per post holding:
#   the holder's name, the post's title, state and organisation, and the first and last dates
#   articles attest the holding) from the article graphs, so the officials view reads one small
#   node per official instead of every article's copy of the holding, post and person. With
#   ?holding unbound it recomputes every summary (a full rebuild).
# parameters: holding (the post holdings an added, replaced or removed article names; optional, repeatable).
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary ?p ?o } }
WHERE {
  VALUES ?holding { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:summarises ?holding ; a kgo:OfficialSummary ; ?p ?o }
} ;

INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?summary a kgo:OfficialSummary ;
      kgo:summarises ?holding ;
      kgo:ofState ?stateIri ;
      kgo:stateCode ?state ;
      kgo:officialName ?name ;
      kgo:postTitle ?post ;
      kgo:organizationName ?organization ;
      kgo:firstDate ?first ;
      kgo:lastDate ?last .
  }
}
WHERE {
  {
    # sentinels for missing dates: an unbound value inside MIN/MAX empties the whole aggregate
    SELECT ?holding ?stateIri ?state ?name ?post ?organization
           (MIN(COALESCE(?seen, "9999-12-31"^^xsd:date)) AS ?earliest)
           (MAX(COALESCE(?seen, "0001-01-01"^^xsd:date)) AS ?latest)
    WHERE {
      VALUES ?holding { UNDEF }
      # the graph that holds the holding also holds its person, post and body (each article
      # graph is self-contained): reading them from that one graph, not from every copy,
      # keeps the rows from multiplying
      GRAPH ?g {
        ?holding a kgo:PostHolding ; kgo:holder ?person ; kgo:post ?postNode .
        ?postNode kgo:title ?post ; kgo:ofState ?stateIri ; org:postIn ?body .
        ?person rdfs:label ?name .
      }
      GRAPH ?gs { ?stateIri kgo:iso3 ?state }
      # (optional parts outside the group above, one pattern each: the engine then looks them
      # up row by row; a post is in a state or a government body, and only a body names the
      # organization)
      OPTIONAL { GRAPH ?g { ?body a ?bodyClass } FILTER (?bodyClass = kgo:GovernmentBody) }
      OPTIONAL { GRAPH ?g { ?body rdfs:label ?bodyName } }
      BIND (IF(BOUND(?bodyClass), ?bodyName, ?unbound) AS ?organization)
      OPTIONAL { GRAPH ?g { ?holding kgo:attestedOn ?seen } }
    }
    GROUP BY ?holding ?stateIri ?state ?name ?post ?organization
  }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/official/", STRAFTER(STR(?holding), "/holding/"))) AS ?summary)
  BIND (IF(?earliest != "9999-12-31"^^xsd:date, ?earliest, ?unbound) AS ?first)
  BIND (IF(?latest != "0001-01-01"^^xsd:date, ?latest, ?unbound) AS ?last)
}
