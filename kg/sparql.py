"""Free SPARQL (`kg sparql`): reading the query text, telling a query from an update, and refusing
federated queries (SERVICE) unless the user allows them, since they reach out of the machine."""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import UsageError

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
QUERY_FILE_SUFFIXES = (".rq", ".ru", ".sparql")


def query_text(query_or_file: str) -> str:
    """The text of a query given inline or as a .rq/.ru/.sparql file."""
    path = Path(query_or_file)
    if path.suffix in QUERY_FILE_SUFFIXES and "\n" not in query_or_file:
        if not path.is_file():
            raise UsageError(f"{query_or_file}: no such file")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{query_or_file}: not UTF-8 text") from None
        except OSError as err:
            raise UsageError(f"{query_or_file}: cannot read ({err.strerror})") from None
    return query_or_file


def query_form(text: str) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE or an update's."""
    body = re.sub(r"(?m)#.*$", "", text)
    body = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    match = re.match(r"\s*([A-Za-z]+)", body)
    return match.group(1).upper() if match else ""


def uses_service(text: str, update: bool) -> bool:
    """Whether the query federates (SERVICE <url> { ... }): read from its parse, so a string or
    an IRI that merely contains the word does not count; a text rdflib cannot parse is checked
    for the keyword (and the engine parses it anyway)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(walk(v) for v in node.values())
        if isinstance(node, list | tuple | ParseResults):
            return any(walk(v) for v in node)
        return False

    try:
        return walk(parseUpdate(text) if update else parseQuery(text))
    except Exception:  # noqa: BLE001 - rdflib's grammar is not the engine's: fall back to the keyword
        return bool(re.search(r"(?i)\bSERVICE\s*(SILENT\s*)?[<?$]", re.sub(r"(?m)#.*$", "", text)))
