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
from kg.extract import extract
from kg.facts import Facts
from kg.mapping import bind_prefixes, to_dataset


def extract_paths(paths: Iterable[Path]) -> tuple[list[Facts], list[InputError]]:
    results: list[Facts] = []
    errors: list[InputError] = []
    for path in paths:
        for item in read_articles(path):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                results.append(extract(item))
    return results, errors


def render_json(results: list[Facts]) -> str:
    data = [r.to_json() for r in results]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"


def render_table(results: list[Facts]) -> str:
    lines: list[str] = []
    for facts in results:
        art = facts.article
        lines.append(f"# {art.source}  date={art.date}  publisher={art.publisher}")
        lines.append("states:      " + ", ".join(s.iso3 for s in facts.states))
        for o in facts.officials:
            lines.append(f"official:    {o.name} | {o.post} | {o.state}")
        for i, e in enumerate(facts.events):
            part = f" part_of={e.part_of}" if e.part_of is not None else ""
            lines.append(
                f"event[{i}]:    {e.kind}{' ' + repr(e.name) if e.name else ''} {e.date or '-'} @{e.place or '-'} "
                f"{'; '.join(e.participants)} [{', '.join(e.states)}]{part}{' planned' if e.planned else ''}"
            )
        for c in facts.cooperation:
            lines.append(f"cooperation: {'-'.join(c.states)} {', '.join(c.types)} ({c.stance})")
        for r in facts.relations:
            lines.append(f"relation:    {r.source} -> {r.target}: {r.label}")
        for q in facts.quotations:
            lines.append(f"quote:       [{q.speaker or '?'}] {q.text[:90]}")
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
