"""Reading an analyst's hand-written facts (`kg add`) and store dumps (`kg load`) safely:
size limits before parsing, and nothing fetched from the network (no remote JSON-LD @context,
no owl:imports)."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import OWL, Dataset, Graph

from kg.errors import InputError

MAX_FACTS_BYTES = 50_000_000
MAX_DUMP_BYTES = 4_000_000_000
FACT_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".n3": "n3"}
DUMP_FORMATS = {".trig": "trig", ".nq": "nquads"}


def parser_message(err: Exception, limit: int = 300) -> str:
    """A parser's message on one line: rdflib's put the line number on the first line ("at line 6
    of <>:") and what is wrong on the next ones."""
    text = " ".join(part.strip() for part in str(err).splitlines() if part.strip())
    text = text.replace("of <>:", "of the file:").replace("<>", "the file")
    return (text[: limit - 1] + "…") if len(text) > limit else text or type(err).__name__


def _check_size(path: Path, limit: int) -> None:
    if not path.is_file():
        raise InputError(str(path), "no such file")
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), f"{size:,} bytes is over the limit of {limit:,}")
    if size == 0:
        raise InputError(str(path), "empty file")


def _remote_contexts(value) -> list[str]:
    """Every @context in a JSON-LD document that is a URL (which a parser would fetch)."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                contexts = item if isinstance(item, list) else [item]
                found += [c for c in contexts if isinstance(c, str)]
                found += [u for c in contexts if isinstance(c, dict) for u in _remote_contexts(c)]
            else:
                found += _remote_contexts(item)
    elif isinstance(value, list):
        for item in value:
            found += _remote_contexts(item)
    return found


def read_facts(path: Path) -> Graph:
    _check_size(path, MAX_FACTS_BYTES)
    fmt = FACT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            str(path), f"unknown facts format {path.suffix!r}: use one of {', '.join(FACT_FORMATS)}"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 (byte {err.start})") from None
    if fmt == "json-ld":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(str(path), f"malformed JSON ({err.msg})", err.lineno) from None
        remote = _remote_contexts(document)
        if remote:
            raise InputError(
                str(path), f"remote JSON-LD @context {remote[0]!r} is not fetched; inline the context"
            )
    graph = Graph()
    try:
        graph.parse(data=text, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"cannot parse as {fmt}: {parser_message(err)}") from None
    imports = list(graph.objects(None, OWL.imports))
    if imports:
        raise InputError(
            str(path), f"owl:imports {imports[0]} is not fetched; add the imported facts to the file"
        )
    if len(graph) == 0:
        raise InputError(str(path), "no triples")
    return graph


def read_dump(path: Path) -> Dataset:
    _check_size(path, MAX_DUMP_BYTES)
    fmt = DUMP_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            str(path),
            "a dump to restore must be TriG (.trig) or N-Quads (.nq); a Turtle dump has no named graphs",
        )
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except Exception as err:
        raise InputError(str(path), f"cannot parse as {fmt}: {parser_message(err)}") from None
    return dataset
