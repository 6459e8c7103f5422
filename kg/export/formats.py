"""Writers for the drawing tools: GEXF 1.3 (Gephi, dynamic), GraphML (yEd, Gephi, Cytoscape),
Cytoscape.js JSON, Graphviz DOT, CSV node and edge lists, node-link JSON. Each takes an
ExportGraph and returns bytes (CSV returns the two files)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from kg import __version__
from kg.export.model import ExportGraph

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YFILES_NS = "http://www.yworks.com/xml/graphml"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _gexf_type(kind: type) -> str:
    return {int: "integer", float: "double"}.get(kind, "string")


def _graphml_type(kind: type) -> str:
    return {int: "int", float: "double"}.get(kind, "string")


def to_gexf(graph: ExportGraph) -> bytes:
    """GEXF 1.3, dynamic: every edge carries its first and last date and, for a directed act, a
    spell per month it was seen in, so Gephi's timeline plays the relations month by month. Acts
    are directed edges; cooperation pairs undirected (GEXF's per-edge type: a mixed graph)."""
    ET.register_namespace("", GEXF_NS)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(
        root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": datetime.now(UTC).date().isoformat()}
    )
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = f"statekg {__version__}"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = f"statekg {graph.name} graph"
    g = ET.SubElement(
        root,
        f"{{{GEXF_NS}}}graph",
        {
            "mode": "dynamic",
            "defaultedgetype": "directed" if graph.directed else "undirected",
            "timeformat": "date",
            "timerepresentation": "interval",
        },
    )
    for cls, items in (("node", graph.nodes), ("edge", graph.edges)):
        attributes = ET.SubElement(g, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
        for key, kind in graph.attribute_types(items).items():
            ET.SubElement(
                attributes, f"{{{GEXF_NS}}}attribute", {"id": key, "title": key, "type": _gexf_type(kind)}
            )
    nodes = ET.SubElement(g, f"{{{GEXF_NS}}}nodes")
    for node in graph.nodes:
        element = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": node.id, "label": node.label})
        _attvalues(element, node.attrs)
    edges = ET.SubElement(g, f"{{{GEXF_NS}}}edges")
    for edge in graph.edges:
        attrs = {"id": edge.id, "source": edge.source, "target": edge.target, "label": edge.label}
        if "weight" in edge.attrs:
            attrs["weight"] = str(edge.attrs["weight"])
        if graph.mixed:
            attrs["type"] = "directed" if edge.directed else "undirected"
        if edge.spells:  # the spells say when; an edge has either spells or start/end
            element = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", attrs)
            _attvalues(element, edge.attrs)
            spells = ET.SubElement(element, f"{{{GEXF_NS}}}spells")
            for start, end in edge.spells:
                ET.SubElement(spells, f"{{{GEXF_NS}}}spell", {"start": start, "end": end})
            continue
        if edge.start:
            attrs["start"] = edge.start
        if edge.end:
            attrs["end"] = edge.end
        element = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", attrs)
        _attvalues(element, edge.attrs)
    return _xml(root)


def _attvalues(element: ET.Element, attrs: dict) -> None:
    values = ET.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for key, value in attrs.items():
        if value is not None:
            ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": str(value)})


def _graphml_data(element: ET.Element, cls: str, attrs: dict, keys: dict[tuple[str, str], str]) -> None:
    """One GraphML <data> child per attribute that has a value, under the key declared for it."""
    for name, value in attrs.items():
        if value is not None:
            ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": keys[(cls, name)]}).text = str(value)


def to_graphml(graph: ExportGraph) -> bytes:
    """GraphML with typed attributes; labels both as a 'label' key (Gephi, Cytoscape) and as
    yFiles node and edge labels (yEd shows labels only from its own extension)."""
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", YFILES_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    keys = {}
    for cls, items in (("node", graph.nodes), ("edge", graph.edges)):
        key_id = f"{cls}-label"
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            {"id": key_id, "for": cls, "attr.name": "label", "attr.type": "string"},
        )
        for name, kind in graph.attribute_types(items).items():
            key = f"{cls}-{name}"
            keys[(cls, name)] = key
            ET.SubElement(
                root,
                f"{{{GRAPHML_NS}}}key",
                {"id": key, "for": cls, "attr.name": name, "attr.type": _graphml_type(kind)},
            )
        ET.SubElement(
            root, f"{{{GRAPHML_NS}}}key", {"id": f"{cls}-yfiles", "for": cls, "yfiles.type": f"{cls}graphics"}
        )
    default = "directed" if graph.directed else "undirected"
    g = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": graph.name, "edgedefault": default})
    for node in graph.nodes:
        element = ET.SubElement(g, f"{{{GRAPHML_NS}}}node", {"id": node.id})
        ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "node-label"}).text = node.label
        _graphml_data(element, "node", node.attrs, keys)
        shape = ET.SubElement(
            ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "node-yfiles"}),
            f"{{{YFILES_NS}}}ShapeNode",
        )
        ET.SubElement(
            shape, f"{{{YFILES_NS}}}Geometry", {"width": str(max(60, 8 * len(node.label))), "height": "30"}
        )
        ET.SubElement(shape, f"{{{YFILES_NS}}}NodeLabel").text = node.label
    for edge in graph.edges:
        ends = {"id": edge.id, "source": edge.source, "target": edge.target}
        if graph.mixed:  # GraphML's per-edge direction, against the graph's default
            ends["directed"] = "true" if edge.directed else "false"
        element = ET.SubElement(g, f"{{{GRAPHML_NS}}}edge", ends)
        ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "edge-label"}).text = edge.label
        _graphml_data(element, "edge", edge.attrs, keys)
        line = ET.SubElement(
            ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "edge-yfiles"}),
            f"{{{YFILES_NS}}}PolyLineEdge",
        )
        if edge.directed:  # yEd draws direction from its own arrow element
            ET.SubElement(line, f"{{{YFILES_NS}}}Arrows", {"source": "none", "target": "standard"})
        ET.SubElement(line, f"{{{YFILES_NS}}}EdgeLabel").text = edge.label
    return _xml(root)


