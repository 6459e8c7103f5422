"""The states graph as one self-contained HTML page: vis-network (taken from the pyvis package,
which ships its built files) inlined, no CDN; nodes sized by activity, one line per cooperation
type coloured by type, a legend that filters, a date slider, and the evidence on click."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from kg.export.model import ExportGraph
from kg.lexicon import load_lexicon
from kg.store import Store
from kg.views import run_view

# colour-blind-friendly palette (Okabe-Ito, then Tol's muted), one per cooperation type (by slug)
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#6699CC",
    "#997700",
    "#EE7733",
    "#BBBBBB",
]
VIS_DIR = "templates/lib/vis-9.1.2"


def _vis_assets() -> tuple[str, str]:
    base = resources.files("pyvis") / VIS_DIR
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(
        encoding="utf-8"
    )


def page_data(store: Store, graph: ExportGraph) -> dict:
    per_type = run_view(store, "cooperation").records()
    edges = []
    for rank_by_pair, row in _ranked(per_type):
        edges.append(
            {
                "id": f"coop-{row['state_a']}-{row['state_b']}|{row['type']}",
                "source": f"state-{row['state_a']}",
                "target": f"state-{row['state_b']}",
                "type": row["type"],
                "stance": row["stance"],
                "events": row["events"],
                "first": row["first"],
                "last": row["last"],
                "rank": rank_by_pair,
            }
        )
    known = {n.id for n in graph.nodes}
    return {
        "nodes": [{"id": n.id, "label": n.label, **n.attrs} for n in graph.nodes],
        "edges": [e for e in edges if e["source"] in known and e["target"] in known],
        # the palette cycles, so a scheme of any size draws (a new type must never break the page)
        "colors": {
            slug: PALETTE[i % len(PALETTE)] for i, slug in enumerate(sorted(load_lexicon().cooperation_types))
        },
        "evidence": graph.evidence,
    }


def _ranked(rows: list[dict]):
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        pair = (row["state_a"], row["state_b"])
        seen[pair] = seen.get(pair, -1) + 1
        yield seen[pair], row


def to_html(store: Store, graph: ExportGraph) -> bytes:
    template = (Path(__file__).parent / "templates" / "states.html").read_text(encoding="utf-8")
    js, css = _vis_assets()
    data = json.dumps(page_data(store, graph), ensure_ascii=False).replace("</", "<\\/")
    page = (
        template.replace("/*VIS_CSS*/", css)
        .replace("/*DATA*/", data)
        .replace("/*VIS_JS*/", js.replace("</script", "<\\/script"))
    )
    return page.encode("utf-8")
