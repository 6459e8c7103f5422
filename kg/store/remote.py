"""A remote store: any SPARQL 1.1 endpoint (Query and Update protocols), so statekg can grow past
one machine (Fuseki, GraphDB, Virtuoso, QLever, an Oxigraph server) without code changes.

`--store http://host:port/path` names the endpoint. Query and update URLs are derived the usual
way (Oxigraph: /query and /update; Fuseki: /ds/query and /ds/update; Virtuoso: /sparql for both)
and can be set with STATEKG_QUERY_URL and STATEKG_UPDATE_URL. The endpoint must evaluate queries
over the union of its named graphs by default (oxigraph serve --union-default-graph; Fuseki's
tdb:unionDefaultGraph; Virtuoso does so by default).
"""

from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Dataset, Graph, URIRef

from kg.store.base import Row, Store, StoreError
from kg.store.terms import from_sparql_json
from kg.vocab import GRAPH_META, GRAPH_REFERENCE, KGO, STORE_NODE

TIMEOUT = float(os.environ.get("STATEKG_HTTP_TIMEOUT", "60"))
DUMP_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def endpoint_urls(url: str) -> tuple[str, str]:
    query = os.environ.get("STATEKG_QUERY_URL")
    update = os.environ.get("STATEKG_UPDATE_URL")
    base = url.rstrip("/")
    for suffix in ("/query", "/sparql"):
        if base.endswith(suffix):
            stem = base[: -len(suffix)]
            return query or base, update or (stem + "/update" if suffix == "/query" else base)
    return query or base + "/query", update or base + "/update"


class RemoteStore(Store):
    def __init__(
        self, url: str, writable: bool = True, upgrade: bool = False, finishing_load: bool = False
    ) -> None:
        self.location = url
        self.writable = writable
        self.finishing_load = finishing_load
        self.query_url, self.update_url = endpoint_urls(url)
        self.check_format(writable, upgrade)
        self._check_union_default_graph()

    def _check_union_default_graph(self) -> None:
        """Every view reads the union of the named graphs as the default graph. A server that
        does not would accept every write and answer every view with nothing: the store's
        metadata, found with GRAPH, must also be found without it."""
        named = f"ASK {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {KGO.storeFormat.n3()} ?f }} }}"
        if not self.ask(named):
            return  # a new read-only store: nothing to probe with (and nothing to show)
        if not self.ask(f"ASK {{ {STORE_NODE.n3()} {KGO.storeFormat.n3()} ?f }}"):
            if getattr(self, "wrote_metadata", False):  # leave the server as it was
                self.update(f"DROP SILENT GRAPH {GRAPH_META.n3()} ; DROP SILENT GRAPH {GRAPH_REFERENCE.n3()}")
            raise StoreError(
                f"the SPARQL server at {self.location} does not query the union of its named graphs by "
                "default, so every view would come back empty: start Oxigraph with --union-default-graph "
                "(Fuseki: tdb2:unionDefaultGraph true; Virtuoso does it by default)"
            )

    def _request(self, url: str, body: str, content_type: str, accept: str) -> bytes:
        request = urllib.request.Request(
            url,
            data=body.encode("utf-8"),
            headers={"Content-Type": f"{content_type}; charset=utf-8", "Accept": accept},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - the user's endpoint
                return response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            first = detail[0][:200] if detail else err.reason
            raise StoreError(f"SPARQL endpoint {url} answered {err.code}: {first}") from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, ConnectionRefusedError):
                reason = "connection refused"
            elif isinstance(reason, socket.timeout | TimeoutError):
                reason = f"no answer within {TIMEOUT:.0f} s"
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason}") from None
        except TimeoutError:
            raise StoreError(f"SPARQL endpoint {url} did not answer within {TIMEOUT:.0f} s") from None
        except ConnectionError as err:
            raise StoreError(f"connection to SPARQL endpoint {url} failed: {err}") from None

    def _query(self, query: str, accept: str) -> bytes:
        return self._request(self.query_url, query, "application/sparql-query", accept)

    def select(self, query: str, limit: int | None = None) -> list[Row]:
        data = json.loads(self._query(query, "application/sparql-results+json"))
        bindings = data["results"]["bindings"]
        return [{k: from_sparql_json(v) for k, v in b.items()} for b in bindings[:limit]]

    def ask(self, query: str) -> bool:
        return bool(json.loads(self._query(query, "application/sparql-results+json"))["boolean"])

    def construct(self, query: str) -> Graph:
        return Graph().parse(data=self._query(query, "application/n-triples"), format="nt")

    def update(self, update: str) -> None:
        if not self.writable:
            raise StoreError(f"the store at {self.location} is open read-only")
        self._request(self.update_url, update, "application/sparql-update", "*/*")

    def dump(self, fmt: str) -> bytes:
        if fmt in ("ttl", "nt"):
            return (
                self.construct(DUMP_QUERY)
                .serialize(format="turtle" if fmt == "ttl" else "nt")
                .encode("utf-8")
            )
        dataset = Dataset()
        for iri in self.graph_iris():
            target = dataset.graph(URIRef(iri))
            for triple in self.graph(URIRef(iri)):
                target.add(triple)
        return dataset.serialize(format="trig" if fmt == "trig" else "nquads").encode("utf-8")
