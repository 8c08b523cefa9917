"""gloss as a spaCy pipeline component: `nlp.add_pipe("gloss")` sets `doc.spans["gloss"]`.

Each span is labelled with its entry id and carries the annotation (`span._.gloss_annotation`) and,
read from it, the entry, its definition, English gloss and scope, the confidence and the other senses
(`span._.gloss_entry`, `gloss_definition`, `gloss_en`, `gloss_scope`, `gloss_confidence`,
`gloss_alternatives`). The spans are exactly the annotations of
`Glossary.annotate` on `doc.text`, senses resolved the same way. Requires the `spacy` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .glossary import Glossary
from .load import load

# Stored per span: the annotation; read through it: what the entry says (one store per span, not six).
_STORED = ("gloss_annotation",)
_DERIVED = {
    "gloss_entry": lambda span: span._.gloss_annotation.entry,
    "gloss_definition": lambda span: span._.gloss_annotation.entry.definition,
    "gloss_en": lambda span: span._.gloss_annotation.entry.en,
    "gloss_scope": lambda span: {"level": span._.gloss_annotation.entry.scope.level,
                                 "region": span._.gloss_annotation.entry.scope.region},
    "gloss_confidence": lambda span: span._.gloss_annotation.confidence,
    "gloss_alternatives": lambda span: list(span._.gloss_annotation.alternatives),
}
for _name in _STORED:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
for _name, _getter in _DERIVED.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)


class GlossComponent:
    """Annotates each document with the glossary's terms as spans in `doc.spans[span_key]`."""

    def __init__(self, glossary: Glossary, *, span_key: str = "gloss", region: str | None = None,
                 year: int | None = None):
        self.glossary = glossary
        self.span_key = span_key
        self.region = region
        self.year = year

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for a in self.glossary.annotate(doc.text, region=self.region, year=self.year):
            # Tokens may be coarser than characters (a segmenter, Latin words): widen to whole tokens
            # only when the annotation does not fall on token edges.
            span = doc.char_span(a.start, a.end, label=a.entry.id) or doc.char_span(
                a.start, a.end, label=a.entry.id, alignment_mode="expand")
            if span is None:
                continue
            span._.gloss_annotation = a
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(
    "gloss",
    default_config={"terms": None, "span_key": "gloss", "region": None, "year": None},
)
def make_gloss(nlp: Language, name: str, terms: str | None, span_key: str, region: str | None,
               year: int | None) -> GlossComponent:
    """The factory behind `nlp.add_pipe("gloss", config={...})`; `terms` is a glossary path (default: shipped)."""
    return GlossComponent(load(terms), span_key=span_key, region=region, year=year)
