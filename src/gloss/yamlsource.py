"""Safe YAML reading that remembers where every value came from.

Plain data only: no tags beyond the standard scalars, no anchors or aliases (so no alias-expansion
bombs), no duplicate keys, no nesting deeper than a glossary needs. Every problem is a `Problem`
with a line and column.
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from .errors import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # libyaml not compiled in
    _Loader = yaml.SafeLoader

Path = tuple[Any, ...]
_STR = "tag:yaml.org,2002:str"

# terms.yaml nests five levels deep; far more is a hostile or broken file (and would exhaust the
# recursion of this reader and of schema validation).
MAX_DEPTH = 32
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN = (str, int, float, bool, type(None))


class _Reader:
    def __init__(self, name: str, loader: Any):
        self.name = name
        self.loader = loader
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, None, message))

    def value(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self._seen:
            self.problem(node, "YAML anchors and aliases are not allowed")
            return None
        self._seen.add(id(node))
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) > MAX_DEPTH:
            self.problem(node, f"nested deeper than {MAX_DEPTH} levels")
            return None
        expected = _MAP if isinstance(node, yaml.MappingNode) else _SEQ if isinstance(node, yaml.SequenceNode) else None
        if expected is not None and node.tag != expected:
            self.problem(node, f"YAML tag {node.tag} is not allowed")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                if not isinstance(key, (str, int)):
                    self.problem(key_node, "mapping keys must be plain strings")
                    continue
                if key in result:
                    self.problem(key_node, f"duplicate key {key!r}")
                    continue
                result[key] = self.value(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, "expected a plain value")
            return None
        if node.tag == _STR:  # most values: the text itself, without the constructor's machinery
            return node.value
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            self.problem(node, f"YAML tag {node.tag} is not allowed")
            return None
        try:
            value = self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:  # ValueError: an integer of thousands of digits
            self.problem(node, f"unreadable value: {str(exc).splitlines()[0]}")
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return node.value
        if not isinstance(value, _PLAIN):
            self.problem(node, f"YAML tag {node.tag} is not allowed")
            return None
        return value


def read_yaml(text: str, name: str) -> tuple[Any, dict[Path, tuple[int, int]], list[Problem]]:
    """Parse `text`; return (data, positions by key path, problems)."""
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return None, {}, [Problem(name, line, col, None, f"YAML syntax: {exc.problem or exc}")]
        except yaml.YAMLError as exc:
            return None, {}, [Problem(name, 1, 1, None, f"YAML syntax: {exc}")]
        if root is None:
            return None, {}, [Problem(name, 1, 1, None, "the file is empty")]
        reader = _Reader(name, loader)
        data = reader.value(root, ())
        return data, reader.positions, reader.problems
    finally:
        loader.dispose()
