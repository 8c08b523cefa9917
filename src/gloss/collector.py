"""Pausing the cyclic garbage collector around work that allocates a great many acyclic objects."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def paused(function: F) -> F:
    """`function` run with the cyclic garbage collector paused, and resumed as it was.

    Parsing a glossary and annotating a large document create hundreds of thousands of objects
    (values, match tuples, annotations) that hold no reference cycles; the collector, triggered by
    the allocations alone, would walk them, and every other object of the process, again and
    again (docs/performance.md).
    """

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return run  # type: ignore[return-value]
