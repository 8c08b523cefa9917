"""Writing a rendered site to disk atomically, and comparing a directory with a rendering."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import GlossError

# A directory is only ever replaced when it is empty or was written by us: `-o ~` must not wipe a home.
MARKER = b'<meta name="generator" content="gloss site">'


class SiteError(GlossError):
    """The site cannot be written where asked."""


def _ours(directory: Path, signature: tuple[str, bytes]) -> bool:
    if not any(directory.iterdir()):
        return True
    name, marker = signature
    try:
        return (directory / name).is_file() and marker in (directory / name).read_bytes()[:4096]
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write(files: Mapping[str, bytes], out_dir: str | os.PathLike[str], *, what: str = "gloss site",
          signature: tuple[str, bytes] = ("index.html", MARKER)) -> None:
    """Write `files` into a temporary sibling of `out_dir`, then swap it in place of `out_dir`.

    Readers never see a half-written site, and a failed build leaves the old one untouched. An existing
    `out_dir` is replaced only when it is empty or holds `signature` (a file and bytes in its head).
    """
    out = Path(os.path.abspath(out_dir))
    for name in files:
        if name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
            raise SiteError(f"{out_dir}: refusing to write {name!r}, a path outside the site folder")
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out_dir}: exists and is not a directory; choose another output directory")
    if out.is_dir() and not _ours(out, signature):
        raise SiteError(
            f"{out_dir}: not empty and not a {what}; refusing to replace it (choose a new or empty directory)"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
    except OSError as exc:
        raise SiteError(f"{out_dir}: cannot create the output directory: {exc.strerror}") from None
    old = tmp.with_suffix(".old")
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it private; a site is meant to be served
        for name in sorted(files):
            target = tmp.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[name])
        if out.exists():
            os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out.exists():
            os.rename(old, out)
        raise SiteError(f"{out_dir}: cannot write the {what}: {exc.strerror or exc}") from None


def differences(files: Mapping[str, bytes], out_dir: str | os.PathLike[str]) -> list[str]:
    """Sorted relative paths that are missing, extra or different in `out_dir`."""
    out = Path(out_dir)
    if not out.is_dir():
        return sorted(files)
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    changed = []
    for name in sorted(present | set(files)):
        if name not in files or name not in present:
            changed.append(name)
        elif (out / name).read_bytes() != files[name]:
            changed.append(name)
    return changed
