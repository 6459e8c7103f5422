"""Relationship views: the SPARQL files in queries/, their headers, and running them with
parameters bound as values (never pasted as text).

A view's header says what it is and what it takes:

    # title: Partners of a state
    # description: ... (continued on lines starting with '#   ')
    # param: state iso3 required example=RUS - the state whose partners to list
    # columns: partner, types, events, first, last

Parameter types: iso3 (a state of the reference data), event-kind, cooperation-type (slugs of
their schemes), date (YYYY-MM-DD), string, iri. A parameter reaches the query through its
`VALUES ?var { UNDEF }` block: ?<name>Iri for states and concepts, ?<name> otherwise (`var=`
in the header overrides).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError
from kg.lexicon import load_lexicon
from kg.resources import queries_dir
from kg.store import Store
from kg.store.base import bind_values

STATE_BY_CODE = (
    "SELECT ?state WHERE { VALUES ?code { UNDEF } ?state <https://w3id.org/statekg/ontology#iso3> ?code }"
)
PARAM_TYPES = (
    "iso3",
    "event-kind",
    "cooperation-type",
    "plover-type",
    "quad-class",
    "choice",
    "year",
    "date",
    "string",
    "iri",
)
QUAD_CLASSES = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
IRI_SAFE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass
class Parameter:
    name: str
    type: str
    required: bool
    description: str = ""
    example: str | None = None
    default: str | None = None
    var: str = ""
    values: tuple[str, ...] = ()  # a choice's allowed values

    def convert(self, value: str, view: str, store: Store | None = None) -> Node:
        """The RDF term for a user's value, or a UsageError naming the problem."""
        lexicon = load_lexicon()
        problem = f"{view}: parameter {self.name}={value!r}"
        if self.type == "iso3":
            code = value.strip().upper()
            if code not in lexicon.states and store is not None and re.fullmatch(r"[A-Z]{3}", code):
                # a state the store's own reference data adds
                rows = store.select(bind_values(STATE_BY_CODE, {"code": Literal(code)}))
                if rows:
                    return rows[0]["state"]
            if code not in lexicon.states:
                # "Russia", "Russian", "Moscow": the code of the state so named comes first
                named = [iso3 for iso3 in _states_named(value) if iso3 in lexicon.states]
                close = named + [
                    c for c in difflib.get_close_matches(code, lexicon.states, n=3) if c not in named
                ]
                hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
                raise UsageError(f"{problem} is not a state's ISO 3166 alpha-3 code{hint}")
            return lexicon.states[code].iri
        if self.type in ("event-kind", "cooperation-type"):
            concepts = lexicon.event_kinds if self.type == "event-kind" else lexicon.cooperation_types
            slug = value.strip().lower()
            if slug not in concepts:
                raise UsageError(f"{problem} is not one of: {', '.join(sorted(concepts))}")
            return concepts[slug].iri
        if self.type == "plover-type":
            code = value.strip().upper()
            if code not in lexicon.plover_types:
                raise UsageError(f"{problem} is not a PLOVER type: {', '.join(sorted(lexicon.plover_types))}")
            return lexicon.plover_types[code].iri
        if self.type == "quad-class":
            quad = value.strip().lower()
            if quad not in QUAD_CLASSES:
                raise UsageError(f"{problem} is not a quad class: {', '.join(QUAD_CLASSES)}")
            return Literal(quad)
        if self.type == "choice":
            choice = value.strip().lower()
            if choice not in self.values:
                raise UsageError(f"{problem} is not one of: {', '.join(self.values)}")
            return Literal(choice)
        if self.type == "year":
            if not re.fullmatch(r"\d{4}", value.strip()):
                raise UsageError(f"{problem} is not a year (YYYY)")
            return Literal(value.strip())
        if self.type == "date":
            try:
                return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
            except ValueError:
                raise UsageError(f"{problem} is not a date (YYYY-MM-DD)") from None
        if self.type == "iri":
            if not IRI_SAFE.match(value):
                raise UsageError(f"{problem} is not an http(s) IRI")
            return URIRef(value)
        return Literal(value)


def _states_named(value: str) -> list[str]:
    """ISO codes of the states whose name, official name, demonym or capital is `value`."""
    wanted = value.strip().lower()
    found = []
    for entry in load_lexicon().states.values():
        forms = entry.names + entry.demonyms + entry.capitals + [entry.name]
        if any(form.lower() == wanted for form in forms):
            found.append(entry.iso3)
    return found


