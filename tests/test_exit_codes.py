"""docs/cli.md's "Errors and exit codes" table, kept true: one case per row, run as a user runs it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_cli import MINI, TEXT, gloss

ROOT = Path(__file__).resolve().parents[1]
posix = os.name == "posix"


def table() -> dict[str, int]:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = doc.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| (\d+) \|$", section, flags=re.M)
    return {situation: int(code) for situation, code in rows}


def shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], capture_output=True, timeout=120,
                          env={**os.environ, "GLOSS_TERMS": str(MINI)})


def gloss_cmd() -> str:
    return f"{sys.executable} -m gloss"


def one_line(r) -> bool:
    err = r.stderr if isinstance(r.stderr, str) else r.stderr.decode()
    return err.count("\n") <= 1 and "Traceback" not in err


def done(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    return gloss("annotate", "-f", "json", str(doc))


def usage(tmp_path):
    return gloss("annotate", "--format", "nope", "x.txt")


def bad_input(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"PNG\x00\x00")
    r = gloss("annotate", "-f", "jsonl", str(binary), str(tmp_path / "missing.txt"), str(good))
    assert r.stderr.count("\n") == 3 and "2 failed" in r.stderr and "Traceback" not in r.stderr and '"annotations":[{' in r.stdout
    return r


def bad_glossary(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text("entries: [\n", encoding="utf-8")
    r = gloss("lookup", "x", env={"GLOSS_TERMS": str(path)})
    assert one_line(r)
    return r


def not_found(tmp_path):
    return gloss("lookup", "nothing-like-this")


def unwritable(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    r = shell(f"{gloss_cmd()} annotate -f json {doc} > /dev/full")
    assert one_line(r) and b"No space left" in r.stderr
    return r


def broken_pipe(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT * 5000, encoding="utf-8")
    r = shell(f"{gloss_cmd()} annotate -f json {doc} | head -c 1 > /dev/null; exit ${{PIPESTATUS[0]}}")
    assert one_line(r)
    return r


def _signalled(tmp_path, sig):
    for i in range(200):
        (tmp_path / f"{i:03}.txt").write_text(TEXT * 3000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gloss", "annotate", "-f", "jsonl", "-j", "2", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "GLOSS_TERMS": str(MINI)})
    time.sleep(2.5)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground process group
    else:
        proc.send_signal(sig)
    proc.wait(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, b"", proc.stderr.read())


def interrupted(tmp_path):
    r = _signalled(tmp_path, signal.SIGINT)
    assert r.stderr == b"gloss: interrupted\n", r.stderr
    return r


def terminated(tmp_path):
    r = _signalled(tmp_path, signal.SIGTERM)
    assert r.stderr == b"gloss: terminated\n", r.stderr
    return r


CASES = {
    "Everything done": done,
    "Usage error": usage,
    "An input cannot be used": bad_input,
    "The glossary is invalid": bad_glossary,
    "`gloss lookup` finds nothing": not_found,
    "The output cannot be written": unwritable,
    "The reader of standard output went away": broken_pipe,
    "Interrupted with Ctrl-C": interrupted,
    "Terminated (SIGTERM)": terminated,
}


def test_every_row_has_a_case():
    rows = table()
    assert len(rows) == len(CASES)
    for situation in rows:
        assert any(situation.startswith(prefix) for prefix in CASES), situation


@pytest.mark.skipif(not posix, reason="bash, /dev/full and POSIX signals")
@pytest.mark.parametrize("prefix", list(CASES))
def test_the_documented_exit_code(prefix, tmp_path):
    [(situation, code)] = [(s, c) for s, c in table().items() if s.startswith(prefix)]
    assert CASES[prefix](tmp_path).returncode == code, situation


# A one-command group run by run_guarded, as `python -m gloss` runs; BODY is the command's body.
_GUARDED_COMMAND = '''
import sys

import click

from gloss.cli.common import run_guarded


@click.group()
def group():
    pass


@group.command()
def build():
BODY


sys.exit(run_guarded(group, ["build"]))
'''

# As an import that builds a dataclass: the interrupt lands in code run with exec.
_INTERRUPTED_IN_EXEC = '''
    exec("import os, signal, time\\nos.kill(os.getpid(), signal.SIGINT)\\nfor _ in range(500):\\n    time.sleep(0.01)")
'''

_INTERRUPTED_IN_CALLBACK = '''
    import os, signal, time, weakref

    class Lock:
        pass

    def gone(_ref):  # as the import system's callback for a module lock no longer used
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)

    lock = Lock()
    ref = weakref.ref(lock, gone)
    del lock
    for _ in range(300):  # would finish, exit 0, had the interrupt been dropped in the callback
        time.sleep(0.01)
'''


def _run_module(tmp_path, name: str, body: str) -> subprocess.CompletedProcess:
    """A guarded command with this body, run as `python -m name`."""
    source = _GUARDED_COMMAND.replace("BODY", body.strip("\n"))
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", name], capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": path})


@pytest.mark.skipif(not posix, reason="POSIX signals")
def test_ctrl_c_landing_in_a_weakref_callback_is_not_lost(tmp_path):
    """Python drops an exception raised in a weakref callback (printing "Exception ignored"); the interrupt is
    raised again in the code that runs next."""
    r = _run_module(tmp_path, "interrupted_in_callback", _INTERRUPTED_IN_CALLBACK)
    assert (r.returncode, r.stderr) == (130, b"gloss: interrupted\n")


@pytest.mark.skipif(not posix, reason="POSIX signals")
def test_ctrl_c_inside_exec_code_still_exits_130(tmp_path):
    """CPython kills a process with SIGINT at exit after a KeyboardInterrupt escaped exec'd code; gloss's own does not.

    Run as a module, as `python -m gloss` is: a script's exit takes another path that never looks.
    """
    r = _run_module(tmp_path, "interrupted_in_exec", _INTERRUPTED_IN_EXEC)
    assert (r.returncode, r.stderr) == (130, b"gloss: interrupted\n")


def test_ctrl_c_is_taken_over_only_while_a_command_runs():
    from gloss.cli.common import Interrupted, run_guarded
    from gloss.cli import cli

    assert issubclass(Interrupted, KeyboardInterrupt)
    assert run_guarded(cli, ["--version"]) == 0
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
