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


def test_a_killed_worker_fails_only_its_own_file(tmp_path, mini, monkeypatch):
    import os

    import gloss.decode

    paths = []
    for name in ("a", "b", "crash", "c", "d", "e"):
        path = tmp_path / f"{name}.txt"
        path.write_text("推进放管服改革", encoding="utf-8")
        paths.append(str(path))
    real = gloss.decode.decode

    def dying(data, name="<bytes>", encoding=None):
        if name.endswith("crash.txt"):
            os._exit(9)  # the worker dies as if killed
        return real(data, name, encoding)

    monkeypatch.setattr(gloss.decode, "decode", dying)  # workers are forked: they inherit it
    results = list(annotate_files(mini, paths, jobs=2))
    assert [r.path for r in results] == paths
    assert [r.error is None for r in results] == [True, True, False, True, True, True]
    assert "worker process died" in results[2].error
    assert all(len(r.annotations) == 1 for r in results if r.error is None)


def test_ctrl_c_with_workers_is_one_line_and_exit_130(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from test_cli import MINI, TEXT

    for i in range(400):
        (tmp_path / f"{i:03}.txt").write_text(TEXT * 2000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gloss", "annotate", "-f", "jsonl", "-j", "2", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "GLOSS_TERMS": str(MINI)})
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    assert proc.wait(timeout=60) == 130
    err = proc.stderr.read().decode()
    assert err == "gloss: interrupted\n", err
