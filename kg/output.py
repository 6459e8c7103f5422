"""Extracting a batch of paths, and rendering the results in the `kg extract` formats."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.article import read_articles
from kg.errors import InputError
from kg.extract import extract
from kg.facts import Facts


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
                f"event[{i}]:    {e.kind} {e.date or '-'} @{e.place or '-'} "
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


OUTPUT_FORMATS: dict[str, Callable[[list[Facts]], str]] = {
    "json": render_json,
    "table": render_table,
}
