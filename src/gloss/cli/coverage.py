"""`gloss corpus coverage`: the share of a corpus's coded jargon gloss annotates and explains."""

from __future__ import annotations

import json

import click

from .common import EXIT_USAGE, load_glossary, say, terms_option, with_exit_code
from .corpus import corpus
from .inputs import expand_inputs


@corpus.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--missed", "show_missed", type=int, default=0, show_default=True, metavar="N",
              help="Also list the N most frequent jargon phrases gloss does not annotate.")
@terms_option
@with_exit_code
def coverage(inputs: tuple[str, ...], fmt: str, show_missed: int, terms_path: str | None) -> int:
    """The share of quoted numbered phrases and codes gloss annotates, and of annotated terms it defines.

    Jargon is what `gloss candidates` finds as codes and numbered phrases, less idioms, counts and the
    phrases listed as not jargon (see docs/curation.md).

    \b
    Examples:
      gloss corpus coverage reports/2025/
      gloss corpus coverage --missed 30 --format json national/2012.txt national/2025.txt
    """
    from ..coverage import measure
    from ..decode import read_text

    glossary = load_glossary(terms_path)
    paths, problems = expand_inputs(inputs)
    for problem in problems:
        say(str(problem))
    result = measure(glossary, ((p, read_text(p)) for p in paths))
    missed = result.missed.most_common(show_missed) if show_missed else []
    if fmt == "json":
        click.echo(json.dumps({
            "documents": result.documents,
            "jargon": sum(result.jargon.values()), "jargon_distinct": len(result.jargon),
            "annotated": sum(result.annotated.values()), "annotated_share": round(result.annotated_share, 4),
            "entries_annotated": len(result.entries), "entries_undocumented": sorted(result.undocumented),
            "documented_share": round(result.documented_share, 4),
            "dropped": [{"phrase": p, "reason": r, "count": n} for (p, r), n in result.dropped.most_common()],
            "out_of_scope": sum(result.out_of_scope.values()),
            "missed": [{"phrase": p, "count": n, **({"elsewhere": True} if p in result.out_of_scope else {})}
                       for p, n in missed],
        }, ensure_ascii=False, indent=2))
        return EXIT_USAGE if problems else 0
    click.echo(f"{result.documents} documents: {sum(result.jargon.values())} jargon phrases "
               f"({len(result.jargon)} distinct), {result.annotated_share:.1%} annotated; "
               f"{len(result.entries)} entries annotated, {result.documented_share:.1%} documented")
    if result.out_of_scope:
        click.echo(f"{sum(result.out_of_scope.values())} of the missed phrases match only another place's entry")
    for phrase, n in missed:
        click.echo(f"missed  {n:>4}  {phrase}" + ("  (another place's entry)" if phrase in result.out_of_scope else ""))
    return EXIT_USAGE if problems else 0
