"""RSS and Atom feeds, by feedparser: each item an article, with its link, date and title. An item
that carries only a summary is read from the summary, and the article says so (kgo:summaryOnly)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from kg.article import Article
from kg.errors import InputError
from kg.sources import InputOptions, structured_article


def _plain(html: str) -> str:
    """The text of an item's HTML content or summary, one paragraph per block."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - not HTML after all
        return html.strip()
    blocks = [
        " ".join(b.text_content().split()) for b in tree.iter("p", "li", "h1", "h2", "h3", "blockquote")
    ]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(tree.text_content().split())


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def read_feed(raw: bytes, source: str, options: InputOptions) -> Iterator[Article | InputError]:  # noqa: ARG001
    import feedparser

    feed = feedparser.parse(raw)
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(source, f"no items found in the feed{problem}")
        return
    publisher = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        item = f"{source}#item{number}"
        content = " ".join(c.get("value", "") for c in entry.get("content", []) if c.get("value"))
        text = _plain(content)
        summary_only = not text
        if summary_only:
            text = _plain(entry.get("summary", "") or "")
        if not text:
            yield InputError(
                source, f"item {number} ({entry.get('title', 'untitled')!r}) has no text or summary"
            )
            continue
        meta = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "date": _date(entry),
            "publisher": publisher,
        }
        if entry.get("id"):
            meta["id"] = entry["id"]
        try:
            yield structured_article(text, item, meta, "feed", summary_only)
        except InputError as err:
            yield InputError(source, f"item {number}: {err.problem}")
