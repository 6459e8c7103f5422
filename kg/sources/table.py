"""CSV tables: one article per row, its text in the `--text-column` column (default `text`), with
optional date, url, title and publisher columns (common names accepted)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from kg.article import Article
from kg.errors import InputError
from kg.sources import InputOptions, structured_article, text_of

COLUMNS = {
    "date": ("date", "published", "publishedat", "published_at", "pubdate"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "publisher": ("publisher", "source", "site"),
    "id": ("id",),
}


def read_csv(raw: bytes, source: str, options: InputOptions) -> Iterator[Article | InputError]:
    try:
        text = text_of(raw, source, "the CSV file")
    except InputError as err:
        yield err
        return
    csv.field_size_limit(10_000_000)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    by_name = {h.strip().lower(): h for h in header if h}
    column = by_name.get(options.text_column.strip().lower())
    if column is None:
        yield InputError(
            source,
            f"no column {options.text_column!r} for the text (columns: {', '.join(header) or 'none'}); "
            "choose one with --text-column",
            1,
        )
        return
    others = {key: next((by_name[n] for n in names if n in by_name), None) for key, names in COLUMNS.items()}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                yield InputError(source, "more fields than the header has", line)
                continue
            body = (row.get(column) or "").strip()
            if not body:
                yield InputError(source, f"empty {column!r} cell", line)
                continue
            meta = {k: row[c].strip() for k, c in others.items() if c and row.get(c) and row[c].strip()}
            try:
                yield structured_article(body, f"{source}:{line}", meta, "csv")
            except InputError as err:
                yield InputError(source, err.problem, line)
    except csv.Error as err:
        yield InputError(source, f"malformed CSV: {err}", reader.line_num)
