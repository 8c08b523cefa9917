"""terms.yaml -> a validated Glossary. Every problem is reported at once, with file:line:col."""

from __future__ import annotations

import functools
import json
import operator
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

from . import cache, collector
from .errors import GlossaryError, Problem
from .glossary import Glossary
from .model import (
    Citation,
    ComponentGroup,
    Definition,
    Document,
    Entry,
    MatchRules,
    Region,
    Scope,
)
from .packaged import data_bytes, data_path
from .walk import open_regular

ENV_VAR = "GLOSS_TERMS"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the schema's id pattern
_IDS = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*\n)*")  # a list of them, one a line


def default_path() -> Path:
    """The glossary to use: $GLOSS_TERMS, else the one shipped in the package (or the source tree)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    shipped = data_path("terms.yaml")
    if shipped is not None:
        return shipped
    return Path(__file__).resolve().parents[2] / "terms.yaml"


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads(data_bytes("terms.schema.json").decode("utf-8"))


@functools.lru_cache(maxsize=1)
def _schema_validator() -> Any:
    """The terms.yaml schema, read strictly where Python's defaults are lenient.

    An integer is an int (jsonschema also accepts 2023.0), and a pattern ending in `$` must match
    up to the very end (Python's `$` also matches before a final newline: "fang-guan-fu\\n").
    """
    import jsonschema
    from jsonschema.exceptions import ValidationError

    def pattern(validator: Any, regex: str, instance: Any, schema: Any) -> Any:
        if not validator.is_type(instance, "string"):
            return
        found = re.search(regex, instance)
        if found is None or (regex.endswith("$") and found.end() != len(instance)):
            yield ValidationError(f"{instance!r} does not match {regex!r}")

    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
    )
    strict = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, validators={"pattern": pattern}, type_checker=checker
    )
    return strict(_schema())


@functools.lru_cache(maxsize=1)
def _schema_check() -> Callable[[Any], bool] | None:
    from .schema import Unsupported, compile_schema

    try:
        return compile_schema(_schema())
    except Unsupported:
        return None


def _schema_errors(data: Any) -> list[Any]:
    """jsonschema's errors for `data`, asked for only when the compiled check finds it invalid."""
    check = _schema_check()
    if check is not None and check(data):
        return []
    return sorted(_schema_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def _read_source(path: Path) -> tuple[bytes, str]:
    """The file's bytes and their sha256 (remembered for the next load while the file stays unchanged)."""
    try:
        return cache.read_and_digest(path)
    except OSError as exc:
        raise GlossaryError([_unreadable(path, exc)]) from None


def _unreadable(path: Path, exc: OSError) -> Problem:
    return Problem(str(path), 1, 1, None, f"cannot read the glossary: {exc.strerror}")


@collector.paused
def check(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in a glossary file (empty when it is valid).

    Only the file is read: checking needs neither its digest nor the cache directory.
    """
    path = Path(path) if path is not None else default_path()
    try:
        with open_regular(path) as fh:
            raw = fh.read()
    except OSError as exc:
        return [_unreadable(path, exc)]
    return _parse(raw, str(path))[1]


@collector.paused
def load(path: str | os.PathLike[str] | None = None, *, engine: str | None = None) -> Glossary:
    """Load and validate a glossary (default: the shipped one), using the compiled cache when fresh.

    `engine` names the matching engine (default: the fastest installed). From the cache, each
    entry is decoded (and checked against the schema) when it is first used.
    """
    path = Path(path) if path is not None else default_path()
    raw = None
    digest = cache.known_digest(path)
    cached = cache.read(digest) if digest is not None else None
    if cached is None:
        raw, digest = _read_source(path)
        cached = cache.read(digest)
    if cached is not None:
        try:
            return _from_cache(cached, digest, path, engine)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a damaged cache is rebuilt, never trusted
    if raw is None:  # the remembered digest found a damaged cache: read the file itself
        raw, digest = _read_source(path)
    return _first_build(raw, digest, path, engine)


def _first_build(raw: bytes, digest: str, path: Path, engine: str | None) -> Glossary:
    """The glossary parsed and validated from terms.yaml, and written to the cache."""
    data, problems = _parse(raw, str(path))
    if problems:
        raise GlossaryError(problems)
    _write_cache(digest, data)
    return build(data, digest, str(path), engine)


def _write_cache(digest: str, data: dict[str, Any]) -> None:
    cache.write(digest, data, {"ids": [e["id"] for e in data["entries"]],
                               "document_ids": [d["id"] for d in data["documents"]]})


def _from_cache(cached: cache.Cached, digest: str, path: Path, engine: str | None) -> Glossary:
    """The glossary from checked cache data; ValueError (or KeyError, TypeError) if it does not hold."""
    rest = cached.tables["data"]
    # Cached data is checked against the schema again before it is trusted: here its head and
    # regions (the compiled check takes well under a millisecond), each document and entry when it
    # is decoded.
    if _schema_errors({**rest, "documents": [], "entries": []}):
        raise ValueError("cached data the schema refuses")
    ids, document_ids = _ids(cached.tables["ids"], cached.entries), _ids(cached.tables["document_ids"], cached.documents)
    source = _Source(path, digest, ids, document_ids)
    entries = _CachedEntries(cached, source)
    documents = _CachedDocuments(cached, source)
    return Glossary(rest["glossary"], _regions(rest), documents, entries, sha256=digest, path=str(path),
                    engine=engine)


def _ids(ids: Any, count: int) -> list[str]:
    """`count` distinct ids, each a plain slug (ValueError if not)."""
    if (
        not isinstance(ids, list)
        or len(ids) != count
        or set(map(type, ids)) - {str}
        or not _IDS.fullmatch("\n".join(ids) + "\n" if ids else "")
        or len(set(ids)) != count
    ):
        raise ValueError("cached ids that do not hold")
    return ids


_SECTIONS = {"entry": "entries", "document": "documents"}  # the list of terms.yaml each kind of item is in


class _Source:
    """Where a glossary loaded from the cache came from: terms.yaml is read again only if the cache
    holds an item the schema refuses (a cache written by a faulty build), and the cache rewritten."""

    def __init__(self, path: Path, digest: str, ids: list[str], document_ids: list[str]):
        self.path = path
        self.digest = digest
        self.ids = ids
        self.document_ids = document_ids
        self._data: dict[str, Any] | None = None

    def data(self) -> dict[str, Any]:
        """The data of terms.yaml, parsed and checked again (GlossaryError if it no longer matches)."""
        if self._data is None:
            raw, digest = _read_source(self.path)
            name = str(self.path)
            if digest != self.digest:
                raise GlossaryError([Problem(name, 1, 1, None, "the glossary changed since it was loaded; load it again")])
            data, problems = _parse(raw, name)
            if problems:
                raise GlossaryError(problems)
            if [e["id"] for e in data["entries"]] != self.ids or [d["id"] for d in data["documents"]] != self.document_ids:
                raise GlossaryError([Problem(name, 1, 1, None, "the compiled cache does not match the glossary; load it again")])
            _write_cache(self.digest, data)
            self._data = data
        return self._data

    def item(
        self, kind: str, index: int, item_id: str, read: Callable[[], Any], build: Callable[[dict[str, Any]], Any],
    ) -> Any:
        """Item `index` of `kind` ("entry" or "document") built from its cached line when the schema and the
        tables hold it, else from terms.yaml (after which nothing more is read from the cache)."""
        if self._data is None:
            raw = _decoded(read, _check(kind), item_id)
            if raw is not None:
                try:
                    return build(raw)
                except (KeyError, TypeError, ValueError, AttributeError):
                    pass
        return build(self.data()[_SECTIONS[kind]][index])


def _decoded(read: Callable[[], Any], valid: Callable[[Any], bool], item_id: str) -> dict[str, Any] | None:
    """An item's raw data from the cache when it is what the schema and the tables say, else None."""
    try:
        raw = read()
    except (OSError, ValueError):  # a damaged line
        return None
    return raw if isinstance(raw, dict) and raw.get("id") == item_id and valid(raw) else None


class _CachedEntries(Sequence[Entry]):
    """A glossary's entries from the compiled cache, each decoded and checked against the schema when first used.

    Loading thousands of entries would otherwise decode megabytes of definitions and quotes and
    build thousands of objects that one document's annotations mostly never touch. An entry the
    schema refuses sends every entry not yet decoded back to terms.yaml (`_Source`).
    """

    def __init__(self, cached: cache.Cached, source: _Source):
        self.ids = source.ids
        self._cached = cached
        self._source = source
        self._built: list[Entry | None] = [None] * len(source.ids)

    def __len__(self) -> int:
        return len(self._built)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...

    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        entry = self._built[index]
        if entry is None:
            index = operator.index(index) % len(self._built)
            entry = self._built[index] = self._decode(index)
        return entry

    def __iter__(self) -> Iterator[Entry]:
        for index in range(len(self._built)):
            yield self[index]

    def __repr__(self) -> str:
        return f"<{len(self._built)} entries from the compiled cache>"

    def decoded(self) -> tuple[Entry | None, ...]:
        """Every entry decoded so far, None for the others."""
        return tuple(self._built)

    def _decode(self, index: int) -> Entry:
        return self._source.item("entry", index, self.ids[index], lambda: self._cached.entry(index), _entry)


class _CachedDocuments(Mapping[str, Document]):
    """A glossary's documents by id from the compiled cache, each decoded and checked when first used."""

    def __init__(self, cached: cache.Cached, source: _Source):
        self._cached = cached
        self._source = source
        self._index = {doc_id: i for i, doc_id in enumerate(source.document_ids)}
        self._built: dict[str, Document] = {}

    def __getitem__(self, doc_id: str) -> Document:
        document = self._built.get(doc_id)
        if document is None:
            index = self._index[doc_id]
            document = self._built[doc_id] = self._source.item(
                "document", index, doc_id, lambda: self._cached.document(index), _document)
        return document

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def __repr__(self) -> str:
        return f"<{len(self._index)} documents from the compiled cache>"


@functools.lru_cache(maxsize=2)
def _check(item: str) -> Callable[[Any], bool]:
    """Whether one entry's (item "entry") or one document's ("document") data is valid against the schema."""
    full = _schema()
    part = {"$ref": "#/$defs/entry"} if item == "entry" else full["properties"]["documents"]["items"]
    schema = {"$defs": full["$defs"], **part}
    from .schema import Unsupported, compile_schema

    try:
        return compile_schema(schema)
    except Unsupported:
        return _schema_validator().evolve(schema=schema).is_valid


def _parse(raw: bytes, name: str) -> tuple[dict[str, Any], list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return {}, [Problem(name, 1, 1, None, f"not UTF-8 (byte {exc.start}); save the glossary as UTF-8")]
    # Imported here: a load from the cache needs neither YAML nor the checks (cold start).
    from .checks import semantic_problems
    from .yamlsource import read_yaml

    data, positions, problems = read_yaml(text, name)
    if problems or data is None:
        return {}, problems
    skip: set[int] = set()
    fatal = False
    for error in _schema_errors(data):
        path = tuple(error.absolute_path)
        probe = path
        while probe and probe not in positions:
            probe = probe[:-1]
        line, col = positions.get(probe, (1, 1))
        entry = None
        if len(path) >= 2 and path[0] == "entries":
            skip.add(path[1])
            item = data["entries"][path[1]]
            entry = item.get("id") if isinstance(item, dict) else None
        else:
            fatal = True
        field = ".".join(str(p) for p in path[2:] if not isinstance(p, int)) if entry else ".".join(map(str, path))
        message = _schema_message(error)
        problems.append(Problem(name, line, col, entry, f"{field}: {message}" if field else message))
    if not fatal:
        problems += semantic_problems(name, data, positions, skip)
    problems.sort(key=lambda p: (p.line, p.column))
    return data, problems


def _schema_message(error: Any) -> str:
    if error.validator == "oneOf" and isinstance(error.instance, dict) and ("doc" in error.instance or "url" in error.instance):
        return "a citation is {doc, quote} or {url, title} (with optional quote and date)"
    if error.validator == "oneOf" and isinstance(error.instance, list):
        return "components is a list of strings or a list of {key, items} groups"
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown key(s)")
    if error.validator == "if":
        return "an entry needs definitions, or status: undocumented (and then no definitions)"
    return error.message


def build(data: dict[str, Any], sha256: str = "", path: str = "", engine: str | None = None) -> Glossary:
    """A Glossary from already-validated raw data.

    Ids name files of the site and anchors of pages: one that is not a plain slug (`../x`) is a
    ValueError here too, whatever the data came through.
    """
    _check_ids(data["entries"])
    _check_ids(data["documents"])
    entries = tuple(_entry(e) for e in data["entries"])
    return Glossary(data["glossary"], _regions(data), _documents(data), entries, sha256=sha256, path=path,
                    engine=engine)


def _check_ids(items: list[dict[str, Any]]) -> None:
    for item in items:
        if not isinstance(item.get("id"), str) or not _ID.fullmatch(item["id"]):
            raise ValueError(f"invalid id {item.get('id')!r}")


def _regions(data: dict[str, Any]) -> tuple[Region, ...]:
    return tuple(Region(r["name"], r["level"], r.get("parent")) for r in data["regions"])


def _documents(data: dict[str, Any]) -> tuple[Document, ...]:
    return tuple(_document(d) for d in data["documents"])


def _document(raw: dict[str, Any]) -> Document:
    return Document(**{k: str(v) for k, v in raw.items()})


# The model's frozen dataclasses are built here without their __init__, which sets each field
# through object.__setattr__ and makes a glossary of thousands of entries slow to load from the
# cache. `_new` fills the instance dict in one step; a field left out falls back to its class
# default (every optional field of Citation has one). tests/test_load.py checks that the result
# equals the dataclass's own constructor.
def _new(cls: type, fields: dict[str, Any]) -> Any:
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def _citation(raw: dict[str, Any]) -> Citation:
    return _new(Citation, {k: str(v) for k, v in raw.items()})


_NO_RULES = MatchRules()


def _entry(raw: dict[str, Any]) -> Entry:
    components = raw.get("components") or ()
    if components and isinstance(components[0], str):
        groups: tuple[ComponentGroup, ...] = (ComponentGroup(None, tuple(components)),)
    else:
        groups = tuple(ComponentGroup(g.get("key"), tuple(g["items"])) for g in components)
    match = raw.get("match")
    scope = raw["scope"]
    return _new(Entry, {
        "id": raw["id"],
        "term": raw["term"],
        "name_en": raw["name_en"],
        "kind": raw["kind"],
        "scope": _new(Scope, {"level": scope["level"], "region": scope["region"]}),
        "sources": tuple(_citation(c) for c in raw["sources"]),
        "aliases": tuple(raw.get("aliases", ())),
        "status": raw.get("status", "documented"),
        "definitions": tuple(
            _new(Definition, {"zh": d["zh"], "en": d["en"], "source": _citation(d["source"]),
                              "official": bool(d.get("official"))})
            for d in raw.get("definitions", ())
        ),
        "components": groups,
        "first_year": raw.get("first_year"),
        "first_year_source": _citation(raw["first_year_source"]) if "first_year_source" in raw else None,
        "first_year_basis": raw.get("first_year_basis"),
        "other_sense_uses": tuple(_citation(c) for c in raw.get("other_sense_uses", ())),
        "related": tuple(raw.get("related", ())),
        "match": _NO_RULES if not match else MatchRules(
            tuple(match.get("head_words", ())), tuple(match.get("blockers", ())), bool(match.get("quoted_only"))
        ),
        "sense": raw.get("sense"),
        "cues": tuple(raw.get("cues", ())),
        "pinyin": raw.get("pinyin"),
        "notes": raw.get("notes"),
    })
