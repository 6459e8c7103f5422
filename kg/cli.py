"""The `kg` command line: parses arguments, calls the API, prints. No logic of its own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click

from kg import __version__, api
from kg.errors import StateKGError, UsageError
from kg.evaluate import CATEGORIES, evaluate
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export
from kg.files import write_atomically
from kg.ingest import ingest
from kg.output import OUTPUT_FORMATS, extract_paths
from kg.results import RESULT_FORMATS
from kg.store import DEFAULT_LOCATION, StoreError, open_store
from kg.store import store_location as store_location_of
from kg.store.base import STORE_FORMAT
from kg.views import Result, get_view, views


class Group(click.Group):
    """Turns our exceptions into one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except StateKGError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statekg")
def main() -> None:
    """statekg: turn news articles about relations between states into a validated knowledge graph."""


@main.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(OUTPUT_FORMATS)),
    default="table",
    show_default=True,
    help="json: the facts (docs/facts-json.md); ttl/trig/jsonld/nt: the RDF that would be added; table: a summary.",
)
def extract_command(articles: tuple[Path, ...], fmt: str) -> None:
    """Print the facts extracted from ARTICLES (files, directories, .jsonl corpora); writes nothing.

    Bad inputs are reported one line each on stderr and the rest go on; the exit status is 1 if any
    input was rejected.
    """
    results, errors = extract_paths(articles)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    if results:
        click.echo(OUTPUT_FORMATS[fmt](results), nl=False)
    if errors:
        sys.exit(1)


@main.command("eval")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--misses/--no-misses", default=True, show_default=True, help="List gold facts not found.")
def eval_command(directory: Path, misses: bool) -> None:
    """Score the extractor on DIRECTORY/articles/*.txt against DIRECTORY/gold/*.json."""
    score = evaluate(directory)
    click.echo(f"{'category':12s} {'P':>5s} {'R':>5s} {'F1':>5s}   hit/pred/gold")
    for category in CATEGORIES:
        p, r, f = score.prf(category)
        counts = f"{score.hits[category]}/{score.predicted[category]}/{score.gold[category]}"
        click.echo(f"{category:12s} {p:5.2f} {r:5.2f} {f:5.2f}   {counts}")
    if score.dyad_types:
        click.echo("dyads by PLOVER type (RETREAT is scored as CONCEDE):")
        for kind, (hit, predicted, gold) in sorted(score.dyad_types.items(), key=lambda kv: -kv[1][2]):
            click.echo(f"  {kind:10s} hit {hit:3d}  predicted {predicted:3d}  gold {gold:3d}")
    conforming = score.articles - len(score.nonconforming)
    click.echo(f"shapes: {conforming}/{score.articles} articles extract to a graph that conforms")
    for article, violations in score.nonconforming:
        click.echo(f"nonconforming {article}: {violations}")
    if misses:
        for article, category, item in score.misses:
            click.echo(f"miss  {article[:28]:28s} {category:11s} {json.dumps(item, ensure_ascii=False)}")
        for article, category, item in score.extras:
            click.echo(
                f"extra {article[:28]:28s} {category:11s} {json.dumps(item, ensure_ascii=False, default=str)}"
            )


# --- the store --------------------------------------------------------------------------------------
store_option = click.option(
    "--store",
    "store_location",
    envvar="STATEKG_STORE",
    default=None,
    metavar="PATH|URL",
    help=f"Store directory (embedded Oxigraph) or SPARQL 1.1 endpoint URL. Default: $STATEKG_STORE or ./{DEFAULT_LOCATION}.",
)


