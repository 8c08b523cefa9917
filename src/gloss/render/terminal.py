"""Terminal output: the text with terms highlighted and numbered, then a table of the terms found."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ..glossary import Glossary
from ..model import Annotation, Entry
from ..printable import printable
from .records import elsewhere_label, source_label

THEME = Theme(
    {
        "gloss.term": "bold black on yellow",
        "gloss.term.undocumented": "bold black on grey70",
        "gloss.term.ambiguous": "bold black on orange1",
        "gloss.term.elsewhere": "strike black on grey85",
        "gloss.marker": "bold cyan",
        "gloss.id": "dim",
        "gloss.year": "green",
        "gloss.source": "italic",
        "gloss.undocumented": "italic grey50",
        "gloss.heading": "bold",
    }
)


def safe_text(text: str, style: str = "") -> Text:
    """Glossary, document or file-name text as a rich Text: never parsed as markup, escapes removed."""
    return Text(printable(text), style=style)


def make_console(file=None, *, force_terminal: bool | None = None, width: int | None = None) -> Console:
    """A console with the gloss theme."""
    return Console(file=file, theme=THEME, force_terminal=force_terminal, width=width, highlight=False)


def _numbering(annotations: Sequence[Annotation]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for ann in annotations:
        numbers.setdefault(ann.entry.id, len(numbers) + 1)
    return numbers


def highlighted_text(text: str, annotations: Sequence[Annotation]) -> Text:
    """The document with each term styled and followed by its table number."""
    numbers = _numbering(annotations)
    out = Text()
    pos = 0
    for ann in sorted(annotations, key=lambda a: (a.start, -a.end)):
        if ann.start < pos:
            continue
        out.append(printable(text[pos:ann.start]))
        style = "gloss.term"
        if ann.scope_match is False:
            style = "gloss.term.elsewhere"
        elif not ann.entry.documented:
            style = "gloss.term.undocumented"
        elif ann.alternatives or ann.scope_match is None:
            style = "gloss.term.ambiguous"
        out.append(printable(text[ann.start:ann.end]), style=style)
        out.append(f"[{numbers[ann.entry.id]}]", style="gloss.marker")
        pos = ann.end
    out.append(printable(text[pos:]))
    return out


def terms_table(glossary: Glossary, annotations: Sequence[Annotation], title: str | None = None) -> Table:
    """One row per distinct term found, in order of first appearance."""
    numbers = _numbering(annotations)
    counts: dict[str, int] = {}
    first: dict[str, Annotation] = {}
    for ann in annotations:
        counts[ann.entry.id] = counts.get(ann.entry.id, 0) + 1
        first.setdefault(ann.entry.id, ann)
    table = Table(title=None if title is None else safe_text(title), show_lines=True, expand=True)
    table.add_column("#", justify="right", style="gloss.marker", no_wrap=True)
    # Chinese has no spaces to break at: fold long runs instead of cutting them off.
    table.add_column("term", overflow="fold", min_width=6)
    table.add_column("definition", ratio=3, overflow="fold")
    table.add_column("English", ratio=3, overflow="fold")
    table.add_column("first", style="gloss.year", no_wrap=True)
    table.add_column("source", ratio=2, style="gloss.source", overflow="fold")
    for entry_id, number in numbers.items():
        ann = first[entry_id]
        e = ann.entry
        term = safe_text(e.term)
        term.append(f"\n×{counts[entry_id]}", style="gloss.id")
        if ann.alternatives or ann.scope_match is not True:
            # One id per line: a long line would widen the column at the definitions' expense.
            others = "".join(f"\nor {alt}" for alt in ann.alternatives)
            term.append(printable(f"\n{ann.confidence:.0%}{others}"), style="gloss.id")
        table.add_row(
            Text(str(number)),
            term,
            _definition(e, ann.scope_match),
            safe_text(e.name_en if ann.scope_match is False else (e.en or e.name_en)),
            Text(e.first_year_label or "—"),
            safe_text(source_label(glossary, e.citations[0])),
        )
    return table


def _definition(e: Entry, scope_match: bool | None = True) -> Text:
    if scope_match is False:
        text = Text("not this document's meaning: the entry is another place's term\n", style="gloss.undocumented")
        text.append(elsewhere_label(e), style="gloss.id")
        return text
    if not e.documented:
        return Text("meaning undocumented — see sources for usage", style="gloss.undocumented")
    text = safe_text(e.definitions[0].zh)
    for extra in e.definitions[1:]:
        text.append("\n另一说：", style="gloss.id")
        text.append(printable(extra.zh))
    if scope_match is None:
        text.append(f"\n(the meaning in {e.scope.region}; the document's region is unknown)", style="gloss.id")
    return text


def entry_panel(glossary: Glossary, e: Entry, pinyin: str) -> Panel:
    """A lookup result."""
    from ..pinyin import initials

    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="gloss.heading", no_wrap=True)
    rows.add_column()

    def row(label: str, value: str | Text) -> None:
        rows.add_row(safe_text(label), value if isinstance(value, Text) else safe_text(value))

    row("pinyin", f"{pinyin}  ({initials(e)})")
    row("English", e.name_en)
    row("kind", e.kind + (f" · sense: {e.sense}" if e.sense else ""))
    row("scope", f"{e.scope.level} · {e.scope.region}")
    if e.aliases:
        row("aliases", "、".join(e.aliases))
    if e.documented:
        for i, d in enumerate(e.definitions):
            label = "definition" if i == 0 else "also"
            body = safe_text(f"{d.zh}\n{d.en}")
            body.append(printable(f"\n— {'official, ' if d.official else ''}{source_label(glossary, d.source)}"),
                        style="gloss.source")
            row(label, body)
    else:
        row("definition", Text("undocumented: no source we have explains it", style="gloss.undocumented"))
    for group in e.components:
        row(f"components{' ' + group.key if group.key else ''}", "；".join(group.items))
    if e.first_year:
        proof = source_label(glossary, e.first_year_source) if e.first_year_source else ""
        row("first year", f"{e.first_year_label} ({e.first_year_basis}) — {proof}")
    for c in e.other_sense_uses:
        body = Text(printable(f"“{c.quote}”\n" if c.quote else ""))
        body.append(printable(source_label(glossary, c)), style="gloss.source")
        row("other sense", body)
    for c in e.sources[:3]:
        body = safe_text(f"“{c.quote}”\n" if c.quote else "")
        body.append(printable(source_label(glossary, c)), style="gloss.source")
        row("used", body)
    related = list(e.related) + [r.id for r in glossary.referrers(e.id) if r.id not in e.related]
    if related:
        row("related", ", ".join(related))
    return Panel(rows, title=safe_text(f"{e.term}  ", style="bold").append(printable(e.id), style="gloss.id"),
                 expand=False)


def render_document(glossary: Glossary, text: str, annotations: Sequence[Annotation], *, summary: bool, title: str) -> Group:
    """What `gloss annotate --format rich` prints for one document."""
    table = terms_table(glossary, annotations, title=f"{title}: {len(annotations)} annotations")
    if summary:
        return Group(table)
    return Group(highlighted_text(text, annotations), Text(""), table)
