"""Safe YAML reading that remembers where every value came from.

Plain data only: no tags beyond the standard scalars, no anchors or aliases (so no alias-expansion
bombs), no duplicate keys, no nesting deeper than a glossary needs. Every problem is a `Problem`
with a line and column.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from .errors import Problem

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # libyaml not compiled in
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with the tag of a plain string found without the resolver's general walk.

    The composer asks for the tag of every one of a glossary's hundreds of thousands of scalars:
    a quoted scalar, or a plain one whose first character starts no implicit type (a Chinese
    definition, an id), is a string, and is answered at once; so is an untagged list or mapping.
    Every other scalar goes to the safe resolver, which therefore decides exactly as before. Path
    resolvers, which the safe loader does not have, are not consulted.
    """

    _FIRST = frozenset(key for key in _Base.yaml_implicit_resolvers if key)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in self._FIRST):
                return self.DEFAULT_SCALAR_TAG
            return super().resolve(kind, value, implicit)
        # An untagged collection: what the safe resolver answers without path resolvers.
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


# The shortcuts above hold only for the safe loader's resolvers: no wildcard implicit resolver,
# no path resolver.
assert None not in _Base.yaml_implicit_resolvers and not _Base.yaml_path_resolvers

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
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, None, message))

    def value(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self._seen:
            self.problem(node, "YAML anchors and aliases are not allowed")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, f"nested deeper than {MAX_DEPTH} levels")
            return None
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.scalar(node)
        expected = _MAP if kind is yaml.MappingNode else _SEQ if kind is yaml.SequenceNode else None
        if expected is not None and node.tag != expected:
            self.problem(node, f"YAML tag {node.tag} is not allowed")
            return None
        # Most keys and values are plain strings: read here, without a call per node (a glossary of
        # thousands of entries has hundreds of thousands of them). Anything else goes the general way.
        seen = self._seen
        shallow = depth < MAX_DEPTH  # a child is not yet too deep
        if kind is yaml.MappingNode:
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is yaml.ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                else:
                    key = self.scalar(key_node)
                    if not isinstance(key, (str, int)):
                        self.problem(key_node, "mapping keys must be plain strings")
                        continue
                if key in result:
                    self.problem(key_node, f"duplicate key {key!r}")
                    continue
                plain = type(value_node) is yaml.ScalarNode and value_node.tag == _STR
                if shallow and plain and id(value_node) not in seen:
                    seen.add(id(value_node))
                    result[key] = value_node.value
                else:
                    result[key] = self.value(value_node, depth + 1)
            return result
        if kind is yaml.SequenceNode:
            items = []
            for item in node.value:
                if shallow and type(item) is yaml.ScalarNode and item.tag == _STR and id(item) not in seen:
                    seen.add(id(item))
                    items.append(item.value)
                else:
                    items.append(self.value(item, depth + 1))
            return items
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


class Positions(Mapping[Path, tuple[int, int]]):
    """(line, column) of every value by its key path, found in the parsed nodes when first asked for.

    Only a glossary with problems needs them; a valid one never pays for the walk.
    """

    def __init__(self, root: yaml.Node):
        self._root: yaml.Node | None = root
        self._positions: dict[Path, tuple[int, int]] = {}

    def _walk(self) -> dict[Path, tuple[int, int]]:
        root, self._root = self._root, None
        if root is not None:
            found = self._positions
            seen: set[int] = set()  # an alias makes a node appear twice, or inside itself
            todo: list[tuple[yaml.Node, Path]] = [(root, ())]
            while todo:
                node, path = todo.pop()
                if id(node) in seen:
                    continue
                seen.add(id(node))
                found[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
                # Children pushed last first, so that nodes are visited in document order.
                if isinstance(node, yaml.MappingNode):
                    todo.extend(reversed([(value, path + (_key(key),)) for key, value in node.value]))
                elif isinstance(node, yaml.SequenceNode):
                    todo.extend(reversed([(item, path + (i,)) for i, item in enumerate(node.value)]))
        return self._positions

    def __getitem__(self, path: Path) -> tuple[int, int]:
        return self._walk()[path]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._walk())

    def __len__(self) -> int:
        return len(self._walk())


def _key(node: yaml.Node) -> Any:
    """A mapping key as `_Reader` reads it (a string, or the number of a plain integer key)."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _STR:
        return node.value
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


def read_yaml(text: str, name: str) -> tuple[Any, Mapping[Path, tuple[int, int]], list[Problem]]:
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
        data = reader.value(root, 0)
        return data, Positions(root), reader.problems
    finally:
        loader.dispose()
