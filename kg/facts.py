"""The plain typed objects the extractor returns. Every fact carries its evidence spans.

`to_json` gives the documented, stable JSON schema of `kg extract --format json` (docs/facts-json.md),
which has the shape of the dev-set gold files plus evidence and extra fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.article import Article


@dataclass(frozen=True, order=True)
class Evidence:
    """A span of the article text as read: [start, end) character offsets and the text there."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "sentence": self.text}


@dataclass
class StateMention:
    iso3: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Official:
    name: str
    post: str | None
    state: str | None
    role: str | None = None  # post-role slug
    organization: str | None = None  # name of the body the post belongs to
    body_kind: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "post": self.post,
            "state": self.state,
            "role": self.role,
            "organization": self.organization,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Event:
    kind: str
    date: date | None
    place: str | None
    participants: list[str]
    states: list[str]
    planned: bool = False
    name: str | None = None  # a named event: "Army-2021", "Shangri-La Dialogue"
    part_of: int | None = None  # index of the enclosing event in Facts.events
    hosts: list[str] = field(default_factory=list)  # participants (names or iso3) who host
    guests: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    plovers: list[str] = field(default_factory=list)  # the acts it carries between states (PLOVER types)
    cameo: str | None = None
    mode: str | None = None
    symmetric: bool = True  # mutual: its states are parties and no one is source or target
    sources: list[str] = field(default_factory=list)  # iso3 of the acting states (directed events)
    targets: list[str] = field(default_factory=list)
    source_persons: list[str] = field(default_factory=list)  # names of the officials who act, when named
    target_persons: list[str] = field(default_factory=list)

    def to_json(self, index: int) -> dict[str, Any]:
        return {
            "id": index,
            "kind": self.kind,
            "name": self.name,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "participants": self.participants,
            "states": self.states,
            "plover": self.plovers,
            "cameo": self.cameo,
            "symmetric": self.symmetric,
            "sources": self.sources,
            "targets": self.targets,
            "source_persons": self.source_persons,
            "target_persons": self.target_persons,
            "planned": self.planned,
            "part_of": self.part_of,
            "hosts": self.hosts,
            "guests": self.guests,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Dyad:
    """A directed interaction: what the source state does to the target state, as a PLOVER type.

    `basis` says which fact it is read from ("event", "cooperation", "relation", or "act" for an act
    reported without an event of its own), `basis_index` its index in that list of Facts."""

    source: str
    target: str
    plover: str
    cameo: str | None
    basis: str
    basis_index: int
    planned: bool = False
    source_sector: str | None = None
    target_sector: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def event(self) -> int | None:
        return self.basis_index if self.basis == "event" else None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "plover": self.plover,
            "cameo": self.cameo,
            "event": self.event,
            "basis": self.basis,
            "planned": self.planned,
            "source_sector": self.source_sector,
            "target_sector": self.target_sector,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Cooperation:
    states: list[str]
    types: list[str]
    stance: str | None
    events: list[int] = field(default_factory=list)  # indexes of supporting events
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "states": self.states,
            "types": self.types,
            "stance": self.stance,
            "events": self.events,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Characterisation:
    source: str  # iso3 of the state that voices it
    target: str  # iso3 of the state described
    label: str
    kind: str | None = None
    speaker: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "label": self.label,
            "kind": self.kind,
            "speaker": self.speaker,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Quotation:
    text: str
    speaker: str | None  # a person's name, a body's name, or None when unresolved
    speaker_kind: str | None  # "person", "body" or "state"
    speaker_state: str | None
    direct: bool
    evidence: list[Evidence] = field(default_factory=list)
    body_kind: str | None = None  # when the speaker is a government body

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "state": self.speaker_state,
            "direct": self.direct,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Body:
    name: str  # e.g. "Defence Ministry"
    kind: str  # body-kind slug
    state: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Facts:
    article: Article
    states: list[StateMention] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    cooperation: list[Cooperation] = field(default_factory=list)
    relations: list[Characterisation] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    dyads: list[Dyad] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        art = self.article
        return {
            "article": {
                "source": art.source,
                "id": art.id,
                "title": art.title,
                "date": art.date.isoformat() if art.date else None,
                "publisher": art.publisher,
                "url": art.url,
                "dateline": art.dateline.place if art.dateline else None,
                "content_hash": art.content_hash,
                "source_format": art.source_format,
                "summary_only": art.summary_only,
            },
            "states": [s.iso3 for s in self.states],
            "officials": [o.to_json() for o in self.officials],
            "events": [e.to_json(i) for i, e in enumerate(self.events)],
            "cooperation": [c.to_json() for c in self.cooperation],
            "relations": [r.to_json() for r in self.relations],
            "quotations": [q.to_json() for q in self.quotations],
            "dyads": [d.to_json() for d in self.dyads],
        }
