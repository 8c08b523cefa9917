"""The `gloss` command: thin click commands over the library.

Usage errors exit 2, data errors exit 1; every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..outfile import ENCODING_ERRORS
from .common import run_guarded

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="gloss")
def cli() -> None:
    """gloss: find and explain Chinese policy jargon (三个一批, 13710, 放管服 …) in any text.

    \b
    Examples:
      gloss annotate report.txt            # highlighted text and a table of terms
      gloss annotate --format json - < report.txt
      gloss lookup sgyp                    # by pinyin initials, pinyin, hanzi or English
      gloss list --level city --region 洛阳市
      gloss validate terms.yaml
    """


def _register() -> None:
    from . import annotate, catalogue, corpus, coverage, curate, export, extension, site  # noqa: F401


def main() -> None:
    """Entry point of the console script."""
    _register()
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        # A non-UTF-8 file name (a lone surrogate per byte) is written as an escape, never a crash.
        sys.stdout.reconfigure(errors=ENCODING_ERRORS)
    sys.exit(run_guarded(cli))
