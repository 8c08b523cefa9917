"""Benchmark inputs: report text repeated to a target size, and the glossaries to scan it with.

Synthetic keys are labelled as such everywhere they are reported. They are CJK substrings of the
reports themselves, drawn with a fixed seed, so every one occurs in the text (as jargon does) and
a run is reproducible.
"""

from __future__ import annotations

import copy
import os
import random
import re
from pathlib import Path

import yaml

from gloss.load import build
from gloss.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini.yaml"
SEED = 20240601
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")


def source_env() -> dict[str, str]:
    """This process's environment, with this checkout's sources first on PYTHONPATH (for child processes)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    return env


def warm_cli_env(terms: Path, cache: Path, bytecode: Path) -> dict[str, str]:
    """`source_env` for a `gloss` command run as an installed package runs: glossary `terms`, cache in
    `cache`, bytecode written and reused under `bytecode` (with PYTHONDONTWRITEBYTECODE set, every run
    would compile every module again)."""
    env = source_env() | {"GLOSS_CACHE_DIR": str(cache), "GLOSS_TERMS": str(terms), "PYTHONPYCACHEPREFIX": str(bytecode)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def report_texts(path: Path) -> list[str]:
    """Every *.txt under `path` (or `path` itself), decoded as UTF-8."""
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    texts = [f.read_text("utf-8-sig") for f in files]
    if not texts:
        raise SystemExit(f"no *.txt report under {path}")
    return texts


def repeated(texts: list[str], megabytes: float) -> str:
    """The reports concatenated and repeated until the UTF-8 size reaches `megabytes`."""
    one = "\n".join(texts) + "\n"
    size = len(one.encode("utf-8"))
    copies = max(1, int(megabytes * 1e6 // size) + 1)
    return one * copies


def synthetic_keys(texts: list[str], count: int, taken: set[str]) -> list[str]:
    """`count` distinct CJK substrings (3-7 characters) of the normalised reports, not in `taken`."""
    rng = random.Random(SEED)
    runs = [m.group() for t in texts for m in _CJK_RUN.finditer(normalize(t))]
    runs = [r for r in runs if len(r) >= 3]
    keys: list[str] = []
    seen = set(taken)
    attempts = 0
    while len(keys) < count:
        attempts += 1
        run = rng.choice(runs)
        size = rng.randint(3, min(7, len(run)))
        at = rng.randint(0, len(run) - size)
        key = run[at : at + size]
        if key not in seen:
            seen.add(key)
            keys.append(key)
        if attempts > count * 50:  # the reports have run out of fresh substrings: invent some
            key = "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(rng.randint(3, 7)))
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return keys


def with_synthetic_entries(data: dict, keys: list[str]) -> dict:
    """A copy of validated glossary data with one plain entry per synthetic key added."""
    data = copy.deepcopy(data)
    template = next(e for e in data["entries"] if not e.get("aliases") and not e.get("match"))
    for n, key in enumerate(keys):
        entry = copy.deepcopy(template)
        entry.update(id=f"synthetic-{n}", term=key)
        entry.pop("components", None)
        data["entries"].append(entry)
    return data


def glossary_data(terms: Path | None) -> tuple[dict, str]:
    """Validated data of the real glossary when it has entries, else the test fixture; and a label."""
    from gloss.load import _parse

    for path, label in ((terms, "terms.yaml"), (FIXTURE, "fixture tests/fixtures/mini.yaml")):
        if path is None or not path.is_file():
            continue
        data, problems = _parse(path.read_bytes(), str(path))
        if not problems and data.get("entries"):
            return data, f"{label} ({len(data['entries'])} entries)"
    raise SystemExit("no usable glossary: neither terms.yaml nor the test fixture loads")


def glossary_with_keys(data: dict, texts: list[str], total: int, engine: str | None):
    """A Glossary whose compiled key count is about `total`: the real keys plus synthetic ones."""
    base = build(data, engine=engine)
    real = {k.text for k in base.compiled.keys}
    extra = synthetic_keys(texts, max(0, total - len(real)), real)
    return build(with_synthetic_entries(data, extra), engine=engine), len(real), len(extra)


def grown_glossary(data: dict, texts: list[str], entries: int) -> dict:
    """Validated glossary data grown to `entries` entries by copies of real ones under synthetic terms.

    Each copy keeps its original's definitions, sources, scope and kind (so parsing, the schema
    and the checks see full-sized entries) but gets a new id and a synthetic term (see
    `synthetic_keys`); the fields that tie an entry to its own term (aliases, match rules,
    components, first year) are dropped so that the copy stays valid.
    """
    data = copy.deepcopy(data)
    real = data["entries"]
    taken = {normalize(s) for e in real for s in [e["term"], *e.get("aliases", [])]}
    terms = synthetic_keys(texts, max(0, entries - len(real)), taken)
    templates = [e for e in real if e["kind"] not in ("numbered-slogan", "code")]
    for n, term in enumerate(terms):
        entry = copy.deepcopy(templates[n % len(templates)])
        for field in ("aliases", "match", "components", "first_year", "first_year_source", "first_year_basis",
                      "sense", "cues", "pinyin"):
            entry.pop(field, None)
        entry.update(id=f"synthetic-{n}", term=term)
        real.append(entry)
    return data


def write_glossary(data: dict, path: Path) -> Path:
    """`data` as a terms.yaml file."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path
