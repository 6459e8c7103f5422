"""Reading articles: plain text with optional header or front matter, JSON Lines corpora, directories.

An Article keeps the text exactly as read (`text`); `body_start` is where the article proper begins
after any header, so evidence offsets point into `text` and a reader can find them in the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from kg.sources import InputOptions

MAX_ARTICLE_BYTES = 2_000_000  # a news article is tens of kB; anything this big is not one
MAX_CORPUS_BYTES = 2_000_000_000

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
AGENCY_RE = r"[A-Z][A-Za-z-]+(?: [A-Z][A-Za-z-]+)?"
PLACE_RE = r"[A-Z][A-Z .'-]*[A-Z](?:/[A-Z][A-Z .'-]*[A-Z])*"

# Agency datelines: "KUBINKA /Moscow Region/, August 23. /TASS/.", "BEIJING, March 3 (Xinhua) --",
# "MOSCOW (Reuters) -", "SEOUL, Dec. 30 (Yonhap) --", "SINGAPORE --", "DUBAI/WASHINGTON Iran ..."
DATELINE_PATTERNS = [
    re.compile(
        rf"(?P<place>{PLACE_RE})(?: /[^/\n]+/)?, (?P<month>{MONTH_RE}) (?P<day>\d{{1,2}})\. /(?P<agency>{AGENCY_RE})/\.\s*"
    ),
    re.compile(
        rf"(?P<place>{PLACE_RE}),? (?:(?P<month>{MONTH_RE}) (?P<day>\d{{1,2}}) )?\((?P<agency>{AGENCY_RE})\) ?[-–—]+\s*"
    ),
    re.compile(rf"(?P<place>{PLACE_RE}) ?[-–—]{{1,2}} (?=[A-Z\"“])"),
    re.compile(r"(?P<place>[A-Z]{3,}(?:/[A-Z]{3,})+) (?=[A-Z][a-z])"),
]
HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_-]*):\s*(?P<value>.*)$")
SEED_HEADER = re.compile(r"^\s*date (?P<date>\d{4}-\d{2}-\d{2})\s+")
KNOWN_KEYS = {"title", "date", "source", "url", "id", "publisher", "found-in", "author", "lang", "language"}
MAX_HEADER_CHARS = 10_000  # a header is a few lines; a '---' further down is the body's own


@dataclass
class Dateline:
    place: str
    agency: str | None
    month: int | None
    day: int | None
    start: int
    end: int


@dataclass
class Article:
    """One article as read, with what its header and dateline say."""

    source: str  # file path (and line for JSON Lines) the article came from
    text: str
    body_start: int = 0
    id: str | None = None
    title: str | None = None
    date: date | None = None
    publisher: str | None = None
    url: str | None = None
    dateline: Dateline | None = None
    meta: dict[str, str] = field(default_factory=dict)
    source_format: str = "text"  # what it was read from: text, jsonl, html, feed, json, csv
    summary_only: bool = False  # the source held only a summary (a feed item, a truncated API text)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def parse_iso_date(value: str, source: str, line: int | None = None) -> date | None:
    value = value.strip()
    if not value or value.lower() in {"unknown", "none", "null", "n/a"}:
        return None
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", value)
    if not match:
        raise InputError(source, f"malformed date {value!r}: expected YYYY-MM-DD", line)
    try:
        return date.fromisoformat(match.group(1))
    except ValueError as err:
        raise InputError(source, f"malformed date {value!r}: {err}", line) from None


def _decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(
            source, f"too large for an article ({len(raw):,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"
        )
    if b"\x00" in raw:
        raise InputError(source, "binary file (contains NUL bytes), not an article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            source, f"not UTF-8 (byte {err.start}: {raw[err.start : err.start + 1]!r})"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def article_from_text(
    text: str, source: str, meta: dict[str, str] | None = None, headers: bool = True
) -> Article:
    """Build an Article from a text, reading a header, front matter or seed-style date line if
    present (`headers`; off for text taken from a page, a feed or a table, whose metadata is the
    format's own)."""
    if not text.strip():
        raise InputError(source, "empty article (no text)")
    article = Article(source=source, text=text)
    fields: dict[str, str] = {}
    body_start = 0
    seed = SEED_HEADER.match(text) if headers else None
    front = re.match(r"^---\s*\n", text) if headers else None
    if seed:
        fields["date"] = seed.group("date")
        body_start = seed.end()
    elif front:
        end = re.search(r"^---\s*$", text[front.end() :], re.M)
        if not end:
            raise InputError(source, "front matter opened with '---' is never closed", 1)
        fields, _ = _header_fields(text[front.end() : front.end() + end.start()], source, first_line=2)
        body_start = front.end() + end.end()
    elif headers and _opens_header(text):
        # the first line is "title: ..." or "date: ...": a header, which must be well formed and
        # closed, or its date and title would silently become body text
        header_end = re.search(r"^---\s*$", text[:MAX_HEADER_CHARS], re.M)
        if header_end is None:
            raise InputError(source, "the header (key: value lines) is not closed by a line '---'", 1)
        fields, _ = _header_fields(text[: header_end.start()], source, first_line=1)
        body_start = header_end.end()
    fields.update(meta or {})
    article.meta = fields
    article.body_start = _skip_space(text, body_start)
    if not text[article.body_start :].strip():
        raise InputError(source, "the article has a header but no text")
    article.id = fields.get("id") or None
    article.title = fields.get("title") or None
    article.url = fields.get("url") or None
    article.date = parse_iso_date(fields.get("date", ""), source)
    article.publisher = fields.get("publisher") or _publisher_from_source(fields.get("source", ""))
    article.dateline = find_dateline(text, article.body_start)
    if article.dateline and article.dateline.agency and not article.publisher:
        article.publisher = article.dateline.agency
    if article.title is None:
        article.title = _first_line_title(text[article.body_start :], article.dateline, article.body_start)
    return article


def _opens_header(text: str) -> bool:
    first = text.lstrip("\n").split("\n", 1)[0]
    match = HEADER_LINE.match(first.strip())
    return bool(match) and match.group("key").lower() in KNOWN_KEYS


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _header_fields(block: str, source: str, first_line: int) -> tuple[dict[str, str], int]:
    fields: dict[str, str] = {}
    for offset, line in enumerate(block.splitlines()):
        if not line.strip():
            continue
        match = HEADER_LINE.match(line)
        if not match:
            raise InputError(
                source,
                f"malformed header line {line.strip()[:60]!r}: expected 'key: value'",
                first_line + offset,
            )
        fields[match.group("key").lower()] = match.group("value").strip()
    return fields, len(fields)


def _publisher_from_source(value: str) -> str | None:
    if not value or value.lower().startswith("unknown"):
        return None
    return re.split(r"\s*[(;]", value, maxsplit=1)[0].strip() or None


def _first_line_title(body: str, dateline: Dateline | None, body_start: int) -> str | None:
    first = body.split("\n", 1)[0].strip().lstrip("#").strip()
    if dateline and dateline.start - body_start < len(first) + 1:
        return None
    return first[:300] or None


def find_dateline(text: str, body_start: int) -> Dateline | None:
    """The first agency dateline at the start of a paragraph in the first part of the article."""
    window_end = min(len(text), body_start + 3000)
    for para in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", text[body_start:window_end]):
        pos = body_start + para.end()
        # Yonhap pages glue the dateline after boilerplate: look a little into the paragraph too
        for pattern in DATELINE_PATTERNS:
            match = pattern.match(text, pos) or (
                pattern.search(text, pos, min(pos + 400, window_end))
                if pattern is DATELINE_PATTERNS[1]
                else None
            )
            if match:
                groups = match.groupdict()
                month = MONTHS.get(groups["month"].lower()[:3]) if groups.get("month") else None
                return Dateline(
                    place=groups["place"].title(),
                    agency=groups.get("agency"),
                    month=month,
                    day=int(groups["day"]) if groups.get("day") else None,
                    start=match.start(),
                    end=match.end(),
                )
    return None


def _article_files(path: Path) -> list[Path]:
    """The files a directory holds that are read as articles or corpora (hidden ones skipped)."""
    from kg.sources import SUFFIX_FORMATS

    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIX_FORMATS
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def _format_of(path: Path, options: InputOptions | None) -> str:
    from kg.sources import detect

    if options is not None and options.input_format:
        return options.input_format
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    return detect(path, head)


def count_articles(paths: Iterable[Path], options: InputOptions | None = None) -> int:
    """About how many inputs `read_articles` will yield, counted without reading the articles (for
    progress): one per file, one per non-empty line of a corpus, one per item of a feed or table."""
    from kg.sources import count_items

    total = 0
    for path in paths:
        files = _article_files(path) if path.is_dir() else [path]
        total += 0 if files else 1  # an empty directory is reported as one problem
        for file in files:
            fmt = _format_of(file, options) if file.is_file() else "text"
            if fmt == "jsonl":
                try:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            elif fmt in ("feed", "csv", "json"):
                total += count_items(file, fmt)
            else:
                total += 1
    return total


def read_articles(path: Path, options: InputOptions | None = None) -> Iterator[Article | InputError]:
    """Yield the articles of a file or directory; a bad item yields its InputError and the rest goes on."""
    if path.is_dir():
        files = _article_files(path)
        if not files:
            yield InputError(
                str(path), "directory holds no articles (.txt, .md, .html, .jsonl, .json, .csv, feeds)"
            )
        for file in files:
            yield from read_articles(file, options)
        return
    if not path.exists():
        yield InputError(str(path), "no such file or directory")
        return
    fmt = _format_of(path, options)
    if fmt == "jsonl":
        yield from _read_jsonl(path)
        return
    if fmt != "text":
        from kg.sources import InputOptions, read_source

        yield from read_source(path, fmt, options or InputOptions())
        return
    try:
        raw = path.read_bytes()
        yield article_from_text(_decode(raw, str(path)), str(path))
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err.strerror}")


def _read_jsonl(path: Path) -> Iterator[Article | InputError]:
    if path.stat().st_size > MAX_CORPUS_BYTES:
        yield InputError(str(path), f"corpus larger than {MAX_CORPUS_BYTES:,} bytes; split it")
        return
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            source = f"{path}:{number}"
            try:
                line = _decode(raw, str(path))
                try:
                    item = json.loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as err:
                    raise InputError(
                        str(path), f"malformed JSON line: {err.msg} (column {err.colno})", number
                    ) from None
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise InputError(str(path), "JSON line needs an object with a string 'text'", number)
                meta = {k: str(v) for k, v in item.items() if k in KNOWN_KEYS and v is not None}
                yield article_from_text(item["text"], source, meta)
            except InputError as err:
                if err.line is None:
                    err = InputError(str(path), err.problem, number)
                yield err
