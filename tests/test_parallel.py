"""Corpus mode: input order, per-file errors counted, progress, and the same annotations as one by one."""

from __future__ import annotations

import pytest

from gloss.parallel import Summary, annotate_files


def _corpus(tmp_path, seeds=None):
    paths = []
    texts = ["推进“放管服”改革，落实三个一批。", "知识产权和国家知识产权局", "", "无关的文字"]
    for n, text in enumerate(texts):
        p = tmp_path / f"doc{n}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    paths.insert(2, bad)
    paths.append(tmp_path / "missing.txt")
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_order_errors_progress_summary(tmp_path, mini, jobs):
    paths = _corpus(tmp_path)
    ticks = []
    summary = Summary()
    results = list(annotate_files(mini, paths, jobs=jobs, progress=lambda b, f: ticks.append((b, f)), summary=summary))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert [r.error is not None for r in results] == [False, False, True, False, False, True]
    assert "binary" in results[2].error and "missing.txt" in results[-1].error
    assert summary.files == 6 and summary.failures == 2
    assert summary.annotations == sum(len(r.annotations) for r in results) > 0
    assert summary.bytes == sum(p.stat().st_size for p in paths[:-1])
    assert [f for _, f in ticks] == [1, 2, 3, 4, 5, 6]
    assert ticks[-1][0] == summary.bytes
    for path, result in zip(paths, results):
        if result.error is None:
            text = path.read_text("utf-8")
            assert list(result.annotations) == mini.annotate(text)
            assert result.chars == len(text)


def test_seed_reports_in_two_workers_match_one_by_one(seeds, mini):
    paths = sorted(seeds.glob("*.txt"))
    results = list(annotate_files(mini, paths, jobs=2))
    for path, result in zip(paths, results):
        assert result.error is None
        assert list(result.annotations) == mini.annotate(path.read_text("utf-8-sig"))
