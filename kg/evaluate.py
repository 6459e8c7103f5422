"""`kg eval`: run the extractor over DIR/articles/*.txt and score it against DIR/gold/*.json.

The scoring rules are those of the maintainers' scorer (shared/tools/score_facts.py): micro
precision/recall/F1 per category, people matched by name (a shorter form of the same name counts),
events by kind, date and a shared state or participant, cooperation as (state pair, type) pairs,
relations by direction and label overlap.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.article import read_articles
from kg.errors import InputError, UsageError
from kg.factkinds import SCORED
from kg.mapping import to_graph
from kg.validate import validate_with_reference

CATEGORIES = SCORED
SAME_PLOVER = {"RETREAT": "CONCEDE"}  # the scorer counts these two as one
COMPATIBLE_KINDS = {"meeting": {"meeting", "talks"}, "talks": {"talks", "meeting"}}


def _norm(s: str | None) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]+", " ", s).split()


def same_person(a: str | None, b: str | None) -> bool:
    ta, tb = _norm(a), _norm(b)
    if not ta or not tb:
        return False
    return ta == tb or (ta[-1] == tb[-1] and (set(ta) <= set(tb) or set(tb) <= set(ta)))


def _jaccard(a: str, b: str) -> float:
    sa, sb = set(_norm(a)), set(_norm(b))
    return len(sa & sb) / max(1, len(sa | sb))


def _match(gold: list, pred: list, ok) -> tuple[int, list]:
    used: set[int] = set()
    misses = []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and ok(g, p):
                used.add(i)
                break
        else:
            misses.append(g)
    return len(gold) - len(misses), misses


def _event_ok(g: dict, p: dict) -> bool:
    if p.get("kind") not in COMPATIBLE_KINDS.get(g.get("kind"), {g.get("kind")}):
        return False
    if g.get("date") and p.get("date") and g["date"] != p["date"]:
        return False
    gst, pst = set(g.get("states") or []), {x.upper() for x in p.get("states") or []}
    shared = any(same_person(a, b) for a in g.get("participants") or [] for b in p.get("participants") or [])
    return bool(gst & pst) or shared or (not gst and not g.get("participants"))


def _dyad_set(items: list[dict]) -> set[tuple[str, str, str]]:
    out = set()
    for d in items:
        kind = str(d.get("plover") or "").upper()
        out.add(
            (
                str(d.get("source") or "").upper(),
                str(d.get("target") or "").upper(),
                SAME_PLOVER.get(kind, kind),
            )
        )
    return out


def _coop_set(items: list[dict]) -> set:
    return {(tuple(sorted(set(c.get("states", [])))), t) for c in items for t in c.get("types", [])}


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    misses: list[tuple[str, str, Any]] = field(default_factory=list)  # (article, category, gold item)
    articles: int = 0
    dyad_types: dict[str, list[int]] = field(default_factory=dict)  # PLOVER type -> [hits, predicted, gold]
    nonconforming: list[tuple[str, str]] = field(
        default_factory=list
    )  # (article, violations): must stay empty
    extras: list[tuple[str, str, Any]] = field(default_factory=list)  # (article, category, predicted item)

    def add(self, name: str, gold: dict, pred: dict) -> None:
        gs, ps = set(gold.get("states", [])), {s.upper() for s in pred.get("states", [])}
        self._count("states", len(gs & ps), len(ps), len(gs))
        self.misses += [(name, "states", s) for s in sorted(gs - ps)]
        self.extras += [(name, "states", s) for s in sorted(ps - gs)]

        def official_ok(g, p):
            return same_person(g.get("name"), p.get("name")) and (
                not g.get("state") or (p.get("state") or "").upper() == g["state"]
            )

        for category, ok in (("officials", official_ok), ("events", _event_ok), ("relations", _relation_ok)):
            g_items, p_items = gold.get(category, []), pred.get(category, [])
            hits, misses = _match(g_items, p_items, ok)
            self._count(category, hits, len(p_items), len(g_items))
            self.misses += [(name, category, m) for m in misses]
            _, extras = _match(p_items, g_items, lambda p, g, ok=ok: ok(g, p))
            self.extras += [(name, category, _brief(e)) for e in extras]
        gc, pc = _coop_set(gold.get("cooperation", [])), _coop_set(pred.get("cooperation", []))
        self._count("cooperation", len(gc & pc), len(pc), len(gc))
        self.misses += [(name, "cooperation", m) for m in sorted(gc - pc)]
        self.extras += [(name, "cooperation", e) for e in sorted(pc - gc)]
        if "dyads" in gold:  # scored only where the gold has them, as a set per article
            gd, pd = _dyad_set(gold["dyads"]), _dyad_set(pred.get("dyads") or [])
            self._count("dyads", len(gd & pd), len(pd), len(gd))
            for column, items in ((0, gd & pd), (1, pd), (2, gd)):
                for _, _, kind in items:
                    self.dyad_types.setdefault(kind, [0, 0, 0])[column] += 1
            self.misses += [(name, "dyads", m) for m in sorted(gd - pd)]
            self.extras += [(name, "dyads", e) for e in sorted(pd - gd)]

    def _count(self, category: str, hits: int, predicted: int, gold: int) -> None:
        self.hits[category] += hits
        self.predicted[category] += predicted
        self.gold[category] += gold

    def prf(self, category: str) -> tuple[float, float, float]:
        h, p, g = self.hits[category], self.predicted[category], self.gold[category]
        precision = h / p if p else 0.0
        recall = h / g if g else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def _relation_ok(g: dict, p: dict) -> bool:
    return (
        (p.get("from") or "").upper() == g.get("from")
        and (p.get("to") or "").upper() == g.get("to")
        and _jaccard(g.get("label", ""), p.get("label", "")) >= 0.5
    )


def _brief(item: Any) -> Any:
    if isinstance(item, dict):
        return {
            k: v for k, v in item.items() if k not in ("evidence", "id", "hosts", "guests", "part_of", "role")
        }
    return item


def evaluate(directory: Path) -> Score:
    from kg.extract import extract  # loads spaCy

    articles_dir, gold_dir = directory / "articles", directory / "gold"
    if not articles_dir.is_dir() or not gold_dir.is_dir():
        raise UsageError(f"{directory} must hold articles/ and gold/")
    score = Score()
    files = sorted(articles_dir.glob("*.txt"))
    if not files:
        raise UsageError(f"{articles_dir} holds no .txt articles")
    for path in files:
        gold_path = gold_dir / f"{path.stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (item,) = list(read_articles(path))
        if isinstance(item, InputError):
            raise item
        facts = extract(item)
        score.add(path.stem, gold, facts.to_json())
        # the converter's output must always conform to the shapes (or the store would reject it)
        report = validate_with_reference(to_graph(facts))
        score.articles += 1
        if not report.conforms:
            score.nonconforming.append((path.stem, report.text()))
    return score
