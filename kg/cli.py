"""The `kg` command line: parses arguments, calls the API, prints. No logic of its own."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import click

from kg import __version__, api
from kg.errors import StateKGError, UsageError
from kg.evaluate import CATEGORIES, evaluate
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export
from kg.export.model import EXPORT_VIEWS
from kg.files import write_atomically
from kg.ingest import BATCH_SIZE, IngestStopped, IngestSummary, ingest
from kg.output import OUTPUT_FORMATS, extract_paths
from kg.processes import start_child, stop, stop_on_signals
from kg.progress import Tally
from kg.results import RESULT_FORMATS
from kg.shards import extract_shards, is_shard_directory, load_shards
from kg.sources import INPUT_FORMATS, InputOptions
from kg.sparql import QUERY_FORMS, UPDATE_KEYWORDS, query_form, query_text, uses_service
from kg.store import DEFAULT_LOCATION, StoreError, open_store
from kg.store import store_location as store_location_of
from kg.store.base import STORE_FORMAT
from kg.views import Result, get_view, views


class Group(click.Group):
    """Turns our exceptions into one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        # rdflib logs a traceback for every literal it cannot read ("2024-02-30"^^xsd:date); the
        # shapes reject such a value with a message of their own, so its log stays quiet
        logging.getLogger("rdflib").setLevel(logging.ERROR)
        try:
            return super().invoke(ctx)
        except StateKGError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)
        except OSError as err:  # a file the user named: missing, unwritable, a full disk
            where = f": {err.filename}" if err.filename else ""
            click.echo(f"error: {err.strerror or err}{where}", err=True)
            sys.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as err:
            # a bug: one line that says so; the traceback only when asked for
            if os.environ.get("STATEKG_DEBUG"):
                raise
            click.echo(
                f"error: internal error ({type(err).__name__}: {err}); this is a statekg bug, please "
                "report it with the command and STATEKG_DEBUG=1 set (prints the traceback)",
                err=True,
            )
            sys.exit(3)


def _print_version(ctx: click.Context) -> None:
    from kg.converter import MODEL, MODEL_VERSION, converter_version, parse_enabled

    parse = f"parse by {MODEL} {MODEL_VERSION}" if parse_enabled() else "no parse (STATEKG_PARSE=0)"
    click.echo(f"statekg {__version__}\nconverter {converter_version()} ({parse})")
    ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help="Show the version, and the converter's (its code and the hash of its knowledge), and exit.",
)
def main() -> None:
    """statekg: turn news articles about relations between states into a validated knowledge graph."""


def _input_options(input_format: str | None, text_column: str) -> InputOptions:
    return InputOptions(input_format=input_format, text_column=text_column)


input_format_option = click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Read every input as this format instead of detecting it by extension and content: text "
    "(with an optional header), jsonl, html (a saved page), feed (RSS/Atom), json (news-API style), csv.",
)
text_column_option = click.option(
    "--text-column",
    default="text",
    show_default=True,
    metavar="NAME",
    help="The CSV column that holds an article's text (date, url, title columns are read if present).",
)
scheduler_option = click.option(
    "--scheduler",
    envvar="STATEKG_SCHEDULER",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler (tcp://HOST:8786) to extract on; default: $STATEKG_SCHEDULER, else a "
    "LocalCluster of --workers processes when there are 200+ articles to convert.",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Extraction processes of the LocalCluster (default: one per core; 1 = in this process).",
)
batch_option = click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=BATCH_SIZE,
    show_default=True,
    help="Articles checked and written in one transaction.",
)


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
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write checked N-Quads shards to this directory instead of printing (for `kg load DIR`): "
    "the shard path for very large corpora.",
)
@workers_option
@scheduler_option
@input_format_option
@text_column_option
def extract_command(
    articles: tuple[Path, ...],
    fmt: str,
    out: Path | None,
    workers: int | None,
    scheduler: str | None,
    input_format: str | None,
    text_column: str,
) -> None:
    """Print the facts extracted from ARTICLES (files, directories, .jsonl corpora); writes nothing.

    With --out DIR, convert and check them on every core (or --scheduler) and write N-Quads shards
    and a manifest to DIR, to bulk-load with `kg load DIR`. Bad inputs are reported one line each on
    stderr and the rest go on; the exit status is 1 if any input was rejected.
    """
    if out is not None:
        with stop_on_signals():
            summary = extract_shards(
                articles,
                out,
                workers,
                scheduler,
                on_progress=_progress("extracting"),
                options=_input_options(input_format, text_column),
            )
        if sys.stderr.isatty():
            click.echo("", err=True)
        for error in summary.errors:
            click.echo(f"error: {error}", err=True)
        for line in summary.quarantines:
            click.echo(f"quarantine: {line}", err=True)
        click.echo(f"{summary.line()}; wrote {out}")
        if summary.errors:
            sys.exit(1)
        return
    results, errors = extract_paths(articles, _input_options(input_format, text_column))
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


