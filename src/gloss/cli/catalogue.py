"""`gloss lookup`, `gloss list` and `gloss validate`: the glossary itself."""

from __future__ import annotations

import json

import click

from ..errors import UnknownTermError
from ..model import KINDS, LEVELS
from . import cli
from .common import EXIT_DATA, load_glossary, terms_option, with_exit_code


@cli.command()
@click.argument("query")
@click.option("-f", "--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@terms_option
def lookup(query: str, fmt: str, terms_path: str | None) -> None:
    """Show the entries for QUERY: a term or alias (三个一批, traditional 三個一批 too), pinyin with
    or without tones or spaces (san ge yi pi, sāngèyīpī, si), pinyin initials (sgyp), a phrase that
    contains a term (三个一批项目), part of a term (三个), or English words (three batches).

    Exit 1 with suggestions when nothing matches.

    \b
    Examples:
      gloss lookup 放管服
      gloss lookup sgyp
      gloss lookup --format json "three batches"
    """
    from ..lookup import lookup as find, suggest
    from ..pinyin import tone_marked
    from ..render.records import entry_record

    glossary = load_glossary(terms_path)
    found = find(glossary, query)
    if not found:
        raise UnknownTermError(query, suggest(glossary, query))
    if fmt == "json":
        records = [entry_record(glossary, e, tone_marked(e)) for e in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    from ..render.terminal import entry_panel, make_console

    console = make_console()
    for e in found:
        console.print(entry_panel(glossary, e, tone_marked(e)))


@cli.command("list")
@click.option("--kind", type=click.Choice(KINDS), multiple=True, help="Only these kinds (repeatable).")
@click.option("--level", type=click.Choice(LEVELS), multiple=True, help="Only these scope levels (repeatable).")
@click.option("--region", multiple=True, help="Only entries scoped to this region or inside it (repeatable).")
@click.option("--since", type=int, help="First year at or after this.")
@click.option("--until", type=int, help="First year at or before this.")
@click.option("--undocumented", "status", flag_value="undocumented", default=None, help="Only undocumented entries.")
@click.option("--documented", "status", flag_value="documented", help="Only documented entries.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "tsv"]), default="table", show_default=True)
@terms_option
def list_(kind: tuple[str, ...], level: tuple[str, ...], region: tuple[str, ...], since: int | None,
          until: int | None, status: str | None, fmt: str, terms_path: str | None) -> None:
    """List glossary entries, filtered by kind, level, region, first-year range or status.

    \b
    Examples:
      gloss list --kind code
      gloss list --level city --region 洛阳市 --since 2020
      gloss list --format tsv > terms.tsv
    """
    from ..select import select_entries

    glossary = load_glossary(terms_path)
    rows = select_entries(glossary, kinds=kind, levels=level, regions=region, since=since, until=until,
                          status=status)
    if fmt == "json":
        click.echo(json.dumps([{"id": e.id, "term": e.term, "name_en": e.name_en, "kind": e.kind,
                                "level": e.scope.level, "region": e.scope.region, "first_year": e.first_year,
                                "first_year_bound": e.first_year_is_bound, "first_year_label": e.first_year_label,
                                "status": e.status} for e in rows], ensure_ascii=False, indent=2))
        return
    if fmt == "tsv":
        click.echo("id\tterm\tname_en\tkind\tlevel\tregion\tfirst_year\tstatus")
        for e in rows:
            click.echo("\t".join([e.id, e.term, e.name_en, e.kind, e.scope.level, e.scope.region,
                                  e.first_year_label or "", e.status]))
        return
    from rich.table import Table

    from ..render.terminal import make_console, safe_text

    table = Table(title=f"{len(rows)} of {len(glossary.entries)} entries", expand=False)
    for col in ("term", "English", "kind", "scope", "first", "id"):
        table.add_column(col)
    for e in rows:
        cells = (e.term, e.name_en, e.kind, f"{e.scope.level} · {e.scope.region}", e.first_year_label or "—", e.id)
        table.add_row(*map(safe_text, cells), style=None if e.documented else "gloss.undocumented")
    make_console().print(table)


@cli.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@with_exit_code
def validate(path: str | None) -> int:
    """Check a glossary file (default: the shipped terms.yaml); print every problem at once
    as PATH:LINE:COL: entry ID: message. Exit 1 if there is any.

    \b
    Example:
      gloss validate terms.yaml
    """
    from ..load import check, default_path

    target = path or str(default_path())
    problems = check(target)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) in {target}", err=True)
        return EXIT_DATA
    click.echo(f"{target}: ok", err=True)
    return 0
