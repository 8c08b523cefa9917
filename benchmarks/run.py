"""gloss benchmarks: end-to-end annotation against raw engine scans and named baselines.

Run from the repository root (the figures in docs/performance.md come from this command):

    PYTHONPATH=src python benchmarks/run.py ../shared/seeds --mb 50

Everything in one table is measured in one run, interleaved round by round, medians of
--repeat rounds, so the ratios hold even on a busy machine. Raw scans get the original text and
the same keys; end-to-end annotation normalises, scans, applies every rule, selects
leftmost-longest and maps offsets back. Sizes are MB of UTF-8 text (1 MB = 10^6 bytes).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if (ROOT / "src" / "gloss").is_dir():
    sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402

from gloss.matcher import Matcher, available_engines  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure gloss annotation speed, build and load time, cold start, memory and corpus mode.",
        epilog="Example: PYTHONPATH=src python benchmarks/run.py ../shared/seeds --mb 50 --json bench.json",
    )
    parser.add_argument("reports", type=Path, help="a report text file, or a folder of *.txt reports (repeated to --mb)")
    parser.add_argument("--mb", type=float, default=50, help="MB of text for the main table (default 50)")
    parser.add_argument("--terms", type=Path, default=ROOT / "terms.yaml",
                        help="glossary whose keys to use (falls back to the test fixture when it has no entries)")
    parser.add_argument("--keys", type=int, default=0,
                        help="key count of the main table: the glossary's keys, plus synthetic ones up to this count "
                             "(default 0: the glossary's keys only)")
    parser.add_argument("--scaling", default="600,5000,50000", help="key counts for the growth table ('' to skip)")
    parser.add_argument("--scaling-mb", type=float, default=10, help="MB of text for the growth table (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the corpus-mode comparison with -j 1 (default 2)")
    parser.add_argument("--stream-mb", type=float, default=0, help="also measure peak RSS streaming a file this big")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of end-to-end annotation")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--grown", type=int, default=5000,
                        help="entries of the grown glossary (real entries plus copies under synthetic terms) used by "
                             "the load, cold-start and browser sections (default 5000; 0 to skip)")
    parser.add_argument("--skip", default="",
                        help="comma-separated sections to skip: main,scaling,load,cli,browser,corpus")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="what the main table times: wall seconds, or the CPU seconds of this process "
                             "(steadier on a machine other jobs are using; grep, another process, is then left out)")
    return parser.parse_args(argv)


def median_times(tasks: dict[str, Callable[[], object]], repeat: int, clock: str = "wall") -> dict[str, float]:
    """Median seconds (wall or this process's CPU) of each task, the tasks interleaved round by round."""
    now = time.process_time if clock == "cpu" else time.perf_counter
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(repeat):
        for name, task in tasks.items():
            start = now()
            task()
            times[name].append(now() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speedups_built() -> bool:
    return importlib.util.find_spec("gloss._speedups") is not None


def without_speedups(function: Callable, *args: object) -> object:
    """`function(*args)` on gloss's pure-Python path (the C extension set aside)."""
    import gloss.annotate
    import gloss.matcher
    import gloss.normalize
    import gloss.traditional

    modules = (gloss.normalize, gloss.traditional, gloss.annotate, gloss.matcher)
    saved = [m._speedups for m in modules]
    for m in modules:
        m._speedups = None
    try:
        return function(*args)
    finally:
        for m, value in zip(modules, saved):
            m._speedups = value


def grown_terms(args: argparse.Namespace, texts: list[str], data: dict, workdir: Path) -> Path | None:
    """terms.yaml grown to --grown entries (see corpus.grown_glossary), written under `workdir`."""
    if not args.grown:
        return None
    path = workdir / f"terms-{args.grown}.yaml"
    if not path.exists():
        corpus.write_glossary(corpus.grown_glossary(data, texts, args.grown), path)
    return path


# --- baselines -------------------------------------------------------------------------------


def raw_scans(keys: list[str], text: str, workdir: Path) -> dict[str, Callable[[], object]]:
    """The engines and baselines on the original text, no normalisation, rules or selection."""
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, key in enumerate(keys):
        automaton.add_word(key, i)
    automaton.make_automaton()

    def pyahocorasick_iter() -> int:
        n = 0
        for _ in automaton.iter(text):
            n += 1
        return n

    tasks: dict[str, Callable[[], object]] = {"raw pyahocorasick iter()": pyahocorasick_iter}
    tasks["raw pyahocorasick iter_long() (wrong: issue #133)"] = lambda: sum(1 for _ in automaton.iter_long(text))
    engines = available_engines()
    if "ahocorasick_rs" in engines:
        import ahocorasick_rs

        standard = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        longest = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        tasks["raw ahocorasick_rs overlapping"] = lambda: len(standard.find_matches_as_indexes(text, overlapping=True))
        tasks["raw ahocorasick_rs leftmost-longest"] = lambda: len(longest.find_matches_as_indexes(text))
    if "hyperscan" in engines:
        import hyperscan

        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        db.compile(expressions=[k.encode() for k in keys], ids=list(range(len(keys))), elements=len(keys), flags=0, literal=True)

        def hyperscan_scan() -> int:
            count = [0]

            def on_match(*_: object) -> None:
                count[0] += 1

            db.scan(text.encode("utf-8"), match_event_handler=on_match)
            return count[0]

        tasks["raw hyperscan (UTF-8 bytes, incl. encode)"] = hyperscan_scan
    try:
        from flashtext import KeywordProcessor

        processor = KeywordProcessor(case_sensitive=True)
        for key in keys:
            processor.add_keyword(key)
        tasks["flashtext extract_keywords"] = lambda: len(processor.extract_keywords(text, span_info=True))
    except ImportError:
        pass
    alternation = re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)))
    tasks["Python re alternation"] = lambda: sum(1 for _ in alternation.finditer(text))
    text_file = workdir / "text.txt"
    keys_file = workdir / "keys.txt"
    text_file.write_text(text, encoding="utf-8")
    keys_file.write_text("\n".join(keys) + "\n", encoding="utf-8")
    out_file = workdir / "grep.out"

    def grep() -> None:
        # Output to a real file: GNU grep stops at the first match when stdout is /dev/null.
        with open(out_file, "wb") as out:
            subprocess.run(["grep", "-F", "-o", "-b", "-f", str(keys_file), str(text_file)], stdout=out, check=False)

    tasks["grep -F -o -b -f keys (C reference)"] = grep
    return tasks