def _note(message: str) -> None:
    click.echo(f"kg: {message}", err=True)


def open_writer(location: str | None, upgrade: bool = False):
    """The store for a command that writes: it waits for another writer, and says so."""
    return open_store(location, upgrade=upgrade, notify=_note)


def open_reader(location: str | None):
    """The store for a command that only reads: no lock, a consistent view even during an ingest."""
    store = open_store(location, writable=False)
    if store.stale_summaries:
        _note(
            "an ingest is writing (or was stopped): the summaries the state views read are behind its "
            "articles until it ends (or the next writer opens the store)"
        )
    return store


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def _progress(what: str):
    """Progress with articles/s and the time left: a bar redrawn in place on a terminal, a line
    every 10 s when stderr is a file or a pipe (a long ingest in a log says where it is)."""
    on_terminal = sys.stderr.isatty()
    last = [0.0]

    def tick(summary: Tally, source: str) -> None:
        now = time.monotonic()
        if not on_terminal and now - last[0] < 10 and summary.done < summary.total:
            return
        last[0] = now
        eta = summary.eta()
        left = f", {_duration(eta)} left" if eta is not None and summary.done < summary.total else ""
        counts = f"{summary.done}/{summary.total} ({summary.rate():.1f} articles/s{left})"
        if on_terminal:
            width = 24
            filled = width * summary.done // max(summary.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            click.echo(f"\r\033[K{what} [{bar}] {counts} {source[-30:]}", nl=False, err=True)
        else:
            click.echo(f"{what} {counts}", err=True)

    return tick


def _report_ingest(summary: IngestSummary) -> None:
    if sys.stderr.isatty():
        click.echo("", err=True)
    for error in summary.errors:
        click.echo(f"error: {error}", err=True)
    for rejection in summary.rejections:
        click.echo(rejection.report(), err=True)
    for line in summary.quarantines:
        click.echo(f"quarantine: {line}", err=True)


def _ingesting(store_location: str | None, run):
    """Run an ingest under the writer lock; an interrupt or a store fault ends it with one line
    that says what was stored (exit 130 for Ctrl-C / SIGTERM)."""
    stopped: IngestStopped | None = None
    try:
        with stop_on_signals(), open_writer(store_location) as store:
            try:
                return run(store)
            except IngestStopped as err:
                stopped = err  # reported below, after the store is closed
    except StoreError:
        if stopped is None:
            raise
        # closing failed too (a full disk fails the final flush as well): the stop says it all
    assert stopped is not None
    _report_ingest(stopped.summary)
    click.echo(f"error: {stopped}", err=True)
    sys.exit(stopped.exit_code)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option(
    "--strict",
    is_flag=True,
    help="All or nothing per article: reject an article with any fact that violates a shape "
    "(default: quarantine such facts, store the rest), and stop at the first rejection.",
)
@workers_option
@scheduler_option
@batch_option
@input_format_option
@text_column_option
def ingest_command(
    paths: tuple[Path, ...],
    store_location: str | None,
    strict: bool,
    workers: int | None,
    scheduler: str | None,
    batch_size: int,
    input_format: str | None,
    text_column: str,
) -> None:
    """Extract, validate and write articles (files, directories, .jsonl corpora).

    Articles are checked against the shapes with what they link to in the store and written in
    batches, one transaction each. A fact that violates a shape is quarantined (kept out of the
    views and exports, listed by `kg query quarantine`) and the rest of its article is stored.
    The same article again changes nothing; a changed article replaces its graph; an interrupted
    ingest resumes where it stopped. Exit status 1 if any input was rejected.
    """
    summary = _ingesting(
        store_location,
        lambda store: ingest(
            store,
            paths,
            strict=strict,
            workers=workers,
            scheduler=scheduler,
            batch_size=batch_size,
            on_progress=_progress("ingesting"),
            options=_input_options(input_format, text_column),
        ),
    )
    _report_ingest(summary)
    click.echo(f"{summary.line()} in {_duration(time.monotonic() - summary.started)}")
    if summary.failed:
        sys.exit(1)


@main.command("add")
@click.argument("facts", type=click.Path(path_type=Path))
@store_option
@click.option("--who", default=None, help="The analyst to record (default: the login name).")
def add_command(facts: Path, store_location: str | None, who: str | None) -> None:
    """Add hand-written facts (.ttl, .nt, .jsonld), validated against the store, all or nothing."""
    with open_writer(store_location) as store:
        result = api.add_facts(store, facts, who=who)
    if not result.conforms:
        click.echo(f"{facts}: rejected, nothing added:\n{result.report.text()}", err=True)
        sys.exit(1)
    click.echo(f"{result.triples} triples added to the manual graph ({result.activity})")


