"""The states graph as one self-contained HTML page, no CDN and no network request: vis-network (from
the pyvis package, which ships its built files) draws the graph, plotly.js (from the plotly
package) the pair panel's chart. Arrows for what one state did to another, coloured by quad class
(cooperation cool, conflict warm) and as wide as they are frequent; one line per cooperation type
between partners; legends that filter by PLOVER type, quad class and cooperation type; a slider
over the months; and on a click, the pair's barometer by month and the sentences behind it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from kg.export.model import ExportGraph
from kg.lexicon import load_lexicon
from kg.store import Store
from kg.views import run_view
from kg.vocab import KGO

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
# quad classes: cooperation in cool colours, conflict in warm ones (Okabe-Ito)
QUAD_COLOURS = {
    "verbal-cooperation": "#56B4E9",
    "material-cooperation": "#0072B2",
    "verbal-conflict": "#E69F00",
    "material-conflict": "#D55E00",
}


def _plotly_js() -> str:
    return (resources.files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    base = resources.files("pyvis") / VIS_DIR
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(
        encoding="utf-8"
    )


def page_data(store: Store, graph: ExportGraph) -> dict:
    per_type = run_view(store, "cooperation").records()
    lines = [
        {
            "id": f"coop-{row['state_a']}-{row['state_b']}|{row['type']}",
            "source": f"state-{row['state_a']}",
            "target": f"state-{row['state_b']}",
            "kind": "cooperation",
            "type": row["type"],
            "stance": row["stance"],
            "events": row["events"],
            "first": row["first"],
            "last": row["last"],
            "months": [],
        }
        for row in per_type
    ]
    lines += [
        {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "kind": "act",
            "type": edge.attrs["type"],
            "quad": edge.attrs["quad"],
            "events": edge.attrs["events"],
            "score": edge.attrs["score"],
            "first": edge.start,
            "last": edge.end,
            "months": [start[:7] for start, _ in edge.spells],
        }
        for edge in graph.edges
        if edge.directed
    ]
    known = {n.id for n in graph.nodes}
    lines = [e for e in lines if e["source"] in known and e["target"] in known]
    _rank_parallel(lines)
    lexicon = load_lexicon()
    quad_of = {
        code: concept.extra.get(str(KGO.quadClass), [""])[0].rsplit("/", 1)[-1]
        for code, concept in lexicon.plover_types.items()
    }
    return {
        "nodes": [{"id": n.id, "label": n.label, **n.attrs} for n in graph.nodes],
        "edges": lines,
        # the palette cycles, so a scheme of any size draws (a new type must never break the page)
        "colors": {
            slug: PALETTE[i % len(PALETTE)] for i, slug in enumerate(sorted(lexicon.cooperation_types))
        },
        "quadColors": QUAD_COLOURS,
        "quadOf": quad_of,
        "ploverOrder": sorted(
            lexicon.plover_types,
            key=lambda c: int(lexicon.plover_types[c].extra.get(str(KGO.order), ["99"])[0]),
        ),
        "evidence": graph.evidence,
        "acts": graph.acts,
    }


def _rank_parallel(lines: list[dict]) -> None:
    """Give each line between the same two states its own curve: rank 0, 1, 2... over both
    directions and kinds, so parallel lines bend apart and never share a click target."""
    seen: dict[frozenset[str], int] = {}
    for line in lines:
        pair = frozenset((line["source"], line["target"]))
        seen[pair] = seen.get(pair, -1) + 1
        line["rank"] = seen[pair]


def to_html(store: Store, graph: ExportGraph) -> bytes:
    template = (Path(__file__).parent / "templates" / "states.html").read_text(encoding="utf-8")
    js, css = _vis_assets()
    data = json.dumps(page_data(store, graph), ensure_ascii=False).replace("</", "<\\/")
    # the data last: nothing in it (an article's words) is ever read as a placeholder
    page = (
        template.replace("/*VIS_CSS*/", css)
        .replace("/*VIS_JS*/", js.replace("</script", "<\\/script"))
        .replace("/*PLOTLY_JS*/", _plotly_js().replace("</script", "<\\/script"))
        .replace("/*DATA*/", data)
    )
    return page.encode("utf-8")
