"""The `kg` command line: parses arguments, calls the API, prints. No logic of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg import __version__, api
from kg.errors import StateKGError
from kg.evaluate import CATEGORIES, evaluate
from kg.ingest import ingest
from kg.output import OUTPUT_FORMATS, extract_paths
from kg.store import DEFAULT_LOCATION, open_store


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


def _progress(total_hint: str):
    """A progress line on a terminal, nothing when output is piped."""
    if not sys.stderr.isatty():
        return None
    count = {"n": 0}

    def tick(source: str) -> None:
        count["n"] += 1
        click.echo(f"\r{total_hint} {count['n']}: {source[-60:]:60s}", nl=False, err=True)

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
        tmp = output.with_name(output.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(output)  # never a half-written dump under the final name
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


if __name__ == "__main__":
    main()
