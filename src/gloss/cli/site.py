"""`gloss site`: build the static HTML glossary, or check that a built one is fresh."""

from __future__ import annotations

import time

import click

from . import cli
from .common import EXIT_DATA, load_glossary, terms_option, with_exit_code

DEFAULT_DIR = "glossary"


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default=None,
    help=f"Directory to build into (default: {DEFAULT_DIR}/ in the current directory). Replaced as a whole.",
)
@click.option(
    "--check",
    "check_dir",
    is_flag=False,
    flag_value=DEFAULT_DIR,
    default=None,
    metavar="[DIR]",
    help=f"Write nothing; exit 1 when DIR (default {DEFAULT_DIR}/) differs from a fresh build.",
)
@terms_option
@with_exit_code
def site(output: str | None, check_dir: str | None, terms_path: str | None) -> int:
    """Build the static HTML glossary: index, entry pages, timeline, search and annotator.

    The build is deterministic: the same terms.yaml gives byte-identical files. The site works
    opened from disk (file://) or served from any path, and makes no external requests.

    \b
    Examples:
      gloss site                      # build into ./glossary/
      gloss site -o /tmp/site --terms my-terms.yaml
      gloss site --check              # exit 1 when ./glossary/ is stale (CI)
    """
    from .. import site as builder

    if check_dir is not None and output is not None:
        raise click.UsageError("give either --check [DIR] or -o DIR, not both")
    glossary = load_glossary(terms_path)
    if check_dir is not None:
        stale = builder.check(glossary, check_dir)
        if stale:
            shown = ", ".join(stale[:3]) + (f" and {len(stale) - 3} more" if len(stale) > 3 else "")
            click.echo(
                f"gloss: {check_dir} is not a fresh build ({len(stale)} file{'s differ' if len(stale) > 1 else ' differs'}: {shown}); "
                f"rebuild it with 'gloss site -o {check_dir}'",
                err=True,
            )
            return EXIT_DATA
        click.echo(f"{check_dir} is up to date", err=True)
        return 0
    out = output or DEFAULT_DIR
    started = time.perf_counter()
    files = builder.build(glossary, out)
    size = sum(len(b) for b in files.values())
    click.echo(
        f"wrote {out} ({len(files)} files, {size / 1024:.0f} KB, {len(glossary)} entries) "
        f"in {time.perf_counter() - started:.2f} s",
        err=True,
    )
    return 0