@dataclass
class View:
    name: str
    title: str
    description: str
    parameters: list[Parameter]
    columns: list[str]
    text: str = field(repr=False)

    def usage(self) -> str:
        lines = [f"{self.name}: {self.title}", "", self.description, ""]
        if self.parameters:
            lines.append("parameters:")
            for p in self.parameters:
                need = "required" if p.required else "optional"
                extra = f", one of {'|'.join(p.values)}" if p.values else ""
                extra += f", example {p.example}" if p.example else ""
                extra += f", default {p.default}" if p.default else ""
                lines.append(f"  {p.name} ({p.type}, {need}{extra}): {p.description}")
        else:
            lines.append("parameters: none")
        lines.append("columns: " + ", ".join(self.columns))
        return "\n".join(lines)

    def check(self, params: dict[str, str]) -> None:
        """Unknown or missing parameters, found before any store is opened."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise UsageError(
                f"{self.name}: unknown parameter {unknown[0]!r}; it takes: {', '.join(known) or 'none'}"
            )
        for p in self.parameters:
            if p.required and params.get(p.name, p.default) is None:
                example = f" (e.g. --param {p.name}={p.example})" if p.example else ""
                raise UsageError(f"{self.name}: missing required parameter {p.name}{example}")

    def bind(self, params: dict[str, str], store: Store | None = None) -> str:
        self.check(params)
        bindings: dict[str, Node | None] = {}
        for p in self.parameters:
            value = params.get(p.name, p.default)
            bindings[p.var] = p.convert(value, self.name, store) if value is not None else None
        return bind_values(self.text, bindings)


def parse_view(name: str, text: str) -> View:
    title, description, parameters, columns = name, [], [], []
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:].strip()
        if line.startswith("#   ") and current == "description":
            description.append(body)
            continue
        key, _, value = body.partition(":")
        current = key.strip()
        value = value.strip()
        if current == "title":
            title = value
        elif current == "description":
            description.append(value)
        elif current == "columns":
            columns = [c.strip() for c in value.split(",") if c.strip()]
        elif current == "param":
            parameters.append(_parse_param(name, value))
    if not columns:
        raise UsageError(f"view {name} has no '# columns:' line")
    return View(name, title, " ".join(description), parameters, columns, text)


def _parse_param(view: str, spec: str) -> Parameter:
    head, _, description = spec.partition(" - ")
    words = head.split()
    if len(words) < 3 or words[1] not in PARAM_TYPES or words[2] not in ("required", "optional"):
        raise UsageError(f"view {view}: malformed parameter line {spec!r}")
    options = dict(w.split("=", 1) for w in words[3:] if "=" in w)
    # examples may hold spaces ("Alexander Fomin"): take everything after example= up to the next key
    match = re.search(r"example=(.*?)(?:\s+\w+=|$)", head)
    name, kind = words[0], words[1]
    var = options.get("var") or (
        f"{name}Iri" if kind in ("iso3", "event-kind", "cooperation-type", "plover-type") else name
    )
    values = tuple(v for v in options.get("values", "").split("|") if v)
    if kind == "choice" and not values:
        raise UsageError(f"view {view}: choice parameter {name} lists no values=a|b")
    return Parameter(
        name=name,
        type=kind,
        required=words[2] == "required",
        description=description.strip(),
        example=match.group(1).strip() if match else None,
        default=options.get("default"),
        var=var,
        values=values,
    )


@cache
def views() -> dict[str, View]:
    found = {}
    for path in sorted(queries_dir().glob("*.rq")):
        found[path.stem] = parse_view(path.stem, path.read_text(encoding="utf-8"))
    return found


def get_view(name: str) -> View:
    available = views()
    if name not in available:
        close = difflib.get_close_matches(name, available, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see kg query --list"
        raise UsageError(f"unknown view {name!r}{hint}")
    return available[name]


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, Node]]

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain Python values (numbers, dates as ISO strings, IRIs as strings)."""
        plain: dict[Node, Any] = {}  # few distinct values repeat over many rows: convert each once
        out = []
        for row in self.rows:
            record: dict[str, Any] = {}
            for column in self.columns:
                term = row.get(column)
                if term is None:
                    record[column] = None
                    continue
                if term not in plain:
                    plain[term] = to_python(term)
                record[column] = plain[term]
            out.append(record)
        return out


def to_python(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, date):
            return value.isoformat()
        return value if isinstance(value, int | float | bool | str) else str(term)
    return str(term)


def run_view(
    store: Store, name: str, params: dict[str, str] | None = None, limit: int | None = None
) -> Result:
    view = get_view(name)
    rows = store.select(view.bind({k: str(v) for k, v in (params or {}).items()}, store), limit=limit)
    return Result(view.columns, rows)


def query(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    """A view's rows as dictionaries: `kg.query(store, "partners", state="RUS")`."""
    return run_view(store, name, {k: str(v) for k, v in params.items()}).records()
