"""`gloss annotate`: find and explain the jargon in documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from ..errors import GlossError, InputError
from ..matcher import ENGINES
from ..render import FORMATS
from . import cli
from .common import EXIT_USAGE, load_glossary, say, terms_option, with_exit_code
from .inputs import expand_inputs, open_output, read_stdin


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE…|DIR|-")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: rich on a terminal or with --summary, else json (jsonl for several inputs).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              help="Write here instead of standard output (written atomically).")
@click.option("--summary", is_flag=True, help="rich: print only the table of terms, not the text.")
@click.option("--all", "overlapping", is_flag=True, help="Also report matches nested inside longer ones.")
@click.option("--region", help="Region of the document (e.g. 涧西区, 河南省, 全国), instead of detecting it from its heading.")
@click.option("--year", type=click.IntRange(1900, 2100), help="Year of the document, instead of detecting it.")
@click.option("--encoding", help="Input encoding (default: detect UTF-8, UTF-16/32 BOM, GB18030, Big5).")
@click.option("--utf16", is_flag=True, help="json/jsonl: add start_utf16/end_utf16 offsets for JavaScript.")
@click.option("--stream", is_flag=True,
              help="json/jsonl: annotate each file in chunks with bounded memory (automatic above 64 MB).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="json/jsonl: annotate files in this many worker processes (output stays in input order).")
@click.option("--engine", type=click.Choice(("auto", *ENGINES)), default="auto", show_default=True,
              help="Matching engine: the fastest installed, or one by name (see docs/performance.md).")
@terms_option
@with_exit_code
def annotate(inputs: tuple[str, ...], fmt: str | None, output: str, summary: bool, overlapping: bool,
             region: str | None, year: int | None, encoding: str | None, utf16: bool, stream: bool,
             jobs: int, engine: str, terms_path: str | None) -> int:
    """Annotate documents with the jargon they use: definitions, English, first year, sources.

    INPUTS are files, directories (walked for *.txt and *.md, also gzip: *.txt.gz) or - for standard
    input; a gzip file is read decompressed, whatever its name. Each undecodable or unreadable file
    gets a one-line error (exit 2); the others are still annotated.

    \b
    Examples:
      gloss annotate report.txt
      gloss annotate --summary report.txt
      gloss annotate --format json report.txt > report.json
      gloss annotate --format jsonl reports/ -j 2 -o corpus.jsonl
      cat report.txt | gloss annotate --format markdown -
    """
    from ..decode import decode, read_text

    glossary = load_glossary(terms_path, engine)
    if region is not None:
        region = _check_region(glossary, region)
    if encoding:
        _check_encoding(encoding)
    paths, problems = expand_inputs(inputs)
    if fmt is None:
        to_terminal = output == "-" and sys.stdout.isatty()
        fmt = "rich" if to_terminal or summary else ("jsonl" if len(paths) > 1 else "json")
    if fmt in ("json", "html", "markdown", "tbx", "csv") and len(paths) > 1:
        raise click.UsageError(f"--format {fmt} takes one document; use jsonl for several")
    failures = len(problems)
    with open_output(output) as out:
        for problem in problems:
            _report(out, fmt, problem.path, str(problem))
        if fmt in ("json", "jsonl") and not (stream or utf16) and "-" not in paths and not any(map(_large, paths)):
            code = _corpus(out, glossary, paths, fmt, jobs, overlapping, region, year, encoding)
            return EXIT_USAGE if failures else code
        for path in paths:
            try:
                if fmt in ("json", "jsonl") and path != "-" and (stream or _large(path)):
                    _stream_json(out, glossary, path, fmt, overlapping, region, year, encoding, utf16)
                    continue
                text = decode(read_stdin(), "<stdin>", encoding) if path == "-" else read_text(path, encoding)
            except InputError as exc:
                failures += 1
                _report(out, fmt, path, str(exc))
                continue
            name = "" if path == "-" else path
            anns = glossary.annotate(text, region=region, year=year, overlapping=overlapping, name=name)
            _emit(out, fmt, glossary, path, text, anns, region, year, summary, utf16)
    return EXIT_USAGE if failures else 0


def _corpus(out: IO[str], glossary: Any, paths: list[str], fmt: str, jobs: int, overlapping: bool,
            region: str | None, year: int | None, encoding: str | None) -> int:
    """Whole files in worker processes, in input order, with a progress bar on a terminal and a summary."""
    from ..parallel import Summary, annotate_files
    from ..render.json import write_document
    from .progress import corpus_progress

    summary = Summary()
    with corpus_progress(paths) as progress:
        for result in annotate_files(glossary, paths, jobs=jobs, region=region, year=year, overlapping=overlapping,
                                     encoding=encoding, progress=progress, summary=summary):
            if result.error is not None:
                _report(out, fmt, result.path, result.error)
                continue
            document = {"path": result.path, "chars": result.chars, "region": result.region, "year": result.year}
            write_document(out, glossary, result.annotations, document, lines=fmt == "jsonl")
    if len(paths) > 1:
        click.echo(f"gloss: {summary.files} files, {summary.megabytes:.1f} MB, {summary.annotations} annotations, "
                   f"{summary.mb_per_s:.1f} MB/s, {summary.failures} failed", err=True)
    return EXIT_USAGE if summary.failures else 0


def _check_region(glossary: Any, region: str) -> str:
    """The region as the hierarchy names it (河南 -> 河南省); a usage error when no unit has that name."""
    from ..places import hierarchy

    places = hierarchy(tuple(glossary.regions))
    if region in places:
        return region
    found = places.resolve(region)
    if found is None:
        raise click.BadParameter(f"unknown region {region!r} (a province, prefecture or county, or 全国)",
                                 param_hint="--region")
    return found


def _report(out: IO[str], fmt: str, path: str, message: str) -> None:
    """A document that could not be annotated: one line on stderr, and an error record in jsonl."""
    say(message)
    if fmt == "jsonl":
        from ..render.json import write_error

        write_error(out, path, message)


def _check_encoding(encoding: str) -> None:
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None


STREAM_THRESHOLD = 64 << 20
STREAM_HEAD_CHARS = 4096  # characters of a streamed document kept to read its heading


def _large(path: str) -> bool:
    from ..decode import input_size

    try:
        return input_size(path) > STREAM_THRESHOLD
    except OSError:
        return False


def _document(glossary: Any, path: str, text: str, chars: int, region: str | None, year: int | None) -> dict[str, Any]:
    from ..context import document_context

    region, year = document_context(text, glossary.regions, region, year, "" if path == "-" else path)
    return {"path": path, "chars": chars, "region": region, "year": year}


def _emit(out: IO[str], fmt: str, glossary: Any, path: str, text: str, anns: list, region: str | None,
          year: int | None, summary: bool, utf16: bool) -> None:
    title = "stdin" if path == "-" else Path(path).name
    if fmt in ("json", "jsonl"):
        from ..render.json import write_document
        from ..render.records import Utf16Offsets

        offsets = None
        if utf16:
            offsets = Utf16Offsets()
            offsets.feed(text)
        write_document(out, glossary, anns, _document(glossary, path, text, len(text), region, year),
                       utf16=offsets, lines=fmt == "jsonl")
    elif fmt == "html":
        from ..render.html import render_page

        out.write(render_page(glossary, text, anns, title=title))
    elif fmt == "markdown":
        from ..render.markdown import render_markdown

        out.write(render_markdown(glossary, text, anns))
    elif fmt in ("tbx", "csv"):
        from ..render.termbase import csv_text, document_terms, tbx_bytes

        entries, counts = document_terms(anns)
        out.write(tbx_bytes(glossary, entries, counts).decode("utf-8") if fmt == "tbx" else csv_text(glossary, entries, counts))
    else:
        from ..render.terminal import make_console, render_document

        console = make_console(out, force_terminal=None if out is sys.stdout else False)
        console.print(render_document(glossary, text, anns, summary=summary, title=title))


def _stream_json(out: IO[str], glossary: Any, path: str, fmt: str, overlapping: bool, region: str | None,
                 year: int | None, encoding: str | None, utf16: bool) -> None:
    """One large file in chunks. It is decoded once before anything is written, so a file that
    fails to decode gets an error (and in jsonl an error record), never half a document record."""
    from ..decode import iter_text, open_input
    from ..render.json import write_document
    from ..render.records import Utf16Offsets
    from ..stream import annotate_chunks

    with open_input(path) as fh:
        for _ in iter_text(fh, path, encoding):
            pass
    with open_input(path) as fh:
        offsets = Utf16Offsets() if utf16 else None
        seen = {"chars": 0, "head": ""}

        def chunks():
            try:
                for chunk in iter_text(fh, path, encoding):
                    if len(seen["head"]) < STREAM_HEAD_CHARS:
                        seen["head"] += chunk[:STREAM_HEAD_CHARS]
                    seen["chars"] += len(chunk)
                    if offsets is not None:
                        offsets.feed(chunk)
                    yield chunk
            except InputError as exc:  # it decoded a moment ago: the file changed under us
                raise GlossError(f"{exc}; the file changed while it was annotated") from None

        def document() -> dict[str, Any]:
            return _document(glossary, path, seen["head"], seen["chars"], region, year)

        anns = annotate_chunks(glossary, chunks(), region=region, year=year, overlapping=overlapping)
        write_document(out, glossary, anns, document, utf16=offsets, lines=fmt == "jsonl")

