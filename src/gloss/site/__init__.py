"""The static HTML glossary: pages, search index and in-browser annotator, built from terms.yaml alone.

Imports jinja2 only when a site is rendered, so `import gloss` stays light.
"""

from __future__ import annotations

from .output import SiteError, differences, write

__all__ = ["SiteError", "build", "check", "differences", "render", "write"]


def render(glossary):  # type: ignore[no-untyped-def]
    """Every file of the site as {relative posix path: bytes}; same glossary, same bytes."""
    from .builder import render as _render

    return _render(glossary)


def build(glossary, out_dir):  # type: ignore[no-untyped-def]
    """Render the site and write it to `out_dir` atomically; returns the rendered files."""
    files = render(glossary)
    write(files, out_dir)
    return files


def check(glossary, out_dir):  # type: ignore[no-untyped-def]
    """Relative paths where `out_dir` differs from a fresh build (empty when it is fresh)."""
    return differences(render(glossary), out_dir)
