"""The site at a grown size: build time and weight, and how long an index filter change takes in Chromium.

    PYTHONPATH=src python benchmarks/site_filters.py ../shared/seeds --entries 5000 --repeat 7

The glossary is terms.yaml grown to `--entries` entries (`corpus.grown_glossary`: the real entries
plus copies under synthetic terms, keeping their kind and scope, so the filters see the real mix).
The site is built into a temporary directory and its index opened from file:// in headless
Chromium. A filter change is done as a browser does it for a select or a typed year (the value
set, then `input` and, for a select, `change` dispatched); two figures per change, medians of
`--repeat` rounds: the page script's time, and the time until the next frame has been drawn
(style, layout and paint of the shown and hidden rows included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

import gloss  # noqa: E402
from gloss import site  # noqa: E402

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# [script ms, ms until the next frame] of one change of a filter field.
CHANGE_JS = """([name, value]) => new Promise(resolve => {
  const field = document.getElementById("filters").elements[name];
  const t0 = performance.now();
  field.value = value;
  field.dispatchEvent(new Event("input", {bubbles: true}));
  if (field.tagName === "SELECT") field.dispatchEvent(new Event("change", {bubbles: true}));
  const script = performance.now() - t0;
  requestAnimationFrame(() => setTimeout(() => resolve([script, performance.now() - t0]), 0));
})"""


def build_site(reports: Path, entries: int, out: Path) -> tuple[gloss.Glossary, float]:
    """The grown glossary and the seconds `site.build` took to write it under `out`."""
    data, _ = corpus.glossary_data(corpus.ROOT / "terms.yaml")
    if entries > len(data["entries"]):
        data = corpus.grown_glossary(data, corpus.report_texts(reports), entries)
    glossary = gloss.load(corpus.write_glossary(data, Path(tempfile.mkdtemp()) / "terms.yaml"))
    start = time.perf_counter()
    site.build(glossary, out)
    return glossary, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, help="the seed reports (synthetic terms are drawn from them)")
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--out", type=Path, help="build the site here (default: a new temporary directory)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp()) / "glossary"
    glossary, seconds = build_site(args.reports, args.entries, out)
    files = [p for p in out.rglob("*") if p.is_file()]
    print(f"{len(glossary.entries)} entries: site built in {seconds:.2f} s, {len(files)} files, "
          f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB; index.html {(out / 'index.html').stat().st_size / 1e6:.2f} MB")
    measure(out, glossary.entries, args.repeat, args.chromium)


def measure(out: Path, entries: list, repeat: int, chromium: str) -> None:
    """Open the index of the site in `out` and time each filter change `repeat` times."""
    from playwright.sync_api import sync_playwright

    kind = max({e.kind for e in entries}, key=lambda k: sum(e.kind == k for e in entries))
    region = max({e.scope.region for e in entries if e.scope.level != "national"},
                 key=lambda r: sum(e.scope.region == r for e in entries))
    changes = [("level", "province"), ("level", ""), ("kind", kind), ("kind", ""), ("region", region),
               ("region", ""), ("from", "2015"), ("from", "")]
    times: dict[tuple[str, str], list[tuple[float, float]]] = {c: [] for c in changes}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        start = time.perf_counter()
        page.goto((out / "index.html").as_uri())
        print(f"index opened (load event) in {time.perf_counter() - start:.2f} s; "
              f"{page.locator('table.entries tbody tr').count()} rows")
        for _ in range(repeat):
            for change in changes:
                times[change].append(tuple(page.evaluate(CHANGE_JS, list(change))))
        browser.close()
    print(f"filter change, medians of {repeat} (ms): script / until the next frame")
    for (name, value), got in times.items():
        script = statistics.median(t[0] for t in got)
        frame = statistics.median(t[1] for t in got)
        print(f"  {name} = {value or '(any)':<12} {script:7.1f} / {frame:7.1f}")


if __name__ == "__main__":
    main()