def to_cyjs(graph: ExportGraph) -> bytes:
    """Cytoscape.js / Cytoscape desktop JSON: string ids, unique across nodes and edges."""
    nodes = [{"data": {"id": n.id, "label": n.label, "name": n.label, **n.attrs}} for n in graph.nodes]
    edges = [
        {
            "data": {
                "id": e.id,
                "source": e.source,
                "target": e.target,
                "label": e.label,
                "interaction": e.attrs.get("kind", e.attrs.get("type", graph.name)),
                "directed": e.directed,
                **e.attrs,
            }
        }
        for e in graph.edges
    ]
    document = {
        "format_version": "1.0",
        "generated_by": f"statekg {__version__}",
        "target_cytoscapejs_version": "~3",
        "data": {"name": f"statekg {graph.name}"},
        "elements": {"nodes": nodes, "edges": edges},
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _dot_quote(value: object) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: ExportGraph) -> bytes:
    """Graphviz DOT: opaque quoted ids (a colon would be port syntax), names as labels."""
    directed = any(e.directed for e in graph.edges)
    kind, arrow = ("digraph", "->") if directed else ("graph", "--")
    lines = [
        f"{kind} {_dot_quote('statekg ' + graph.name)} {{",
        "  node [shape=ellipse, fontname=Helvetica];",
    ]
    for node in graph.nodes:
        attrs = ", ".join(f"{k}={_dot_quote(v)}" for k, v in node.attrs.items() if v is not None)
        lines.append(
            f"  {_dot_quote(node.id)} [label={_dot_quote(node.label)}{', ' + attrs if attrs else ''}];"
        )
    for edge in graph.edges:
        attrs = ", ".join(f"{k}={_dot_quote(v)}" for k, v in edge.attrs.items() if v is not None)
        if directed and not edge.directed:
            attrs = "dir=none" + (", " + attrs if attrs else "")  # a pair in a graph of acts
        lines.append(
            f"  {_dot_quote(edge.source)} {arrow} {_dot_quote(edge.target)} "
            f"[id={_dot_quote(edge.id)}, label={_dot_quote(edge.label)}{', ' + attrs if attrs else ''}];"
        )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_csv(graph: ExportGraph) -> dict[str, bytes]:
    """nodes.csv and edges.csv, one column per attribute."""
    files = {}
    for name, items, fixed in (
        ("nodes.csv", graph.nodes, ["id", "label"]),
        ("edges.csv", graph.edges, ["id", "source", "target", "label", "directed"]),
    ):
        columns = fixed + list(graph.attribute_types(items))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for item in items:
            row = {**{c: getattr(item, c) for c in fixed}, **item.attrs}
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        files[name] = out.getvalue().encode("utf-8")
    return files


def to_node_link(graph: ExportGraph) -> bytes:
    """networkx's node-link JSON, with the edge list under 'edges' (the key networkx is moving to)."""
    import networkx as nx

    from kg.export.networkx import to_nx

    data = nx.node_link_data(to_nx(graph), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
