"""`gloss corpus scan`: where and since when a dated corpus uses each entry."""

from __future__ import annotations

import json

import click

from . import cli
from .common import EXIT_DATA, EXIT_USAGE, load_glossary, say, terms_option, with_exit_code


@cli.group()
def corpus() -> None:
    """Check the glossary against a directory of dated documents."""


@corpus.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--check", "do_check", is_flag=True,
              help="List entries whose first_year is later than a dated use (exit 1 if any) "
                   "and entries the corpus never uses.")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Which files are documents.")
@click.option("--entry", "entries", multiple=True, help="Report only this entry id (repeatable).")
@click.option("--unused/--no-unused", default=True, show_default=True, help="With --check: list unused entries.")
@terms_option
@with_exit_code
def scan(directory: str, fmt: str, do_check: bool, pattern: str, entries: tuple[str, ...], unused: bool,
         terms_path: str | None) -> int:
    """Per entry: the documents and years using it, counts, and the earliest dated use with a quote.

    A document's date comes from a sidecar NAME.meta.json / NAME.meta.yaml ({date: 2022-04-10}),
    the glossary's documents (by file name), the heading line ("——2022年4月10日在…"), a
    "# 2017年…" header, or the file name. Matching is the annotator's, as in `gloss annotate`.

    \b
    Examples:
      gloss corpus scan reports/national
      gloss corpus scan --check reports/luoyang
      gloss corpus scan --format json --entry fang-guan-fu corpus/
    """
    from ..corpus import check, scan as run_scan, to_data

    glossary = load_glossary(terms_path)
    result = run_scan(directory, glossary, pattern)
    for failure in result.failures:
        say(failure)
    unreadable = EXIT_USAGE if result.failures else 0
    undated = [d.name for d in result.documents if not d.date]
    if undated:
        say(f"no date found for {', '.join(undated)}; add NAME.meta.json with a date")
    if do_check:
        findings = [f for f in check(result) if unused or f.kind != "unused"]
        if entries:
            findings = [f for f in findings if f.entry_id in entries]
        early = [f for f in findings if f.kind == "early-use"]
        if fmt == "json":
            data = [{"entry": f.entry_id, "kind": f.kind, "message": f.message} for f in findings]
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for f in findings:
                click.echo(f"{f.kind:<9} {f.entry_id}: {f.message}")
        click.echo(f"{len(result.documents)} documents: {len(early)} entries with a use before first_year, "
                   f"{len(findings) - len(early)} unused", err=True)
        return EXIT_DATA if early else unreadable
    data = to_data(result, entries or None)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return unreadable
    for doc in data["documents"]:
        click.echo(f"# {doc['name']}  {doc['date'] or '(undated)'}  [{doc['date_basis'] or '-'}]")
    used = sorted((t for t in data["terms"] if t["count"]), key=lambda t: (-len(t["documents"]), -t["count"]))
    click.echo(f"{'docs':>4} {'count':>5}  {'years':<11} {'first':<5}  entry / earliest use")
    for t in used:
        years = t["years"]
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "-")
        first = str(t["first_year"]) if t["first_year"] else "-"
        earliest = t["earliest"]
        quote = f"{earliest['document']} ({earliest['date']}): {earliest['quote']}" if earliest else ""
        click.echo(f"{len(t['documents']):>4} {t['count']:>5}  {span:<11} {first:<5}  {t['entry']} {t['term']}  {quote}")
    click.echo(f"{len(used)} of {len(data['terms'])} entries used in {len(data['documents'])} documents", err=True)
    return unreadable
