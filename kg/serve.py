"""`kg serve`: the views and the states page over HTTP, beside the store's read-only SPARQL endpoint.

    GET /views                       the views, their parameters and columns (JSON)
    GET /views/NAME?key=value&format=json|csv|tsv
                                     a view's rows, bound and checked as `kg query` does them
    GET /states                      the states page, drawn from the store at the time of the request
    GET /query?query=...  (and /)    SPARQL 1.1 Query and its YASGUI page (Oxigraph's read-only server
                                     for an embedded store, started as a child and reached through
                                     this one; a remote store answers SPARQL itself)

The standard library's ThreadingHTTPServer is enough for a read-only service on one machine and
adds no dependency; every request is answered by a small handler, and nothing a client sends can
make it print a traceback: a bad request is a 4xx with one line, a store problem a 503.
"""

from __future__ import annotations

import contextlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kg.errors import StateKGError, UsageError
from kg.results import RESULT_FORMATS
from kg.store import Store, StoreError
from kg.views import Result, get_view, views

MAX_URL = 8192  # longer request lines get 414
VIEW_FORMATS = {"json": "application/json", "csv": "text/csv", "tsv": "text/tab-separated-values"}
PROXIED = ("/query", "/", "/yasgui")  # paths answered by the SPARQL server


class ViewsServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], open_store: Callable[[], Store], sparql: str | None) -> None:
        super().__init__(address, Handler)
        self.open_store = open_store  # a read-only store per request: each sees the latest writes
        self.sparql = sparql  # the SPARQL server's base URL, or None


def view_listing() -> list[dict[str, Any]]:
    return [
        {
            "name": view.name,
            "title": view.title,
            "description": view.description,
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "required": p.required,
                    "description": p.description,
                    "example": p.example,
                    "default": p.default,
                    **({"values": list(p.values)} if p.values else {}),
                }
                for p in view.parameters
            ],
            "columns": view.columns,
            "url": f"/views/{view.name}",
        }
        for view in views().values()
    ]


class Handler(BaseHTTPRequestHandler):
    server: ViewsServer
    server_version = "statekg"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if os.environ.get("STATEKG_HTTP_LOG"):
            super().log_message(format, *args)

    # -- answers -------------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        body = json.dumps({"error": message.splitlines()[0] if message else HTTPStatus(status).phrase})
        self._send(status, (body + "\n").encode("utf-8"), "application/json")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # the base class's own errors (malformed request line, a URL too long) in our one-line form
        self.close_connection = True
        with contextlib.suppress(OSError):
            self._error(code, message or HTTPStatus(code).phrase)

    # -- routing -------------------------------------------------------------------------------------
    def do_HEAD(self) -> None:  # noqa: N802 - the base class's naming
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if len(self.path) > MAX_URL:
            self._error(414, f"request URL longer than {MAX_URL} characters")
            return
        try:
            url = urllib.parse.urlsplit(self.path)
            route = url.path.rstrip("/") or "/"
            if route == "/views":
                self._send(200, json.dumps(view_listing(), indent=1).encode("utf-8"), "application/json")
            elif route.startswith("/views/"):
                self._view(urllib.parse.unquote(route[len("/views/") :]), url.query)
            elif route in ("/states", "/states.html"):
                self._states()
            elif self.server.sparql and (route in PROXIED or route.startswith("/query")):
                self._proxy()
            else:
                self._error(404, f"no such page {route!r}: see /views, /views/NAME, /states, /query")
        except UsageError as err:
            self._error(404 if "unknown view" in str(err) else 400, str(err))
        except StoreError as err:
            self._error(503, str(err))
        except StateKGError as err:
            self._error(400, str(err))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_POST(self) -> None:  # noqa: N802
        route = urllib.parse.urlsplit(self.path).path
        if self.server.sparql and route.startswith("/query"):
            self._proxy()
        else:
            self._error(405, "read-only: GET /views, /views/NAME and /states; SPARQL queries POST to /query")

    def do_PUT(self) -> None:  # noqa: N802
        self._error(405, "read-only")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    # -- the pages -----------------------------------------------------------------------------------
    def _view(self, name: str, query: str) -> None:
        view = get_view(name)
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, max_num_fields=50)
        params: dict[str, str] = {}
        fmt = "json"
        for key, value in pairs:
            if key == "format":
                fmt = value
                continue
            if key in params:
                raise UsageError(f"parameter {key} is given twice: a view takes one value per parameter")
            params[key] = value
        if fmt not in VIEW_FORMATS:
            raise UsageError(f"format {fmt!r} is not one of: {', '.join(VIEW_FORMATS)}")
        view.check(params)
        with self.server.open_store() as store:
            rows = store.select(view.bind(params, store))
        result = Result(view.columns, rows)
        body = RESULT_FORMATS[fmt](result).encode("utf-8")
        self._send(200, body, VIEW_FORMATS[fmt] + "; charset=utf-8")

    def _states(self) -> None:
        from kg.export import page_bytes

        with self.server.open_store() as store:
            body = page_bytes(store)
        self._send(200, body, "text/html; charset=utf-8")

    def _proxy(self) -> None:
        """Pass a SPARQL request to the SPARQL server, and its answer back."""
        length = int(self.headers.get("Content-Length") or 0)
        if length > 10_000_000:
            self._error(413, "request body over 10 MB")
            return
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type")}
        request = urllib.request.Request(
            self.server.sparql + self.path, data=body, headers=headers, method=self.command
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 - our own child server
                status, content, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            status, content, kind = err.code, err.read(), err.headers.get("Content-Type", "text/plain")
        except OSError as err:
            self._error(503, f"the SPARQL server did not answer: {err}")
            return
        self._send(status, content, kind or "application/octet-stream")


def serve(address: tuple[str, int], open_store: Callable[[], Store], sparql: str | None) -> ViewsServer:
    try:
        return ViewsServer(address, open_store, sparql)
    except OSError as err:
        raise UsageError(f"cannot listen on {address[0]}:{address[1]}: {err.strerror or err}") from None
