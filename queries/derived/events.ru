# title: Maintain derived event summaries
# description: Recomputes the derived graph's kgo:EventSummary nodes (one per event, however many
#   articles report it: kind and CAMEO codes, date, place, participants' names, states' codes,
#   the first reporting article) from the article graphs, so the events and timeline views read
#   one node per event instead of every report's copy of the event, its people and its place.
#   Each part is its own operation, so lists of participants and states never multiply. With
#   ?event unbound it recomputes every summary (a full rebuild).
# parameters: event (the events an added, replaced or removed article names; optional, repeatable).
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary ?p ?o } }
WHERE {
  VALUES ?event { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:summarises ?event ; a kgo:EventSummary ; ?p ?o }
} ;

# the event itself: kind, date, place (optional parts one pattern each, outside the
# group: the engine then looks them up event by event)
INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?summary a kgo:EventSummary ; kgo:summarises ?event ; kgo:eventKind ?kindIri ; kgo:kindCode ?kind ;
      kgo:eventDate ?date ; kgo:placeName ?place .
  }
}
WHERE {
  {
    SELECT DISTINCT ?event ?kindIri WHERE {
      VALUES ?event { UNDEF }
      GRAPH ?g { ?event a kgo:Event ; kgo:eventKind ?kindIri }
    }
  }
  GRAPH ?gk { ?kindIri skos:notation ?kind }
  OPTIONAL { GRAPH ?gd { ?event kgo:date ?date } }
  OPTIONAL { GRAPH ?gp { ?event kgo:place/rdfs:label ?place } }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/event-summary/", STRAFTER(STR(?event), "/event/"))) AS ?summary)
} ;

# the CAMEO code of its kind (the lowest, where a kind maps to several)
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:cameoCode ?cameo } }
WHERE {
  {
    SELECT ?event (MIN(STR(?code)) AS ?cameo) WHERE {  # STR: Virtuoso 7.2 gives no MIN of stored literals
      {
        SELECT DISTINCT ?event ?kindIri WHERE {
          VALUES ?event { UNDEF }
          GRAPH ?g { ?event a kgo:Event ; kgo:eventKind ?kindIri }
        }
      }
      GRAPH ?gc { ?kindIri kgo:cameo ?code }
    }
    GROUP BY ?event
  }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/event-summary/", STRAFTER(STR(?event), "/event/"))) AS ?summary)
} ;

# the people taking part, names joined
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:participantNames ?names } }
WHERE {
  {
    # joined in name order (an ordered subquery: both engines keep its order into GROUP_CONCAT, so
    # every engine and every build order writes the same list)
    SELECT ?event (GROUP_CONCAT(?name; SEPARATOR="; ") AS ?names) WHERE {
      {
        SELECT DISTINCT ?event ?name WHERE {
          VALUES ?event { UNDEF }
          GRAPH ?g { ?event a kgo:Event ; kgo:participant ?person . ?person a kgo:Person ; rdfs:label ?name }
        }
        ORDER BY ?event ?name
      }
    }
    GROUP BY ?event
  }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/event-summary/", STRAFTER(STR(?event), "/event/"))) AS ?summary)
} ;

# the states taking part: a link to each, and their codes joined
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:participantState ?state } }
WHERE {
  VALUES ?event { UNDEF }
  GRAPH ?g { ?event a kgo:Event ; kgo:participant ?state }
  GRAPH ?gs { ?state a kgo:State }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/event-summary/", STRAFTER(STR(?event), "/event/"))) AS ?summary)
} ;

INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:stateCodes ?codes } }
WHERE {
  {
    SELECT ?event (GROUP_CONCAT(?code; SEPARATOR="; ") AS ?codes) WHERE {
      {
        SELECT DISTINCT ?event ?code WHERE {
          VALUES ?event { UNDEF }
          GRAPH ?g { ?event a kgo:Event ; kgo:participant ?state }
          GRAPH ?gs { ?state kgo:iso3 ?code }
        }
        ORDER BY ?event ?code
      }
    }
    GROUP BY ?event
  }
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/event-summary/", STRAFTER(STR(?event), "/event/"))) AS ?summary)
} ;

# the first reporting article (by IRI, so the choice is stable) and a sentence of evidence (the
# least in code-point order: the same on every engine; STR, as Virtuoso 7.2 gives no MIN of stored
# literals)
INSERT { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?summary kgo:reportedIn ?article ; kgo:evidenceSentence ?sentence } }
WHERE {
  {
    SELECT ?event (MIN(STR(?source)) AS ?first) (MIN(STR(?exact)) AS ?sentence) WHERE {
      VALUES ?event { UNDEF }
      GRAPH ?g {
        ?event a kgo:Event ; kgo:evidence ?evidence .
        ?evidence oa:hasSource ?source ; oa:hasSelector ?selector .
        ?selector oa:exact ?exact .
      }
    }
    GROUP BY ?event
  }
  BIND (IRI(?first) AS ?article)
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/event-summary/", STRAFTER(STR(?event), "/event/"))) AS ?summary)
}
