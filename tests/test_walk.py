"""Walking input folders: deep trees, unlistable folders, long paths and FIFOs are reported, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from gloss.cli import _register, cli
from gloss.cli.common import run_guarded
from gloss.walk import WalkProblem, open_regular, walk_files
from test_cli import MINI, TEXT, gloss

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX FIFOs and path limits")


def run(args, capsys):
    _register()
    code = run_guarded(cli, [*args, "--terms", str(MINI)] if args[0] != "corpus" else args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_tree_1200_levels_deep_is_walked(tmp_path, capsys):
    folder = str(tmp_path)
    for _ in range(1200):
        folder = os.path.join(folder, "d")
        os.mkdir(folder)  # not os.makedirs: it recurses once per level
    with open(os.path.join(folder, "deep.txt"), "w", encoding="utf-8") as fh:
        fh.write(TEXT)
    try:
        code, out, err = run(["annotate", "-f", "jsonl", str(tmp_path)], capsys)
    finally:  # shutil.rmtree recurses too: pytest could not clean this tree up
        os.remove(os.path.join(folder, "deep.txt"))
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    assert code == 0, err
    assert len(json.loads(out)["annotations"]) == 2


def test_an_unlistable_folder_is_an_error_and_the_rest_is_annotated(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(["annotate", "-f", "jsonl", str(tmp_path)], capsys)
    assert code == 2
    assert err.splitlines()[0] == f"gloss: {locked}: cannot list this folder: Permission denied"
    rows = [json.loads(line) for line in out.splitlines()]
    assert [("error" in r) for r in rows] == [True, False] and rows[1]["annotations"]


@posix
def test_paths_over_the_system_limit_are_reported(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    name = "x" * 200
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(25):  # 5,000 characters: beyond PATH_MAX (4,096)
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        leaf = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(leaf, TEXT.encode())
        os.close(leaf)
    finally:
        os.close(fd)
    code, out, err = run(["annotate", "-f", "jsonl", str(tmp_path)], capsys)
    assert code == 2 and "File name too long" in err and "Traceback" not in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [("error" in row) for row in rows] == [True, False] and rows[1]["annotations"]


@posix
def test_a_fifo_in_an_input_folder_is_reported_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    r = subprocess.run([sys.executable, "-m", "gloss", "annotate", "-f", "jsonl", str(tmp_path)], capture_output=True,
                       timeout=20, env={**os.environ, "GLOSS_TERMS": str(MINI)})
    assert r.returncode == 2
    assert r.stderr.decode().strip() == f"gloss: {tmp_path / 'b.txt'}: is a FIFO, not a regular file; skipped"
    rows = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [("error" in row) for row in rows] == [True, False] and rows[1]["annotations"]


@posix
@pytest.mark.parametrize("fmt", ["json", "rich"])
def test_a_fifo_or_device_given_as_input_is_an_error(tmp_path, fmt):
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        r = subprocess.run([sys.executable, "-m", "gloss", "annotate", "-f", fmt, path], capture_output=True,
                           timeout=20, env={**os.environ, "GLOSS_TERMS": str(MINI)})
        err = r.stderr.decode()
        assert r.returncode == 2 and err.count("\n") == 1 and "not a regular file" in err, err


@posix
@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_as_the_glossary_is_an_error(tmp_path, target):
    if target == "fifo":
        target = str(tmp_path / "terms.fifo")
        os.mkfifo(target)
    r = subprocess.run([sys.executable, "-m", "gloss", "lookup", "sgyp", "--terms", target], capture_output=True,
                       timeout=20)
    err = r.stderr.decode()
    assert r.returncode == 1 and err.count("\n") == 1 and "not a regular file" in err, err


def test_corpus_scan_goes_on_after_an_undecodable_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "b.txt").write_text("2021年3月1日\n" + TEXT, encoding="utf-8")
    code, out, err = run(["corpus", "scan", "--terms", str(MINI), "-f", "json", str(tmp_path)], capsys)
    assert code == 2
    assert f"gloss: {tmp_path / 'a.txt'}: looks like a binary file" in err and "Traceback" not in err
    data = json.loads(out)
    assert [d["name"] for d in data["documents"]] == ["b.txt"]
    assert any(t["count"] for t in data["terms"])


def test_walk_files_order_matches_a_sorted_os_walk(tmp_path):
    for rel in ("b/x.txt", "a/z.md", "a/c/y.txt", "top.txt", "a/skip.bin"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    expected = []
    for root, dirs, files in os.walk(tmp_path):
        dirs.sort()
        expected += [os.path.join(root, f) for f in sorted(files) if f.endswith((".txt", ".md"))]
    assert list(walk_files(str(tmp_path), lambda n: n.endswith((".txt", ".md")))) == expected


@posix
def test_open_regular_refuses_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "f")
    with pytest.raises(OSError, match="is a FIFO"):
        open_regular(tmp_path / "f")
    problems = [p for p in walk_files(str(tmp_path), lambda n: True) if isinstance(p, WalkProblem)]
    assert [p.path for p in problems] == [str(tmp_path / "f")]
