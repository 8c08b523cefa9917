"""Output files: atomic, through symlinks, modes kept, never a temp file left, one-line errors."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from test_cli import MINI, TEXT, gloss

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".gloss-") or p.name.startswith(".tmp-"))


@posix
def test_output_writes_through_a_symlink(doc, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "l.json"
    link.symlink_to(real.name)
    r = gloss("annotate", "--format", "json", str(doc), "-o", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["annotations"]


@posix
def test_output_keeps_the_mode_of_the_file_it_replaces(doc, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o664)
    assert gloss("annotate", "--format", "json", str(doc), "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o664


@posix
def test_a_new_output_file_follows_the_umask_not_0600(doc, tmp_path):
    out = tmp_path / "new.json"
    old = os.umask(0o022)
    try:
        assert gloss("annotate", "--format", "json", str(doc), "-o", str(out)).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@posix
def test_a_fifo_output_is_written_to_not_replaced(doc, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the writer's open does not block
    try:
        r = gloss("annotate", "-f", "json", str(doc), "-o", str(fifo))
        data = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert r.returncode == 0, r.stderr
    assert json.loads(data)["annotations"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix
def test_a_device_output_is_written_to_not_replaced(doc):
    from gloss.outfile import open_output

    with open_output(os.devnull) as out:
        out.write("nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_directory_output_is_a_usage_error(doc, tmp_path):
    r = gloss("annotate", "-f", "json", str(doc), "-o", str(tmp_path))
    assert r.returncode == 2 and "is a directory" in r.stderr and "Traceback" not in r.stderr


@posix
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_output_folder_is_one_line_exit_1(doc, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        r = gloss("annotate", "-f", "json", str(doc), "-o", str(folder / "out.json"))
    finally:
        os.chmod(folder, 0o755)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "out.json" in r.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "jsonl", "rich", "markdown", "html"])
def test_full_disk_on_stdout_is_one_line_exit_1(doc, fmt):
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "gloss", "annotate", "-f", fmt, str(doc)], stdout=full,
                           stderr=subprocess.PIPE, env={**os.environ, "GLOSS_TERMS": str(MINI)})
    err = r.stderr.decode()
    assert r.returncode == 1 and err.count("\n") == 1 and "No space left" in err, err


def test_an_error_while_writing_removes_the_temp_file(tmp_path):
    from gloss.outfile import open_output

    target = tmp_path / "out.json"
    with pytest.raises(RuntimeError):
        with open_output(str(target)) as out:
            out.write("partial")
            raise RuntimeError("boom")
    assert not target.exists() and leftovers(tmp_path) == []


def test_unwritable_target_raises_output_error(tmp_path):
    from gloss.outfile import OutputError, open_output

    with pytest.raises(OutputError):
        with open_output(str(tmp_path / "missing" / "out.json")):
            pass


@posix
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_output_leaves_no_temp_file(tmp_path, sig, code):
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 40000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "gloss", "annotate", "-f", "jsonl", "--stream", str(big), str(big),
                             str(big), "-o", str(out)], env={**os.environ, "GLOSS_TERMS": str(MINI)},
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert leftovers(tmp_path), "the run never started writing"
    proc.send_signal(sig)
    returncode = proc.wait(timeout=60)
    err = proc.stderr.read().decode()
    assert returncode == code, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert leftovers(tmp_path) == [] and not out.exists()


@posix
@pytest.mark.parametrize("fmt", ["json", "jsonl", "rich", "markdown", "html"])
def test_sigpipe_exits_0_for_every_format(tmp_path, fmt):
    docs = []
    for i in range(3):
        path = tmp_path / f"{i}.txt"
        path.write_text(TEXT * 3000, encoding="utf-8")
        docs.append(str(path))
    args = docs if fmt == "jsonl" else docs[:1]
    shell = f"{sys.executable} -m gloss annotate -f {fmt} {' '.join(args)} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    r = subprocess.run(["bash", "-c", shell], capture_output=True, env={**os.environ, "GLOSS_TERMS": str(MINI)})
    assert r.stdout.decode().strip() == "0", r.stderr.decode()
    assert b"Traceback" not in r.stderr and b"Exception ignored" not in r.stderr


def test_closed_stdin_is_one_line(tmp_path):
    r = subprocess.run(["bash", "-c", f"{sys.executable} -m gloss annotate -f json - <&-"], capture_output=True,
                       env={**os.environ, "GLOSS_TERMS": str(MINI)})
    err = r.stderr.decode()
    assert r.returncode == 2 and err.count("\n") == 1 and "standard input" in err, err


@posix
def test_non_utf8_file_names_give_valid_utf8_output(tmp_path):
    name = "报告".encode("gbk") + b".txt"
    path = os.path.join(os.fsencode(tmp_path), name)
    with open(path, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    other = tmp_path / "b.txt"
    other.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = gloss("annotate", "-f", "jsonl", str(tmp_path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]
    assert len(rows) == 2 and all(row["annotations"] for row in rows)
    assert path in {os.fsencode(row["document"]["path"]) for row in rows}
    r = subprocess.run([sys.executable, "-m", "gloss", "annotate", "-f", "jsonl", os.fsencode(tmp_path)],
                       capture_output=True, env={**os.environ, "GLOSS_TERMS": str(MINI)})
    rows = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert len(rows) == 2 and path in {os.fsencode(row["document"]["path"]) for row in rows}
