"""`gloss corpus scan`: where and since when a dated corpus uses each entry."""

from __future__ import annotations

import json

import click

from . import cli
from ..walk import DOCUMENT_PATTERNS  # not from ..corpus: that module is imported only when a corpus command runs
from .common import EXIT_DATA, EXIT_USAGE, load_glossary, say, terms_option, with_exit_code


@cli.group()
def corpus() -> None:
    """Check the glossary against a directory of dated documents."""


@corpus.command()
@click.argument("directories", nargs=-1, required=True, type=click.Path(file_okay=False), metavar="DIRECTORY…")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--check", "do_check", is_flag=True,
              help="List every dated use earlier than an entry's first_year that its other_sense_uses do not "
                   "explain, one line each (exit 1 if any), then entries the corpus never uses.")
@click.option("--glob", "patterns", multiple=True, default=DOCUMENT_PATTERNS, show_default=True,
              help="Which files are documents (repeatable).")
@click.option("--entry", "entries", multiple=True, help="Report only this entry id (repeatable).")
@click.option("--unused/--no-unused", default=True, show_default=True, help="With --check: list unused entries.")
@click.option("--all-regions", is_flag=True,
              help="With --check: also count uses of a local entry in documents of unrelated regions "
                   "(a same-named scheme elsewhere, or the place it came from).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Annotate the documents in this many worker processes.")
@terms_option
@with_exit_code
def scan(directories: tuple[str, ...], fmt: str, do_check: bool, patterns: tuple[str, ...], entries: tuple[str, ...],
         unused: bool, all_regions: bool, jobs: int, terms_path: str | None) -> int:
    """Per entry: the documents and years using it, counts, and the earliest dated use with a quote.

    Documents are plain or gzip text (*.txt, *.txt.gz), under one directory or several. A
    document's date comes from a sidecar NAME.meta.json / NAME.meta.yaml ({date: 2022-04-10}), a
    first line "# <title> | <date> | <source>", the heading line ("——2022年4月10日在…"), the
    glossary's documents (whose file is a path suffix of the document's), a "# 2017年…" header, or
    the file name. Matching and sense resolution are the annotator's, as in `gloss annotate`, with the
    document's year: a use resolved to another sense entry of the same string is not counted.
    --check counts a local entry's uses only in documents of its region, above it or inside it, or of
    unknown region (--all-regions: everywhere); a document's region is the glossary's, the place in
    its first line's report title, or its heading's.

    \b
    Examples:
      gloss corpus scan reports/national
      gloss corpus scan --check reports/luoyang
      gloss corpus scan --check -j 2 corpus/dated corpus/national seeds
      gloss corpus scan --format json --entry fang-guan-fu corpus/
    """
    import time

    from ..corpus import check, scan as run_scan, to_data

    glossary = load_glossary(terms_path)
    started = time.perf_counter()
    result = run_scan(directories, glossary, patterns, jobs=jobs)
    seconds = time.perf_counter() - started
    for failure in result.failures:
        say(failure)
    unreadable = EXIT_USAGE if result.failures else 0
    undated = [d.name for d in result.documents if not d.date]
    if undated:
        shown = ", ".join(undated[:10]) + (f" and {len(undated) - 10} more" if len(undated) > 10 else "")
        say(f"no date found for {shown}; add NAME.meta.json with a date")
    if do_check:
        findings = [f for f in check(result, all_regions) if unused or f.kind != "unused"]
        if entries:
            findings = [f for f in findings if f.entry_id in entries]
        early = [f for f in findings if f.kind == "early-use"]
        if fmt == "json":
            data = [{"entry": f.entry_id, "kind": f.kind, "message": f.message} for f in findings]
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for f in findings:
                click.echo(f"{f.kind:<9} {f.entry_id}: {f.message}")
        click.echo(f"{len(result.documents)} documents in {seconds:.1f} s: {len(early)} unexplained earlier uses "
                   f"of {len({f.entry_id for f in early})} entries, {len(findings) - len(early)} unused", err=True)
        return EXIT_DATA if early else unreadable
    data = to_data(result, entries or None)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return unreadable
    for doc in data["documents"]:
        click.echo(f"# {doc['name']}  {doc['date'] or '(undated)'}  [{doc['date_basis'] or '-'}]")
    used = sorted((t for t in data["terms"] if t["count"]), key=lambda t: (-len(t["documents"]), -t["count"]))
    click.echo(f"{'docs':>4} {'count':>5}  {'years':<11} {'first':<7}  entry / earliest use")
    for t in used:
        years = t["years"]
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "-")
        first = t["first_year_label"] or "-"
        earliest = t["earliest"]
        quote = f"{earliest['document']} ({earliest['date']}): {earliest['quote']}" if earliest else ""
        click.echo(f"{len(t['documents']):>4} {t['count']:>5}  {span:<11} {first:<7}  {t['entry']} {t['term']}  {quote}")
    click.echo(f"{len(used)} of {len(data['terms'])} entries used in {len(data['documents'])} documents", err=True)
    return unreadable
