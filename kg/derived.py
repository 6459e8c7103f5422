"""Upkeep of the derived graph: summaries over all articles that the views read.

A registry of summaries (`SUMMARIES`): each is a SPARQL update that recomputes some summaries
(`queries/derived/<name>.ru`, parameters bound as VALUES rows) and a key function that says which
of them a set of graphs touches (by default the query `queries/derived/keys/<name>.rq`, run over
the graphs a write adds and those it replaces). A write refreshes only what it touches, in the
same update request as the write itself, so the derived graph is never out of step with the
articles. A new summary is one entry here plus its two files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.queries import load_query, load_update, split_prologue
from kg.store.base import Row, Store, Update, bind_rows, bind_values
from kg.vocab import GRAPH_DERIVED, GRAPH_META, ID, KGO, STORE_NODE

Key = tuple[Node, ...]
Keys = dict[str, set[Key]]  # summary name -> the keys of its summaries a write touches


@dataclass(frozen=True)
class Interaction:
    """An interaction a write touches, with the months it counts in (its event's dates, else its
    article's: what queries/derived/dyads.ru groups it by)."""

    source: URIRef
    target: URIRef
    type: URIRef
    codes: tuple[str, str, str]  # source and target ISO codes, PLOVER code
    months: frozenset[str]


def touched_interactions(store: Store, graphs: list[URIRef]) -> list[Interaction]:
    """Three flat reads of the given graphs, joined here: one query with the dates in OPTIONAL
    groups is matched against every interaction of the store (each batch got slower as it grew)."""

    def read(name: str) -> list[Row]:
        return store.select(bind_values(load_query(f"derived/keys/{name}"), {"g": list(graphs)}))

    rows = read("interactions")
    if not rows:
        return []
    event_dates: dict[Node, set[str]] = {}
    for row in read("interaction-event-dates"):
        event_dates.setdefault(row["i"], set()).add(str(row["date"])[:7])
    published: dict[Node, set[str]] = {}
    for row in read("evidence-dates"):
        published.setdefault(row["i"], set()).add(str(row["date"])[:7])
    out = []
    for row in rows:
        months = event_dates.get(row["i"]) or published.get(row["i"]) or set()
        months = {m for m in months if m}
        if months:
            codes = (str(row["s"]), str(row["t"]), str(row["code"]))
            out.append(Interaction(row["source"], row["target"], row["type"], codes, frozenset(months)))
    return out


def dyad_keys(interactions: list[Interaction]) -> set[Key]:
    keys = set()
    for i in interactions:
        s, t, code = i.codes
        for month in i.months:
            node = ID[f"dyad/{s}-{t}/{code}/{month}"]
            keys.add((node, i.source, i.target, i.type, Literal(month)))
    return keys


def pair_month_keys(interactions: list[Interaction]) -> set[Key]:
    keys = set()
    for i in interactions:
        (a, code_a), (b, code_b) = sorted(
            ((i.source, i.codes[0]), (i.target, i.codes[1])), key=lambda x: str(x[0])
        )
        for month in i.months:
            keys.add((ID[f"pair-month/{code_a}-{code_b}/{month}"], a, b, Literal(month)))
    return keys


@dataclass(frozen=True)
class Summary:
    name: str  # queries/derived/<name>.ru (and queries/derived/keys/<name>.rq, unless `keys` is given)
    columns: tuple[str, ...]  # the key's variables, as the update's VALUES rows take them
    node_class: URIRef  # the class of its nodes in the derived graph (to count them)
    # keys from the interactions the graphs hold, instead of a keys query of its own
    keys: Callable[[list[Interaction]], set[Key]] | None = None


# in the order the updates run: a summary computed from others comes after them
SUMMARIES: tuple[Summary, ...] = (
    Summary("state-relations", ("relation", "a", "b", "type"), KGO.StateRelation),
    Summary("state-pairs", ("pair", "a", "b"), KGO.StatePair),
    Summary("state-activity", ("state",), KGO.StateActivity),
    Summary("officials", ("holding",), KGO.OfficialSummary),
    Summary("events", ("event",), KGO.EventSummary),
    Summary("dyads", ("dyad", "source", "target", "type", "month"), KGO.DyadMonth, dyad_keys),
    Summary("pair-months", ("pairMonth", "a", "b", "month"), KGO.PairMonth, pair_month_keys),
)


def touched(store: Store, graphs: Iterable[URIRef]) -> Keys:
    """The summaries the given graphs touch, as `store` holds them (run it on the new content and
    on the store's old content of the same graphs)."""
    graphs = sorted(set(graphs))
    keys: Keys = {s.name: set() for s in SUMMARIES}
    if not graphs:
        return keys
    interactions: list[Interaction] | None = None
    for summary in SUMMARIES:
        if summary.keys is not None:
            if interactions is None:
                interactions = touched_interactions(store, graphs)
            keys[summary.name] |= summary.keys(interactions)
            continue
        query = bind_values(load_query(f"derived/keys/{summary.name}"), {"g": list(graphs)})
        for row in store.select(query):
            keys[summary.name].add(_key(row, summary.columns))
    return keys


def _key(row: Row, columns: tuple[str, ...]) -> Key:
    return tuple(row[c] for c in columns)


def merged(*many: Keys) -> Keys:
    out: Keys = {s.name: set() for s in SUMMARIES}
    for keys in many:
        for name, rows in keys.items():
            out[name] |= rows
    return out


def any_key(keys: Keys) -> bool:
    return any(keys.values())


def bind_summary(text: str, columns: tuple[str, ...], rows: list[Key] | None) -> str:
    """Bind a summary update's parameters: each `VALUES ?c { UNDEF }` block of a column, and the
    `VALUES (?a ?b ...)` block of all of them (rows None: unbound, every summary of the kind)."""
    for i, column in enumerate(columns):
        if f"VALUES ?{column} {{ UNDEF }}" in text:
            values = sorted({row[i] for row in rows}) if rows is not None else None
            text = bind_values(text, {column: values})
    tuple_block = "VALUES (" + " ".join(f"?{c}" for c in columns) + ")"
    if len(columns) > 1 and tuple_block in text:
        text = bind_rows(text, list(columns), rows)
    return text


def derived_update(keys: Keys | None) -> str:
    """The update that refreshes the summaries `keys` names (None: all of them, a full rebuild)."""
    parts = []
    for summary in SUMMARIES:
        rows = None if keys is None else sorted(keys.get(summary.name, set()))
        if rows is not None and not rows:
            continue
        parts.append(bind_summary(load_update(f"derived/{summary.name}"), summary.columns, rows))
    return chain(parts)


def chain(updates: list[str]) -> str:
    """Several update requests as one: every prologue first (some engines want them there)."""
    prologues, bodies = [], []
    for text in updates:
        prologue, body = split_prologue(text)
        prologues += [line for line in prologue.splitlines() if line not in prologues]
        bodies.append(body.strip().rstrip(";"))
    return "\n".join(prologues) + "\n" + " ;\n".join(b for b in bodies if b)


def with_derived(operations: Update, keys: Keys | None) -> list[str]:
    """One update: the given operations, then the refresh of the summaries they touch (`keys`;
    None refreshes all of them)."""
    ops = [operations] if isinstance(operations, str) else list(operations)
    if keys is not None and not any_key(keys):
        return ops
    return [*ops, derived_update(keys)]


def rebuild_derived(store: Store) -> None:
    """Recompute every summary from the article graphs (what incremental upkeep must equal)."""
    store.update(chain([f"DROP SILENT GRAPH {GRAPH_DERIVED.n3()}", derived_update(None), STALE_OFF]))


# -- deferred upkeep: a long ingest refreshes the summaries once, at its end -----------------------------
# Refreshing the summaries a batch touches costs more as the store grows (a popular state's every
# fact is re-read for each batch that names it): at 10,000 articles, 8 of the 9 s a batch of 100
# took. An ingest of many batches therefore writes its batches with a mark that the summaries are
# behind (in the same transaction as each batch), and refreshes what the whole run touched once
# at its end, removing the mark in the same update. A store opened for writing with the mark still
# on (the ingest was killed) recomputes its summaries first.
STALE_ON = f"INSERT DATA {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {KGO.summariesStale.n3()} true }} }}"
STALE_OFF = f"DELETE WHERE {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {KGO.summariesStale.n3()} ?x }} }}"
FULL_REFRESH_SHARE = 0.2  # above this share of a kind's summaries touched, recompute them all: cheaper


def refresh_update(store: Store, keys: Keys) -> str:
    """The update that refreshes the summaries `keys` names and clears the mark: per kind, the
    touched ones, or all of them when many are touched (one unbound pass beats many bound ones)."""
    parts = []
    for summary in SUMMARIES:
        rows = sorted(keys.get(summary.name, set()))
        if not rows:
            continue
        (count,) = store.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {GRAPH_DERIVED.n3()} {{ ?x a {summary.node_class.n3()} }} }}"
        )
        everything = len(rows) > FULL_REFRESH_SHARE * int(count["n"])
        text = load_update(f"derived/{summary.name}")
        parts.append(bind_summary(text, summary.columns, None if everything else rows))
    return chain([*parts, STALE_OFF])
