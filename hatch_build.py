"""Build gloss._speedups (the C match view) with the interpreter's own compiler settings.

Used by hatchling as a build hook for wheels and editable installs; without a working C compiler
the wheel is pure Python and gloss runs its Python path. For a checkout used through PYTHONPATH,
`python hatch_build.py` builds the extension in place.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "src" / "gloss" / "_speedups.c"


def extension_name() -> str:
    return "_speedups" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")


def compile_extension(target: Path) -> None:
    """Compile and link SOURCE into `target`; raises CalledProcessError or OSError on failure."""
    config = sysconfig.get_config_vars()
    cc = shlex.split(config.get("CC") or "cc")
    ldshared = shlex.split(config.get("LDSHARED") or "cc -shared")
    include = sysconfig.get_paths()["include"]
    with tempfile.TemporaryDirectory() as tmp:
        obj = Path(tmp) / "_speedups.o"
        flags = shlex.split(config.get("CCSHARED") or "-fPIC")
        subprocess.run([*cc, *flags, "-O2", "-I", include, "-c", str(SOURCE), "-o", str(obj)], check=True)
        subprocess.run([*ldshared, str(obj), "-o", str(target)], check=True)


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, outside a build
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc,valid-type]
    """Adds the compiled extension to the wheel (in place for an editable install)."""

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        self._tmp = None
        if version == "editable":
            target = SOURCE.with_name(extension_name())
        else:
            self._tmp = tempfile.mkdtemp()
            target = Path(self._tmp) / extension_name()
        try:
            compile_extension(target)
        except (OSError, subprocess.CalledProcessError) as exc:
            self.app.display_warning(f"gloss._speedups not built ({exc}); the pure-Python path will be used")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(target)] = f"gloss/{extension_name()}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)


if __name__ == "__main__":
    compile_extension(SOURCE.with_name(extension_name()))
    print(f"built {SOURCE.with_name(extension_name()).relative_to(ROOT)}", file=sys.stderr)
