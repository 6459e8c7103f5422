"""The `kg` command line: parses arguments, calls the API, prints. No logic of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import StateKGError
from kg.evaluate import CATEGORIES, evaluate
from kg.output import OUTPUT_FORMATS, extract_paths


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
