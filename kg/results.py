"""Writing query results: a readable table, the W3C SPARQL 1.1 results formats (JSON, CSV, TSV as
`sparql-tsv`), plain TSV (values only, for spreadsheets and `cut`) and a plain JSON array of
objects keyed by column."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

from kg.views import Result

MAX_CELL = 60


def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def render_table(result: Result) -> str:
    cells = [[_plain(row.get(c)).replace("\n", " ") for c in result.columns] for row in result.rows]
    shown = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in r] for r in cells]
    widths = [max([len(c)] + [len(r[i]) for r in shown]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in shown]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, IRIs and literals without markup."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_plain(row.get(c)) for c in result.columns])
    return out.getvalue()


TURTLE_PLAIN = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in TURTLE_PLAIN and term.ill_typed is False:
        return str(term)  # Turtle's short form for numbers and booleans, as the TSV format allows
    return term.n3()


def render_plain_tsv(result: Result) -> str:
    """Plain tab-separated values: column names, then values as text (tabs and newlines in a value
    become spaces)."""
    lines = ["\t".join(result.columns)]
    for row in result.rows:
        lines.append(
            "\t".join(_plain(row.get(c)).replace("\t", " ").replace("\n", " ") for c in result.columns)
        )
    return "\n".join(lines) + "\n"


def render_tsv(result: Result) -> str:
    """SPARQL 1.1 Query Results TSV: ?-prefixed header, terms in Turtle syntax."""
    lines = ["\t".join(f"?{c}" for c in result.columns)]
    for row in result.rows:
        lines.append("\t".join(_tsv_term(row.get(c)) for c in result.columns))
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def render_sparql_json(result: Result) -> str:
    bindings = [
        {c: _json_term(row[c]) for c in result.columns if row.get(c) is not None} for row in result.rows
    ]
    return (
        json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}}, ensure_ascii=False)
        + "\n"
    )


def render_json(result: Result) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"


RESULT_FORMATS: dict[str, Callable[[Result], str]] = {
    "table": render_table,
    "csv": render_csv,
    "tsv": render_plain_tsv,
    "sparql-tsv": render_tsv,
    "json": render_json,
    "sparql-json": render_sparql_json,
}
