"""A fast yes/no check of data against terms.schema.json; jsonschema explains any failure.

jsonschema walks a glossary of 5,000 entries in over a second, because it interprets the schema
afresh at every value. This module compiles the schema once into nested Python closures that
only answer "valid or not". `load` runs it first and asks jsonschema for the located messages
only when it says no, so both agree on what is valid (tests/test_schema.py holds them to it).
Only the keywords terms.schema.json uses are compiled; any other makes `compile_schema` raise
`Unsupported`, and then jsonschema does all the work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment"})


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know."""


def _is_integer(value: Any) -> bool:
    """An int, not a bool and not a float with no fraction (2023.0 is no year)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": _is_integer,
    "number": _is_number,
    "null": lambda v: v is None,
}


def _equal(a: Any, b: Any) -> bool:
    """JSON Schema equality: true and 1 differ, as do false and 0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _all(checks: list[Check]) -> Check:
    """One check that holds when every check holds, in as few Python calls as it can."""
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    if len(checks) == 3:
        first, second, third = checks
        return lambda v: first(v) and second(v) and third(v)
    every = tuple(checks)

    def check(v: Any) -> bool:
        for one in every:
            if not one(v):
                return False
        return True

    return check


def compile_schema(schema: dict[str, Any]) -> Check:
    """A function telling whether an instance is valid against `schema` (local $refs only)."""
    cache: dict[str, Check] = {}

    def ref(pointer: str) -> Check:
        if not pointer.startswith("#/"):
            raise Unsupported(f"$ref {pointer}")
        if pointer not in cache:
            target: Any = schema
            for part in pointer[2:].split("/"):
                target = target[part]
            cache[pointer] = build(target)
        return cache[pointer]

    def build(node: Any) -> Check:
        if node is True:
            return lambda v: True
        if node is False:
            return lambda v: False
        if not isinstance(node, dict):
            raise Unsupported(f"schema {node!r}")
        keywords = node.keys() - _ANNOTATIONS
        if node.get("type") == "string" and keywords <= {"type", "minLength", "pattern"}:
            return string_check(node)
        checks: list[Check] = []
        skip = {"then", "else", "properties", "additionalProperties"}
        if "properties" in node or "additionalProperties" in node:
            checks.append(object_check(node))
            if node.get("type") == "object":  # object_check also answers type and required
                skip |= {"type", "required"}
        for keyword in keywords - skip:
            checks.append(keyword_check(keyword, node[keyword], node))
        return _all(checks)

    # A string's type, length and pattern in one call (most values are strings).
    def string_check(node: dict[str, Any]) -> Check:
        least = node.get("minLength", 0)
        if "pattern" not in node:
            return lambda v: isinstance(v, str) and len(v) >= least
        pattern = keyword_check("pattern", node["pattern"], node)
        return lambda v: isinstance(v, str) and len(v) >= least and pattern(v)

    # properties and additionalProperties in one pass over the object's items (the bulk of the
    # work: every entry, citation and definition is an object).
    def object_check(node: dict[str, Any]) -> Check:
        if "patternProperties" in node:
            raise Unsupported("patternProperties")
        props = {name: build(sub) for name, sub in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        closed = extra is False
        other = None if extra is True or closed else build(extra)
        typed = node.get("type") == "object"
        required = frozenset(node.get("required", ())) if typed else frozenset()

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return not typed
            if not required.issubset(v):
                return False
            for k, x in v.items():
                sub = props.get(k)
                if sub is not None:
                    if not sub(x):
                        return False
                elif closed or (other is not None and not other(x)):
                    return False
            return True

        return check

    def keyword_check(keyword: str, arg: Any, node: dict[str, Any]) -> Check:
        if keyword == "type":
            kinds = [_TYPES[t] for t in ([arg] if isinstance(arg, str) else arg)]
            if len(kinds) == 1:
                return kinds[0]
            return lambda v: any(k(v) for k in kinds)
        if keyword == "$ref":
            return ref(arg)
        if keyword == "required":
            names = frozenset(arg)
            return lambda v: not isinstance(v, dict) or names.issubset(v)
        if keyword == "dependentRequired":
            deps = {k: tuple(names) for k, names in arg.items()}
            return lambda v: not isinstance(v, dict) or all(
                n in v for k, names in deps.items() if k in v for n in names
            )
        if keyword == "items":
            item = build(arg)
            return lambda v: not isinstance(v, list) or all(map(item, v))
        if keyword == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= arg
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= arg
        if keyword == "pattern":
            search = re.compile(arg).search
            if arg.endswith("$"):  # to the very end: Python's $ also matches before a final newline
                return lambda v: not isinstance(v, str) or ((m := search(v)) is not None and m.end() == len(v))
            return lambda v: not isinstance(v, str) or search(v) is not None
        if keyword == "minimum":
            return lambda v: not _is_number(v) or v >= arg
        if keyword == "maximum":
            return lambda v: not _is_number(v) or v <= arg
        if keyword == "enum":
            values = tuple(arg)
            if all(type(x) is str for x in values):  # only a string equals a string
                strings = frozenset(values)
                return lambda v: isinstance(v, str) and v in strings
            return lambda v: any(_equal(v, x) for x in values)
        if keyword == "const":
            return lambda v: _equal(v, arg)
        if keyword == "not":
            inner = build(arg)
            return lambda v: not inner(v)
        if keyword == "oneOf":
            options = tuple(build(sub) for sub in arg)

            def exactly_one(v: Any) -> bool:
                found = False
                for option in options:
                    if option(v):
                        if found:
                            return False
                        found = True
                return found

            return exactly_one
        if keyword == "anyOf":
            options = [build(sub) for sub in arg]
            return lambda v: any(option(v) for option in options)
        if keyword == "allOf":
            options = [build(sub) for sub in arg]
            return lambda v: all(option(v) for option in options)
        if keyword == "if":
            condition = build(arg)
            then = build(node.get("then", True))
            otherwise = build(node.get("else", True))
            return lambda v: then(v) if condition(v) else otherwise(v)
        raise Unsupported(keyword)

    return build(schema)
