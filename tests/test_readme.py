"""README's example is real output of the shipped glossary."""

import os
import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_example_is_current_output():
    block = re.search(r"```console\n\$ (.*?)\n(.*?)```", README, flags=re.S)
    command, shown = block.group(1), block.group(2)
    assert command.startswith("printf ") and "| gloss annotate" in command
    text = re.search(r"printf '(.*?)'", command).group(1).replace("\\n", "\n")
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("GLOSS_TERMS", None)
    out = subprocess.run([sys.executable, "-m", "gloss", "annotate", "--summary", "-"], input=text.encode(),
                         capture_output=True, env=env).stdout.decode("utf-8")
    assert out == shown
