"""JSON and JSON Lines output, written incrementally so huge documents stream."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from json.encoder import encode_basestring as _string  # the C encoder, non-ASCII kept as is
from typing import IO, Any

from ..glossary import Glossary
from ..model import Annotation
from .records import Utf16Offsets, entry_fields, header


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=4096)
def _entry_json(glossary: Glossary, entry_id: str, scope_match: bool | None) -> str:
    """An entry's fields of the annotation object, encoded once per scope outcome (they do not depend on the match)."""
    return _dump(entry_fields(glossary, glossary.get(entry_id), scope_match))[1:-1]


def _record(glossary: Glossary, ann: Annotation, utf16: Utf16Offsets | None) -> str:
    """One annotation's JSON object; the keys of `annotation_record`, in the same order."""
    position = f'"start":{ann.start},"end":{ann.end},"surface":{_string(ann.surface)}'
    if utf16 is not None:
        position += f',"start_utf16":{utf16(ann.start)},"end_utf16":{utf16(ann.end)}'
    alternatives = _dump(list(ann.alternatives)) if ann.alternatives else "[]"
    match = "true" if ann.scope_match else ("false" if ann.scope_match is False else "null")
    return (f'{{{position},{_entry_json(glossary, ann.entry.id, ann.scope_match)},"alternatives":{alternatives},'
            f'"confidence":{ann.confidence},"scope_match":{match}}}')


def write_document(
    out: IO[str],
    glossary: Glossary,
    annotations: Iterable[Annotation],
    document: dict[str, Any] | Any,
    *,
    utf16: Utf16Offsets | None = None,
    lines: bool = False,
) -> int:
    """Write one document's object; `document` may be a callable giving the dict after the annotations.

    Returns the number of annotations written. `lines` writes it on one line (JSON Lines).
    """
    sep = "," if lines else ",\n    "
    head = header(glossary)
    if lines:
        out.write("{" + _dump(head)[1:-1] + ',"annotations":[')
    else:
        out.write("{\n  " + ",\n  ".join(f"{_dump(k)}: {_dump(v)}" for k, v in head.items()) + ',\n  "annotations": [')
    count = 0
    for ann in annotations:
        out.write(("" if count == 0 else sep) if lines else ("\n    " if count == 0 else sep))
        out.write(_record(glossary, ann, utf16))
        count += 1
    doc = document() if callable(document) else document
    if lines:
        out.write('],"document":' + _dump(doc) + "}\n")
    else:
        out.write(("\n  " if count else "") + '],\n  "document": ' + _dump(doc) + "\n}\n")
    return count


def write_error(out: IO[str], path: str, message: str) -> None:
    """A JSON Lines record for a document that could not be annotated."""
    out.write(_dump({"document": {"path": path}, "error": message}) + "\n")
