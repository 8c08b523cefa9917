"""What the commands share: the glossary option, error handling, stdout/stderr consoles."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from ..errors import GlossaryError, GlossError, UnknownTermError

EXIT_DATA = 1
EXIT_USAGE = 2


def terms_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--terms PATH (or $GLOSS_TERMS): the glossary to use instead of the shipped one."""
    return click.option(
        "--terms",
        "terms_path",
        type=click.Path(dir_okay=False),
        envvar="GLOSS_TERMS",
        help="Glossary file to use instead of the shipped terms.yaml (also $GLOSS_TERMS).",
    )(func)


def load_glossary(terms_path: str | None, engine: str | None = None) -> Any:
    """The glossary, or a one-line error and exit 1."""
    from .. import load

    return load(terms_path, engine=engine)


def run_guarded(group: click.Group) -> int:
    """Run the click group; turn domain errors into one-line messages and exit codes."""
    try:
        result = group.main(standalone_mode=False, prog_name="gloss")
    except click.exceptions.Abort:
        click.echo("gloss: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except UnknownTermError as exc:
        click.echo(f"gloss: {exc}", err=True)
        return EXIT_DATA
    except GlossaryError as exc:
        click.echo(f"gloss: {exc}", err=True)
        return EXIT_DATA
    except GlossError as exc:
        click.echo(f"gloss: {exc}", err=True)
        return EXIT_DATA
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        click.echo("gloss: interrupted", err=True)
        return 130
    return result if isinstance(result, int) else 0


def with_exit_code(func: Callable[..., int | None]) -> Callable[..., None]:
    """Let a command return its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        code = func(*args, **kwargs)
        if code:
            raise click.exceptions.Exit(code)

    return wrapper