@main.command("validate")
@store_option
def validate_command(store_location: str | None) -> None:
    """Validate the whole store with the SHACL shapes. Exit 0 conforms, 1 violations, 2 error (or
    a store with nothing in it to validate)."""
    with open_reader(store_location) as store:
        if api.holds_nothing(store):
            raise UsageError(
                f"the store at {store.location} holds no articles and no added facts: nothing to validate"
            )
        report = api.validate(store)
    click.echo(report.text())
    sys.exit(0 if report.conforms else 1)


@main.command("remove")
@click.argument("target")
@store_option
def remove_command(target: str, store_location: str | None) -> None:
    """Remove an article (by article IRI, graph IRI or its file) and its facts."""
    with open_writer(store_location) as store:
        graph = api.remove_article(store, target)
    click.echo(f"removed {graph}")


@main.command("upgrade")
@store_option
def upgrade_command(store_location: str | None) -> None:
    """Bring a store written by an older statekg up to this version's store format, in place."""
    with open_writer(store_location, upgrade=True) as store:
        location = store.location
    click.echo(f"{location} is in store format {STORE_FORMAT}")


@main.command("stats")
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats_command(store_location: str | None, as_json: bool) -> None:
    """Counts of states, officials, events, cooperation, relations, articles and triples."""
    with open_reader(store_location) as store:
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
    with open_reader(store_location) as store:
        data = api.dump(store, fmt)
    if output:
        write_atomically(output, data)  # never a half-written dump under the final name
    else:
        sys.stdout.buffer.write(data)


@main.command("load")
@click.argument("source", type=click.Path(path_type=Path))
@store_option
def load_command(source: Path, store_location: str | None) -> None:
    """Restore a TriG or N-Quads dump, or bulk-load a shard directory from `kg extract --out`.

    A dump is restored in one transaction (graphs of the same name are replaced). Shards go in
    through Oxigraph's bulk loader (the graphs they hold replaced first), then the summaries are
    built once and the store is validated; an interrupted bulk load is finished by running the
    same command again.
    """
    if source.is_dir():
        if not is_shard_directory(source):
            raise UsageError(f"{source} is a directory but not a shard directory (from kg extract --out)")
        started = time.monotonic()
        with stop_on_signals(), open_store(store_location, notify=_note, finishing_load=True) as store:
            loaded = load_shards(store, source, on_shard=_shard_progress())
            report = api.validate(store)
        seconds = time.monotonic() - started
        click.echo(
            f"{loaded.articles} articles, {loaded.triples} triples loaded from {source} "
            f"({loaded.replaced} replaced) in {_duration(seconds)} ({loaded.triples / max(seconds, 1e-9):,.0f} triples/s)"
        )
        click.echo(f"validation: {'conforms' if report.conforms else 'VIOLATIONS'}")
        if not report.conforms:
            click.echo(report.text(), err=True)
            sys.exit(1)
        return
    with open_writer(store_location) as store:
        triples = api.load(store, source)
    click.echo(f"{triples} triples restored from {source}")


def _shard_progress():
    if not sys.stderr.isatty():
        return None
    return lambda number, total: click.echo(f"\r\033[Kloading shard {number}/{total}", nl=False, err=True)


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
@workers_option
@scheduler_option
@input_format_option
@text_column_option
def build_command(
    articles: tuple[Path, ...],
    out: Path,
    store_location: str | None,
    workers: int | None,
    scheduler: str | None,
    input_format: str | None,
    text_column: str,
) -> None:
    """The main job: ingest ARTICLES, validate the store, write graph.trig, views and exports to --out."""
    result = _ingesting(
        store_location,
        lambda store: api.build(
            store,
            list(articles),
            out,
            workers=workers,
            scheduler=scheduler,
            on_progress=_progress("ingesting"),
            options=_input_options(input_format, text_column),
        ),
    )
    _report_ingest(result.summary)
    click.echo(result.summary.line())
    click.echo(f"validation: {'conforms' if result.report.conforms else 'VIOLATIONS (see validation.txt)'}")
    for path in result.files:
        click.echo(f"wrote {path}")
    if result.summary.failed or not result.report.conforms:
        sys.exit(1)


# --- views and SPARQL ---------------------------------------------------------------------------------
def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {pair!r} must be key=value")
        key = key.strip()
        if key in params:
            raise UsageError(
                f"parameter {key} is given twice ({params[key]}, {value}): a view takes one value per parameter"
            )
        params[key] = value
    return params


