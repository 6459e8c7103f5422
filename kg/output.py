"""Extracting a batch of paths, and rendering the results in the `kg extract` formats."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from kg.article import read_articles
from kg.errors import InputError
from kg.factkinds import FACT_KINDS
from kg.facts import Facts
from kg.mapping import bind_prefixes, to_dataset
from kg.sources import InputOptions


def extract_paths(
    paths: Iterable[Path], options: InputOptions | None = None
) -> tuple[list[Facts], list[InputError]]:
    from kg.extract import extract  # loads spaCy: only where articles are read

    results: list[Facts] = []
    errors: list[InputError] = []
    for path in paths:
        for item in read_articles(path, options):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                results.append(extract(item))
    return results, errors


def render_json(results: list[Facts]) -> str:
    data = [r.to_json() for r in results]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"


def _official_line(i: int, o) -> str:
    return f"official:    {o.name} | {o.post} | {o.state}"


def _event_line(i: int, e) -> str:
    part = f" part_of={e.part_of}" if e.part_of is not None else ""
    between = (
        f"{', '.join(e.sources)} -> {', '.join(e.targets) or '?'}"
        if e.sources and not e.symmetric
        else ", ".join(e.states)
    )
    acts = f" {'/'.join(e.plovers)}" if e.plovers else ""
    name = f" {e.name!r}" if e.name else ""
    return (
        f"event[{i}]:    {e.kind}{acts}{name} {e.date or '-'} @{e.place or '-'} "
        f"{'; '.join(e.participants)} [{between}]{part}{' planned' if e.planned else ''}"
    )


def _cooperation_line(i: int, c) -> str:
    return f"cooperation: {'-'.join(c.states)} {', '.join(c.types)} ({c.stance})"


def _relation_line(i: int, r) -> str:
    return f"relation:    {r.source} -> {r.target}: {r.label}"


def _quotation_line(i: int, q) -> str:
    return f"quote:       [{q.speaker or '?'}] {q.text[:90]}"


def _dyad_line(i: int, d) -> str:
    basis = f"event[{d.event}]" if d.event is not None else d.basis
    return f"dyad:        {d.source} -> {d.target} {d.plover} (CAMEO {d.cameo or '-'}; {basis}){' planned' if d.planned else ''}"


# one line writer per fact kind (kg/factkinds.py): a new kind without one fails the registry test
TABLE_LINES: dict[str, Callable[[int, object], str]] = {
    "officials": _official_line,
    "events": _event_line,
    "cooperation": _cooperation_line,
    "relations": _relation_line,
    "quotations": _quotation_line,
    "dyads": _dyad_line,
}


def render_table(results: list[Facts]) -> str:
    lines: list[str] = []
    for facts in results:
        art = facts.article
        lines.append(f"# {art.source}  date={art.date}  publisher={art.publisher}")
        lines.append("states:      " + ", ".join(s.iso3 for s in facts.states))
        for kind in FACT_KINDS:
            line = TABLE_LINES[kind.key]
            lines += [line(i, fact) for i, fact in enumerate(getattr(facts, kind.key))]
        lines.append("")
    return "\n".join(lines)


def generation_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible output, as reproducible builds do)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _rdf(fmt: str, union: bool = False) -> Callable[[list[Facts]], str]:
    def render(results: list[Facts]) -> str:
        dataset = to_dataset(results, generation_time())
        if union:
            graph = Graph()
            bind_prefixes(graph)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph.serialize(format=fmt)
        return dataset.serialize(format=fmt)

    return render


OUTPUT_FORMATS: dict[str, Callable[[list[Facts]], str]] = {
    "json": render_json,
    "table": render_table,
    "ttl": _rdf("turtle", union=True),
    "nt": _rdf("nt", union=True),
    "trig": _rdf("trig"),
    "nq": _rdf("nquads"),
    "jsonld": _rdf("json-ld"),
}
