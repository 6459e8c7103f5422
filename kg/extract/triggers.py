"""The surface forms the phrase matchers look for: every frame trigger, inflected."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from kg.extract.inflect import phrase_forms
from kg.frames import load_frames


@cache
def trigger_forms() -> dict[str, frozenset[str]]:
    """Trigger phrase -> its surface forms, over every part of speech its frames take."""
    out: dict[str, set[str]] = defaultdict(set)
    for frame in load_frames():
        out[frame.trigger] |= phrase_forms(frame.trigger, frame.pos)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def noun_trigger_forms() -> dict[str, frozenset[str]]:
    """The noun triggers only: words that end a place name or start an event's name, never a person's."""
    out: dict[str, set[str]] = defaultdict(set)
    for frame in load_frames():
        if frame.pos == "noun":
            out[frame.trigger] |= phrase_forms(frame.trigger, "noun")
    return {k: frozenset(v) for k, v in out.items()}