# --- sections --------------------------------------------------------------------------------


def main_table(args: argparse.Namespace, texts: list[str], data: dict, label: str, results: dict) -> None:
    text = corpus.repeated(texts, args.mb)
    megabytes = len(text.encode("utf-8")) / 1e6
    glossaries = {}
    for engine in available_engines():
        glossaries[engine], n_real, n_synth = corpus.glossary_with_keys(data, texts, args.keys, engine)
        glossaries[engine].compiled  # noqa: B018
    keys = [k.text for k in glossaries["pyahocorasick"].compiled.keys]
    print(f"\n## Main table: {megabytes:.1f} MB of report text, {len(keys)} keys "
          f"({n_real} from {label}, {n_synth} synthetic), medians of {args.repeat}, {args.clock} seconds\n")
    tasks: dict[str, Callable[[], object]] = {}
    for engine, glossary in glossaries.items():
        tasks[f"end-to-end Glossary.annotate [{engine}]"] = (lambda g=glossary: g.annotate(text))
    if speedups_built():
        tasks["end-to-end Glossary.annotate [pyahocorasick, pure Python]"] = (
            lambda g=glossaries["pyahocorasick"]: without_speedups(g.annotate, text))
    with tempfile.TemporaryDirectory() as tmp:
        tasks.update(raw_scans(keys, text, Path(tmp)))
        if args.clock == "cpu":  # grep's work is another process's
            tasks.pop("grep -F -o -b -f keys (C reference)", None)
        times = median_times(tasks, args.repeat, args.clock)
    counts = {f"annotations [{e}]": len(g.annotate(text)) for e, g in glossaries.items()}
    if speedups_built():
        counts["annotations [pure Python]"] = len(without_speedups(glossaries["pyahocorasick"].annotate, text))
    raw = times["raw pyahocorasick iter()"]
    print(f"| what | seconds | MB/s | speed vs raw pyahocorasick iter() |\n|---|---:|---:|---:|")
    for name, seconds in times.items():
        print(f"| {name} | {seconds:.3f} | {megabytes / seconds:.1f} | {raw / seconds:.2f}× |")
    e2e = {e: times[f"end-to-end Glossary.annotate [{e}]"] for e in glossaries}
    fastest = min(e2e, key=e2e.get)
    ratios = {f"pyahocorasick e2e / raw pyahocorasick iter() (target >= 0.6)": raw / e2e["pyahocorasick"]}
    if "raw hyperscan (UTF-8 bytes, incl. encode)" in times:
        ratios[f"fastest e2e [{fastest}] / raw hyperscan encode + scan (target >= 0.2)"] = (
            times["raw hyperscan (UTF-8 bytes, incl. encode)"] / e2e[fastest])
    if "flashtext extract_keywords" in times:
        ratios[f"fastest e2e [{fastest}] vs flashtext (target >= 3)"] = times["flashtext extract_keywords"] / e2e[fastest]
    ratios[f"fastest e2e [{fastest}] vs re alternation (target >= 3)"] = times["Python re alternation"] / e2e[fastest]
    ratios["pyahocorasick e2e vs flashtext"] = times.get("flashtext extract_keywords", float("nan")) / e2e["pyahocorasick"]
    ratios["pyahocorasick e2e vs re alternation"] = times["Python re alternation"] / e2e["pyahocorasick"]
    if "end-to-end Glossary.annotate [pyahocorasick, pure Python]" in times:
        ratios["C extension speed-up, pyahocorasick e2e"] = (
            times["end-to-end Glossary.annotate [pyahocorasick, pure Python]"] / e2e["pyahocorasick"])
    print("\n| ratio | value |\n|---|---:|")
    for name, value in ratios.items():
        print(f"| {name} | {value:.2f} |")
    print("\n" + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    results["main"] = {"megabytes": megabytes, "keys": len(keys), "real_keys": n_real, "synthetic_keys": n_synth,
                       "glossary": label, "seconds": times, "ratios": ratios, "counts": counts}
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        with profiler:
            glossaries["pyahocorasick"].annotate(text[: len(text) // 5])
        print(profiler.output_text(unicode=True, color=False))


def _child_build(count: int, engine: str, reports: str, terms: str, scan_mb: float, keys_file: str) -> None:
    """In a fresh process: build a matcher over the keys in `keys_file`, scan, annotate; print JSON.

    The matcher is built before anything else is allocated, so the growth of resident memory is
    the matcher's own (freed memory of an earlier build would otherwise be reused and hide it).
    """
    keys = Path(keys_file).read_text("utf-8").split("\n")
    before = _current_rss_mb()
    start = time.perf_counter()
    matcher = Matcher(keys, engine)
    build = time.perf_counter() - start
    after_build = _current_rss_mb()
    texts = corpus.report_texts(Path(reports))
    data, _ = corpus.glossary_data(Path(terms))
    glossary, n_real, n_synth = corpus.glossary_with_keys(data, texts, count, engine)
    glossary.compiled  # noqa: B018 - compiled before the timing
    text = corpus.repeated(texts, scan_mb)
    start = time.perf_counter()
    found = matcher.occurrence_list(text)
    scan = time.perf_counter() - start
    start = time.perf_counter()
    anns = glossary.annotate(text)
    e2e = time.perf_counter() - start
    print(json.dumps({"keys": len(keys), "real": n_real, "synthetic": n_synth, "build_s": build,
                      "matcher_mb": after_build - before, "scan_s": scan, "occurrences": len(found),
                      "annotate_s": e2e, "annotations": len(anns), "mb": len(text.encode()) / 1e6,
                      "peak_rss_mb": peak_rss_mb()}))


def scaling_table(args: argparse.Namespace, label: str, results: dict) -> None:
    counts = [int(c) for c in args.scaling.split(",") if c]
    print(f"\n## Growth with the key count ({label} keys + synthetic keys), {args.scaling_mb:g} MB scanned, "
          "each in a fresh process\n")
    print("| keys | engine | build s | matcher RSS MB | matcher scan s | end-to-end s | occurrences | annotations |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    rows = []
    texts = corpus.report_texts(args.reports)
    data, _ = corpus.glossary_data(args.terms)
    for count in counts:
        glossary, _, _ = corpus.glossary_with_keys(data, texts, count, "pyahocorasick")
        keys_file = Path(tempfile.mkstemp(suffix=".keys")[1])
        keys_file.write_text("\n".join(k.text for k in glossary.compiled.keys), encoding="utf-8")
        for engine in available_engines():
            out = subprocess.run(
                [sys.executable, __file__, "--child-build", str(count), engine, str(args.reports), str(args.terms),
                 str(args.scaling_mb), str(keys_file)],
                capture_output=True, text=True, check=True, env=corpus.source_env(),
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            row["engine"] = engine
            rows.append(row)
            print(f"| {row['keys']} ({row['synthetic']} synthetic) | {engine} | {row['build_s']:.3f} | {row['matcher_mb']:.1f} | {row['scan_s']:.3f} "
                  f"| {row['annotate_s']:.3f} | {row['occurrences']} | {row['annotations']} |")
        keys_file.unlink()
    results["scaling"] = rows


def load_table(args: argparse.Namespace, grown: Path | None, results: dict) -> None:
    """Glossary load: validation with an empty cache, then from the cache; compile per engine."""
    real = args.terms if args.terms.is_file() and _has_entries(args.terms) else corpus.FIXTURE
    results["load"] = {}
    for path in (real, grown):
        if path is None:
            continue
        out = subprocess.run([sys.executable, __file__, "--child-load", str(path), str(max(3, args.repeat))],
                             capture_output=True, text=True, check=True, env=corpus.source_env())
        row = json.loads(out.stdout.strip().splitlines()[-1])
        runs = [_first_build_alone(path) for _ in range(max(3, args.repeat))]
        row["gloss.load(), empty cache, alone in a fresh process (median)"] = (
            statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        print(f"\n## Glossary load ({path.name}, {row.pop('entries')} entries, a fresh process)\n\n"
              "| step | wall s | CPU s |\n|---|---:|---:|")
        for name, (wall, cpu) in row.items():
            print(f"| {name} | {wall:.4f} | {cpu:.4f} |")
        results["load"][path.name] = row


def _first_build_alone(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `gloss.load(path)` with an empty cache, the only work of a fresh process
    (the steps above run in a process that has already parsed the file several times)."""
    code = ("import time, gloss\n"
            "wall, cpu = time.perf_counter(), time.process_time()\n"
            f"gloss.load({str(path)!r})\n"
            "print(time.perf_counter() - wall, time.process_time() - cpu)")
    with tempfile.TemporaryDirectory() as cache_dir:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env=corpus.source_env() | {"GLOSS_CACHE_DIR": cache_dir})
    wall, cpu = map(float, out.stdout.split())
    return wall, cpu


def _child_load(path: Path, repeat: int) -> None:
    """In a fresh process: the first build from terms.yaml, step by step, then loads from the cache.

    Each figure is wall seconds and, after a slash, CPU seconds of this process (on a shared
    machine the CPU time shows the work done, the wall time what a user waits).
    """
    import gc
    import importlib

    import gloss
    from gloss.checks import semantic_problems
    from gloss.yamlsource import read_yaml

    load_module = importlib.import_module("gloss.load")  # the module, not the function gloss.load
    rows: dict[str, tuple[float, float]] = {}

    def timed(name: str, task: Callable[[], object], rounds: int = 1) -> object:
        walls, cpus = [], []
        for _ in range(rounds):
            wall, cpu = time.perf_counter(), time.process_time()
            value = task()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        rows[name] = (statistics.median(walls), statistics.median(cpus))
        return value

    raw = path.read_bytes()
    gc.disable()  # as gloss.load does while it parses
    data, positions, _ = timed("first build, step: YAML parse (positions kept)",
                               lambda: read_yaml(raw.decode("utf-8-sig"), str(path)))
    if timed("first build, step: schema", lambda: load_module._schema_errors(data)):
        raise SystemExit(f"{path} does not pass the schema")
    timed("first build, step: semantic checks", lambda: semantic_problems(str(path), data, positions, set()))
    entries = len(timed("first build, step: model objects", lambda: load_module.build(data)).entries)
    gc.enable()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["GLOSS_CACHE_DIR"] = cache
        timed("gloss.load(), empty cache (parse + validate + write cache)", lambda: gloss.load(path))
        timed("gloss.load() from the cache", lambda: gloss.load(path), repeat)
        for engine in available_engines():
            gloss.load(path, engine=engine).compiled  # noqa: B018 - a first compile fills the engine's cache
            timed(f"gloss.load() from the cache + compile [{engine}]",
                  lambda e=engine: gloss.load(path, engine=e).compiled, repeat)
    print(json.dumps({"entries": entries, **rows}))


def _has_entries(path: Path) -> bool:
    import yaml

    try:
        return bool((yaml.safe_load(path.read_text("utf-8")) or {}).get("entries"))
    except Exception:  # noqa: BLE001 - an unusable file just means: use the fixture
        return False


def cli_table(args: argparse.Namespace, texts: list[str], grown: Path | None, results: dict) -> None:
    """`gloss annotate small.txt` wall time in a fresh process: empty cache, then warm cache.

    Python's bytecode is written and reused (under a temporary PYTHONPYCACHEPREFIX), as an installed
    package has it: with PYTHONDONTWRITEBYTECODE set, every run would compile every module again.
    """
    real = args.terms if args.terms.is_file() and _has_entries(args.terms) else corpus.FIXTURE
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(texts[0][:2000], encoding="utf-8")
        for terms in (real, grown):
            if terms is None:
                continue
            env = corpus.warm_cli_env(terms, Path(tmp) / f"cache-{terms.stem}", Path(tmp) / "bytecode")
            command = [sys.executable, "-m", "gloss", "annotate", "--format", "json", str(small)]

            rows[f"gloss annotate small.txt, {terms.name}, empty cache"] = _run_timed(command, env)
            runs = [_run_timed(command, env) for _ in range(5)]
            rows[f"gloss annotate small.txt, {terms.name}, warm cache (median of 5)"] = (
                statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        runs = [_run_timed([sys.executable, "-c", "pass"], None) for _ in range(5)]
        rows["python -c pass (interpreter floor)"] = (statistics.median(r[0] for r in runs),
                                                      statistics.median(r[1] for r in runs))
    print("\n## Cold start (a fresh process; 2,000 characters)\n\n| run | wall s | CPU s |\n|---|---:|---:|")
    for name, (wall, cpu) in rows.items():
        print(f"| {name} | {wall:.3f} | {cpu:.3f} |")
    # The machine's speed moves both alike: the ratio to the floor compares runs made at different speeds.
    floor = rows["python -c pass (interpreter floor)"][0]
    print("\n| warm run | times the interpreter floor (wall) |\n|---|---:|")
    for name, (wall, _) in rows.items():
        if "warm cache" in name:
            print(f"| {name.split(', ')[1]} | {wall / floor:.1f} |")
    results["cli"] = rows


def _run_timed(command: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def browser_table(args: argparse.Namespace, texts: list[str], grown: Path | None, results: dict) -> None:
    """The site's annotator in headless Chromium: 30,000 characters and 1 MB, with the grown glossary."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("\n## Browser annotator: skipped (Playwright is not installed)")
        return
    import gloss
    from gloss.site.data import matcher_data, search_record, to_js

    terms = grown or args.terms
    glossary = gloss.load(terms)
    one = "\n".join(texts) + "\n"
    small = (one * (30000 // len(one) + 1))[:30000]
    big = one * (int(1e6 // len(one.encode("utf-8"))) + 1)
    big = big[: int(len(big) * 1e6 // len(big.encode("utf-8")))]
    rounds = max(3, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        shutil.copy(ROOT / "src" / "gloss" / "site" / "static" / "matcher.js", site / "matcher.js")
        (site / "data.js").write_bytes(to_js("GLOSS_DATA", {
            "entries": [search_record(e) for e in glossary.entries],
            "matcher": matcher_data(glossary.entries, glossary.regions),
        }))
        (site / "page.html").write_text('<!doctype html><meta charset="utf-8"><script src="data.js"></script>'
                                        '<script src="matcher.js"></script>', encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("GLOSS_CHROMIUM", "/usr/bin/chromium"),
                                        args=["--headless", "--no-sandbox", "--disable-gpu",
                                              "--disable-background-networking"], headless=True)
            samples: dict[str, list[float]] = {}
            for _ in range(rounds):  # a fresh page each round: the first call runs before the JIT warms up
                page = browser.new_page()
                page.goto((site / "page.html").as_uri())
                measured = page.evaluate(_BROWSER_JS, [small, big])
                page.close()
                for name, value in measured.items():
                    samples.setdefault(name, []).append(value)
            browser.close()
    rows = {name: statistics.median(values) for name, values in samples.items()}
    print(f"\n## Browser annotator (headless Chromium, {terms.name}, {len(glossary)} entries, medians of {rounds} fresh pages)\n")
    print("| step | milliseconds |\n|---|---:|")
    for name, value in rows.items():
        print(f"| {name} | {value:.1f} |")
    results["browser"] = {"glossary": terms.name, "entries": len(glossary), **rows}


_BROWSER_JS = """([small, big]) => {
  const M = window.GlossMatcher, out = {};
  let t = performance.now();
  const compiled = M.compile(window.GLOSS_DATA.matcher);
  const compile = out["compile the matcher"] = performance.now() - t;
  for (const [name, text] of [["30,000 characters", small], ["1 MB", big]]) {
    t = performance.now();
    const n = M.annotate(compiled, text).length;
    out["annotate " + name + ", first call"] = performance.now() - t;
    if (name === "30,000 characters") {
      out["compile + annotate " + name + ", first call (a fresh page)"] = compile + out["annotate " + name + ", first call"];
    }
    t = performance.now();
    M.annotate(compiled, text);
    out["annotate " + name + ", second call"] = performance.now() - t;
    out["annotations in " + name] = n;
  }
  return out;
}"""


def corpus_table(args: argparse.Namespace, texts: list[str], data: dict, label: str, results: dict) -> None:
    """Corpus mode (gloss.parallel): the same files with 1 and with --jobs workers."""
    from gloss.parallel import Summary, annotate_files

    glossary, _, _ = corpus.glossary_with_keys(data, texts, args.keys, None)
    one = "\n".join(texts)
    copies = max(1, int(args.mb * 1e6 // len(one.encode())) // 2)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n in range(copies):
            path = Path(tmp) / f"report-{n:04d}.txt"
            path.write_text(one, encoding="utf-8")
            paths.append(path)
        for jobs in (1, args.jobs):
            summary = Summary()
            for _ in annotate_files(glossary, paths, jobs=jobs, summary=summary):
                pass
            rows[jobs] = {"files": summary.files, "mb": summary.megabytes, "seconds": summary.seconds,
                          "mb_per_s": summary.mb_per_s, "annotations": summary.annotations, "failures": summary.failures}
    print(f"\n## Corpus mode ({copies} files, {rows[1]['mb']:.1f} MB, {os.cpu_count()} cores)\n")
    print("| workers | seconds | MB/s | annotations | failures |\n|---:|---:|---:|---:|---:|")
    for jobs, row in rows.items():
        print(f"| {jobs} | {row['seconds']:.2f} | {row['mb_per_s']:.1f} | {row['annotations']} | {row['failures']} |")
    print(f"\nspeed-up -j {args.jobs} over -j 1: {rows[1]['seconds'] / rows[args.jobs]['seconds']:.2f}×")
    results["corpus"] = rows


def stream_table(args: argparse.Namespace, texts: list[str], results: dict) -> None:
    """Peak RSS of `gloss annotate --format jsonl` on one big file, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        one = ("\n".join(texts) + "\n").encode("utf-8")
        with open(big, "wb") as fh:
            for _ in range(int(args.stream_mb * 1e6 // len(one)) + 1):
                fh.write(one)
        size = big.stat().st_size / 1e6
        terms = args.terms if args.terms.is_file() and _has_entries(args.terms) else corpus.FIXTURE
        env = corpus.source_env() | {"GLOSS_TERMS": str(terms)}
        code = ("import resource,subprocess,sys;"
                "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "gloss", "annotate", "--format", "jsonl",
                              str(big)], env=env, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
        rss = float(out.stdout.strip().splitlines()[-1])
    print(f"\n## Streaming one {size:.0f} MB file (gloss annotate --format jsonl)\n")
    print(f"peak RSS {rss:.0f} MB, {seconds:.1f} s, {size / seconds:.1f} MB/s")
    results["stream"] = {"mb": size, "peak_rss_mb": rss, "seconds": seconds}


def main(argv: list[str] | None = None) -> None:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child-build":
        _child_build(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], float(sys.argv[6]), sys.argv[7])
        return
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child-load":
        _child_load(Path(sys.argv[2]), int(sys.argv[3]))
        return
    args = parse_args(argv)
    skip = set(args.skip.split(","))
    texts = corpus.report_texts(args.reports)
    data, label = corpus.glossary_data(args.terms)
    print(f"# gloss benchmarks — Python {sys.version.split()[0]}, {os.cpu_count()} cores, engines: "
          f"{', '.join(available_engines())}; glossary: {label}")
    results: dict = {"python": sys.version, "engines": available_engines(), "glossary": label}
    if "main" not in skip:
        main_table(args, texts, data, label, results)
    if "scaling" not in skip and args.scaling:
        scaling_table(args, label, results)
    workdir = Path(tempfile.mkdtemp(prefix="gloss-bench-"))
    grown = grown_terms(args, texts, data, workdir) if {"load", "cli", "browser"} - skip else None
    if "load" not in skip:
        load_table(args, grown, results)
    if "cli" not in skip:
        cli_table(args, texts, grown, results)
    if "browser" not in skip:
        browser_table(args, texts, grown, results)
    if "corpus" not in skip:
        corpus_table(args, texts, data, label, results)
    if args.stream_mb:
        stream_table(args, texts, results)
    results["peak_rss_mb"] = peak_rss_mb()
    print(f"\npeak RSS of this benchmark process: {results['peak_rss_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
