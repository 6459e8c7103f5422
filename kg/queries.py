"""Loading SPARQL text from queries/: views (*.rq) and updates (*.ru). No query text in Python."""

from __future__ import annotations

from functools import cache

from kg.errors import UsageError
from kg.resources import queries_dir


@cache
def _load(name: str, suffix: str) -> str:
    path = queries_dir() / f"{name}{suffix}"
    if not path.is_file():
        raise UsageError(f"no {'update' if suffix == '.ru' else 'query'} named {name!r} in {queries_dir()}")
    return path.read_text(encoding="utf-8")


def load_update(name: str) -> str:
    return _load(name, ".ru")


def load_query(name: str) -> str:
    return _load(name, ".rq")


def split_prologue(text: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations, the rest): some engines accept a prologue only at the start of
    an update request, so requests that chain operations put every prologue first."""
    prologue, body = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not body and (
            stripped.upper().startswith(("PREFIX", "BASE")) or stripped.startswith("#") or not stripped
        ):
            if stripped.upper().startswith(("PREFIX", "BASE")):
                prologue.append(stripped)
            continue
        body.append(line)
    return "\n".join(prologue), "\n".join(body)
