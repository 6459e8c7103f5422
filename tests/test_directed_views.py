"""The directed views (interactions, barometer, tensions, conflict, and direction in partners and
timeline) on every back-end, against answers recomputed here from the raw interactions of the
article graphs and the PLOVER scheme's data, never from the derived summaries the views read."""

from collections import Counter, defaultdict
from decimal import Decimal

from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

import kg
from kg.cli import main
from kg.store import open_store
from tests.conftest import DATA, SEED

ARTICLES = DATA / "articles"
KGO = Namespace("https://w3id.org/statekg/ontology#")
ONTOLOGY = DATA.parent.parent / "ontology"

# every interaction of the article graphs, one row each: no aggregate, no derived graph
RAW = """
PREFIX kgo: <https://w3id.org/statekg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?i ?s ?t ?typeIri ?eventDate ?published WHERE {
  GRAPH ?g { ?i a kgo:Interaction ; kgo:sourceState ?source ; kgo:targetState ?target ; kgo:ploverType ?typeIri }
  OPTIONAL { GRAPH ?g { ?i kgo:basis ?e . ?e kgo:date ?eventDate } }
  OPTIONAL { GRAPH ?g { ?i kgo:evidence/oa:hasSource ?article . ?article kgo:published ?published } }
  GRAPH <https://w3id.org/statekg/id/graph/reference> { ?source kgo:iso3 ?s . ?target kgo:iso3 ?t }
}
"""


def plover_scheme() -> dict[str, tuple[str, Decimal]]:
    """Each PLOVER type's quad class and intensity, read from the scheme file."""
    scheme = Graph().parse(ONTOLOGY / "plover.ttl", format="turtle")
    out = {}
    for concept in scheme.subjects(KGO.intensity, None):
        quad = scheme.value(concept, KGO.quadClass)
        out[str(concept)] = (str(quad).rsplit("/", 1)[-1], Decimal(str(scheme.value(concept, KGO.intensity))))
    return out


def stance_ranges() -> list[tuple[Decimal, Decimal, str]]:
    scheme = Graph().parse(ONTOLOGY / "pair-stances.ttl", format="turtle")
    return [
        (
            Decimal(str(scheme.value(c, KGO.minMean))),
            Decimal(str(scheme.value(c, KGO.maxMean))),
            str(scheme.value(c, SKOS.notation)),
        )
        for c in scheme.subjects(KGO.minMean, None)
    ]


def raw_interactions(store) -> list[dict]:
    """(source, target, PLOVER code, quad, intensity, month) per distinct interaction: its date is
    the event's, else the article's."""
    scheme = plover_scheme()
    seen = {}
    for row in store.select(RAW):
        date = str(row.get("eventDate") or row.get("published") or "")
        if not date:
            continue
        quad, intensity = scheme[str(row["typeIri"])]
        code = str(row["typeIri"]).rsplit("/", 1)[-1]
        seen[str(row["i"])] = dict(
            source=str(row["s"]),
            target=str(row["t"]),
            type=code,
            quad=quad,
            intensity=intensity,
            month=date[:7],
        )
    return list(seen.values())


def period(month: str, grain: str) -> str:
    if grain == "year":
        return month[:4]
    if grain == "quarter":
        return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"
    return month


def cooperative(quad: str) -> bool:
    return quad.endswith("cooperation")


def number(value) -> Decimal:
    return Decimal(str(value)).normalize()


