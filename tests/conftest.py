"""Shared fixtures: the repository's paths and a CLI runner with a fixed clock."""

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "tass-2021-08-23-russia-myanmar-fomin-maung-aye.txt"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Extraction records when it ran; tests pin that time so output is comparable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_oxigraph(location: Path, union_default_graph: bool = True):
    """A real Oxigraph SPARQL server on 127.0.0.1 (the `oxigraph` package's CLI): (process, URL)."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request

    beside = Path(sys.executable).parent / "oxigraph"  # installed into the same environment as pytest
    binary = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert binary, "the oxigraph CLI is a test dependency: pip install -e '.[test]'"
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command + (["--union-default-graph"] if union_default_graph else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph serve did not start")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server with union-default-graph semantics, for the session."""
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["embedded", "remote"])
def store_location(request, tmp_path):
    """The same store tests run against the embedded store and a real SPARQL 1.1 server."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    url = request.getfixturevalue("oxigraph_server")
    import urllib.request

    urllib.request.urlopen(
        urllib.request.Request(
            f"{url}/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
    )
    return url
