"""Domain exceptions. The CLI turns them into one-line messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


class GlossError(Exception):
    """Base class of every error gloss raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One validation finding, located in a glossary file."""

    path: str
    line: int
    column: int
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: entry {self.entry}: {self.message}" if self.entry else f"{where}: {self.message}"


class GlossaryError(GlossError):
    """The glossary file is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0]) if problems else "invalid glossary"
        more = f" (and {len(problems) - 1} more; run 'gloss validate')" if len(problems) > 1 else ""
        super().__init__(first + more)


class InputError(GlossError):
    """A document to annotate cannot be read or decoded."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"{path}: {message}")


class UnknownTermError(GlossError):
    """A lookup found nothing; carries close suggestions."""

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entry matches {query!r}{hint}")