def test_directed_views_match_the_raw_interactions(runner, store_location):
    result = runner.invoke(main, ["ingest", "--store", store_location, str(SEED), str(ARTICLES)])
    assert result.exit_code == 0, result.output
    with open_store(store_location, writable=False) as store:
        raw = raw_interactions(store)
        assert {(r["source"], r["target"], r["type"]) for r in raw} >= {
            ("USA", "RUS", "SANCTION"),
            ("RUS", "USA", "ACCUSE"),
            ("RUS", "USA", "SANCTION"),
        }

        # barometer: every grain, both orders of the pair, against the raw interactions
        for a, b in (("RUS", "USA"), ("USA", "RUS"), ("MMR", "RUS")):
            for grain in ("month", "quarter", "year"):
                expected: dict[str, Counter] = defaultdict(Counter)
                net: dict[str, Decimal] = defaultdict(Decimal)
                for r in raw:
                    if {r["source"], r["target"]} != {a, b}:
                        continue
                    p = period(r["month"], grain)
                    way = "a_to_b" if r["source"] == a else "b_to_a"
                    kind = "cooperative" if cooperative(r["quad"]) else "conflictual"
                    expected[p][f"{way}_{kind}"] += 1
                    expected[p]["events"] += 1
                    net[p] += r["intensity"]
                rows = kg.query(store, "barometer", a=a, b=b, grain=grain)
                assert [r["period"] for r in rows] == sorted(expected), (a, b, grain)
                for row in rows:
                    counts = expected[row["period"]]
                    for column in (
                        "a_to_b_cooperative",
                        "a_to_b_conflictual",
                        "b_to_a_cooperative",
                        "b_to_a_conflictual",
                        "events",
                    ):
                        assert int(row[column]) == counts[column], (a, b, grain, row)
                    assert number(row["net"]) == net[row["period"]].normalize(), (a, b, grain, row)

        # tensions in 2024 against 2023: conflictual counts per pair and year, and the trend
        by_year: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for r in raw:
            if not cooperative(r["quad"]):
                by_year[tuple(sorted((r["source"], r["target"])))][r["month"][:4]] += 1
        tensions = {(r["a"], r["b"]): r for r in kg.query(store, "tensions", year="2024")}
        expected_pairs = {pair for pair, years in by_year.items() if years["2024"]}
        assert set(tensions) == expected_pairs
        for pair, row in tensions.items():
            now, before = by_year[pair]["2024"], by_year[pair]["2023"]
            assert int(row["conflictual"]) == now and int(row["previous_conflictual"] or 0) == before, row
            trend = "new" if not before else "up" if now > before else "down" if now < before else "same"
            assert row["trend"] == trend, row
        assert tensions[("RUS", "USA")]["trend"] == "down"  # two conflictual acts in 2023, one in 2024

        # the stance of every pair: the mean intensity of its last 12 months, placed by the data's ranges
        ranges = stance_ranges()
        months: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in raw:
            months[tuple(sorted((r["source"], r["target"])))].append(r)
        for (a, b), row in {(r["a"], r["b"]): r for r in kg.query(store, "tensions")}.items():
            record = months[(a, b)]
            last = max(r["month"] for r in record)
            cutoff = f"{int(last[:4]) - 1}{last[4:]}"
            recent = [r["intensity"] for r in record if r["month"] > cutoff]
            mean = sum(recent) / len(recent)
            (stance,) = [name for low, high, name in ranges if low <= mean < high]
            assert row["stance"] == stance, (a, b, mean, row)

        # conflict, by type and unfiltered: one row per conflictual dyad-month
        dyad_months = Counter(
            (r["month"], r["source"], r["target"], r["type"]) for r in raw if not cooperative(r["quad"])
        )
        rows = kg.query(store, "conflict")
        assert {(r["month"], r["source"], r["target"], r["type"]): int(r["events"]) for r in rows} == dict(
            dyad_months
        )
        assert all(r["sentence"] for r in rows)
        sanctions = kg.query(store, "conflict", type="SANCTION", target="USA")
        assert [(r["source"], r["target"], r["month"]) for r in sanctions] == [("RUS", "USA", "2024-04")]

        # interactions: each filter gives the whole table's rows for it
        whole = kg.query(store, "interactions")
        assert {(r["source"], r["target"], r["type"]) for r in whole} == {
            (r["source"], r["target"], r["type"]) for r in raw
        }
        checks = {
            ("source", "RUS"): lambda r: r["source"] == "RUS",
            ("target", "USA"): lambda r: r["target"] == "USA",
            ("type", "ACCUSE"): lambda r: r["type"] == "ACCUSE",
            ("quad", "material-conflict"): lambda r: r["quad"] == "material-conflict",
            ("from", "2024-01-01"): lambda r: r["date"] >= "2024-01-01",
            ("to", "2023-06-30"): lambda r: r["date"] <= "2023-06-30",
        }
        for (name, value), keep in checks.items():
            got = kg.query(store, "interactions", **{name: value})
            expected_rows = [r for r in whole if keep(r)]
            assert got and sorted(map(repr, got)) == sorted(map(repr, expected_rows)), (name, value)
        both = kg.query(store, "interactions", source="USA", target="RUS", quad="material-conflict")
        assert [(r["type"], r["date"]) for r in both] == [("SANCTION", "2023-03-10")]
        assert all(
            r["sentence"] and r["article"].startswith("https://w3id.org/statekg/id/article/") for r in whole
        )

        # direction in the older views: the timeline names who did what to whom
        timeline = kg.query(store, "timeline", a="RUS", b="USA")
        acts = "; ".join(r["acts"] for r in timeline)
        assert "USA -> RUS SANCTION" in acts and "RUS -> USA ACCUSE" in acts and "RUS -> USA SANCTION" in acts
        partners = {r["partner"]: r for r in kg.query(store, "partners", state="RUS")}
        assert partners["MMR"]["stance"] == "cooperative" and int(partners["MMR"]["conflictual"]) == 0
