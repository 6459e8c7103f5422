"""JSON from news APIs: an array of articles, or an object with an `articles` list (newsapi-style).
Fields: text from `content`, `body` or `text`; date from `publishedAt`, `date` or `published`;
`url`; publisher from `source.name` (or a `source` string); `title`. newsapi cuts `content` to a
preview ending in "[+N chars]": such an article is read as a summary, and says so."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from kg.article import Article
from kg.errors import InputError
from kg.sources import InputOptions, structured_article, text_of

TEXT_FIELDS = ("content", "body", "text", "articleBody")
DATE_FIELDS = ("publishedAt", "published_at", "date", "published", "datePublished")
TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def read_json(raw: bytes, source: str, options: InputOptions) -> Iterator[Article | InputError]:  # noqa: ARG001
    try:
        data = json.loads(text_of(raw, source, "the JSON file"))
    except InputError as err:
        yield err
        return
    except json.JSONDecodeError as err:
        yield InputError(source, f"malformed JSON: {err.msg} (line {err.lineno}, column {err.colno})")
        return
    items = data.get("articles") if isinstance(data, dict) else data
    if isinstance(data, dict) and "articles" not in data and isinstance(data.get("text"), str):
        items = [data]  # one article as an object
    if not isinstance(items, list):
        yield InputError(
            source, "JSON must be an array of articles or an object with an 'articles' list (newsapi-style)"
        )
        return
    for number, item in enumerate(items, start=1):
        where = f"{source}#{number}"
        if not isinstance(item, dict):
            yield InputError(source, f"article {number} is not an object")
            continue
        text = next((item[f] for f in TEXT_FIELDS if isinstance(item.get(f), str) and item[f].strip()), None)
        if text is None:
            yield InputError(source, f"article {number} has no text ({', '.join(TEXT_FIELDS)})")
            continue
        summary_only = bool(TRUNCATED.search(text))
        text = TRUNCATED.sub("", text)
        publisher = item.get("source")
        if isinstance(publisher, dict):
            publisher = publisher.get("name")
        meta = {
            "title": item.get("title"),
            "url": item.get("url"),
            "date": next((item[f] for f in DATE_FIELDS if item.get(f)), None),
            "publisher": publisher if isinstance(publisher, str) else None,
            "id": item.get("id") if isinstance(item.get("id"), str) else None,
        }
        try:
            yield structured_article(text, where, meta, "json", summary_only)
        except InputError as err:
            yield InputError(source, f"article {number}: {err.problem}")
