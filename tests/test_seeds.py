"""The shipped glossary on the seed reports: short excerpts always, the whole reports where present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gloss.normalize import normalize

EXCERPTS = Path(__file__).parent / "fixtures" / "excerpts"
SPLIT_TERMS = ("放管服", "四个意识", "三个一批", "三清两建")
PLAIN_NUMBERS = ("136.94亿元", "151个", "1516万元")


def found(glossary, text):
    return [(normalize(a.surface), a.entry.term) for a in glossary.annotate(text)]


def test_line_broken_terms_in_excerpts(real):
    text = (EXCERPTS / "jianxi-2020-line-breaks.txt").read_text(encoding="utf-8")
    terms = [t for _, t in found(real, text)]
    assert terms.count("四个意识") == 2 and "放管服" in terms
    text = (EXCERPTS / "jianxi-2023-footer.txt").read_text(encoding="utf-8")
    assert {"四个意识", "三个一批"} <= {t for _, t in found(real, text)}


def test_plain_numbers_in_excerpt_are_not_codes(real):
    text = (EXCERPTS / "yanshi-2022-numbers.txt").read_text(encoding="utf-8")
    surfaces = [s for s, _ in found(real, text)]
    assert surfaces == ["三清两建"]


def test_forum_chrome_and_half_width_punctuation(real):
    text = (EXCERPTS / "xigong-2020-forum.txt").read_text(encoding="utf-8")
    assert "放管服" in {t for _, t in found(real, text)}
    context = real.context(text)
    assert (context.region, context.year) == ("西工区", 2020)


def _split_occurrences(text: str, term: str) -> list[tuple[int, int]]:
    pattern = r"\s*".join(map(re.escape, term))
    return [m.span() for m in re.finditer(pattern, text) if "\n" in m.group()]


def seed_files(seeds: Path) -> list[Path]:
    files = sorted(seeds.glob("*.txt"))
    assert len(files) == 5
    return files


def test_whole_seed_reports(real, seeds):
    split_total = 0
    for path in seed_files(seeds):
        text = path.read_text(encoding="utf-8")
        anns = real.annotate(text)
        spans = [(a.start, a.end) for a in anns]
        for a in anns:
            assert text[a.start:a.end] == a.surface
        for term in SPLIT_TERMS:
            for start, end in _split_occurrences(text, term):
                split_total += 1
                assert any(s <= start and end <= e for s, e in spans), (path.name, term, start)
        for number in PLAIN_NUMBERS:
            for m in re.finditer(r"\s*".join(map(re.escape, number)), text):
                assert not any(s < m.end() and m.start() < e for s, e in spans), (path.name, number)
    assert split_total >= 6


@pytest.mark.parametrize("code, head", [("13710", "工作制度"), ("9+2", "工作布局")])
def test_codes_in_the_seeds_are_annotated_in_context(real, seeds, code, head):
    hits = 0
    for path in seed_files(seeds):
        text = path.read_text(encoding="utf-8")
        hits += sum(1 for a in real.annotate(text) if normalize(a.surface) == code)
    assert hits >= 2
