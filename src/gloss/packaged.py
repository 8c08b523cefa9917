"""The data files shipped in the package (`gloss/data/`), read without importing importlib.resources.

`importlib.resources` brings tempfile, random, zipfile and more with it: a good part of the start-up
of a short `gloss annotate`. A package installed as files has its data next to its modules, read
here directly; only a package imported from elsewhere (a zip archive) goes through importlib.resources.
"""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).parent / "data"


def data_path(name: str) -> Path | None:
    """The file `gloss/data/<name>` on disk, or None when the package is not installed as files."""
    path = _FOLDER / name
    return path if path.is_file() else None


def data_bytes(name: str) -> bytes:
    """The contents of `gloss/data/<name>`."""
    path = data_path(name)
    if path is not None:
        return path.read_bytes()
    from importlib import resources

    return (resources.files("gloss") / "data" / name).read_bytes()
