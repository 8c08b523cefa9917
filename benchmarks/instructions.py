"""Instructions of a warm `gloss annotate` run, step by step, counted by valgrind (callgrind).

Wall and CPU times of a run this short move with the machine's load; instruction counts do not.
Run from the repository root (the table in docs/performance.md comes from this command):

    PYTHONPATH=src python benchmarks/instructions.py ../shared/seeds --grown 5000

Each step is a fresh interpreter that stops after it: Python's start, the imports `gloss annotate`
needs, the load from a warm cache, the compile, annotating the file (its context included), the
JSON output; the last row is the command itself. Like the command, each step exempts what it holds
from the collections at exit. Needs valgrind on PATH.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if (ROOT / "src" / "gloss").is_dir():
    sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402

# The steps, cumulative: step k runs every line up to its own.
_STEPS = (
    # gloss.cli.main raises the collector's first threshold once gloss.cli is imported; so does this step.
    ("imports", "import gc, gloss, gloss.cli\n"
                "gc.set_threshold(gloss.cli._FIRST_GENERATION, *gc.get_threshold()[1:])\n"
                "import gloss.annotate, gloss.parallel, gloss.render.json"),
    ("load from the cache", "glossary = gloss.load(terms)"),
    ("compile", "glossary.compiled"),
    ("context and annotating", "results = list(gloss.parallel.annotate_files(glossary, [small], jobs=1))"),
    ("JSON output", "import io\n"
                    "for r in results:\n"
                    "    gloss.render.json.write_document(io.StringIO(), glossary, r.annotations, "
                    "{'path': r.path, 'chars': r.chars, 'region': r.region, 'year': r.year}, lines=False)"),
)


def _collected(command: list[str], env: dict[str, str]) -> int:
    """Instructions callgrind counted for one run of `command`."""
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        raise SystemExit("instructions.py: callgrind printed no count")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, help="a report text file or a folder of *.txt reports")
    parser.add_argument("--grown", type=int, default=5000, help="entries of the grown glossary (0: terms.yaml itself)")
    parser.add_argument("--terms", type=Path, default=ROOT / "terms.yaml", help="the glossary to grow")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions.py: valgrind is not installed")
    texts = corpus.report_texts(args.reports)
    with tempfile.TemporaryDirectory() as tmp:
        terms = args.terms
        if args.grown:
            terms = Path(tmp) / f"terms-{args.grown}.yaml"
            data, _ = corpus.glossary_data(args.terms)
            corpus.write_glossary(corpus.grown_glossary(data, texts, args.grown), terms)
        small = Path(tmp) / "small.txt"
        small.write_text(texts[0][:2000], encoding="utf-8")
        env = corpus.warm_cli_env(terms, Path(tmp) / "cache", Path(tmp) / "bytecode")
        command = [sys.executable, "-m", "gloss", "annotate", "--format", "json", str(small)]
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)  # fills the cache and bytecode
        rows = [("Python's start (`python -c pass`)", _collected([sys.executable, "-c", "pass"], env))]
        prelude = f"terms, small = {str(terms)!r}, {str(small)!r}\n"
        for k, (name, _) in enumerate(_STEPS):
            # Each step ends as the command does (gloss.cli.main): what the process holds is exempted
            # from the collections at exit, so that those are counted in no step.
            script = prelude + "\n".join(code for _, code in _STEPS[: k + 1]) + "\nimport gc\ngc.freeze()"
            subprocess.run([sys.executable, "-c", script], env=env, stdout=subprocess.DEVNULL, check=True)
            rows.append((name, _collected([sys.executable, "-c", script], env)))
        rows.append(("the command line layer", _collected(command, env)))
    total = rows[-1][1]
    print(f"\n## Instructions of a warm `gloss annotate --format json small.txt` ({terms.name})\n")
    print("| step | M instructions | share |\n|---|---:|---:|")
    before = 0
    for name, count in rows:
        print(f"| {name} | {(count - before) / 1e6:.0f} | {(count - before) / total:.0%} |")
        before = count
    print(f"| **whole run** | **{total / 1e6:.0f}** | |")


if __name__ == "__main__":
    main()
