# title: Maintain derived state activity
# description: Recomputes the derived graph's kgo:StateActivity nodes (one per state that takes
#   part in some stored fact, with the number of distinct events it takes part in) from the
#   article graphs. With ?state unbound it recomputes every state (a full rebuild).
# parameters: state (the states an added, replaced or removed article names; optional, repeatable).
PREFIX kgo: <https://w3id.org/statekg/ontology#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?activity ?p ?o } }
WHERE {
  VALUES ?state { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?activity a kgo:StateActivity ; kgo:activityOf ?state ; ?p ?o }
} ;

INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?activity a kgo:StateActivity ; kgo:activityOf ?state ; kgo:eventCount ?events .
  }
}
WHERE {
  {
    SELECT ?state (COUNT(DISTINCT ?event) AS ?events) WHERE {
      {
        # the states some fact names (the derived graph's own relation nodes do not count)
        SELECT DISTINCT ?state WHERE {
          VALUES ?state { UNDEF }
          GRAPH ?g { ?fact kgo:participant|kgo:party|kgo:subjectState|kgo:objectState ?state }
          FILTER (?g != <https://w3id.org/statekg/id/graph/derived>)
        }
      }
      OPTIONAL { GRAPH ?ge { ?event kgo:participant ?state ; a kgo:Event } }
    }
    GROUP BY ?state
  }
  GRAPH ?r { ?state a kgo:State ; kgo:iso3 ?iso }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/activity/", ?iso)) AS ?activity)
}
