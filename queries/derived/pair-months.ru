# title: Maintain derived pair-months
# description: Recomputes the derived graph's kgo:PairMonth nodes from its dyad-months (run after
#   queries/derived/dyads.ru): for two states and a month, both directions together, the
#   interactions in each quad class and the net score (the sum of the intensities). Keys bound: the
#   pair-months a write touched; unbound: all of them.
# parameters: pairMonth, a, b, month (one row per pair-month; optional, repeatable)
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?pairMonth ?p ?o } }
WHERE {
  VALUES ?pairMonth { UNDEF }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?pairMonth a kgo:PairMonth ; ?p ?o }
} ;

INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?node a kgo:PairMonth ; kgo:party ?a, ?b ; kgo:firstPartyCode ?isoA ; kgo:secondPartyCode ?isoB ;
      kgo:month ?monthValue ; kgo:eventCount ?events ; kgo:netScore ?net ;
      kgo:verbalCooperation ?vc ; kgo:materialCooperation ?mc ; kgo:verbalConflict ?vk ; kgo:materialConflict ?mk .
  }
}
WHERE {
  {
    SELECT ?a ?b ?m (SUM(?n) AS ?events) (SUM(?score) AS ?net)
           (SUM(IF(?quad = "verbal-cooperation", ?n, 0)) AS ?vc) (SUM(IF(?quad = "material-cooperation", ?n, 0)) AS ?mc)
           (SUM(IF(?quad = "verbal-conflict", ?n, 0)) AS ?vk) (SUM(IF(?quad = "material-conflict", ?n, 0)) AS ?mk)
    WHERE {
      {
        # the pair's dyad-months in both directions, found from the bound states
        SELECT ?a ?b ?dyad WHERE {
          VALUES (?pairMonth ?a ?b ?month) { (UNDEF UNDEF UNDEF UNDEF) }
          { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad kgo:fromState ?a ; kgo:toState ?b } }
          UNION
          { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad kgo:fromState ?b ; kgo:toState ?a } }
          GRAPH <https://w3id.org/statekg/id/graph/derived> { ?dyad kgo:month ?dm }
          FILTER (STR(?a) < STR(?b) && (!BOUND(?month) || STR(?dm) = ?month))
        }
      }
      GRAPH <https://w3id.org/statekg/id/graph/derived> {
        ?dyad kgo:month ?dyadMonth ; kgo:eventCount ?n ; kgo:intensitySum ?score ; kgo:quadCode ?quad
      }
      BIND (STR(?dyadMonth) AS ?m)
    }
    GROUP BY ?a ?b ?m
  }
  GRAPH <https://w3id.org/statekg/id/graph/reference> { ?a kgo:iso3 ?isoA . ?b kgo:iso3 ?isoB }
  BIND (STRDT(?m, xsd:gYearMonth) AS ?monthValue)
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/pair-month/", ?isoA, "-", ?isoB, "/", ?m)) AS ?node)
} ;

# each pair's record as a whole, with where the pair stands now: the pair-stance concept (ontology/
# pair-stances.ttl, the rule as data) whose range holds the mean intensity of the last 12 months of
# the pair's record (months after the same month a year before its last)
DELETE { GRAPH <https://w3id.org/statekg/id/graph/derived> { ?record ?p ?o } }
WHERE {
  VALUES (?pairMonth ?a ?b ?month) { (UNDEF UNDEF UNDEF UNDEF) }
  GRAPH <https://w3id.org/statekg/id/graph/derived> { ?record a kgo:PairRecord ; kgo:party ?a , ?b ; ?p ?o }
  FILTER (STR(?a) < STR(?b))
} ;

INSERT {
  GRAPH <https://w3id.org/statekg/id/graph/derived> {
    ?record a kgo:PairRecord ; kgo:party ?a, ?b ; kgo:firstPartyCode ?isoA ; kgo:secondPartyCode ?isoB ;
      kgo:lastMonth ?lastValue ; kgo:conflictCount ?conflicts ; kgo:stanceMean ?shownMean ; kgo:pairStance ?stance ; kgo:stanceCode ?stanceCode .
  }
}
WHERE {
  {
    SELECT ?a ?b ?isoA ?isoB ?last (SUM(?n) / SUM(?events) AS ?mean) WHERE {
      {
        SELECT ?a ?b ?isoA ?isoB (MAX(STR(?m)) AS ?last) WHERE {
          VALUES (?pairMonth ?a ?b ?month) { (UNDEF UNDEF UNDEF UNDEF) }
          GRAPH <https://w3id.org/statekg/id/graph/derived> {
            ?pm a kgo:PairMonth ; kgo:party ?a , ?b ; kgo:month ?m ; kgo:firstPartyCode ?isoA ; kgo:secondPartyCode ?isoB
          }
          FILTER (STR(?a) < STR(?b))
        }
        GROUP BY ?a ?b ?isoA ?isoB
      }
      BIND (CONCAT(STR(xsd:integer(SUBSTR(?last, 1, 4)) - 1), SUBSTR(?last, 5)) AS ?cutoff)
      GRAPH <https://w3id.org/statekg/id/graph/derived> {
        ?pm2 kgo:party ?a , ?b ; a kgo:PairMonth ; kgo:month ?m2 ; kgo:netScore ?n ; kgo:eventCount ?events
      }
      FILTER (STR(?m2) > ?cutoff)
    }
    GROUP BY ?a ?b ?isoA ?isoB ?last
  }
  {
    # the conflictual interactions of the whole record (each pair once, however many of its months
    # the write touched)
    SELECT ?a ?b (SUM(?vk + ?mk) AS ?conflicts) WHERE {
      {
        SELECT DISTINCT ?a ?b WHERE {
          VALUES (?pairMonth ?a ?b ?month) { (UNDEF UNDEF UNDEF UNDEF) }
          GRAPH <https://w3id.org/statekg/id/graph/derived> { ?pmk a kgo:PairMonth ; kgo:party ?a , ?b }
          FILTER (STR(?a) < STR(?b))
        }
      }
      GRAPH <https://w3id.org/statekg/id/graph/derived> {
        ?pmc kgo:party ?a , ?b ; a kgo:PairMonth ; kgo:verbalConflict ?vk ; kgo:materialConflict ?mk
      }
    }
    GROUP BY ?a ?b
  }
  GRAPH <https://w3id.org/statekg/id/graph/reference> {
    ?stance skos:inScheme kgo:PairStanceScheme ; kgo:minMean ?min ; kgo:maxMean ?max ; skos:notation ?stanceCode
  }
  FILTER (?mean >= ?min && ?mean < ?max)
  # stored to two places: engines carry decimal division to different precisions
  BIND (ROUND(?mean * 100) / 100 AS ?shownMean)
  BIND (STRDT(?last, xsd:gYearMonth) AS ?lastValue)
  BIND (IRI(CONCAT("https://w3id.org/statekg/id/pair-record/", ?isoA, "-", ?isoB)) AS ?record)
}
