"""The browser extension on a large page: time to underline every term, in headless Chromium.

    PYTHONPATH=src python benchmarks/extension_page.py ../shared/seeds --mb 1

The page is the seed reports' paragraphs repeated to about `--mb` MB of text, served from 127.0.0.1;
the extension is built from the shipped glossary. Prints the terms underlined, the total time spent
matching and wrapping, the matching part, and the longest single slice of work (what a reader feels
as a pause).
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

import gloss  # noqa: E402
from gloss.extension import build  # noqa: E402

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    paragraphs = [p.strip() for t in corpus.report_texts(args.reports) for p in t.split("\n\n") if p.strip()]
    body, size, i = [], 0, 0
    while size < args.mb * 1e6:
        text = paragraphs[i % len(paragraphs)]
        body.append(f"<p>{html.escape(text)}</p>")
        size += len(text.encode())
        i += 1
    work = Path(tempfile.mkdtemp())
    (work / "page.html").write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                                    + "\n".join(body) + "</body></html>", encoding="utf-8")
    ext = work / "ext"
    glossary = gloss.load()
    for name, data in build(glossary).items():
        (ext / name).parent.mkdir(parents=True, exist_ok=True)
        (ext / name).write_bytes(data)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # the benchmark's output is its figures only
            pass

    handler = functools.partial(Quiet, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(work / "profile"), executable_path=args.chromium, headless=True,
            args=ARGS + [f"--disable-extensions-except={ext}", f"--load-extension={ext}"])
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/page.html")
        page.wait_for_function("document.documentElement.hasAttribute('data-gloss-terms')", timeout=120000)
        terms = page.evaluate("document.documentElement.dataset.glossTerms")
        total, longest, matching = page.evaluate("document.documentElement.dataset.glossMs").split()
        ctx.close()
    server.shutdown()
    print(f"{size / 1e6:.2f} MB of text in {len(body)} paragraphs, {len(glossary.entries)} entries: {terms} terms underlined")
    print(f"{float(total):.0f} ms matching and wrapping ({float(matching):.0f} ms matching), longest slice {float(longest):.0f} ms")


if __name__ == "__main__":
    main()
