"""The interaction frame table (ontology/frames.csv): one row per way the news says that one state
does something to another. Loaded and checked against the schemes it names; the engine that applies
it is kg/extract/interactions.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache

from kg.converter import FRAMES_FILE
from kg.errors import StateKGError
from kg.lexicon import load_lexicon
from kg.resources import ontology_dir

SLOTS = ("subject", "object", "object-owner", "dative")
COLUMNS = (
    "id",
    "trigger",
    "pos",
    "voice",
    "requires",
    "source",
    "target",
    "plover",
    "cameo",
    "mode",
    "kind",
    "host",
    "cooperation",
    "symmetric",
    "targets",
)


@dataclass(frozen=True)
class Requirement:
    kind: str  # "object", "prep" or "complement"
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    id: str
    trigger: str
    pos: str
    voice: str
    requires: tuple[Requirement, ...]
    source: tuple[str, ...]
    target: tuple[str, ...]
    plover: str | None  # None: an event with no PLOVER type (a statement, a forum)
    cameo: str
    mode: str | None
    kind: str | None  # event kind slug, None: no event of its own
    host: str | None
    cooperation: str | None
    symmetric: bool
    any_target: bool
    line: int = field(default=0, compare=False)

    @property
    def specificity(self) -> int:
        """Frames that ask more of the text are tried first."""
        return len(self.requires) + (self.voice != "any")


def _slots(value: str, row: int, column: str) -> tuple[str, ...]:
    slots = tuple(s.strip() for s in value.split("|") if s.strip())
    for slot in slots:
        if slot not in SLOTS and not (slot.startswith("prep:") and len(slot) > 5):
            raise StateKGError(
                f"{FRAMES_FILE}:{row}: unknown {column} slot {slot!r} (one of {', '.join(SLOTS)}, prep:X)"
            )
    return slots


def _requirements(value: str, row: int) -> tuple[Requirement, ...]:
    out = []
    for part in value.split():
        name, _, words = part.partition("=")
        if name == "complement" and not words:
            out.append(Requirement("complement"))
        elif name in ("object", "prep") and words:
            out.append(Requirement(name, tuple(w.strip().lower() for w in words.split("|") if w.strip())))
        else:
            raise StateKGError(
                f"{FRAMES_FILE}:{row}: malformed requirement {part!r} (object=a|b, prep=a|b, complement)"
            )
    return tuple(out)


def parse_frames(text: str) -> list[Frame]:
    """The rows of a frame table, checked against the PLOVER, event-kind and cooperation schemes."""
    lexicon = load_lexicon()
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        raise StateKGError(f"{FRAMES_FILE} holds no frames")
    header = next(csv.reader([lines[0][1]]))
    if tuple(header) != COLUMNS:
        raise StateKGError(f"{FRAMES_FILE}:{lines[0][0]}: the header must be {','.join(COLUMNS)}")
    frames: list[Frame] = []
    seen: set[str] = set()
    for number, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) != len(COLUMNS):
            raise StateKGError(f"{FRAMES_FILE}:{number}: {len(values)} columns, expected {len(COLUMNS)}")
        row = dict(zip(COLUMNS, (v.strip() for v in values), strict=True))

        def bad(column: str, allowed, row=row, number=number) -> StateKGError:
            return StateKGError(
                f"{FRAMES_FILE}:{number}: {column} {row[column]!r} is not one of {', '.join(sorted(allowed))}"
            )

        if row["id"] in seen:
            raise StateKGError(f"{FRAMES_FILE}:{number}: frame id {row['id']!r} is used twice")
        seen.add(row["id"])
        if row["pos"] not in ("verb", "noun"):
            raise bad("pos", ("verb", "noun"))
        if row["voice"] not in ("any", "active", "passive"):
            raise bad("voice", ("any", "active", "passive"))
        if row["plover"] != "-" and row["plover"] not in lexicon.plover_types:
            raise bad("plover", set(lexicon.plover_types) | {"-"})
        kinds = set(lexicon.event_kinds) | {"-"}
        if row["kind"] not in kinds:
            raise bad("kind", kinds)
        if row["cooperation"] and row["cooperation"] not in lexicon.cooperation_types:
            raise bad("cooperation", lexicon.cooperation_types)
        if row["host"] not in ("", "source", "target"):
            raise bad("host", ("source", "target"))
        if row["symmetric"] not in ("yes", "no"):
            raise bad("symmetric", ("yes", "no"))
        if row["targets"] not in ("state", "any"):
            raise bad("targets", ("state", "any"))
        if not row["trigger"]:
            raise StateKGError(f"{FRAMES_FILE}:{number}: the trigger is empty")
        frames.append(
            Frame(
                id=row["id"],
                trigger=row["trigger"].lower(),
                pos=row["pos"],
                voice=row["voice"],
                requires=_requirements(row["requires"], number),
                source=_slots(row["source"], number, "source"),
                target=_slots(row["target"], number, "target"),
                plover=None if row["plover"] == "-" else row["plover"],
                cameo=row["cameo"],
                mode=row["mode"] or None,
                kind=None if row["kind"] == "-" else row["kind"],
                host=row["host"] or None,
                cooperation=row["cooperation"] or None,
                symmetric=row["symmetric"] == "yes",
                any_target=row["targets"] == "any",
                line=number,
            )
        )
    return frames


@cache
def load_frames() -> tuple[Frame, ...]:
    path = ontology_dir() / FRAMES_FILE
    return tuple(parse_frames(path.read_text(encoding="utf-8")))
