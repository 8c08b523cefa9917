"""The YAML reader: plain data exactly as PyYAML's safe loader reads it, with every refusal located."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.yamlsource import MAX_DEPTH, read_yaml

_SCALARS = st.one_of(st.text(max_size=8), st.integers(-10**6, 10**6), st.booleans(), st.none(),
                     st.floats(allow_nan=False, allow_infinity=False))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=6), inner, max_size=4)),
                     max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_DATA, st.sampled_from([False, True]))
def test_plain_data_reads_as_the_safe_loader_reads_it(data, flow):
    text = yaml.safe_dump({"root": data}, allow_unicode=True, default_flow_style=flow)
    read, _, problems = read_yaml(text, "t.yaml")
    assert problems == [] and read == yaml.safe_load(text)


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n",
    "a: &x plain\nb: *x\n",  # a string, as most values are
    "a: [&x one, *x]\n",
    "- &x {k: v}\n- *x\n",
])
def test_every_alias_is_refused(text):
    _, _, problems = read_yaml(text, "t.yaml")
    assert [p.message for p in problems] == ["YAML anchors and aliases are not allowed"]
    assert problems[0].line == 1  # where the anchored value is, which the alias repeats


@pytest.mark.parametrize("levels", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 5])
@pytest.mark.parametrize("leaf", ["text", "7"])
def test_nesting_is_refused_below_the_limit(levels, leaf):
    """`levels` lists nested in one another, a value at the bottom: that value sits at depth `levels`."""
    text = "[" * levels + leaf + "]" * levels + "\n"
    data, _, problems = read_yaml(text, "t.yaml")
    assert [p.message for p in problems] == ([f"nested deeper than {MAX_DEPTH} levels"] if levels > MAX_DEPTH else [])
    if levels <= MAX_DEPTH:
        assert data == yaml.safe_load(text)
