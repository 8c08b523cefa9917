"""The compiled schema check agrees with jsonschema on what is valid."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.load import _parse, _schema, _schema_validator
from gloss.schema import Unsupported, compile_schema

from conftest import MINI, ROOT

CHECK = compile_schema(_schema())


def jsonschema_valid(data) -> bool:
    return next(iter(_schema_validator().iter_errors(data)), None) is None


def _data(path):
    data, problems = _parse(path.read_bytes(), str(path))
    assert not problems
    return data


MINI_DATA = _data(MINI)
_VALUES = [None, True, False, 0, 1, 1.0, 1.5, 1950, 2200, "", "x", "national", "Bad Id", "san-nong", "2019-01", "https://a",
           [], ["x"], [""], {}, {"doc": "d", "quote": "q"}, {"url": "https://a", "title": "t"}, {"doc": "d", "url": "u"}]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


PATHS = [p for p in _paths(MINI_DATA) if p]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(["set", "delete", "add"]), st.sampled_from(_VALUES)),
                min_size=1, max_size=3))
def test_agrees_with_jsonschema_on_mutated_glossaries(mutations):
    data = copy.deepcopy(MINI_DATA)
    for path, action, value in mutations:
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if action == "set":
                parent[path[-1]] = copy.deepcopy(value)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent["unknown_key"] = copy.deepcopy(value)
            else:
                parent.append(copy.deepcopy(value))
        except (KeyError, IndexError, TypeError, AttributeError):  # a value set to None or a scalar earlier
            continue
    assert CHECK(data) == jsonschema_valid(data)


def test_the_shipped_glossary_is_valid_both_ways():
    data = _data(ROOT / "terms.yaml")
    assert CHECK(data) and jsonschema_valid(data)


@pytest.mark.parametrize("schema", [{"patternProperties": {}}, {"uniqueItems": True}, {"$ref": "other.json"}, {"items": [{}]}])
def test_an_unknown_keyword_is_left_to_jsonschema(schema):
    with pytest.raises(Unsupported):
        compile_schema(schema)
