"""`gloss harvest` and `gloss candidates`: growing the glossary from the reports themselves."""

from __future__ import annotations

import json
import os
import sys

import click

from ..errors import InputError
from . import cli
from .common import EXIT_USAGE, load_glossary, say, terms_option, with_exit_code
from .inputs import expand_inputs, open_output, read_stdin


def _read(path: str) -> str:
    from ..decode import decode, read_text

    return decode(read_stdin(), "<stdin>") if path == "-" else read_text(path)



@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE…|DIR|-")
@click.option("-f", "--format", "fmt", type=click.Choice(["yaml", "json", "jsonl"]), default="yaml", show_default=True,
              help="yaml: terms.yaml fragments; json: one object per file; jsonl: one line per pair, with its "
                   "place, date and document.")
@click.option("--against", "against", type=click.Path(dir_okay=False),
              help="Compare with this glossary: mark each pair new, same, conflict (both shown) or undocumented.")
@click.option("--only", "only", multiple=True, type=click.Choice(["new", "same", "conflict", "undocumented"]),
              help="With --against: print only pairs with this status (repeatable).")
@click.option("--no-inline", is_flag=True, help="Read only the 名词解释/名词注释 appendix, not definitions in the text.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line per file on standard error, only the totals.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              help="Write here (atomically) instead of standard output.")
@with_exit_code
def harvest(inputs: tuple[str, ...], fmt: str, against: str | None, only: tuple[str, ...], no_inline: bool,
            quiet: bool, output: str) -> int:
    """Extract term–definition pairs from reports, as terms.yaml entries to review.

    Reads the 名词解释 / 名词注释 / 名词注解 appendix (or a work report's 注释 section) in every
    layout the reports use — numbered lists
    ("1.", "1、", "（1）", "**1.术语：**"), end-notes keyed [1], ［1］, [^1] or ①, unnumbered
    "术语：释义" paragraphs, a heading line per term, and web copies that run the whole appendix
    into one line — and inline definitions (“术语”即……, “术语”（……）). A heading that names
    several quoted terms gives one pair per term. Files may be gzip-compressed (.gz); a directory
    is searched for .txt, .md and .txt.gz files. Each pair carries the document's place, date
    and title, read from its heading and, for corpus copies, from the "# title | date | source"
    first line. A summary per file goes to standard error. A file without definitions is not an error.

    \b
    Examples:
      gloss harvest report.txt
      gloss harvest --against terms.yaml --only new --only conflict report.txt
      gloss harvest --format jsonl --no-inline --against terms.yaml -q reports/ > pairs.jsonl
    """
    from ..harvest import Comparer, harvest_text, read_file, to_json_data, to_records, to_yaml

    if only and not against:
        raise click.UsageError("--only needs --against")
    comparer = Comparer(load_glossary(against)) if against else None
    results = []
    paths, problems = expand_inputs(inputs)
    failures = _report(problems)
    for path in paths:
        try:
            text = _read(path) if path == "-" else read_file(path)
        except InputError as exc:
            failures += 1
            say(str(exc))
            continue
        name = "<stdin>" if path == "-" else path
        result = harvest_text(text, name, inline=not no_inline)
        results.append((result, None if path == "-" else os.path.basename(path)))
        if not quiet:
            click.echo(_summary(result), err=True)
    if not results:
        return EXIT_USAGE
    verdicts = None
    if comparer is not None:
        verdicts = {id(v.pair): v for result, _ in results for v in comparer.verdicts(result)}
        if only:
            from dataclasses import replace

            results = [
                (replace(r, pairs=tuple(p for p in r.pairs if verdicts[id(p)].status in only)), f)
                for r, f in results
            ]
        counts: dict[str, int] = {}
        for v in verdicts.values():
            counts[v.status] = counts.get(v.status, 0) + 1
        click.echo("against " + against + ": " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())), err=True)
    click.echo(_totals(results), err=True)
    with open_output(output) as out:
        if fmt == "json":
            out.write(json.dumps(to_json_data(results, verdicts), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "jsonl":
            for result, file_name in results:
                for record in to_records(result, file_name, verdicts):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(to_yaml(results, verdicts))
    return EXIT_USAGE if failures else 0


def _summary(result) -> str:
    parts = [f"{result.name}: {len(result.appendix_pairs)} appendix pairs"]
    if result.appendix is not None:
        a = result.appendix
        parts[0] += (f" ({a.heading} at line {a.line}, {a.layout}, items to line {a.last_line},"
                     f" stopped at {a.stopped})")
    else:
        parts[0] += " (no 名词解释/名词注释 appendix)"
    parts.append(f"{len(result.inline_pairs)} inline")
    parts.append(f"{result.info.region or 'place not found'}")
    parts.append(f"date {result.info.date or 'not found'}")
    line = ", ".join(parts)
    for note in result.notes:
        line += f"\n  {note}"
    return line


def _totals(results) -> str:
    """One line over all files: pairs by appendix layout, and the files whose appendix gave none."""
    by_layout: dict[str, int] = {}
    empty = without = 0
    for result, _ in results:
        if result.appendix is None:
            without += 1
        elif not result.appendix_pairs:
            empty += 1
        for pair in result.appendix_pairs:
            by_layout[pair.layout] = by_layout.get(pair.layout, 0) + 1
    layouts = ", ".join(f"{n} {layout}" for layout, n in sorted(by_layout.items(), key=lambda kv: -kv[1]))
    inline = sum(len(r.inline_pairs) for r, _ in results)
    return (f"{len(results)} files: {sum(by_layout.values())} appendix pairs ({layouts or 'none'}), {inline} inline;"
            f" {without} without an appendix, {empty} with an appendix that gave no pair")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE…|DIR|-")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("-n", "--limit", type=click.IntRange(0), default=50, show_default=True, help="Show the top N (0: all).")
@click.option("--min-count", type=click.IntRange(1), default=1, show_default=True, help="Drop rarer phrases.")
@terms_option
@with_exit_code
def candidates(inputs: tuple[str, ...], fmt: str, limit: int, min_count: int, terms_path: str | None) -> int:
    """List likely jargon the glossary does not have yet, best first.

    Picks quoted short phrases, numbered patterns (三清两建, 两不愁三保障), codes (“13710”, 1+N) and
    phrases before 工程/行动/计划/模式/工作法/举措; leaves out what the glossary already annotates and
    quotations of speech. Ranked by how many documents use a phrase, its shape, then how often.

    \b
    Examples:
      gloss candidates report.txt
      gloss candidates --format json -n 0 reports/ > candidates.json
    """
    from ..candidates import find_candidates

    glossary = load_glossary(terms_path)
    docs = []
    paths, problems = expand_inputs(inputs)
    failures = _report(problems)
    for path in paths:
        try:
            docs.append(("<stdin>" if path == "-" else path, _read(path)))
        except InputError as exc:
            failures += 1
            say(str(exc))
    found = find_candidates(docs, glossary, min_count=min_count)
    shown = found[:limit] if limit else found
    if fmt == "json":
        data = [
            {"term": c.term, "signals": sorted(c.signals), "documents": len(c.documents), "count": c.count,
             "per_document": c.documents, "context": c.context, "where": c.where}
            for c in shown
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{'docs':>4} {'count':>5}  {'signals':<18} {'term':<14} context")
        for c in shown:
            signals = ",".join(sorted(c.signals))
            click.echo(f"{len(c.documents):>4} {c.count:>5}  {signals:<18} {_pad(c.term, 14)} {c.context}  [{c.where}]")
        click.echo(f"{len(shown)} of {len(found)} candidates in {len(docs)} documents", err=True)
    return EXIT_USAGE if failures else 0


def _report(problems: list[InputError]) -> int:
    for problem in problems:
        say(str(problem))
    return len(problems)


def _pad(text: str, width: int) -> str:
    """Left-align counting a Chinese character as two columns."""
    used = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(0, width - used)
