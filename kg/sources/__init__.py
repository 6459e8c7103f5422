"""Input formats beyond plain text: saved web pages, RSS/Atom feeds, news-API JSON and CSV tables.

Each format is a reader that turns a file into Articles (or one InputError per bad item, the rest
going on), registered in READERS by name. `detect` picks the format from the file's extension and,
for an unknown or ambiguous one (`.xml`, no extension), from its first bytes; `--input-format`
overrides it. Plain text and JSON Lines are read by kg/article.py as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.article import Article, article_from_text
from kg.errors import InputError

INPUT_FORMATS = ("text", "jsonl", "html", "feed", "json", "csv")
SUFFIX_FORMATS = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".json": "json",
    ".csv": "csv",
}  # fmt: skip
MAX_SOURCE_BYTES = {"html": 20_000_000, "feed": 200_000_000, "json": 200_000_000, "csv": 2_000_000_000}


@dataclass(frozen=True)
class InputOptions:
    """How to read inputs: a forced format (None: detect) and the CSV text column."""

    input_format: str | None = None
    text_column: str = "text"


Reader = Callable[[bytes, str, InputOptions], Iterator[Article | InputError]]


def detect(path: Path, head: bytes) -> str:
    """The format of a file: by extension, and by content where the extension does not say."""
    by_suffix = SUFFIX_FORMATS.get(path.suffix.lower())
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2000].lower()
    if by_suffix == "feed" and path.suffix.lower() == ".xml":
        return "feed" if _looks_like_feed(start) else "xml"
    if by_suffix:
        return by_suffix
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed")):
        return "feed" if _looks_like_feed(start) else "xml"
    if start.startswith((b"{", b"[")):
        return "json"
    return "text"


def _looks_like_feed(start: bytes) -> bool:
    return any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def readers() -> dict[str, Reader]:
    from kg.sources.feeds import read_feed
    from kg.sources.html import read_html
    from kg.sources.jsonapi import read_json
    from kg.sources.table import read_csv

    return {"html": read_html, "feed": read_feed, "json": read_json, "csv": read_csv}


def read_source(path: Path, fmt: str, options: InputOptions) -> Iterator[Article | InputError]:
    """The articles of one file in a structured format."""
    if fmt == "xml":
        yield InputError(
            str(path), "XML that is not an RSS or Atom feed (use --input-format to say what it is)"
        )
        return
    limit = MAX_SOURCE_BYTES[fmt]
    try:
        size = path.stat().st_size
        if size > limit:
            yield InputError(
                str(path), f"too large for a {fmt} file ({size:,} bytes; the limit is {limit:,})"
            )
            return
        raw = path.read_bytes()
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err.strerror}")
        return
    if not raw.strip():
        yield InputError(str(path), f"empty {fmt} file")
        return
    if b"\x00" in raw[:100_000] and fmt != "html":
        yield InputError(str(path), "binary file (contains NUL bytes), not an article")
        return
    yield from readers()[fmt](raw, str(path), options)


def count_items(path: Path, fmt: str) -> int:
    """About how many articles a file holds, without parsing it (for progress)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return 1
    if fmt == "feed":
        return max(1, raw.count(b"<item") + raw.count(b"<entry"))
    if fmt == "csv":
        return max(1, raw.count(b"\n"))
    if fmt == "json":
        return max(1, raw.count(b'"title"'))
    return 1


def structured_article(
    text: str, where: str, meta: dict[str, object], fmt: str, summary_only: bool = False
) -> Article:
    """An Article from a text and the metadata its format gave (empty values left out)."""
    article = article_from_text(
        text.strip() + "\n", where, {k: str(v) for k, v in meta.items() if v}, headers=False
    )
    article.source_format = fmt
    article.summary_only = summary_only
    return article


def text_of(raw: bytes, source: str, what: str) -> str:
    """UTF-8 text of a JSON or CSV file (a byte-order mark allowed), or one line saying why not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(source, f"{what} is not UTF-8 (byte {err.start})") from None
    return text[1:] if text.startswith("\ufeff") else text