def _progress(what: str):
    """A progress bar on a terminal, nothing when output is piped."""
    if not sys.stderr.isatty():
        return None

    def tick(done: int, total: int, source: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        click.echo(f"\r{what} [{bar}] {done}/{total} {source[-40:]:40s}", nl=False, err=True)

    return tick


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first rejected article.")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: 2)."
)
def ingest_command(
    paths: tuple[Path, ...], store_location: str | None, strict: bool, workers: int | None
) -> None:
    """Extract, validate and write articles (files, directories, .jsonl corpora).

    The same article again changes nothing; a changed article replaces its graph. Each article is
    validated against what it links to in the store and written in one transaction; a rejected one
    is reported (fact, sentence, rule) and leaves the store unchanged. Exit status 1 if any input
    was rejected.
    """
    with open_store(store_location) as store:
        summary = ingest(store, paths, strict=strict, workers=workers, on_item=_progress("ingesting"))
    if sys.stderr.isatty():
        click.echo("", err=True)
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    for rejection in summary.rejections:
        click.echo(rejection.report(), err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@main.command("add")
@click.argument("facts", type=click.Path(path_type=Path))
@store_option
@click.option("--who", default=None, help="The analyst to record (default: the login name).")
def add_command(facts: Path, store_location: str | None, who: str | None) -> None:
    """Add hand-written facts (.ttl, .nt, .jsonld), validated against the store, all or nothing."""
    with open_store(store_location) as store:
        result = api.add_facts(store, facts, who=who)
    if not result.conforms:
        click.echo(f"{facts}: rejected, nothing added:\n{result.report.text()}", err=True)
        sys.exit(1)
    click.echo(f"{result.triples} triples added to the manual graph ({result.activity})")


@main.command("validate")
@store_option
def validate_command(store_location: str | None) -> None:
    """Validate the whole store with the SHACL shapes. Exit 0 conforms, 1 violations, 2 error."""
    with open_store(store_location, writable=False) as store:
        report = api.validate(store)
    click.echo(report.text())
    sys.exit(0 if report.conforms else 1)


@main.command("remove")
@click.argument("target")
@store_option
def remove_command(target: str, store_location: str | None) -> None:
    """Remove an article (by article IRI, graph IRI or its file) and its facts."""
    with open_store(store_location) as store:
        graph = api.remove_article(store, target)
    click.echo(f"removed {graph}")


@main.command("upgrade")
@store_option
def upgrade_command(store_location: str | None) -> None:
    """Bring a store written by an older statekg up to this version's store format, in place."""
    with open_store(store_location, upgrade=True) as store:
        location = store.location
    click.echo(f"{location} is in store format {STORE_FORMAT}")


@main.command("stats")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats_command(store_location: str | None, as_json: bool) -> None:
    """Counts of states, officials, events, cooperation, relations, articles and triples."""
    with open_store(store_location, writable=False) as store:
        counts = api.stats(store)
    if as_json:
        click.echo(json.dumps(counts))
    else:
        for name, value in counts.items():
            click.echo(f"{name:12s} {value:>10,}")


@main.command("dump")
@store_option
@click.option("--format", "fmt", type=click.Choice(["trig", "nq", "ttl"]), default="trig", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout)."
)
def dump_command(store_location: str | None, fmt: str, output: Path | None) -> None:
    """Write the whole store (trig, nq: with named graphs; ttl: their union)."""
    with open_store(store_location, writable=False) as store:
        data = api.dump(store, fmt)
    if output:
        write_atomically(output, data)  # never a half-written dump under the final name
    else:
        sys.stdout.buffer.write(data)


@main.command("load")
@click.argument("dump", type=click.Path(path_type=Path, dir_okay=False))
@store_option
def load_command(dump: Path, store_location: str | None) -> None:
    """Restore a TriG or N-Quads dump (graphs of the same name are replaced), in one transaction."""
    with open_store(store_location) as store:
        triples = api.load(store, dump)
    click.echo(f"{triples} triples restored from {dump}")


@main.command("build")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Directory for the graph, views and exports.",
)
@store_option
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: 2)."
)
def build_command(
    articles: tuple[Path, ...], out: Path, store_location: str | None, workers: int | None
) -> None:
    """The main job: ingest ARTICLES, validate the store, write graph.trig, views and exports to --out."""
    with open_store(store_location) as store:
        result = api.build(store, list(articles), out, workers=workers)
    for error in result.summary.errors:
        click.echo(f"error: {error}", err=True)
    for rejection in result.summary.rejections:
        click.echo(rejection.report(), err=True)
    click.echo(result.summary.line())
    click.echo(f"validation: {'conforms' if result.report.conforms else 'VIOLATIONS (see validation.txt)'}")
    for path in result.files:
        click.echo(f"wrote {path}")
    if result.summary.failed or not result.report.conforms:
        sys.exit(1)


# --- views and SPARQL ---------------------------------------------------------------------------------
def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {pair!r} must be key=value")
        params[key.strip()] = value
    return params


@main.command("query")
@click.argument("name", required=False)
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A view parameter (repeatable)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RESULT_FORMATS)),
    default="table",
    show_default=True,
    help="csv, tsv and sparql-json follow the W3C SPARQL 1.1 results formats; json is an array of objects.",
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows.")
@click.option(
    "--list", "list_views", is_flag=True, help="List every view with its description and parameters."
)
@click.option("--help-view", is_flag=True, help="Describe the view NAME: parameters and columns.")
@store_option
def query_command(
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    limit: int | None,
    list_views: bool,
    help_view: bool,
    store_location: str | None,
) -> None:
    """Run the relationship view NAME (see --list), e.g. `kg query partners --param state=RUS`."""
    if list_views:
        for view in views().values():
            args = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in view.parameters) or "-"
            click.echo(f"{view.name:28s} {view.title}  [{args}]")
            click.echo(f"{'':28s} {view.description}")
        return
    if not name:
        raise UsageError("name a view (kg query --list shows them)")
    view = get_view(name)
    if help_view:
        click.echo(view.usage())
        return
    parsed = _parse_params(params)
    view.check(parsed)
    with open_store(store_location, writable=False) as store:
        rows = store.select(view.bind(parsed, store))
    result = Result(view.columns, rows[:limit] if limit is not None else rows)
    click.echo(RESULT_FORMATS[fmt](result), nl=False)


UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def _query_form(text: str) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE or an update's."""
    body = re.sub(r"(?m)#.*$", "", text)
    body = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    match = re.match(r"\s*([A-Za-z]+)", body)
    return match.group(1).upper() if match else ""


@main.command("sparql")
@click.argument("query_or_file")
@click.option("--update", is_flag=True, help="Allow SPARQL Update (the store is read-only otherwise).")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RESULT_FORMATS)), default="table", show_default=True
)
@store_option
def sparql_command(query_or_file: str, update: bool, fmt: str, store_location: str | None) -> None:
    """Run any SPARQL query (text or a .rq file) over the union of the store's graphs."""
    path = Path(query_or_file)
    text = (
        path.read_text(encoding="utf-8")
        if path.suffix in (".rq", ".ru", ".sparql") and path.is_file()
        else query_or_file
    )
    form = _query_form(text)
    if form in UPDATE_KEYWORDS and not update:
        raise UsageError("this is a SPARQL Update: pass --update to change the store")
    if form not in UPDATE_KEYWORDS | {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
        raise UsageError(
            "not a SPARQL query: expected SELECT, ASK, CONSTRUCT, DESCRIBE (or an update with --update)"
        )
    try:
        with open_store(store_location, writable=form in UPDATE_KEYWORDS) as store:
            if form in UPDATE_KEYWORDS:
                store.update(text)
                click.echo("update applied")
            elif form == "ASK":
                click.echo("true" if store.ask(text) else "false")
            elif form in ("CONSTRUCT", "DESCRIBE"):
                click.echo(store.construct(text).serialize(format="turtle"), nl=False)
            else:
                rows = store.select(text)
                columns = list(dict.fromkeys(k for row in rows for k in row)) or _select_vars(text)
                click.echo(RESULT_FORMATS[fmt](Result(columns, rows)), nl=False)
    except StoreError as err:
        raise UsageError(_with_line(str(err), text)) from None


def _select_vars(text: str) -> list[str]:
    match = re.search(r"(?is)SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s+WHERE", text)
    return re.findall(r"\?(\w+)", match.group(1)) if match else []


def _with_line(message: str, text: str) -> str:
    """Add the offending line to a parser message that gives 'line:column'."""
    match = re.search(r"error at (\d+):(\d+)", message)
    if not match:
        return message
    lines = text.splitlines()
    number = int(match.group(1))
    if 1 <= number <= len(lines):
        return f"{message} | line {number}: {lines[number - 1].strip()}"
    return message


@main.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@store_option
def serve_command(port: int, store_location: str | None) -> None:
    """Serve the embedded store as a read-only SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph's server).

    Queries see the union of the graphs. Stop with Ctrl-C.
    """
    location = store_location_of(store_location)
    if location.startswith(("http://", "https://")):
        raise UsageError(f"{location} is already a SPARQL endpoint")
    with open_store(location, writable=False) as store:
        store.close_database()  # keep the shared lock, let the server open the database
        binary = Path(sys.executable).parent / "oxigraph"
        command = [
            str(binary) if binary.exists() else "oxigraph",
            "serve-read-only",
            "--location",
            location,
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ]
        click.echo(f"SPARQL endpoint: http://127.0.0.1:{port}/query (read-only; Ctrl-C to stop)", err=True)
        try:
            subprocess.run(command, check=False)
        except FileNotFoundError:
            raise UsageError("the oxigraph server is not installed (pip install oxigraph)") from None
        except KeyboardInterrupt:
            pass


@main.command("export")
@click.option(
    "--view",
    type=click.Choice(["states", "officials", "events", "full"]),
    default="states",
    show_default=True,
    help="states: cooperation between states; officials: who met whom; "
    "events: events and their participants; full: the whole RDF graph.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="gexf (Gephi), graphml (yEd, Gephi, Cytoscape), cyjs (Cytoscape), dot (Graphviz), csv "
    "(nodes.csv and edges.csv in the -o directory), json (node-link), html (a page), ttl/trig/nq/jsonld.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File (directory for csv)."
)
@store_option
def export_command(view: str, fmt: str, output: Path, store_location: str | None) -> None:
    """Export a view of the graph for Gephi, Cytoscape, yEd, Graphviz, a browser or RDF tools."""
    with open_store(store_location, writable=False) as store:
        files = export(store, view, fmt, output)
    for path in files:
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
