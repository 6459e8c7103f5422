"""Saved web pages: the article's main text and metadata, by trafilatura (menus, ads, comments and
other boilerplate left out)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.article import Article
from kg.errors import InputError
from kg.sources import InputOptions, structured_article

MIN_WORDS = 15  # an article's main text is longer; a page's leftovers (a menu, a caption) are not


def read_html(raw: bytes, source: str, options: InputOptions) -> Iterator[Article | InputError]:  # noqa: ARG001
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as err:  # noqa: BLE001 - a page trafilatura cannot read is one bad input
        yield InputError(source, f"cannot read the page ({type(err).__name__}: {err})")
        return
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    words = len(text.split())
    if words < MIN_WORDS:  # what is left of a page without an article: a menu, a link or two
        yield InputError(
            source, f"no article text found in the page ({words} words; truncated, or not an article)"
        )
        return
    # trafilatura gives one paragraph per line; articles here separate paragraphs by a blank line
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
    meta = {
        "title": document.title,
        "date": document.date,
        "url": document.url,
        "publisher": document.sitename,
    }
    try:
        yield structured_article(body, source, meta, "html")
    except InputError as err:
        yield err
