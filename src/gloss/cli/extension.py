"""`gloss extension`: build the browser extension (Manifest V3) from the glossary."""

from __future__ import annotations

import click

from . import cli
from .common import load_glossary, terms_option, with_exit_code


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), default="gloss-extension", show_default=True,
              help="Directory to build the unpacked extension into. Replaced as a whole.")
@terms_option
@with_exit_code
def extension(output: str, terms_path: str | None) -> int:
    """Build the browser extension: underlines glossary terms on any page, explains them in a popup.

    Load the directory in Chromium at chrome://extensions ("Developer mode", "Load unpacked"), or in
    Firefox at about:debugging. It makes no network request; see docs/extension.md.

    \b
    Examples:
      gloss extension -o build/gloss-extension
      gloss extension -o /tmp/ext --terms my-terms.yaml
    """
    from ..extension import build
    from ..site.output import write

    glossary = load_glossary(terms_path)
    files = build(glossary)
    write(files, output, what="gloss extension", signature=("manifest.json", b'"short_name": "gloss"'))
    size = sum(len(b) for b in files.values())
    click.echo(f"wrote {output} ({len(files)} files, {size / 1024:.0f} KB, {len(glossary)} entries)", err=True)
    return 0
