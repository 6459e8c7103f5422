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

from kg.store.base import Row, Store, StoreError, Update, request_text
from kg.store.terms import from_sparql_json
from kg.vocab import GRAPH_META, GRAPH_REFERENCE, KGO, STORE_NODE

TIMEOUT = float(os.environ.get("STATEKG_HTTP_TIMEOUT", "60"))
DUMP_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def endpoint_urls(url: str) -> tuple[str, str]:
    query = os.environ.get("STATEKG_QUERY_URL")
    update = os.environ.get("STATEKG_UPDATE_URL")
    base = url.rstrip("/")
    if base.endswith("/query"):  # Oxigraph, Fuseki: /query and /update side by side
        return query or base, update or base[: -len("/query")] + "/update"
    if base.endswith(("/sparql", "/sparql-auth")):  # one endpoint for both (Virtuoso, QLever, ...)
        return query or base, update or base
    return query or base + "/query", update or base + "/update"


def without_credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL with any user:password@ taken out (what messages show), the user and the password."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, urllib.parse.unquote(parts.username or ""), urllib.parse.unquote(parts.password or "")


class RemoteStore(Store):
    def __init__(
        self, url: str, writable: bool = True, upgrade: bool = False, finishing_load: bool = False
    ) -> None:
        # credentials (http://user:password@host/...) go to the HTTP layer, never into a message
        url, user, password = without_credentials(url)
        self.location = url
        self.writable = writable
        self.finishing_load = finishing_load
        self.query_url, self.update_url = endpoint_urls(url)
        self.max_request: int | None = None  # set below for servers that take only small updates
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, [self.query_url, self.update_url], user, password or "")
            # Basic (Fuseki, GraphDB, a proxy) or Digest (Virtuoso's /sparql-auth), as the server asks
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)
        self.server = self._server_name()
        if "virtuoso" in self.server.lower():
            self.max_request = int(os.environ.get("STATEKG_MAX_UPDATE_CHARS", "200000"))
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
            with self._opener.open(request, timeout=TIMEOUT) as response:
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

    def _server_name(self) -> str:
        """The server's name as its HTTP `Server` header gives it ('' if it gives none)."""
        body = urllib.parse.urlencode({"query": "ASK {}"})
        request = urllib.request.Request(
            self.query_url,
            data=body.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
            method="POST",
        )
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                return response.headers.get("Server", "")
        except urllib.error.HTTPError as err:
            return err.headers.get("Server", "") if err.headers else ""
        except OSError:
            return ""  # unreachable: the first real request says so in one line

    def _query(self, query: str, accept: str) -> bytes:
        # the URL-encoded POST of the protocol: every engine takes it (Virtuoso 7.2 does not read
        # a query sent as an application/sparql-query body)
        body = urllib.parse.urlencode({"query": query})
        return self._request(self.query_url, body, "application/x-www-form-urlencoded", accept)

    def select(self, query: str, limit: int | None = None) -> list[Row]:
        data = json.loads(self._query(query, "application/sparql-results+json"))
        bindings = data["results"]["bindings"]
        return [{k: from_sparql_json(v) for k, v in b.items()} for b in bindings[:limit]]

    def ask(self, query: str) -> bool:
        data = json.loads(self._query(query, "application/sparql-results+json"))
        if "boolean" in data:
            return bool(data["boolean"])
        # Virtuoso 7.2 answers an ASK as a one-row SELECT of ?__ASK_RETVAL (1 or 0)
        rows = data.get("results", {}).get("bindings", [])
        value = next(iter(rows[0].values()), {}).get("value") if rows else "0"
        return value in ("1", "true")

    def construct(self, query: str) -> Graph:
        return Graph().parse(data=self._query(query, "application/n-triples"), format="nt")

    def update(self, update: Update) -> None:
        """One request, atomic; or, on a server whose SPARQL parser takes only small requests
        (Virtuoso 7.2 runs out of memory at about 5,000 triples), the operations in requests of at
        most `max_request` characters, each atomic, an operation never split."""
        if not self.writable:
            raise StoreError(f"the store at {self.location} is open read-only")
        operations = [update] if isinstance(update, str) else update
        for text in self._requests(operations):
            body = urllib.parse.urlencode({"update": text})
            self._request(self.update_url, body, "application/x-www-form-urlencoded", "*/*")

    def _requests(self, operations: list[str]) -> list[str]:
        if self.max_request is None:
            return [request_text(operations)]
        requests, current, size = [], [], 0
        for op in operations:
            if current and size + len(op) > self.max_request:
                requests.append(request_text(current))
                current, size = [], 0
            current.append(op)
            size += len(op) + 3
        if current:
            requests.append(request_text(current))
        return requests

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
