"""The `gloss` command: thin click commands over the library.

Usage errors exit 2, data errors exit 1; every error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import gc
import importlib
import sys

import click

from .. import __version__
from ..outfile import ENCODING_ERRORS
from .common import run_guarded

_FIRST_GENERATION = 50_000
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# Each command and the modules that define it (a group's subcommands may come from several).
COMMANDS = {
    "annotate": ("annotate",),
    "lookup": ("catalogue",), "list": ("catalogue",), "validate": ("catalogue",),
    "corpus": ("corpus", "coverage"),
    "harvest": ("curate",), "candidates": ("curate",),
    "export": ("export",), "extension": ("extension",), "site": ("site",),
}


class _Commands(click.Group):
    """The commands, each module imported only when its command runs (or help lists them all)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        for module in COMMANDS.get(name, ()):
            importlib.import_module(f"{__name__}.{module}")
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings=CONTEXT)
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
    """Import every command's module (for code that walks `cli.commands`)."""
    for modules in COMMANDS.values():
        for module in modules:
            importlib.import_module(f"{__name__}.{module}")


def main() -> None:
    """Entry point of the console script."""
    # The collector's youngest generation is examined every 50,000 net allocations instead of every
    # 700. A command's start (its modules, the glossary's tables, the region hierarchy) allocates tens
    # of thousands of objects that all stay alive; with the default, a short run spent 2.5% of its
    # instructions in some fifty collections that found nothing to free (docs/performance.md).
    # Garbage cycles are still collected, in larger batches.
    gc.set_threshold(_FIRST_GENERATION, *gc.get_threshold()[1:])
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        # A non-UTF-8 file name (a lone surrogate per byte) is written as an escape, never a crash.
        sys.stdout.reconfigure(errors=ENCODING_ERRORS)
    status = run_guarded(cli)
    if status == 0:
        # The command succeeded and its output is written and flushed. What the process holds is
        # exempted from the collector, so that the full collections the interpreter runs at exit
        # do not walk it (about 6% of a short run's instructions; docs/performance.md). After an
        # error or an interrupt the exit stays the interpreter's own (tests/test_outfile.py).
        gc.freeze()
    sys.exit(status)
