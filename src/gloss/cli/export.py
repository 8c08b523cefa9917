"""`gloss export`: the glossary as a termbase (TBX, CSV) or as JSON lines."""

from __future__ import annotations

import json

import click

from ..model import KINDS, LEVELS
from . import cli
from .common import load_glossary, terms_option, with_exit_code
from .inputs import open_output


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["tbx", "csv", "jsonl"]), default="tbx", show_default=True)
@click.option("--kind", type=click.Choice(KINDS), multiple=True, help="Only these kinds (repeatable).")
@click.option("--level", type=click.Choice(LEVELS), multiple=True, help="Only these scope levels (repeatable).")
@click.option("--region", multiple=True, help="Only entries scoped to this region or inside it (repeatable).")
@click.option("-o", "--output", default="-", show_default=True, help="Write here instead of standard output.")
@terms_option
@with_exit_code
def export(fmt: str, kind: tuple[str, ...], level: tuple[str, ...], region: tuple[str, ...], output: str,
           terms_path: str | None) -> int:
    """Export glossary entries for a translator's CAT tool (TBX-Basic or CSV) or as JSON lines.

    The CSV header is term_zh, term_en, definition_zh, definition_en, source, first_year, scope, id;
    a first year known only as an upper bound reads "by 2021".

    \b
    Examples:
      gloss export -o gloss.tbx
      gloss export --format csv --level national -o national.csv
      gloss export --format jsonl --region 河南省 > henan.jsonl
    """
    from ..pinyin import tone_marked
    from ..render.records import entry_record
    from ..render.termbase import csv_text, tbx_bytes
    from ..select import select_entries

    glossary = load_glossary(terms_path)
    entries = select_entries(glossary, kinds=kind, levels=level, regions=region)
    with open_output(output) as out:
        if fmt == "tbx":
            out.write(tbx_bytes(glossary, entries).decode("utf-8"))
        elif fmt == "csv":
            out.write(csv_text(glossary, entries))
        else:
            for e in entries:
                out.write(json.dumps(entry_record(glossary, e, tone_marked(e)), ensure_ascii=False) + "\n")
    click.echo(f"{len(entries)} of {len(glossary.entries)} entries exported as {fmt}", err=True)
    return 0
