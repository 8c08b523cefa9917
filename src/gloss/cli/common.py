"""What the commands share: the glossary option, error handling, stdout/stderr consoles."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from ..errors import GlossError

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT)
EXIT_TERMINATED = 143  # SIGTERM


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


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so output files in progress are cleaned up."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C arrived: a KeyboardInterrupt of gloss's own type.

    When a KeyboardInterrupt escapes code run with `exec` or `eval` (as dataclasses and named
    tuples are built while a module is imported), CPython notes it, and at exit kills the process
    with SIGINT whatever status it exits with; only the exact type is noted, so a subclass keeps
    the documented exit 130.
    """


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated


def _on_sigint(signum: int, frame: Any) -> None:
    raise Interrupted


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """While a command runs in the main thread, SIGTERM raises Terminated and Ctrl-C Interrupted.

    Ctrl-C is taken over only where Python's own handler has it (not where SIGINT is ignored). An
    exception raised where Python cannot pass it on (a weakref callback, such as the one the import
    system runs for each module lock, or a finalizer) is reported as unraisable and dropped; the
    signal is then raised again a moment later, from another thread, so that its handler runs in
    the code that runs next (run from the hook itself, it would only be dropped again).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous_term = signal.signal(signal.SIGTERM, _on_sigterm)
    interrupt = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if interrupt:
        signal.signal(signal.SIGINT, _on_sigint)
    previous_hook = sys.unraisablehook

    def redeliver(unraisable: Any) -> None:
        kind = unraisable.exc_type
        if kind is not None and issubclass(kind, (Interrupted, Terminated)):
            signum = signal.SIGINT if issubclass(kind, Interrupted) else signal.SIGTERM
            again = threading.Timer(0.001, signal.raise_signal, (signum,))
            again.daemon = True
            again.start()
        else:
            previous_hook(unraisable)

    sys.unraisablehook = redeliver
    try:
        yield
    finally:
        sys.unraisablehook = previous_hook
        signal.signal(signal.SIGTERM, previous_term)
        if interrupt:
            signal.signal(signal.SIGINT, signal.default_int_handler)


def run_guarded(group: click.Group, args: list[str] | None = None) -> int:
    """Run the click group; turn every error into one line on stderr and a documented exit code.

    Not `group.main()`: click turns a broken pipe into exit 1 there, and lets other OS errors
    through as tracebacks.
    """
    try:
        with _signals_as_exceptions():
            with group.make_context("gloss", list(sys.argv[1:] if args is None else args)) as ctx:
                result = group.invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()
    except click.exceptions.Abort:
        return _fail("aborted", EXIT_INTERRUPTED)
    except click.ClickException as exc:
        from ..printable import printable

        exc.message = printable(exc.message)
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except GlossError as exc:
        return _fail(str(exc), EXIT_DATA)
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except OSError as exc:
        where = f"{os.fsdecode(exc.filename)}: " if exc.filename else "cannot write: " if exc.errno in _WRITE_ERRORS else ""
        return _fail(f"{where}{exc.strerror or exc}", EXIT_DATA)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except Terminated:
        return _fail("terminated", EXIT_TERMINATED)
    return result if isinstance(result, int) else 0


# Errors of a write to standard output (a full disk, /dev/full, a quota, a closed descriptor).
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EBADF, errno.EFBIG})


def _fail(message: str, code: int) -> int:
    _discard_stdout()
    say(message)
    return code


def say(message: str) -> None:
    """One line on stderr, terminal-safe (a file name may hold escape sequences)."""
    from ..printable import printable

    click.echo(f"gloss: {printable(message)}", err=True)


def _discard_stdout() -> None:
    """Drop output that can no longer be written, so the interpreter's exit does not fail on it again."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def with_exit_code(func: Callable[..., int | None]) -> Callable[..., None]:
    """Let a command return its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        code = func(*args, **kwargs)
        if code:
            raise click.exceptions.Exit(code)

    return wrapper