TABLE_PAGE = 50  # rows of a whole view `kg query` shows as a table unless asked for --all


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
    help="csv, sparql-tsv and sparql-json follow the W3C SPARQL 1.1 results formats; tsv is plain "
    "tab-separated values (no ?-names, no Turtle quoting); json is an array of objects.",
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows.")
@click.option(
    "--all",
    "all_rows",
    is_flag=True,
    help=f"Every row in table format too (a table shows the first {TABLE_PAGE} by default; the other "
    "formats always give every row).",
)
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
    all_rows: bool,
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
    if limit is not None and all_rows:
        raise UsageError("--limit and --all contradict each other: give one")
    paged = fmt == "table" and limit is None and not all_rows  # a table is for reading: one page
    with open_reader(store_location) as store:
        rows = store.select(view.bind(parsed, store), limit=TABLE_PAGE + 1 if paged else limit)
    more = paged and len(rows) > TABLE_PAGE
    click.echo(RESULT_FORMATS[fmt](Result(view.columns, rows[:TABLE_PAGE] if more else rows)), nl=False)
    if more:
        click.echo(
            f"(the first {TABLE_PAGE} rows; --all for every row, --limit N for N, or filter with -p)",
            err=True,
        )


@main.command("sparql")
@click.argument("query_or_file")
@click.option("--update", is_flag=True, help="Allow SPARQL Update (the store is read-only otherwise).")
@click.option(
    "--allow-service",
    is_flag=True,
    help="Allow federated queries (SERVICE <url> { ... }), which fetch from other servers; refused by default.",
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RESULT_FORMATS)), default="table", show_default=True
)
@store_option
def sparql_command(
    query_or_file: str, update: bool, allow_service: bool, fmt: str, store_location: str | None
) -> None:
    """Run any SPARQL query (text or a .rq file) over the union of the store's graphs."""
    text = query_text(query_or_file)
    form = query_form(text)
    if form in UPDATE_KEYWORDS and not update:
        raise UsageError("this is a SPARQL Update: pass --update to change the store")
    if form not in UPDATE_KEYWORDS | QUERY_FORMS:
        raise UsageError(
            "not a SPARQL query: expected SELECT, ASK, CONSTRUCT, DESCRIBE (or an update with --update)"
        )
    if not allow_service and uses_service(text, form in UPDATE_KEYWORDS):
        raise UsageError(
            "the query calls another server (SERVICE): refused, since it reaches out of this machine; "
            "pass --allow-service to allow it"
        )
    try:
        opener = open_writer if form in UPDATE_KEYWORDS else open_reader
        with opener(store_location) as store:
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
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 serves every network the machine is on (read-only all the same).",
)
@store_option
def serve_command(port: int, host: str, store_location: str | None) -> None:
    """Serve the store read-only over HTTP: the views (/views, /views/NAME?param=value&format=json|csv),
    the states page (/states) and, for the embedded store, a SPARQL 1.1 endpoint (/query) with its
    query page (/).

    Every request reads the store as it is then, so a running ingest shows up as it writes. Stop
    with Ctrl-C (or SIGTERM): the SPARQL server it started stops with it.
    """
    from kg.serve import serve

    location = store_location_of(store_location)
    with open_reader(location):
        pass  # a readable statekg store, or a one-line error
    server_process = None
    sparql = None
    if not location.startswith(("http://", "https://")):
        sparql_port = _free_port()
        binary = Path(sys.executable).parent / "oxigraph"
        command = [
            str(binary) if binary.exists() else "oxigraph",
            "serve-read-only",
            "--location",
            location,
            "--bind",
            f"127.0.0.1:{sparql_port}",
            "--union-default-graph",
        ]
        try:
            server_process = start_child(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except FileNotFoundError:
            raise UsageError("the oxigraph server is not installed (pip install oxigraph)") from None
        sparql = f"http://127.0.0.1:{sparql_port}"
    try:
        with stop_on_signals():
            httpd = serve((host, port), lambda: open_reader(location), sparql)
            shown = "127.0.0.1" if host in ("127.0.0.1", "localhost") else host
            click.echo(
                f"statekg on http://{shown}:{port}/ : /views, /states"
                + (", /query (SPARQL)" if sparql else ""),
                err=True,
            )
            with httpd:
                httpd.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        click.echo("kg: stopping", err=True)
    finally:
        if server_process is not None:
            stop(server_process)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@main.command("export")
@click.option(
    "--view",
    type=click.Choice(list(EXPORT_VIEWS)),
    default="states",
    show_default=True,
    help="; ".join(v.description for v in EXPORT_VIEWS.values()) + ".",
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
    with open_reader(store_location) as store:
        files = export(store, view, fmt, output)
    for path in files:
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
